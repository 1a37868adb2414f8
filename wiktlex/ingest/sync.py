"""Bring a raw page store up to date from the API: named titles, or everything since a time.

This is the library behind `wiktlex fetch`. Pages are stored batch by batch, so when the
API gives up half-way, what was fetched is kept (also the part of the failing batch
received before the fault) and the error names exactly the titles still to fetch, with
the report of what was stored attached. A `--since` run also fetches again the stored
pages whose text does not match their sha1, so a damaged copy is repaired even when the
revision has not changed. The refresh time is recorded only when a `--since` run completed, and it
is the time the run *started*: a change made during the run is fetched again next time
rather than lost.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime

import msgspec

from wiktlex.ingest.api import ApiFetcher, Change, FetchResult, mediawiki_time
from wiktlex.ingest.api_shapes import merge_outcomes
from wiktlex.ingest.errors import FetchError, IngestError
from wiktlex.ingest.store import RawStore, utc_now

LAST = "last"
"""`since=LAST` continues from the store's last successful refresh of this API."""


class FetchReport(msgspec.Struct, kw_only=True):
    """What a fetch did to the store."""

    source: str
    since: str | None = None
    started: str = ""
    fetched: int = 0
    changed: int = 0
    changes_seen: int = 0
    missing: list[str] = []
    invalid: dict[str, str] = {}
    resolved: dict[str, str] = {}
    failed: list[str] = []
    reasons: dict[str, str] = {}
    unverified: list[str] = []
    deleted: list[str] = []
    moved: list[tuple[str, str]] = []
    unfetched: list[str] = []
    error: str | None = None

    @property
    def complete(self) -> bool:
        """Every title asked was fetched (or found missing or invalid)."""
        return not (self.failed or self.unfetched or self.error)

    @property
    def unchanged(self) -> int:
        return self.fetched - self.changed


class NoPreviousRefresh(IngestError):
    """`since=last` but the store has no completed refresh of this source."""


def fetch_into_store(
    store: RawStore,
    fetcher: ApiFetcher,
    *,
    titles: Iterable[str] | None = None,
    since: str | datetime | None = None,
    namespaces: Collection[int] = (0,),
) -> FetchReport:
    """Fetch `titles`, or the pages changed `since` a time (or LAST), into `store`.

    Raises FetchError (naming the titles not fetched, `report` attached) when the API
    fails for good; the pages stored before that stay stored.
    """
    if (titles is None) == (since is None):
        raise ValueError("give either titles or since, not both")
    report = FetchReport(source=fetcher.api_url, started=utc_now())
    try:
        if titles is not None:
            _fetch_titles(store, fetcher, titles, report)
            return report
        report.since = _since(store, fetcher.api_url, since)
        changes = list(fetcher.recent_changes(report.since, namespaces=namespaces))
        report.changes_seen = len(changes)
        to_fetch = _apply_changes(store, changes, namespaces, fetcher.api_url, report)
        to_fetch = list(dict.fromkeys([*to_fetch, *store.suspect_titles(namespaces=namespaces)]))
        _fetch_titles(store, fetcher, to_fetch, report)
    except FetchError as exc:
        report.unfetched, report.error = exc.titles, exc.reason
        exc.report = report
        raise
    if not report.failed:
        store.set_last_refresh(fetcher.api_url, report.started)
    return report


def _since(store: RawStore, source: str, since: str | datetime | None) -> str:
    if since == LAST:
        last = store.last_refresh(source)
        if last is None:
            raise NoPreviousRefresh(
                f"no completed refresh of {source} in {store.path}; give a time"
            )
        return last
    assert since is not None
    return mediawiki_time(since)


def _apply_changes(
    store: RawStore,
    changes: list[Change],
    namespaces: Collection[int],
    source: str,
    report: FetchReport,
) -> list[str]:
    """Record deletions and moves in order; return the titles whose text must be fetched."""
    to_fetch: dict[str, None] = {}
    for change in changes:
        if change.kind == "delete":
            store.record_deletion(change.title, timestamp=change.timestamp, source=source)
            report.deleted.append(change.title)
        elif change.kind == "move" and change.target:
            store.record_move(
                change.title, change.target, timestamp=change.timestamp, source=source
            )
            report.moved.append((change.title, change.target))
            if change.target_ns is None or change.target_ns in namespaces:
                to_fetch[change.target] = None
        else:
            to_fetch[change.title] = None
    return list(to_fetch)


def _fetch_titles(
    store: RawStore, fetcher: ApiFetcher, titles: Iterable[str], report: FetchReport
) -> None:
    for batch in fetcher.fetch_batches(titles):
        _store_batch(store, batch, fetcher.api_url, report)


def _store_batch(store: RawStore, batch: FetchResult, source: str, report: FetchReport) -> None:
    with store.transaction():
        stats = store.upsert_many(batch.pages, source=source)
        for title in batch.missing:
            if store.get(title) is not None:
                store.record_deletion(title, source=source)
                report.deleted.append(title)
    report.fetched += stats.seen
    report.changed += stats.changed
    merge_outcomes(report, batch)
