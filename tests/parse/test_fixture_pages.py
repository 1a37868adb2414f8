"""Every golden file under fixtures/pages: the parser's output must match, field by field.

A failure prints the per-field diff (`entry → sense path → field: expected … got …`);
when the change is intended, `wiktlex fixtures update fixtures/pages --only NAME`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wiktlex.testing import Fixture, assert_matches_expected, fixture_cases

PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "pages"


@pytest.mark.parametrize("case", fixture_cases(PAGES))
def test_fixture_page(case: Fixture) -> None:
    assert_matches_expected(case)
