"""Staleness: each store answers for itself, the comparison names every reason to re-parse."""

from __future__ import annotations

from pathlib import Path

import pytest

from wiktlex.ingest.store import RawStore, Revision
from wiktlex.lexicon import LexiconWriter, PageState, open_lexicon
from wiktlex.model import ExportPage, RawPage
from wiktlex.pipeline import staleness
from wiktlex.pipeline.staleness import Staleness


def raw_page(title: str, text: str = "x", revid: int = 1) -> RawPage:
    return RawPage(title=title, text=text, revid=revid)


@pytest.fixture
def stores(tmp_path: Path) -> tuple[RawStore, Path]:
    raw = RawStore(tmp_path / "raw.sqlite")
    raw.upsert_many([raw_page(t) for t in ["a", "b", "c", "d", "e", "f"]])
    raw.upsert(raw_page("b", text="changed", revid=2))  # newer text: another sha1
    raw.record_deletion("f")
    stored = {p.title: p for p in raw.iter_pages()}
    db = tmp_path / "lex.sqlite"
    with LexiconWriter(db, parser_version="v1") as lex:
        for title, version, status in [("a", "v1", "ok"), ("c", "v0", "ok"), ("d", "v1", "partial"),
                                       ("e", "v1", "ok")]:
            page = stored[title]
            lex.export(ExportPage(title=title, sha1=page.sha1, revid=page.revid,
                                  parser_version=version, status=status))
        lex.export(ExportPage(title="b", sha1="old", revid=1, parser_version="v1"))
    return raw, db


def test_every_reason_to_parse_again(stores: tuple[RawStore, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    raw, db = stores
    monkeypatch.setattr(staleness, "STEP", 2)  # walk the stores in several steps
    with open_lexicon(db) as lexicon:
        stale = Staleness(raw, lexicon, "v1")
        # b: other text and revision, c: other parser version, d: partial; f is removed
        assert stale.count() == 3
        assert list(stale.pages(2)) == [["b", "c"], ["d"]]
        assert stale.among(["e", "d", "zzz", "b", "d", "f"]) == ["d", "b"]  # order given, once
        assert stale.live_count() == 5


def test_each_store_answers_its_own_named_queries(stores: tuple[RawStore, Path]) -> None:
    raw, db = stores
    assert list(raw.revisions(["a", "f", "nope"])) == ["a"]
    assert [r.title for r in raw.revisions_after("b", 2)] == ["c", "d"]
    assert isinstance(raw.revisions_after("", 1)[0], Revision)
    with open_lexicon(db) as lexicon:
        states = lexicon.parsed_states(["b", "c", "nope"])
        assert states["b"] == PageState(sha1="old", revid=1, parser_version="v1", status="ok")
        assert set(states) == {"b", "c"}
        assert list(lexicon.parsed_states_between("b", "d")) == ["b", "c", "d"]
