"""A refresh's first step: the source's pages into the raw store, batch by batch.

The raw store commits each batch; re-reading a source only upserts, so a resumed read
stores nothing twice. A fault in the source part-way keeps every page before it: the
partly filled batch is stored and parsed before the error is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from wiktlex.ingest.errors import IngestError
from wiktlex.ingest.sources import ApiSource, PageSource
from wiktlex.ingest.store import RawStore
from wiktlex.ingest.sync import fetch_into_store
from wiktlex.model import Diagnostic, ExportPage, RawPage
from wiktlex.parse.template_library import TEMPLATE_NS, is_template_page
from wiktlex.pipeline.joins import SOURCE_NAMESPACES
from wiktlex.pipeline.progress import Reporter
from wiktlex.pipeline.summary import RefreshSummary


class ReaderNotes:
    """What a source's reader said about its pages, sorted for the refresh.

    An `error` is a page the reader could not take (the summary's "unreadable"); a
    `warning` is about a page it kept (text not matching the dump's sha1, an unreadable
    namespace or id): that page carries it into the lexicon, beside the parser's own
    diagnostics. A reader reports a page's warnings before it yields the page, so when a
    batch is complete every note collected belongs to that batch or to a page not
    yielded (another namespace): `take` hands them over and keeps memory flat.
    """

    def __init__(self, kept: dict[str, list[Diagnostic]] | None = None) -> None:
        self.unreadable = 0
        self._kept: dict[str, list[Diagnostic]] = dict(kept or {})

    def add(self, diagnostic: Diagnostic) -> None:
        if diagnostic.severity == "error":
            self.unreadable += 1
        else:
            self._kept.setdefault(diagnostic.page, []).append(diagnostic)

    def take(self) -> dict[str, list[Diagnostic]]:
        """The warnings collected since the last call, by page title."""
        kept, self._kept = self._kept, {}
        return kept

    def pop(self, title: str) -> list[Diagnostic]:
        """The warnings about one page (for a reader that yields pages one at a time)."""
        return self._kept.pop(title, [])


def with_notes(page: ExportPage, notes: list[Diagnostic]) -> ExportPage:
    """The parsed page with its reader's warnings first: every engine stores the same."""
    if notes:
        page.diagnostics = [*notes, *page.diagnostics]
    return page


def batched(pages: Iterable[RawPage], n: int, first: int = 16) -> Iterator[list[RawPage]]:
    """Batches of `n` pages, after a ramp from `first` doubling up to `n`.

    The workers wait for the first batch to be read and stored, and the last one is
    written after they finish: small batches at the start keep that wait short, which
    is most of the idle time of a refresh of a few hundred pages. When the source fails
    part-way (IngestError), the pages read before the fault are one last batch, and then
    the error is raised: the "last complete page" it names is stored like the others.
    """
    size = max(1, min(first, n))
    batch: list[RawPage] = []
    try:
        for page in pages:
            batch.append(page)
            if len(batch) >= size:
                yield batch
                batch = []
                size = min(n, size * 2)
    except IngestError:
        if batch:
            yield batch
        raise
    if batch:
        yield batch


#: Called with the titles of each stored batch and the reader's warnings about them.
OnStored = Callable[[list[str], dict[str, list[Diagnostic]]], None]


def read_pages(
    source: PageSource, raw: RawStore, summary: RefreshSummary, report: Reporter, batch: int,
    on_stored: OnStored,
) -> None:
    """Read the source into the raw store; `on_stored` gets the titles of each batch once
    it is committed, so their parsing starts while the rest is still being read."""
    notes = ReaderNotes()
    report.phase("read+parse", None)  # each stored batch is parsed as it comes
    try:
        for pages in batched(_wanted(source, notes), batch):
            stats = raw.upsert_many(pages, source=source.key, batch=batch)
            summary.pages_read += stats.seen
            summary.pages_stored += stats.changed
            report.advance(len(pages))
            titles = [page.title for page in pages]
            on_stored(titles, _told_apart(notes.take(), titles, report))
    except IngestError as exc:
        summary.error = str(exc).splitlines()[0]
        report.message(f"source error, going on with the pages read so far: {summary.error}")
    else:
        raw.set_last_refresh(source.key)
    summary.source_skipped = notes.unreadable


def _told_apart(
    notes: dict[str, list[Diagnostic]], titles: list[str], report: Reporter
) -> dict[str, list[Diagnostic]]:
    """The warnings about these pages; any other is a line of the run's report."""
    mine, others = split_notes(notes, titles)
    for line in others:
        report.message(line)
    return mine


def split_notes(
    notes: dict[str, list[Diagnostic]], titles: list[str]
) -> tuple[dict[str, list[Diagnostic]], list[str]]:
    """(the warnings about `titles`, the others as lines): a warning about no page read
    (a file in a page directory that is not a page) is told, not lost quietly."""
    wanted = set(titles)
    others = [f"{t}: {n.message}" for t, found in notes.items() if t not in wanted for n in found]
    return {t: found for t, found in notes.items() if t in wanted}, others


def _wanted(source: PageSource, notes: ReaderNotes) -> Iterator[RawPage]:
    """The source's pages a lexicon is made of: entries, and from a dump also the pages
    entries draw on (RQ template pages, thesaurus pages; joins.py). A directory gives all."""
    dump = source.kind in ("dump", "multistream")
    namespaces = SOURCE_NAMESPACES if dump else None
    for page in source.pages(on_diagnostic=notes.add, namespaces=namespaces):
        if page.ns != TEMPLATE_NS or is_template_page(page.title, page.ns):
            yield page


def fetch_api(source: ApiSource, raw: RawStore, summary: RefreshSummary, report: Reporter) -> None:
    """Fetch the pages changed since the last API refresh (deletions and moves too); a
    failure of the API part-way keeps what was fetched and is the summary's error."""
    report.phase("fetch", None)
    try:
        fetched = fetch_into_store(raw, source.fetcher(), since=source.options.since,
                                   namespaces=SOURCE_NAMESPACES)
    except IngestError as exc:
        summary.error = str(exc).splitlines()[0]
        return
    summary.pages_read += fetched.fetched
    summary.pages_stored += fetched.changed
    summary.source_skipped += len(fetched.invalid)
    report.advance(fetched.fetched)
