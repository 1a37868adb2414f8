"""A refresh's first step: the source's pages into the raw store, batch by batch.

The raw store commits each batch; re-reading a source only upserts, so a resumed read
stores nothing twice. A fault in the source part-way keeps every page before it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from wiktlex.ingest.errors import IngestError
from wiktlex.ingest.sources import ApiSource, PageSource
from wiktlex.ingest.store import RawStore
from wiktlex.ingest.sync import fetch_into_store
from wiktlex.model import Diagnostic, RawPage
from wiktlex.pipeline.progress import Reporter
from wiktlex.pipeline.summary import RefreshSummary


def batched(pages: Iterable[RawPage], n: int, first: int = 16) -> Iterator[list[RawPage]]:
    """Batches of `n` pages, after a ramp from `first` doubling up to `n`.

    The workers wait for the first batch to be read and stored, and the last one is
    written after they finish: small batches at the start keep that wait short, which
    is most of the idle time of a refresh of a few hundred pages.
    """
    size = max(1, min(first, n))
    batch: list[RawPage] = []
    for page in pages:
        batch.append(page)
        if len(batch) >= size:
            yield batch
            batch = []
            size = min(n, size * 2)
    if batch:
        yield batch


def read_pages(
    source: PageSource, raw: RawStore, summary: RefreshSummary, report: Reporter, batch: int,
    on_stored: Callable[[list[str]], None],
) -> None:
    """Read the source into the raw store; `on_stored` gets the titles of each batch once
    it is committed, so their parsing starts while the rest is still being read."""
    complaints: list[Diagnostic] = []
    report.phase("read+parse", None)  # each stored batch is parsed as it comes
    try:
        for pages in batched(source.pages(on_diagnostic=complaints.append), batch):
            stats = raw.upsert_many(pages, source=source.key, batch=batch)
            summary.pages_read += stats.seen
            summary.pages_stored += stats.changed
            report.advance(len(pages))
            on_stored([page.title for page in pages])
    except IngestError as exc:
        summary.error = str(exc).splitlines()[0]
        report.message(f"source error, going on with the pages read so far: {summary.error}")
    else:
        raw.set_last_refresh(source.key)
    summary.source_skipped = len(complaints)


def fetch_api(source: ApiSource, raw: RawStore, summary: RefreshSummary, report: Reporter) -> None:
    """Fetch the pages changed since the last API refresh (deletions and moves too); a
    failure of the API part-way keeps what was fetched and is the summary's error."""
    report.phase("fetch", None)
    try:
        fetched = fetch_into_store(raw, source.fetcher(), since=source.options.since)
    except IngestError as exc:
        summary.error = str(exc).splitlines()[0]
        return
    summary.pages_read += fetched.fetched
    summary.pages_stored += fetched.changed
    summary.source_skipped += len(fetched.invalid)
    report.advance(fetched.fetched)
