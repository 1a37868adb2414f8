"""`fetch_into_store` and the `wiktlex fetch` command against the fake wiki on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from wiktlex.cli.fetch import command as fetch
from wiktlex.ingest.api import ApiFetcher, RetryPolicy
from wiktlex.ingest.errors import FetchError
from wiktlex.ingest.store import RawStore
from wiktlex.ingest.sync import LAST, NoPreviousRefresh, fetch_into_store
from wiktlex.model import RawPage

FAST = RetryPolicy(patience=0.05, backoff=0.001, max_delay=0.01)


def fetcher_for(wiki: Any) -> ApiFetcher:
    return ApiFetcher(wiki.url, contact="tests@example.org", retry=FAST)


def test_fetch_titles_into_store(fake_wiki: Any, tmp_path: Path) -> None:
    with RawStore(tmp_path / "raw.sqlite") as store:
        report = fetch_into_store(
            store, fetcher_for(fake_wiki), titles=["production", "release", "colour", "nosuch"]
        )
        assert (report.fetched, report.changed, report.unchanged) == (3, 3, 0)
        assert report.missing == ["nosuch"] and report.resolved == {"colour": "color"}
        assert store.titles() == ["color", "production", "release"]
        assert store.get("production").revid == 88001  # type: ignore[union-attr]
        again = fetch_into_store(store, fetcher_for(fake_wiki), titles=["production"])
        assert (again.fetched, again.changed) == (1, 0)
        assert store.last_refresh(fake_wiki.url) is None  # only --since runs are refreshes


def test_a_missing_title_that_was_stored_is_recorded_deleted(
    fake_wiki: Any, tmp_path: Path
) -> None:
    with RawStore(tmp_path / "raw.sqlite") as store:
        store.upsert(RawPage(title="nosuch", text="old", revid=5))
        report = fetch_into_store(store, fetcher_for(fake_wiki), titles=["nosuch"])
        assert report.deleted == ["nosuch"] and store.get("nosuch") is None


def test_fetch_since_applies_edits_moves_and_deletions(fake_wiki: Any, tmp_path: Path) -> None:
    with RawStore(tmp_path / "raw.sqlite") as store:
        store.upsert(RawPage(title="oldword", text="to be deleted", revid=1))
        store.upsert(RawPage(title="AC-DC", text="before the move", revid=2))
        store.upsert(RawPage(title="release", text="older release", revid=86002))
        report = fetch_into_store(store, fetcher_for(fake_wiki), since="2026-01-01T00:00:00Z")
        assert report.changes_seen == 6
        assert report.deleted == ["oldword"] and report.moved == [("AC-DC", "AC/DC")]
        assert store.titles() == ["AC/DC", "free lunch", "newword", "production", "release"]
        assert store.get("release").revid == 88002  # type: ignore[union-attr]
        assert store.get("AC/DC").revid == 88006  # type: ignore[union-attr]
        assert store.status("AC-DC").moved_to == "AC/DC"  # type: ignore[union-attr]
        assert store.last_refresh(fake_wiki.url) == report.started


def test_since_last_continues_from_the_recorded_refresh(fake_wiki: Any, tmp_path: Path) -> None:
    with RawStore(tmp_path / "raw.sqlite") as store:
        with pytest.raises(NoPreviousRefresh):
            fetch_into_store(store, fetcher_for(fake_wiki), since=LAST)
        store.set_last_refresh(fake_wiki.url, "2026-01-05T00:00:00Z")
        report = fetch_into_store(store, fetcher_for(fake_wiki), since=LAST)
        assert report.since == "2026-01-05T00:00:00Z"
        assert store.titles() == ["free lunch", "production"]


def test_a_failing_batch_keeps_what_was_stored(fake_wiki: Any, tmp_path: Path) -> None:
    titles = [f"w{i:02d}" for i in range(70)]
    for i, title in enumerate(titles):
        fake_wiki.add_page(title, "x", revid=i + 1)
    fake_wiki.fail(
        "status", times=float("inf"), status=503, when=lambda p: "w60" in p.get("titles", "")
    )
    with RawStore(tmp_path / "raw.sqlite") as store:
        with pytest.raises(FetchError) as caught:
            fetch_into_store(store, fetcher_for(fake_wiki), titles=titles)
        assert caught.value.titles == titles[50:]
        assert store.titles() == titles[:50]


def test_a_failed_since_run_does_not_move_the_refresh_time(fake_wiki: Any, tmp_path: Path) -> None:
    fake_wiki.fail("status", times=float("inf"), status=503, when=lambda p: "titles" in p)
    with RawStore(tmp_path / "raw.sqlite") as store:
        with pytest.raises(FetchError):
            fetch_into_store(store, fetcher_for(fake_wiki), since="2026-01-01T00:00:00Z")
        assert store.last_refresh(fake_wiki.url) is None


# -- the command ------------------------------------------------------------------------


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(fetch, list(args), env=env, catch_exceptions=False)


def test_cli_fetch_titles(fake_wiki: Any, tmp_path: Path) -> None:
    store = str(tmp_path / "raw.sqlite")
    result = run(
        "--titles",
        "production,release",
        "--api-url",
        fake_wiki.url,
        "--store",
        store,
        "--contact",
        "tests@example.org",
    )
    assert result.exit_code == 0, result.output
    assert "fetched 2 page(s), 2 new or changed" in result.output
    with RawStore(store) as opened:
        assert opened.titles() == ["production", "release"]
    agent = fake_wiki.seen[0].headers["User-Agent"]
    assert "tests@example.org" in agent


def test_cli_fetch_since(fake_wiki: Any, tmp_path: Path) -> None:
    store = str(tmp_path / "raw.sqlite")
    result = run(
        "--since",
        "2026-01-01T00:00:00Z",
        "--api-url",
        fake_wiki.url,
        "--store",
        store,
        env={"WIKTLEX_CONTACT": "env@example.org"},
    )
    assert result.exit_code == 0, result.output
    assert "changes since 2026-01-01T00:00:00Z: 6" in result.output
    assert "moved: AC-DC -> AC/DC" in result.output
    assert "env@example.org" in fake_wiki.seen[0].headers["User-Agent"]
    again = run("--since", "last", "--api-url", fake_wiki.url, "--store", store)
    assert again.exit_code == 0 and "fetched 0 page(s)" in again.output


def test_cli_usage_errors(fake_wiki: Any, tmp_path: Path) -> None:
    store = str(tmp_path / "raw.sqlite")
    neither = run("--api-url", fake_wiki.url, "--store", store)
    assert neither.exit_code == 2 and "exactly one of --titles or --since" in neither.output
    bad_time = run("--since", "yesterday", "--api-url", fake_wiki.url, "--store", store)
    assert bad_time.exit_code == 2 and "ISO 8601" in bad_time.output
    assert fake_wiki.seen == []


def test_cli_refuses_wikimedia_without_contact(tmp_path: Path) -> None:
    result = run(
        "--titles",
        "production",
        "--store",
        str(tmp_path / "raw.sqlite"),
        env={"WIKTLEX_CONTACT": ""},
    )
    assert result.exit_code == 1 and "give a contact" in result.output


def test_cli_reports_titles_not_fetched(fake_wiki: Any, tmp_path: Path) -> None:
    fake_wiki.fail("status", times=float("inf"), status=503)
    result = CliRunner().invoke(
        fetch,
        [
            "--titles",
            "production,release",
            "--api-url",
            fake_wiki.url,
            "--store",
            str(tmp_path / "raw.sqlite"),
            "--contact",
            "t@example.org",
            "--patience",
            "50ms",
        ],
    )
    assert result.exit_code == 1
    assert "not fetched (gave up; 2): production, release" in result.output
    assert "HTTP 503; 2 title(s) not fetched" in result.output


def test_wiktlex_fetch_is_registered(fake_wiki: Any, tmp_path: Path) -> None:
    from wiktlex.cli import cli

    store = str(tmp_path / "raw.sqlite")
    args = ["fetch", "--titles", "production,release", "--api-url", fake_wiki.url, "--store", store]
    result = CliRunner().invoke(cli, [*args, "--contact", "t@example.org"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "fetched 2 page(s)" in result.output
