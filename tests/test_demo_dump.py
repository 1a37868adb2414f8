"""The demo dump's production and release are the comparer's fixture pages, verbatim."""

from __future__ import annotations

import pytest
from support import FIXTURES

from wiktlex.ingest.dump import read_dump


@pytest.mark.parametrize("title", ["production", "release"])
def test_demo_dump_page_matches_fixture_page(title: str) -> None:
    pages = {p.title: p for p in read_dump(FIXTURES / "dumps" / "demo-pages-articles.xml")}
    fixture = (FIXTURES / "pages" / f"{title}.wikitext").read_text(encoding="utf-8")
    assert pages[title].text == fixture.rstrip("\n"), "run: python tools/sync_demo_dump.py"
