"""A pytest helper for golden-file parser tests, usable by any project with fixture pages.

    from wiktlex.testing import assert_matches_expected, fixture_cases

    @pytest.mark.parametrize("case", fixture_cases("fixtures/pages"))
    def test_page(case):
        assert_matches_expected(case)

A failing case raises AssertionError with the same per-field diff as
`wiktlex fixtures check`. pytest is imported only inside `fixture_cases`, so importing
this module never needs pytest (the core package must run without test extras).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from wiktlex.fixtures import (
    Fixture,
    FixtureError,
    Report,
    check,
    discover,
    load_expected,
    produce,
    schema_errors,
)
from wiktlex.fixtures.diff import diff_entries

__all__ = ["Fixture", "assert_matches_expected", "fixture_cases", "fixture_check"]


def fixture_cases(directory: Path | str, only: str | None = None) -> list[Any]:
    """One `pytest.param(fixture, id=NAME)` per fixture page in `directory`."""
    import pytest

    return [pytest.param(fixture, id=fixture.name) for fixture in discover([directory], only)]


def assert_matches_expected(case: Fixture) -> None:
    """Parse the fixture and compare with its expected file; the diff is the message.

    The expected entries must also validate against the lexicon's JSON Schema, so a
    golden file can never enshrine output that breaks the contract.
    """
    __tracebackhide__ = True  # pytest shows the diff, not this function's source
    try:
        expected = load_expected(case)
        got = produce(case)
    except FixtureError as exc:
        raise AssertionError(str(exc)) from None
    if expected != got:
        lines = diff_entries(case.name, expected, got)
        lines.append(f"(if the change is intended: {case.update_hint()})")
        raise AssertionError("\n".join(lines))
    problems = schema_errors(expected)
    if problems:
        raise AssertionError(
            "\n".join(f"{case.name}: breaks the JSON Schema: {p}" for p in problems)
        )


def fixture_check(
    dirs: Iterable[Path | str], only: str | None = None, fail_fast: bool = False
) -> Report:
    """Check whole directories at once (outcomes and summary), as the CLI does."""
    return check(dirs, only=only, fail_fast=fail_fast)
