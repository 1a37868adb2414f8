"""The raw page store: newer-only upserts, tombstones, refresh times, parse marks."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiktlex.ingest.store import RawStore, text_sha1
from wiktlex.model import RawPage


def page(
    title: str = "word", revid: int | None = 1, text: str | None = None, **fields: object
) -> RawPage:
    return RawPage(
        title=title, text=text if text is not None else f"{title} at {revid}", revid=revid, **fields
    )  # type: ignore[arg-type]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[RawStore]:
    with RawStore(tmp_path / "raw.sqlite") as opened:
        yield opened


def test_upsert_takes_only_newer_revisions(store: RawStore) -> None:
    assert store.upsert(page(revid=5), source="api") is True
    assert store.upsert(page(revid=5)) is False  # same revision
    assert store.upsert(page(revid=4)) is False  # older
    assert store.get("word").revid == 5  # type: ignore[union-attr]
    assert store.upsert(page(revid=6, timestamp="2026-01-01T00:00:00Z")) is True
    stored = store.get("word")
    assert stored is not None and stored.revid == 6 and stored.text == "word at 6"
    status = store.status("word")
    assert status is not None and status.source == "" and status.fetched_at.endswith("Z")


def test_without_revids_timestamps_then_text_decide(store: RawStore) -> None:
    assert store.upsert(page(revid=None, timestamp="2020-01-01T00:00:00Z"))
    assert not store.upsert(page(revid=None, timestamp="2019-01-01T00:00:00Z", text="older"))
    assert store.upsert(page(revid=None, timestamp="2021-01-01T00:00:00Z", text="newer"))
    assert not store.upsert(page(revid=None, text="newer"))  # a file with the same text
    assert store.upsert(page(revid=None, text="edited by hand"))
    assert store.get("word").text == "edited by hand"  # type: ignore[union-attr]


def test_sha1_is_kept_or_computed(store: RawStore) -> None:
    store.upsert(page("a", text="alpha"))
    store.upsert(page("b", text="beta", sha1="given"))
    assert store.get("a").sha1 == text_sha1("alpha")  # type: ignore[union-attr]
    assert store.get("b").sha1 == "given"  # type: ignore[union-attr]


def test_page_fields_round_trip(store: RawStore, tmp_path: Path) -> None:
    original = RawPage(
        title="colour",
        text="#REDIRECT [[color]]",
        ns=0,
        pageid=3,
        revid=9,
        timestamp="2020-01-01T00:00:00Z",
        sha1="abc",
        redirect_to="color",
    )
    store.upsert(original)
    store.close()
    with RawStore(tmp_path / "raw.sqlite") as reopened:
        assert reopened.get("colour") == original
        assert len(reopened) == 1 and "colour" in reopened


def test_wal_mode(store: RawStore) -> None:
    db = sqlite3.connect(store.path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_iteration_and_filters(store: RawStore) -> None:
    store.upsert_many(
        [page("b"), page("a"), page("Wiktionary:X", ns=4), page("r", redirect_to="a")]
    )
    assert [p.title for p in store.iter_pages()] == ["Wiktionary:X", "a", "b", "r"]
    assert [p.title for p in store.iter_pages(namespaces=[0], include_redirects=False)] == [
        "a",
        "b",
    ]
    assert store.titles(namespaces=[4]) == ["Wiktionary:X"]


def test_upsert_many_counts_and_commits_in_batches(store: RawStore) -> None:
    def pages() -> Iterator[RawPage]:
        for i in range(25):
            yield page(f"p{i:02d}")
        raise RuntimeError("source broke")

    with pytest.raises(RuntimeError):
        store.upsert_many(pages(), batch=10)
    assert len(store) == 20  # two whole batches committed, the third rolled back
    stats = store.upsert_many([page("p00"), page("p00", revid=2), page("new")])
    assert (stats.seen, stats.changed) == (3, 2)


def test_transaction_rolls_back_on_error(store: RawStore) -> None:
    with pytest.raises(ValueError), store.transaction():
        store.upsert(page("kept?"))
        raise ValueError
    assert store.get("kept?") is None


def test_changed_pages_and_mark_parsed(store: RawStore) -> None:
    store.upsert_many([page("a"), page("b"), page("c")])
    assert store.count_changed("1") == 3
    parsed = list(store.changed_pages("1", limit=2))
    assert [p.title for p in parsed] == ["a", "b"]
    assert store.mark_parsed(parsed, "1") == 2
    assert [p.title for p in store.changed_pages("1")] == ["c"]
    store.upsert(page("a", revid=2))  # a new revision needs parsing again
    assert [p.title for p in store.changed_pages("1")] == ["a", "c"]
    assert store.count_changed("2") == 3  # a new parser version re-parses everything
    status = store.status("b")
    assert status is not None and (status.parsed_revid, status.parsed_version) == (1, "1")


def test_marking_a_stale_copy_keeps_the_page_changed(store: RawStore) -> None:
    store.upsert(page("a", revid=1))
    being_parsed = next(store.changed_pages("1"))
    store.upsert(page("a", revid=2))  # arrives while the worker parses revision 1
    store.mark_parsed([being_parsed], "1")
    assert [p.revid for p in store.changed_pages("1")] == [2]


def test_writing_while_iterating_changed_pages(store: RawStore) -> None:
    store.upsert_many(page(f"p{i:04d}") for i in range(1200))
    limited = [p.title for p in store.changed_pages("1", limit=700)]
    assert limited == [f"p{i:04d}" for i in range(700)]
    seen = 0
    for raw in store.changed_pages("1"):
        store.mark_parsed([raw], "1")
        seen += 1
    assert seen == 1200 and store.count_changed("1") == 0


def test_deletion_leaves_a_tombstone_until_unpublished(store: RawStore) -> None:
    store.upsert(page("gone"))
    store.mark_parsed([store.get("gone")], "1")  # type: ignore[list-item]
    assert store.record_deletion("gone", timestamp="2026-01-03T11:00:00Z", source="api") is True
    assert store.get("gone") is None and "gone" not in store and len(store) == 0
    assert store.get("gone", include_removed=True) is not None
    assert store.removed_pages() == ["gone"]
    assert store.count_changed("1") == 0
    assert store.mark_unpublished(["gone"]) == 1
    assert store.removed_pages() == []
    assert store.record_deletion("never there") is False
    assert [(e.kind, e.title) for e in store.events()] == [
        ("delete", "gone"),
        ("delete", "never there"),
    ]


def test_a_deleted_page_comes_back_when_seen_again(store: RawStore) -> None:
    store.upsert(page("phoenix", revid=3))
    store.record_deletion("phoenix")
    assert store.upsert(page("phoenix", revid=2)) is False  # an older copy does not revive it
    assert store.upsert(page("phoenix", revid=3)) is True  # restored at its last revision
    status = store.status("phoenix")
    assert status is not None and status.removed is None


def test_move_carries_the_text_and_tombstones_the_old_title(store: RawStore) -> None:
    store.upsert(page("AC-DC", revid=7))
    store.mark_parsed([store.get("AC-DC")], "1")  # type: ignore[list-item]
    assert store.record_move("AC-DC", "AC/DC", timestamp="2026-01-04T12:00:00Z") is True
    moved = store.get("AC/DC")
    assert moved is not None and moved.text == "AC-DC at 7"
    old = store.status("AC-DC")
    assert old is not None and (old.removed, old.moved_to) == ("moved", "AC/DC")
    assert store.removed_pages() == ["AC-DC"]
    assert [p.title for p in store.changed_pages("1")] == ["AC/DC"]
    assert [(e.kind, e.title, e.target) for e in store.events("AC/DC")] == [
        ("move", "AC-DC", "AC/DC")
    ]
    assert store.record_move("nothing", "elsewhere") is False


def test_last_refresh_per_source(store: RawStore) -> None:
    assert store.last_refresh("api") is None
    store.set_last_refresh("api", "2026-01-01T00:00:00Z")
    store.set_last_refresh("dump:x", "2025-01-01T00:00:00Z")
    store.set_last_refresh("api", "2026-02-01T00:00:00Z")
    assert store.last_refresh("api") == "2026-02-01T00:00:00Z"
    assert store.last_refresh("dump:x") == "2025-01-01T00:00:00Z"


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version=99")
    db.close()
    with pytest.raises(RuntimeError, match="newer"):
        RawStore(path)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=15))
def test_store_always_holds_the_newest_revision_seen(
    tmp_path_factory: pytest.TempPathFactory, revids: list[int]
) -> None:
    with RawStore(tmp_path_factory.mktemp("h") / "raw.sqlite") as store:
        best = 0
        for revid in revids:
            assert store.upsert(page(revid=revid)) is (revid > best)
            best = max(best, revid)
        assert store.get("word").revid == best  # type: ignore[union-attr]
