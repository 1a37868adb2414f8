"""refresh: source → raw store → parse (only what changed) → SQLite lexicon → JSONL files.

Why it is safe to kill at any moment and run again:
- the raw store commits pages in batches; re-reading a source only upserts, so a
  resumed read stores nothing twice;
- the lexicon records, per page, the sha1, revision and parser version it was parsed
  from; a page is parsed when its raw copy differs from that record, so the lexicon
  (not a separate progress file) is the resume point, and a transaction rolled back by
  a kill simply leaves those pages to parse again;
- JSONL and kaikki files are written last, from the lexicon in page (title) order, to a
  temporary file renamed into place, so they are byte-identical however many runs
  built the lexicon, and an interrupted run leaves the previous file intact.

The raw store is a separate SQLite file beside the lexicon (`lexicon.raw.sqlite` by
default): the lexicon is the small, shippable product that readers open; the raw text
is ~10x larger, only the pipeline needs it, and either file can be deleted on its own
(a deleted lexicon is rebuilt from the raw store without re-reading the source).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from wiktlex import PARSER_VERSION
from wiktlex.engines.dask_engine import has_index, run_dask
from wiktlex.export import EXPORTERS, Exporter, ExportError, ExportPage, open_lexicon
from wiktlex.ingest.api import DEFAULT_API_URL, ApiFetcher
from wiktlex.ingest.dump import read_dump
from wiktlex.ingest.errors import IngestError
from wiktlex.ingest.files import SUFFIX as WIKITEXT_SUFFIX
from wiktlex.ingest.files import read_files
from wiktlex.ingest.store import RawStore
from wiktlex.ingest.sync import LAST, fetch_into_store
from wiktlex.lexicon import LexiconError, LexiconWriter
from wiktlex.model import Diagnostic, RawPage
from wiktlex.pipeline_engines import Engine, EngineError, Ticket, make_engine, parse_gc
from wiktlex.pipeline_progress import Reporter, make_reporter

BATCH = 256  # pages per parse batch and per raw-store commit


class RefreshError(Exception):
    """The refresh cannot start or go on; the message is one line for the user."""


@dataclass
class RefreshSummary:
    """What a refresh did, for the closing report and for programs."""

    source: str
    db: str
    pages_read: int = 0
    pages_stored: int = 0  # new or newer than the raw store had
    parsed: int = 0
    skipped_unchanged: int = 0
    failed: int = 0  # pages whose parse crashed (recorded with an error diagnostic)
    partial: int = 0  # pages cut by the work budget: stored as partial, re-parsed next run
    removed: int = 0
    entries_written: int = 0
    diagnostics: int = 0
    source_skipped: int = 0  # pages the reader could not take (no text, not UTF-8)
    seconds: float = 0.0
    outputs: list[str] = field(default_factory=list)
    error: str | None = None  # the source failed part-way; what was read is in the lexicon

    def lines(self) -> list[str]:
        rate = self.parsed / self.seconds if self.seconds else 0.0
        out = [
            f"source        {self.source}",
            f"pages read    {self.pages_read:,} ({self.pages_stored:,} new or changed, "
            f"{self.source_skipped:,} unreadable)",
            f"parsed        {self.parsed:,} ({rate:,.0f} pages/s), {self.failed:,} failed, "
            f"{self.partial:,} partial",
            f"unchanged     {self.skipped_unchanged:,} skipped",
            f"removed       {self.removed:,}",
            f"entries       {self.entries_written:,} written",
            f"diagnostics   {self.diagnostics:,}",
            f"time          {self.seconds:.1f} s",
            f"lexicon       {self.db}",
        ]
        out += [f"output        {o}" for o in self.outputs]
        if self.error:
            out.append(f"error         {self.error}")
        return out


def default_raw_path(db: str | Path) -> Path:
    """`lexicon.sqlite` → `lexicon.raw.sqlite`, beside it."""
    db = Path(db)
    return db.with_name(f"{db.stem}.raw{db.suffix or '.sqlite'}")


# -- sources -------------------------------------------------------------------------------


def _source_pages(source: str, on_diagnostic: Diagnostics) -> tuple[str, Iterator[RawPage]]:
    """(key for the raw store's refresh log, pages) of a dump, directory or file."""
    path = Path(source)
    if not path.exists():
        raise RefreshError(f"source not found: {source}")
    if path.is_dir():
        return f"dir:{path.resolve()}", read_files(path, recursive=True, on_diagnostic=on_diagnostic)
    if path.name.endswith(WIKITEXT_SUFFIX):
        return f"file:{path.resolve()}", read_files(path, on_diagnostic=on_diagnostic)
    return f"dump:{path.resolve()}", read_dump(path, on_diagnostic=on_diagnostic)


class Diagnostics:
    """Collects the reader's per-page complaints (pages it had to skip)."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def __call__(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)


def _batched(pages: Iterable[RawPage], n: int, first: int = 16) -> Iterator[list[RawPage]]:
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


@dataclass
class ApiOptions:
    """Where and since when `--source api` fetches (LAST: the store's last API refresh)."""

    url: str = DEFAULT_API_URL
    since: str = LAST
    contact: str | None = None


def _ingest_api(raw: RawStore, api: ApiOptions, summary: RefreshSummary, report: Reporter) -> None:
    """Fetch the pages changed since the last API refresh (deletions and moves too)."""
    report.phase("fetch", None)
    fetched = fetch_into_store(raw, ApiFetcher(api.url, contact=api.contact), since=api.since)
    summary.pages_read += fetched.fetched
    summary.pages_stored += fetched.changed
    summary.source_skipped += len(fetched.invalid)
    report.advance(fetched.fetched)


def _ingest(
    source: str, raw: RawStore, summary: RefreshSummary, report: Reporter, api: ApiOptions,
    batch_size: int, on_stored: Callable[[list[str]], None],
) -> None:
    """Read the source into the raw store; a fault part-way keeps what came before.

    `on_stored` gets the titles of each batch once it is committed to the store, so
    their parsing starts while the rest of the source is still being read.
    """
    if source == "api":
        try:
            _ingest_api(raw, api, summary, report)
        except IngestError as exc:
            summary.error = str(exc).splitlines()[0]
        return
    complaints = Diagnostics()
    key, pages = _source_pages(source, complaints)
    report.phase("read+parse", None)  # each stored batch is parsed as it comes
    try:
        for batch in _batched(pages, batch_size):
            stats = raw.upsert_many(batch, source=key, batch=batch_size)
            summary.pages_read += stats.seen
            summary.pages_stored += stats.changed
            report.advance(len(batch))
            on_stored([page.title for page in batch])
    except IngestError as exc:
        summary.error = str(exc).splitlines()[0]
        report.message(f"source error, going on with the pages read so far: {summary.error}")
    else:
        raw.set_last_refresh(key)
    summary.source_skipped = len(complaints.items)


# -- what to parse -------------------------------------------------------------------------

_STALE_SQL = """
SELECT r.title FROM raw.pages r LEFT JOIN main.pages p ON p.title = r.title
WHERE r.removed IS NULL AND r.title > ?
  AND (p.id IS NULL OR p.sha1 IS NOT r.sha1 OR p.revid IS NOT r.revid
       OR p.parser_version IS NOT ? OR p.status = 'partial')
ORDER BY r.title LIMIT ?
"""


class StaleTitles:
    """Titles whose raw copy differs from what the lexicon was parsed from.

    An adapter over both files (the raw store attached to a read-only lexicon
    connection) because neither store alone knows: the raw store's own `parsed_*`
    marks go stale when the lexicon is deleted or replaced. Keyset-paged, so no read
    transaction stays open while the writer commits.
    """

    def __init__(self, db: Path, raw_path: Path, parser_version: str) -> None:
        self.parser_version = parser_version
        self._conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        self._conn.execute("ATTACH DATABASE ? AS raw", (f"{raw_path.resolve().as_uri()}?mode=ro",))

    def count(self) -> int:
        sql = _STALE_SQL.replace("SELECT r.title", "SELECT COUNT(*)").replace("LIMIT ?", "")
        sql = sql.replace("ORDER BY r.title", "")
        return int(self._conn.execute(sql, ("", self.parser_version)).fetchone()[0])

    def live_count(self) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM raw.pages WHERE removed IS NULL").fetchone()[0])

    def among(self, titles: list[str]) -> list[str]:
        """Those of `titles` that are stale, in the order given (the source's order, so
        a first build numbers its rows the same whatever the batch size)."""
        found: set[str] = set()
        for i in range(0, len(titles), 500):  # under every SQLite's limit on parameters
            chunk = titles[i : i + 500]
            sql = _STALE_SQL.replace("r.title > ?", f"r.title IN ({','.join('?' * len(chunk))})")
            sql = sql.replace("ORDER BY r.title LIMIT ?", "")
            found.update(r[0] for r in self._conn.execute(sql, (*chunk, self.parser_version)))
        return list(dict.fromkeys(t for t in titles if t in found))

    def pages(self, batch: int) -> Iterator[list[str]]:
        last = ""
        while titles := [
            r[0] for r in self._conn.execute(_STALE_SQL, (last, self.parser_version, batch))
        ]:
            yield titles
            last = titles[-1]

    def close(self) -> None:
        self._conn.close()


class _ParseQueue:
    """Parses batches of titles one ahead of writing them.

    The workers parse batch N+1 while this process writes batch N. Batches come first
    from the source as it is read (so reading a dump overlaps with parsing it), then
    from the stale pages the source did not bring (left by a killed run, a new parser
    version or an API fetch).
    """

    def __init__(
        self, lex: LexiconWriter, raw: RawStore, engine: Engine, summary: RefreshSummary,
        report: Reporter,
    ) -> None:
        self.lex, self.raw, self.engine, self.summary, self.report = lex, raw, engine, summary, report
        self.pending: tuple[list[RawPage], Ticket] | None = None
        self.count_progress = False  # while reading, progress counts pages read instead
        # Pages this run left partial: stale by design, but parsed once a run (they are few).
        self.partial_titles: set[str] = set()

    def feed(self, titles: list[str]) -> None:
        pages = [p for t in titles if (p := self.raw.get(t)) is not None]
        if not pages:
            return
        ticket = self.engine.start(pages)
        self.drain()
        self.pending = (pages, ticket)

    def drain(self) -> None:
        """Write the batch in flight, if any."""
        if self.pending is not None:
            pages, ticket = self.pending
            self.pending = None
            _write_batch(pages, ticket, self.lex, self.raw, self.summary, self.partial_titles)
            if self.count_progress:
                self.report.advance(len(pages))


def _write_batch(
    pages: list[RawPage], ticket: Ticket, lex: LexiconWriter, raw: RawStore,
    summary: RefreshSummary, partial: set[str],
) -> None:
    """Write one parsed batch and commit it: the resume point for these pages. A partial
    page is not marked parsed in the raw store, so every staleness test sees it again;
    its title is added to `partial`."""
    for page in ticket():
        lex.export(page)
        summary.parsed += 1
        summary.failed += page.status == "error"
        summary.partial += page.status == "partial"
        if page.status == "partial":
            partial.add(page.title)
        summary.entries_written += len(page.entries)
        summary.diagnostics += len(page.diagnostics)
    lex.commit()
    raw.mark_parsed([p for p in pages if p.title not in partial], PARSER_VERSION)


def _drop_removed(lex: LexiconWriter, raw: RawStore, summary: RefreshSummary) -> None:
    """Pages deleted or moved away upstream leave the lexicon."""
    titles = raw.removed_pages()
    for title in titles:
        lex.remove(title)
    lex.commit()
    raw.mark_unpublished(titles)
    summary.removed = len(titles)


# -- files written from the lexicon --------------------------------------------------------


def _file_exporters(jsonl: str | Path | None, kaikki: str | Path | None) -> list[Exporter]:
    wanted = [("jsonl", jsonl), ("kaikki", kaikki)]
    return [EXPORTERS[name](path) for name, path in wanted if path is not None]


def _write_files(db: Path, exporters: list[Exporter], report: Reporter) -> None:
    """Re-export every page of the lexicon, in page order, to each file exporter."""
    if not exporters:
        return
    with open_lexicon(db) as lexicon:
        report.phase("export", lexicon.stats()["counts"]["pages"])
        for info, entries in lexicon.iter_pages():
            page = ExportPage(title=info.title, entries=entries, revid=info.revid)
            for ex in exporters:
                ex.export(page)
            report.advance()
    for ex in exporters:
        ex.finish()


# -- the job -------------------------------------------------------------------------------


def refresh(
    source: str,
    db: str | Path,
    jsonl: str | Path | None = None,
    kaikki: str | Path | None = None,
    workers: int = 1,
    engine: str = "local",
    progress: str | Reporter | None = "auto",
    raw: str | Path | None = None,
    api: ApiOptions | None = None,
    batch: int = BATCH,
    scheduler: str | None = None,
) -> RefreshSummary:
    """Bring the lexicon at `db` (and the optional JSONL files) up to date with `source`.

    `batch` pages are parsed and committed together (a kill loses at most one batch).
    With engine "dask", an indexed multistream dump is parsed whole by the workers, each
    reading its own byte ranges (no raw store on the driver), and so is any dump or
    directory on a first build, in page ranges; later refreshes go through the raw store
    and only changed pages are shipped to the cluster (`scheduler`, or local).
    Raises RefreshError, ExportError or LexiconError (one-line messages) when it cannot
    start or go on; whatever was committed before stays, and files are never half-written.
    """
    started = time.monotonic()
    db = Path(db)
    raw_path = Path(raw) if raw else default_raw_path(db)
    summary = RefreshSummary(source=str(source), db=str(db))
    if source != "api" and not Path(source).exists():
        raise RefreshError(f"source not found: {source}")
    lex = LexiconWriter(db, parser_version=PARSER_VERSION)
    files = _file_exporters(jsonl, kaikki)
    started_exporters: list[Exporter] = []
    report = make_reporter(progress)
    try:
        for ex in [lex, *files]:  # every output checked before any work is done
            ex.start()
            started_exporters.append(ex)
        if engine == "dask" and _partitioned(source, lex):
            _run_sharded(source, lex, workers, scheduler, summary)
        else:
            with parse_gc():  # the inline engine parses in this process
                _run(source, db, raw_path, lex, _Engine(engine, workers, scheduler), summary,
                     report, api or ApiOptions(), batch)
        started_exporters.remove(lex)
        _write_files(db, files, report)
        started_exporters.clear()
    except BaseException:
        for ex in started_exporters:
            ex.abort()
        raise
    finally:
        report.close()
    summary.outputs = [str(ex.path) for ex in files]
    summary.seconds = time.monotonic() - started
    return summary


def _partitioned(source: str, lex: LexiconWriter) -> bool:
    """Whether Dask parses the whole source in partitions rather than changed pages.

    Always for an indexed multistream dump: the workers read it themselves. For a plain
    dump or a directory, on a first build, when every page has to be parsed anyway:
    the driver then sends page ranges and the workers write partitions. Later refreshes
    go through the raw store, so only changed pages reach the cluster.
    """
    return source != "api" and (has_index(source) or lex.is_empty())


@dataclass(frozen=True)
class _Engine:
    name: str
    workers: int
    scheduler: str | None


def _run_sharded(
    source: str, lex: LexiconWriter, workers: int, scheduler: str | None, summary: RefreshSummary
) -> None:
    """A whole indexed dump on Dask: workers read byte ranges, the driver merges."""
    done = run_dask(source, lex.path, scheduler=scheduler, workers=workers, lexicon=lex)
    summary.pages_read = summary.pages_stored = summary.parsed = done.pages
    summary.entries_written, summary.diagnostics, summary.failed, summary.partial = (
        done.entries, done.diagnostics, done.failed, done.partial,
    )
    lex.finish()


def _ingest_and_parse(
    source: str, lex: LexiconWriter, raw: RawStore, engine: Engine, stale: StaleTitles,
    summary: RefreshSummary, report: Reporter, api: ApiOptions, batch: int,
) -> None:
    """Read the source, parsing each stored batch as it comes; then whatever else is stale."""
    lex.defer_indexes()  # a first build indexes once, at the end
    queue = _ParseQueue(lex, raw, engine, summary, report)
    _ingest(source, raw, summary, report, api, batch, lambda titles: queue.feed(stale.among(titles)))
    queue.drain()
    _drop_removed(lex, raw, summary)
    lex.commit()  # the stale query reads the lexicon through its own connection
    left = stale.count() - len(queue.partial_titles)
    if left > 0:
        report.phase("parse", left)
        queue.count_progress = True
        for titles in stale.pages(batch):
            queue.feed([t for t in titles if t not in queue.partial_titles])
        queue.drain()
    summary.skipped_unchanged = max(0, stale.live_count() - summary.parsed)


def _run(
    source: str, db: Path, raw_path: Path, lex: LexiconWriter, engine_spec: _Engine,
    summary: RefreshSummary, report: Reporter, api: ApiOptions, batch: int,
) -> None:
    try:
        store = RawStore(raw_path)
    except (sqlite3.Error, RuntimeError) as exc:
        raise RefreshError(f"cannot use raw store {raw_path}: {exc}") from None
    try:
        engine = make_engine(engine_spec.name, PARSER_VERSION, engine_spec.workers, engine_spec.scheduler)
        stale = StaleTitles(db, raw_path, PARSER_VERSION)
        try:
            _ingest_and_parse(source, lex, store, engine, stale, summary, report, api, batch)
        finally:
            stale.close()
            engine.close()
        lex.finish()
    except sqlite3.DatabaseError as exc:
        raise RefreshError(f"raw store {raw_path} failed: {exc}") from None
    finally:
        store.close()


__all__ = [
    "ApiOptions",
    "EngineError",
    "ExportError",
    "LexiconError",
    "RefreshError",
    "RefreshSummary",
    "default_raw_path",
    "refresh",
]
