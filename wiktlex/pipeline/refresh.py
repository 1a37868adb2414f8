"""refresh: source → raw store → parse (only what changed) → SQLite lexicon → JSONL files.

Why it is safe to kill at any moment and run again:
- the raw store commits pages in batches; re-reading a source only upserts, so a
  resumed read stores nothing twice (`reading.py`);
- the lexicon records, per page, the sha1, revision and parser version it was parsed
  from; a page is parsed when its raw copy differs from that record (`staleness.py`), so
  the lexicon (not a separate progress file) is the resume point, and a transaction
  rolled back by a kill simply leaves those pages to parse again (`parsing.py`);
- JSONL and kaikki files are written last, from the lexicon in page (title) order, to a
  temporary file renamed into place, so they are byte-identical however many runs
  built the lexicon, and an interrupted run leaves the previous file intact (`outputs.py`).

The raw store is a separate SQLite file beside the lexicon (`lexicon.raw.sqlite` by
default): the lexicon is the small, shippable product that readers open; the raw text
is ~10x larger, only the pipeline needs it, and either file can be deleted on its own
(a deleted lexicon is rebuilt from the raw store without re-reading the source).
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

import wiktlex
from wiktlex.ingest.sources import ApiOptions, ApiSource, Source, SourceError, open_source
from wiktlex.ingest.store import RawStore
from wiktlex.lexicon import LexiconWriter, open_lexicon
from wiktlex.model import Exporter
from wiktlex.pipeline.engines import Engine, EngineSpec, WholeSource, parse_gc
from wiktlex.pipeline.joins import Joiner, templates_of
from wiktlex.pipeline.outputs import export_lexicon, file_exporters
from wiktlex.pipeline.parsing import ParseQueue, drop_removed
from wiktlex.pipeline.progress import Reporter, make_reporter
from wiktlex.pipeline.reading import fetch_api, read_pages
from wiktlex.pipeline.staleness import Staleness
from wiktlex.pipeline.summary import RefreshError, RefreshSummary, one_error

BATCH = 256  # pages per parse batch and per raw-store commit


def default_raw_path(db: str | Path) -> Path:
    """`lexicon.sqlite` → `lexicon.raw.sqlite`, beside it."""
    db = Path(db)
    return db.with_name(f"{db.stem}.raw{db.suffix or '.sqlite'}")


@dataclass(frozen=True)
class Refresh:
    """A refresh as asked for: what to read, what to write, how to parse. `run()` does it.

    `source` is a spec for `ingest.sources.open_source` (a dump, a directory or file of
    pages, or "api" with `api` options) or an opened source. `batch` pages are parsed and
    committed together (a kill loses at most one batch). `engine` and `workers` (and a
    Dask `scheduler`) say where pages are parsed; `parser_version` defaults to
    wiktlex.PARSER_VERSION.
    """

    source: str | Source
    db: str | Path
    jsonl: str | Path | None = None
    kaikki: str | Path | None = None
    workers: int = 1
    engine: str = "local"
    progress: str | Reporter | None = "auto"
    raw: str | Path | None = None
    api: ApiOptions | None = None
    batch: int = BATCH
    scheduler: str | None = None
    parser_version: str | None = None

    @property
    def raw_path(self) -> Path:
        return Path(self.raw) if self.raw else default_raw_path(self.db)

    def run(self) -> RefreshSummary:
        """Bring the lexicon (and the files asked for) up to date with the source.

        Raises RefreshError, ExportError, LexiconError or EngineError (one-line messages)
        when it cannot start or go on; whatever was committed before stays, and files are
        never half-written.
        """
        started = time.monotonic()
        source = self.source
        if isinstance(source, str):
            try:
                source = open_source(source, api=self.api)
            except SourceError as exc:
                raise RefreshError(str(exc)) from None
        engine = EngineSpec(self.engine, self.workers, self.scheduler)
        engine.check()  # before any output is touched
        summary = _Job(self, source).run(engine)
        summary.seconds = time.monotonic() - started
        return summary


def refresh(
    source: str | Source,
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
    parser_version: str | None = None,
) -> RefreshSummary:
    """Bring the lexicon at `db` (and the optional JSONL files) up to date with `source`:
    `Refresh(...).run()`, whose docstrings say what each option does."""
    return Refresh(source, db, jsonl, kaikki, workers, engine, progress, raw, api, batch,
                   scheduler, parser_version).run()


class _Job:
    """One run of a Refresh: its outputs, its progress and its summary."""

    def __init__(self, options: Refresh, source: Source) -> None:
        self.options = options
        self.source = source
        self.db = Path(options.db)
        self.version = options.parser_version or wiktlex.PARSER_VERSION
        self.summary = RefreshSummary(source=str(options.source), db=str(self.db))
        self.lex = LexiconWriter(self.db, parser_version=self.version)
        self.files = file_exporters({"jsonl": options.jsonl, "kaikki": options.kaikki})
        self.report = make_reporter(options.progress)

    def run(self, spec: EngineSpec) -> RefreshSummary:
        started: list[Exporter] = []
        try:
            for ex in [self.lex, *self.files]:  # every output checked before any work is done
                ex.start()
                started.append(ex)
            self._parse(spec)
            started.remove(self.lex)
            export_lexicon(self.db, self.files, self.report)
            started.clear()
        except BaseException:
            for ex in started:
                ex.abort()
            raise
        finally:
            self.report.close()
        self.summary.outputs = [str(ex.path) for ex in self.files]
        return self.summary

    def _parse(self, spec: EngineSpec) -> None:
        """Everything into the lexicon, then finish it (indexes, WAL)."""
        engine = spec.create(self.version)
        try:
            if not isinstance(self.source, ApiSource) and engine.parses_whole(
                self.source, first_build=self.lex.is_empty()
            ):
                self._count_whole(engine.parse_whole(self.source, self.lex))
            else:
                with parse_gc():  # the inline engine parses in this process
                    self._through_raw_store(engine)
        finally:
            engine.close()
        self.lex.finish()

    def _count_whole(self, done: WholeSource) -> None:
        s = self.summary
        s.pages_read = s.pages_stored = s.parsed = done.pages
        s.entries_written, s.diagnostics, s.failed, s.partial = (
            done.entries, done.diagnostics, done.failed, done.partial,
        )
        s.source_skipped = done.skipped
        for line in [*done.told, *done.errors]:
            self.report.message(line)
        s.error = one_error(done.errors)

    def _through_raw_store(self, engine: Engine) -> None:
        path = self.options.raw_path
        try:
            raw = RawStore(path)
        except (sqlite3.Error, RuntimeError) as exc:
            raise RefreshError(f"cannot use raw store {path}: {exc}") from None
        try:
            with open_lexicon(self.db) as lexicon:
                stale = Staleness(raw, lexicon, self.version)
                self._read_and_parse(raw, engine, stale)
        except sqlite3.DatabaseError as exc:
            raise RefreshError(f"raw store {path} failed: {exc}") from None
        finally:
            raw.close()

    def _read_and_parse(self, raw: RawStore, engine: Engine, stale: Staleness) -> None:
        """Read the source, parsing each stored batch as it comes; then whatever else is
        stale; then the pages whose related pages changed (joins.py)."""
        self.lex.defer_indexes()  # a first build indexes once, at the end
        joiner = Joiner(raw, templates_of(raw))
        engine.use_templates(joiner.templates)
        queue = ParseQueue(self.lex, raw, engine, self.summary, self.report, self.version, joiner)
        if isinstance(self.source, ApiSource):
            fetch_api(self.source, raw, self.summary, self.report)
        else:
            batch = self.options.batch
            read_pages(self.source, raw, self.summary, self.report, batch,
                       lambda titles, notes: queue.feed(stale.among(titles), notes))
        queue.drain()
        queue.rejoin.update(drop_removed(self.lex, raw, self.summary))
        self.lex.commit()  # the stale queries read the lexicon through their own connection
        joiner.templates = templates_of(raw)  # as read now: pages parsed before see them next
        engine.use_templates(joiner.templates)
        left = stale.count() - len(queue.partial_titles)
        if left > 0:
            self.report.phase("parse", left)
            queue.count_progress = True
            for titles in stale.pages(self.options.batch):
                queue.feed([t for t in titles if t not in queue.partial_titles])
            queue.drain()
        self._rejoin(queue, raw, stale)
        self.summary.skipped_unchanged = max(0, stale.live_count() - self.summary.parsed)

    def _rejoin(self, queue: ParseQueue, raw: RawStore, stale: Staleness) -> None:
        """Pages made with a related page that has changed since (or was written after
        them in this run): parsed and joined again, once."""
        self.lex.commit()
        titles = sorted((queue.rejoin | set(stale.dependents_changed())) - queue.partial_titles)
        titles = [t for t in titles if t in raw]
        if not titles:
            return
        self.report.phase("join", len(titles))
        queue.count_progress = True
        for start in range(0, len(titles), self.options.batch):
            queue.feed(titles[start : start + self.options.batch])
        queue.drain()
