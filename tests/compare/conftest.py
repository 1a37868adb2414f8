"""A fixture lexicon for the comparer: real-format pages parsed and written to SQLite.

production and release come from fixtures/pages/ (shared with the demo dump); the
edge-case pages (while, dice, pomme, quickly) and a redirect (re-lease -> release, as a
dump marks it) live beside these tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import wiktlex
from wiktlex.export import EXPORTERS, ExportPage, open_lexicon
from wiktlex.lexicon import Lexicon
from wiktlex.model import RawPage

ROOT = Path(__file__).resolve().parents[2]
PAGES = [
    ROOT / "fixtures" / "pages" / "production.wikitext",
    ROOT / "fixtures" / "pages" / "release.wikitext",
    *sorted((Path(__file__).parent / "pages").glob("*.wikitext")),
]


def write_lexicon(path: Path, pages: list[Path]) -> Path:
    """Parse each page with the real parser and write it with the SQLite exporter."""
    exporter = EXPORTERS["sqlite"](path)
    with exporter:
        for i, page in enumerate(pages):
            text = page.read_text(encoding="utf-8")
            redirect = re.match(r"#REDIRECT \[\[([^\]]+)\]\]", text)
            raw = RawPage(title=page.stem, text=text, pageid=1000 + i, revid=50000 + i,
                          timestamp="2018-06-01T12:00:00Z",
                          redirect_to=redirect.group(1) if redirect else None)
            result = wiktlex.parse_page(raw)
            exporter.export(ExportPage.from_parse(raw, result, wiktlex.PARSER_VERSION))
    return path


@pytest.fixture(scope="session")
def lexicon_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_lexicon(tmp_path_factory.mktemp("lexicon") / "lexicon.sqlite", PAGES)


@pytest.fixture
def lexicon(lexicon_path: Path) -> Iterator[Lexicon]:
    with open_lexicon(lexicon_path) as lex:
        yield lex
