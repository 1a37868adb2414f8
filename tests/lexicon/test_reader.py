"""The read API the comparer uses: open_lexicon, entries, suggest, page_source, stats."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from wiktlex.export import LexiconError, open_lexicon
from wiktlex.lexicon import LexiconWriter
from wiktlex.model import ExportPage


@pytest.fixture
def lexicon_path(tmp_path: Path, make_page: Callable[..., ExportPage]) -> Path:
    db = tmp_path / "lex.sqlite"
    with LexiconWriter(db, parser_version="7") as ex:
        for title in ["production", "Production", "productions", "release", "released", "lease"]:
            ex.export(make_page(title))
    return db


def test_entries_round_trip_exactly(lexicon_path: Path, make_page: Callable[..., ExportPage]) -> None:
    with open_lexicon(lexicon_path) as lexicon:
        assert lexicon.entries("release") == make_page("release").entries
        assert [e.lang_code for e in lexicon.entries("release", lang_code="fr")] == ["fr"]
        assert lexicon.entries("nonexistent") == []
        assert lexicon.entries("release", lang_code="xx") == []


def test_suggest_finds_near_spellings(lexicon_path: Path) -> None:
    with open_lexicon(lexicon_path) as lexicon:
        assert lexicon.suggest("relase")[:1] == ["release"]
        assert "production" in lexicon.suggest("prodution")
        assert lexicon.suggest("PRODUCTION")[:2] == ["Production", "production"]
        assert "release" not in lexicon.suggest("release")
        assert len(lexicon.suggest("pro", limit=2)) <= 2
        assert lexicon.suggest("") == [] and lexicon.suggest("x", limit=0) == []
        assert lexicon.suggest('"weird" OR query*') == []  # FTS syntax is never interpreted


def test_page_source_stats_meta(lexicon_path: Path) -> None:
    with open_lexicon(lexicon_path) as lexicon:
        source = lexicon.page_source("lease")
        assert source is not None and (source.title, source.revid) == ("lease", 1)
        assert lexicon.page_source("nope") is None
        stats = lexicon.stats()
        assert stats["counts"]["pages"] == 6 and stats["counts"]["entries"] == 12
        assert stats["meta"]["parser_version"] == "7"
        assert stats["languages"] == {"English": 6, "French": 6}
        assert lexicon.search_glosses("faire")[0] == ("Production", "faire")
        assert lexicon.search_glosses('"unbalanced') == []
        assert [d.template for d in lexicon.diagnostics("lease")] == ["foo"]


def test_the_reader_cannot_write(lexicon_path: Path) -> None:
    import sqlite3

    with open_lexicon(lexicon_path) as lexicon, pytest.raises(sqlite3.OperationalError):
        lexicon._conn.execute("DELETE FROM pages")


@pytest.mark.parametrize("content", [None, b"garbage" * 100, b""])
def test_not_a_lexicon_is_a_clear_error(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "x.sqlite"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(LexiconError) as err:
        open_lexicon(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


@pytest.fixture
def titles_path(tmp_path: Path, make_page: Callable[..., ExportPage]) -> Path:
    """Look-alikes of "large" (the issue's noisy example), a redirect and case variants."""
    db = tmp_path / "titles.sqlite"
    with LexiconWriter(db, parser_version="7") as ex:
        for title in ["aflare", "absterge", "Argentina", "scourge", "barge", "lance", "lard",
                      "book", "with a grain of salt", "May", "may"]:
            ex.export(make_page(title, n=1))
        for i in range(3):  # glosses that use "lance": the lexicon mentions it most
            ex.export(make_page(f"spear{i}", n=1, gloss="a kind of lance"))
        ex.export(ExportPage(title="grain of salt", parser_version="7", status="redirect",
                             redirect_to="with a grain of salt"))
        ex.export(ExportPage(title="dangling", parser_version="7", status="redirect",
                             redirect_to="nowhere"))
    return db


def test_suggest_ranks_by_distance_then_mentions(titles_path: Path) -> None:
    with open_lexicon(titles_path) as lexicon:
        assert lexicon.suggest("large") == ["barge", "lance", "lard"]
        assert lexicon.suggest("bok") == ["book"]
        assert lexicon.suggest("a\x00b") == [] and lexicon.suggest("\ufffd") == []


def test_resolve_folds_case_and_follows_redirects(titles_path: Path) -> None:
    with open_lexicon(titles_path) as lexicon:
        assert lexicon.resolve("book") == "book"
        assert lexicon.resolve("Book") == "book" and lexicon.resolve("BOOK") == "book"
        assert lexicon.resolve("May") == "May" and lexicon.resolve("MAY") == "may"
        assert lexicon.resolve("grain of salt") == "with a grain of salt"
        assert lexicon.resolve("Grain of salt") == "with a grain of salt"
        assert lexicon.resolve("dangling") is None and lexicon.resolve("nope") is None
        assert lexicon.resolve("a\x00b") is None
        assert lexicon.known(["Book", "grain of salt", "nope", "dangling", "a\x00"]) == {
            "Book", "grain of salt", "dangling"}  # a redirect is a page, even a dangling one


def test_complete_and_mentions(titles_path: Path) -> None:
    with open_lexicon(titles_path) as lexicon:
        assert lexicon.complete("la") == ["lance", "lard"]  # lance: the most mentioned
        assert lexicon.mentions(["lance", "lard"])["lance"] > lexicon.mentions(["lard"])["lard"]
        assert lexicon.complete("") == []


@pytest.mark.parametrize(("a", "b", "distance"), [
    ("large", "barge", 1), ("large", "lager", 2), ("form", "from", 1), ("", "abc", 3),
    ("colour", "color", 1), ("abc", "abc", 0),
])
def test_edit_distance(a: str, b: str, distance: int) -> None:
    from wiktlex.lexicon.reader import edit_distance

    assert edit_distance(a, b) == distance
