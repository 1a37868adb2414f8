"""The fetcher against a misbehaving server on 127.0.0.1: nothing lost, nothing corrupted.

Corrupt gzip, truncated and invalid bodies, JSON of the wrong shape, text that does not
match its sha1, endless continuation, sustained maxlag. Most tests spend their patience
in virtual time (`VirtualTime`); the few that wait for real wait about a second.
"""

from __future__ import annotations

import copy
import hashlib
import sqlite3
import time
from pathlib import Path
from typing import Any

import fake_mediawiki  # loaded by conftest from tools/
import pytest
from click.testing import CliRunner
from support import FAST, VirtualTime, make_fetcher

from wiktlex.cli.fetch import command as fetch
from wiktlex.ingest.api import ApiFetcher, RetryPolicy
from wiktlex.ingest.errors import FetchError
from wiktlex.ingest.retry import format_duration, parse_duration
from wiktlex.ingest.store import RawStore
from wiktlex.ingest.sync import fetch_into_store


def tampered(wiki: Any, text: str | None = None) -> Any:
    """A body maker: the true answer, with the text of every page changed."""

    def body(params: dict[str, str]) -> dict[str, Any]:
        answer = copy.deepcopy(wiki.answer(params))
        for page in answer.get("query", {}).get("pages", []):
            for revision in page.get("revisions", []):
                main = revision["slots"]["main"]
                main["content"] = text if text is not None else main["content"] + " [garbled]"
        return answer

    return body


# -- bad bodies are retried like dropped connections -----------------------------------


@pytest.mark.parametrize(
    ("kind", "options"),
    [
        ("badgzip", {}),
        ("gziptruncate", {}),
        ("truncate", {}),
        ("raw", {"body": b'{"batchcomplete": true, "query": {"pages": [{"title": "x'}),
        ("raw", {"body": b"<html>Bad gateway</html>"}),
        ("json", {"body": {"query": {"normalized": "oops"}}}),
        ("json", {"body": {"query": {"pages": [{"ns": 0}]}}}),
        ("json", {"body": {"query": {"pages": "nope"}, "continue": {"rvcontinue": 2}}}),
        ("json", {"body": [1, 2, 3]}),
    ],
)
def test_a_bad_response_is_retried(fake_wiki: Any, kind: str, options: dict[str, Any]) -> None:
    fake_wiki.fail(kind, times=2, **options)
    fetcher, slept = make_fetcher(fake_wiki)
    result = fetcher.fetch(["production", "release"])
    assert [p.title for p in result.pages] == ["production", "release"]
    assert [s.fault for s in fake_wiki.seen] == [kind, kind, None]
    assert slept == [FAST.backoff, FAST.backoff * 2]


def test_wrong_shape_for_good_is_one_line_naming_the_titles(fake_wiki: Any) -> None:
    fake_wiki.fail("json", times=float("inf"), body={"query": {"normalized": "oops"}})
    fetcher, _ = make_fetcher(fake_wiki)
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(["production", "release"])
    message = str(caught.value)
    assert "\n" not in message and caught.value.titles == ["production", "release"]
    assert "unexpected JSON (Expected `array`, got `str` - at `$.query.normalized`)" in message


def test_invalid_utf8_is_never_stored_as_replacement_characters(
    fake_wiki: Any, tmp_path: Path
) -> None:
    good = fake_wiki.answer({"format": "json", "action": "query", "titles": "naïve"})
    raw = fake_mediawiki.json.dumps(good, ensure_ascii=False).encode("utf-8")
    broken = raw.replace("ï".encode(), b"\xc3\x28", 1)
    fake_wiki.fail("raw", times=float("inf"), body=broken)
    fetcher, _ = make_fetcher(fake_wiki)
    with RawStore(tmp_path / "raw.sqlite") as store:
        with pytest.raises(FetchError, match="Invalid UTF-8"):
            fetch_into_store(store, fetcher, titles=["naïve"])
        assert store.titles() == []
    fake_wiki.faults.clear()
    with RawStore(tmp_path / "raw.sqlite") as store:
        fetch_into_store(store, make_fetcher(fake_wiki)[0], titles=["naïve"])
        page = store.get("naïve")
        assert page is not None and "\ufffd" not in page.text
        assert hashlib.sha1(page.text.encode()).hexdigest() == page.sha1


# -- sha1: text that is not what the server describes -------------------------------


def test_text_not_matching_the_sha1_is_fetched_again(fake_wiki: Any, tmp_path: Path) -> None:
    fake_wiki.fail("json", times=1, body=tampered(fake_wiki))
    with RawStore(tmp_path / "raw.sqlite") as store:
        report = fetch_into_store(store, make_fetcher(fake_wiki)[0], titles=["production"])
        page = store.get("production")
        assert page is not None and "[garbled]" not in page.text and report.complete
        assert not store.status("production").suspect  # type: ignore[union-attr]
    assert len(fake_wiki.seen) == 2


def test_text_that_never_matches_is_not_stored(fake_wiki: Any, tmp_path: Path) -> None:
    counter = iter(range(10**6))
    fake_wiki.fail(
        "json",
        times=float("inf"),
        body=lambda p: tampered(fake_wiki, f"garbled {next(counter)}")(p),
    )
    with RawStore(tmp_path / "raw.sqlite") as store:
        report = fetch_into_store(
            store, make_fetcher(fake_wiki)[0], titles=["production", "nosuch"]
        )
        assert store.titles() == [] and report.missing == ["nosuch"]
        assert report.failed == ["production"]
        assert report.reasons == {"production": "text does not match the server's sha1"}
        assert not report.complete


def test_the_same_text_on_every_fetch_is_stored_unverified(fake_wiki: Any, tmp_path: Path) -> None:
    fake_wiki.fail("json", times=float("inf"), body=tampered(fake_wiki, "the same text"))
    with RawStore(tmp_path / "raw.sqlite") as store:
        report = fetch_into_store(store, make_fetcher(fake_wiki)[0], titles=["production"])
        assert report.unverified == ["production"] and report.complete
        status = store.status("production")
        assert status is not None and status.suspect
        assert store.suspect_titles() == ["production"]
        fake_wiki.faults.clear()  # the server heals: a good copy of the same revision
        again = fetch_into_store(store, make_fetcher(fake_wiki)[0], titles=["production"])
        assert again.changed == 1 and store.suspect_titles() == []
        assert store.get("production").revid == status.revid  # type: ignore[union-attr]


def test_a_damaged_stored_copy_is_repaired_at_the_same_revid(
    fake_wiki: Any, tmp_path: Path
) -> None:
    """A store written before text was verified: U+FFFD beside the server's sha1."""
    path = tmp_path / "old.sqlite"
    with RawStore(path) as store:
        fetch_into_store(store, make_fetcher(fake_wiki)[0], titles=["naïve", "release"])
    db = sqlite3.connect(path)  # make it a store of schema 1 with one damaged text
    db.executescript(
        "ALTER TABLE pages DROP COLUMN text_sha1; PRAGMA user_version=1;"
        "UPDATE pages SET text = replace(text, 'experience', 'exp\ufffdrience')"
        " WHERE title = 'naïve';"
    )
    db.close()
    with RawStore(path) as store:
        report = fetch_into_store(store, make_fetcher(fake_wiki)[0], titles=["naïve", "release"])
        assert (report.fetched, report.changed) == (2, 1)
        page = store.get("naïve")
        assert page is not None and "\ufffd" not in page.text and "experience" in page.text
        assert store.status("release").text_sha1 == store.status("release").sha1  # type: ignore[union-attr]


def test_since_runs_fetch_suspect_pages_again(fake_wiki: Any, tmp_path: Path) -> None:
    with RawStore(tmp_path / "raw.sqlite") as store:
        fake_wiki.fail("json", times=float("inf"), body=tampered(fake_wiki, "stale"))
        fetch_into_store(store, make_fetcher(fake_wiki)[0], titles=["color"])
        assert store.suspect_titles() == ["color"]
        fake_wiki.faults.clear()
        fetch_into_store(store, make_fetcher(fake_wiki)[0], since="2026-01-01T00:00:00Z")
        assert store.suspect_titles() == []
        assert "color" in fake_wiki.seen[-1].params["titles"].split("|")


# -- continuation ------------------------------------------------------------------


def test_endless_continuation_is_bounded(fake_wiki: Any) -> None:
    rounds = iter(range(10**6))
    fake_wiki.fail(
        "json",
        times=float("inf"),
        body=lambda p: {"continue": {"rvcontinue": str(next(rounds)), "continue": "||"}},
    )
    fetcher, _ = make_fetcher(fake_wiki)
    with pytest.raises(FetchError, match="continuation did not end after 18 responses"):
        fetcher.fetch(["production", "release"])
    assert len(fake_wiki.seen) == 18


def test_a_continuation_cycle_is_an_error(fake_wiki: Any) -> None:
    tokens = iter(["a", "b", "a", "b"])
    fake_wiki.fail(
        "json",
        times=float("inf"),
        body=lambda p: {"continue": {"rvcontinue": next(tokens), "continue": "||"}},
    )
    fetcher, _ = make_fetcher(fake_wiki)
    with pytest.raises(FetchError, match="continuation does not advance"):
        fetcher.fetch(["production"])
    assert len(fake_wiki.seen) == 3


def test_a_list_query_is_bounded_too(fake_wiki: Any) -> None:
    rounds = iter(range(10**6))
    fake_wiki.fail(
        "json",
        times=float("inf"),
        body=lambda p: {"query": {"allpages": []}, "continue": {"apcontinue": str(next(rounds))}},
    )
    fetcher, _ = make_fetcher(fake_wiki, max_list_rounds=50)
    with pytest.raises(FetchError, match="after 50 responses"):
        list(fetcher.all_pages())


def test_what_a_failing_batch_received_is_stored(fake_wiki: Any, tmp_path: Path) -> None:
    fake_wiki.max_content = 2
    titles = ["production", "release", "color", "free lunch", "naïve"]
    fake_wiki.fail(
        "status", times=float("inf"), status=503, when=lambda p: p.get("rvcontinue") == "2"
    )
    with RawStore(tmp_path / "raw.sqlite") as store:
        with pytest.raises(FetchError) as caught:
            fetch_into_store(store, make_fetcher(fake_wiki)[0], titles=titles)
        assert store.titles() == ["production", "release"]
        assert caught.value.titles == ["color", "free lunch", "naïve"]
        report = caught.value.report
        assert report.fetched == 2 and report.unfetched == caught.value.titles  # type: ignore[attr-defined]


# -- patience -------------------------------------------------------------------------


def sustained_maxlag(wiki: Any, retry_after: str = "5", times: float = float("inf")) -> None:
    wiki.fail("json", times=times, body=wiki.maxlag_body, headers={"Retry-After": retry_after})


def test_sustained_maxlag_is_waited_out_within_patience(fake_wiki: Any) -> None:
    sustained_maxlag(fake_wiki, times=100)  # 500 s of replica lag
    fetcher, slept = make_fetcher(fake_wiki, retry=RetryPolicy(patience=600))
    assert [p.title for p in fetcher.fetch(["production"]).pages] == ["production"]
    assert slept == [5.0] * 100


def test_sustained_maxlag_beyond_patience_gives_up_in_one_line(fake_wiki: Any) -> None:
    sustained_maxlag(fake_wiki)
    fetcher, slept = make_fetcher(fake_wiki, retry=RetryPolicy(patience=300))
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(["production"])
    assert sum(slept) == 300 and len(fake_wiki.seen) == 61
    assert "gave up after 61 attempt(s) in 5m (patience 5m): API error maxlag" in str(caught.value)


def test_retry_after_longer_than_the_patience_left_gives_up_at_once(fake_wiki: Any) -> None:
    fake_wiki.fail("status", status=429, headers={"Retry-After": "90"})
    fetcher, slept = make_fetcher(fake_wiki, retry=RetryPolicy(patience=60))
    with pytest.raises(FetchError, match="HTTP 429"):
        fetcher.fetch(["production"])
    assert slept == []


def closed_port_url() -> str:
    wiki = fake_mediawiki.FakeWiki()
    server = fake_mediawiki.start(wiki)
    server.shutdown()
    server.server_close()
    return wiki.url


def test_no_server_is_told_quickly() -> None:
    time_ = VirtualTime()
    fetcher = ApiFetcher(closed_port_url(), sleep=time_.sleep, clock=time_.clock)
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(["production"])
    assert "cannot reach the server: no network, or a wrong --api-url?" in str(caught.value)
    assert "Connection refused" in str(caught.value)
    assert sum(time_.slept) <= RetryPolicy().unreachable < 10


def test_a_server_that_answered_once_gets_the_whole_patience() -> None:
    wiki = fake_mediawiki.FakeWiki()
    server = fake_mediawiki.start(wiki)
    fetcher, slept = make_fetcher(wiki, retry=RetryPolicy(patience=60, unreachable=3))
    assert len(fetcher.fetch(["production"]).pages) == 1
    server.shutdown()
    server.server_close()
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(["release"])
    assert "gave up after" in str(caught.value) and "patience 1m" in str(caught.value)
    assert sum(slept) >= 30


def test_a_server_that_drops_connections_gets_the_whole_patience(fake_wiki: Any) -> None:
    fake_wiki.fail("drop", times=float("inf"))
    fetcher, slept = make_fetcher(fake_wiki, retry=RetryPolicy(patience=60, unreachable=3))
    with pytest.raises(FetchError, match=r"patience 1m\): connection failed"):
        fetcher.fetch(["production"])
    assert sum(slept) >= 30


def test_durations() -> None:
    assert parse_duration("10m") == 600 and parse_duration("90") == 90
    assert parse_duration("1.5h") == 5400 and parse_duration("250ms") == 0.25
    with pytest.raises(ValueError, match="not a duration"):
        parse_duration("soon")
    assert [format_duration(s) for s in (3.25, 42, 600, 5430)] == ["3.2s", "42s", "10m", "1h30m30s"]


# -- the command, in real time (about a second of waiting) ------------------------------


def run_fetch(wiki: Any, store: Path, *extra: str) -> Any:
    args = ["--titles", "production,release", "--api-url", wiki.url, "--store", str(store)]
    return CliRunner().invoke(fetch, [*args, "--contact", "t@example.org", *extra])


def test_cli_waits_out_maxlag_with_retry_after(fake_wiki: Any, tmp_path: Path) -> None:
    sustained_maxlag(fake_wiki, retry_after="1", times=1)
    started = time.monotonic()
    result = run_fetch(fake_wiki, tmp_path / "raw.sqlite", "--patience", "5s")
    assert result.exit_code == 0, result.output
    assert 1.0 <= time.monotonic() - started < 4
    assert "fetched 2 page(s)" in result.output


def test_cli_lists_what_it_could_not_fetch_when_patience_runs_out(
    fake_wiki: Any, tmp_path: Path
) -> None:
    fake_wiki.add_page("third", "x", revid=5)
    sustained_maxlag(fake_wiki, retry_after="1", times=float("inf"))
    started = time.monotonic()
    result = run_fetch(fake_wiki, tmp_path / "raw.sqlite", "--patience", "1500ms")
    assert time.monotonic() - started < 4
    assert result.exit_code == 1
    assert "not fetched (gave up; 2): production, release" in result.output
    assert "API error maxlag" in result.output and "2 title(s) not fetched" in result.output
    assert "Traceback" not in result.output


def test_cli_bad_patience_is_a_usage_error(fake_wiki: Any, tmp_path: Path) -> None:
    result = run_fetch(fake_wiki, tmp_path / "raw.sqlite", "--patience", "forever")
    assert result.exit_code == 2 and "not a duration" in result.output
