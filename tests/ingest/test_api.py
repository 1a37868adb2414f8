"""ApiFetcher against a real HTTP server on 127.0.0.1 that speaks the Action API's JSON."""

from __future__ import annotations

import email.utils
import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from support import FAST, make_fetcher

from wiktlex.ingest.api import ApiFetcher, RetryPolicy, mediawiki_time, user_agent
from wiktlex.ingest.errors import FetchError, PolitenessError


def title_requests(wiki: Any) -> list[Any]:
    return [seen for seen in wiki.seen if "titles" in seen.params]


def test_fetch_gives_pages_with_revision_metadata(fake_wiki: Any) -> None:
    fetcher, _ = make_fetcher(fake_wiki)
    result = fetcher.fetch(["production", "release"])
    assert [p.title for p in result.pages] == ["production", "release"]
    page = result.pages[0]
    assert (page.ns, page.pageid, page.revid, page.timestamp) == (
        0,
        201,
        88001,
        "2025-11-02T10:00:00Z",
    )
    assert page.text.startswith("==English==\n\n===Etymology===")
    assert page.sha1 == hashlib.sha1(page.text.encode("utf-8")).hexdigest()
    assert not (result.missing or result.invalid or result.failed)


def test_request_is_polite_and_complete(fake_wiki: Any) -> None:
    fetcher, _ = make_fetcher(fake_wiki)
    fetcher.fetch(["production"])
    seen = title_requests(fake_wiki)[0]
    assert seen.params["maxlag"] == "5"
    assert seen.params["formatversion"] == "2"
    assert seen.params["prop"] == "revisions"
    assert seen.params["rvprop"] == "ids|timestamp|content|sha1"
    assert seen.params["rvslots"] == "main"
    assert seen.params["redirects"] == "1"
    assert "gzip" in seen.headers["Accept-Encoding"]
    agent = seen.headers["User-Agent"]
    assert agent.startswith("wiktlex/") and "tests@example.org" in agent


def test_titles_go_in_batches_of_at_most_50(fake_wiki: Any) -> None:
    titles = [f"word{i}" for i in range(120)]
    for i, title in enumerate(titles):
        fake_wiki.add_page(title, f"text of {title}\n", revid=1000 + i)
    fetcher, _ = make_fetcher(fake_wiki)
    result = fetcher.fetch(titles)
    assert sorted(p.title for p in result.pages) == sorted(titles)
    sizes = [len(seen.params["titles"].split("|")) for seen in title_requests(fake_wiki)]
    assert sizes == [50, 50, 20]


def test_continuation_is_followed_with_every_key(fake_wiki: Any) -> None:
    fake_wiki.max_content = 2  # the server hands out content for two pages per response
    titles = ["production", "release", "color", "free lunch", "naïve"]
    fetcher, _ = make_fetcher(fake_wiki)
    result = fetcher.fetch(titles)
    assert sorted(p.title for p in result.pages) == sorted(titles)
    continued = [s.params for s in title_requests(fake_wiki) if "rvcontinue" in s.params]
    assert [c["rvcontinue"] for c in continued] == ["2", "4"]
    assert all(c["continue"] == "||" for c in continued)


def test_normalised_and_redirected_titles_map_back(fake_wiki: Any) -> None:
    fetcher, _ = make_fetcher(fake_wiki)
    result = fetcher.fetch(["free_lunch", "colour", "color"])
    assert sorted(p.title for p in result.pages) == ["color", "free lunch"]
    assert result.resolved == {"free_lunch": "free lunch", "colour": "color"}


def test_missing_and_invalid_titles_are_reported_not_fatal(fake_wiki: Any) -> None:
    fetcher, _ = make_fetcher(fake_wiki)
    result = fetcher.fetch(["production", "nosuchword", "a[b", "w:Foo", "hidden"])
    assert [p.title for p in result.pages] == ["production"]
    assert result.missing == ["nosuchword"]
    assert set(result.invalid) == {"a[b", "w:Foo", "hidden"}
    assert "invalid characters" in result.invalid["a[b"]


def test_maxlag_error_is_retried_after_retry_after(fake_wiki: Any) -> None:
    fake_wiki.fail("json", body=fake_wiki.maxlag_body, headers={"Retry-After": "1"})
    fetcher, slept = make_fetcher(fake_wiki)
    result = fetcher.fetch(["production"])
    assert [p.title for p in result.pages] == ["production"]
    assert slept == [1.0]
    assert [s.fault for s in fake_wiki.seen] == ["json", None]


def test_429_honours_retry_after_within_the_cap(fake_wiki: Any) -> None:
    fake_wiki.fail("status", status=429, headers={"Retry-After": "2"})
    fake_wiki.fail("status", status=429, headers={"Retry-After": "3600"})
    fetcher, slept = make_fetcher(fake_wiki)
    result = fetcher.fetch(["release"])
    assert [p.title for p in result.pages] == ["release"]
    assert slept == [2.0, FAST.max_delay]


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_are_retried_with_backoff(fake_wiki: Any, status: int) -> None:
    fake_wiki.fail("status", times=2, status=status)
    fetcher, slept = make_fetcher(fake_wiki)
    assert [p.title for p in fetcher.fetch(["color"]).pages] == ["color"]
    assert slept == [FAST.backoff, FAST.backoff * 2]


def test_dropped_connection_is_retried(fake_wiki: Any) -> None:
    fake_wiki.fail("drop")
    fetcher, _ = make_fetcher(fake_wiki)
    assert [p.title for p in fetcher.fetch(["naïve"]).pages] == ["naïve"]
    assert [s.fault for s in fake_wiki.seen] == ["drop", None]


def test_truncated_body_is_retried(fake_wiki: Any) -> None:
    fake_wiki.fail("truncate")
    fetcher, _ = make_fetcher(fake_wiki)
    assert [p.title for p in fetcher.fetch(["production"]).pages] == ["production"]


def test_malformed_json_is_retried(fake_wiki: Any) -> None:
    fake_wiki.fail("raw", body=b'{"query": {"pages": [')
    fetcher, _ = make_fetcher(fake_wiki)
    assert [p.title for p in fetcher.fetch(["production"]).pages] == ["production"]


def test_persistent_failure_names_the_titles_not_fetched(fake_wiki: Any) -> None:
    fake_wiki.fail("raw", times=float("inf"), body=b"<html>oops</html>")
    fetcher, _ = make_fetcher(fake_wiki)
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(["production", "release"])
    assert caught.value.titles == ["production", "release"]
    assert "gave up after 4 attempt(s) in 7.0s (patience 10s)" in str(caught.value)
    assert "'release'" in str(caught.value)
    assert len(fake_wiki.seen) == 4


def test_failure_in_a_later_batch_keeps_earlier_batches(fake_wiki: Any) -> None:
    titles = [f"w{i}" for i in range(60)]
    for i, title in enumerate(titles):
        fake_wiki.add_page(title, "x", revid=i + 1)
    fake_wiki.fail(
        "status",
        times=float("inf"),
        status=503,
        when=lambda p: "w55" in p.get("titles", "").split("|"),
    )
    fetcher, _ = make_fetcher(fake_wiki)
    batches = fetcher.fetch_batches(titles)
    first = next(batches)
    assert len(first.pages) == 50
    received = next(batches)  # what the failing batch got before the fault: nothing here
    assert received.pages == [] and received.failed == []
    with pytest.raises(FetchError) as caught:
        next(batches)
    assert caught.value.titles == titles[50:]


def test_client_errors_are_not_retried(fake_wiki: Any) -> None:
    fake_wiki.fail("status", status=404)
    fetcher, slept = make_fetcher(fake_wiki)
    with pytest.raises(FetchError, match="HTTP 404"):
        fetcher.fetch(["production"])
    assert slept == []


def test_api_errors_other_than_lag_are_fatal(fake_wiki: Any) -> None:
    fake_wiki.fail("json", body={"error": {"code": "badvalue", "info": "Unrecognized value"}})
    fetcher, _ = make_fetcher(fake_wiki)
    with pytest.raises(FetchError, match="badvalue") as caught:
        fetcher.fetch(["production"])
    assert caught.value.titles == ["production"]


def test_long_batches_are_posted(fake_wiki: Any) -> None:
    titles = [f"{'long title ' * 4}{i}" for i in range(50)]
    fetcher, _ = make_fetcher(fake_wiki)
    result = fetcher.fetch(titles)
    assert sorted(result.missing) == sorted(titles)
    assert title_requests(fake_wiki)[0].method == "POST"


def test_wikimedia_hosts_need_a_contact(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WIKTLEX_CONTACT", raising=False)
    with pytest.raises(PolitenessError, match="WIKTLEX_CONTACT"):
        ApiFetcher("https://en.wiktionary.org/w/api.php")
    with pytest.raises(PolitenessError):
        ApiFetcher("https://de.wikipedia.org/w/api.php", contact="  ")
    monkeypatch.setenv("WIKTLEX_CONTACT", "me@example.org")
    fetcher = ApiFetcher("https://en.wiktionary.org/w/api.php")
    assert "me@example.org" in fetcher.session.headers["User-Agent"]
    assert "no contact given" in user_agent(None)


def test_recent_changes_follow_continuation_and_keep_moves_and_deletions(fake_wiki: Any) -> None:
    fetcher, _ = make_fetcher(fake_wiki)
    changes = list(fetcher.recent_changes("2026-01-01T00:00:00Z"))
    assert [(c.kind, c.title) for c in changes] == [
        ("edit", "release"),
        ("new", "newword"),
        ("delete", "oldword"),
        ("move", "AC-DC"),
        ("restore", "free lunch"),
        ("edit", "production"),
    ]
    move = changes[3]
    assert (move.target, move.target_ns) == ("AC/DC", 0)
    rc = [s.params for s in fake_wiki.seen if s.params.get("list") == "recentchanges"]
    assert (
        len(rc) == 3 and rc[0]["rcstart"] == "2026-01-01T00:00:00Z" and rc[0]["rcnamespace"] == "0"
    )
    assert "loginfo" in rc[0]["rcprop"] and rc[1]["continue"] == "-||"


def test_recent_changes_since_filters_by_time(fake_wiki: Any) -> None:
    fetcher, _ = make_fetcher(fake_wiki)
    changes = list(fetcher.recent_changes("2026-01-05T00:00:00+00:00"))
    assert [c.title for c in changes] == ["free lunch", "production"]


def test_all_pages_enumerates_a_namespace(fake_wiki: Any) -> None:
    fetcher, _ = make_fetcher(fake_wiki)
    titles = list(fetcher.all_pages())
    expected = sorted(t for t, p in fake_wiki.pages.items() if p["ns"] == 0)
    assert titles == expected
    assert list(fetcher.all_pages(namespace=4)) == ["Wiktionary:About"]


def test_times_are_normalised_to_mediawiki_form() -> None:
    assert mediawiki_time("2026-01-01") == "2026-01-01T00:00:00Z"
    assert mediawiki_time("2026-01-01T01:00:00+01:00") == "2026-01-01T00:00:00Z"
    with pytest.raises(ValueError, match="ISO 8601"):
        mediawiki_time("yesterday")


def test_retry_after_as_an_http_date(fake_wiki: Any) -> None:
    when = email.utils.format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    fake_wiki.fail("status", status=503, headers={"Retry-After": when})
    fake_wiki.fail("status", status=503, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00"})
    fetcher, slept = make_fetcher(
        fake_wiki, retry=RetryPolicy(patience=120, backoff=0.001, max_delay=60)
    )
    assert [p.title for p in fetcher.fetch(["release"]).pages] == ["release"]
    assert 25 < slept[0] <= 30 and slept[1] == 0.0  # a date in the past: no wait


def test_continuation_that_does_not_advance_is_an_error(fake_wiki: Any) -> None:
    stuck = {"continue": {"rvcontinue": "1", "continue": "||"}, "query": {"pages": []}}
    fake_wiki.fail("json", times=float("inf"), body=stuck)
    fetcher, _ = make_fetcher(fake_wiki)
    with pytest.raises(FetchError, match="does not advance") as caught:
        fetcher.fetch(["production"])
    assert caught.value.titles == ["production"]
