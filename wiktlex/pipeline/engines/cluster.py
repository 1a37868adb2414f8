"""The Dask engine: batches on a cluster, or a whole source read, parsed and written there.

The local engine ships every page from the driver to the workers; on a cluster that makes
the driver the bottleneck. So on a multistream dump (its index beside it) or on a first
build, the Dask engine parses the whole source itself (`parse_whole`): a multistream dump
is split by its index into byte ranges (`ingest.multistream.plan_shards`) and each task
opens the dump itself, reads its streams, parses them and writes its partition twice:
JSON lines of ExportPage records (`part-N.jsonl`) and a lexicon of its own
(`part-N.sqlite`). A plain dump or a directory has no index, so the driver reads it and
sends page ranges as tasks. At the end the driver merges the partition lexicons, in
partition order, into the refresh's lexicon, so the lexicon is the same whichever engine
made it. Later refreshes hand it only the changed pages, batch by batch (`start`).

    run_dask("enwiktionary-…-multistream.xml.bz2", "lexicon.sqlite",
             scheduler="tcp://scheduler:8786", workdir="/shared/parts")

The partition directory must be reachable by the workers and the driver (a shared file
system on a real cluster); see docs/dask.md.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

import wiktlex
from wiktlex.ingest.errors import DumpIndexError, IngestError
from wiktlex.ingest.multistream import DumpShard, plan_shards, read_shard
from wiktlex.ingest.sources import DumpSource, PageSource, Source, open_page_source
from wiktlex.lexicon import LexiconWriter, open_lexicon
from wiktlex.model import Diagnostic, RawPage
from wiktlex.parse.template_library import TemplateLibrary
from wiktlex.pipeline.engines.base import EngineError, Ticket, WholeSource, parse_one
from wiktlex.pipeline.outputs import write_files
from wiktlex.pipeline.reading import ReaderNotes, batched, split_notes, with_notes

PAGES_PER_TASK = 500
#: Times Dask runs a task again after it raised (a worker lost, a full scratch disk):
#: a shard that fails after that is listed, and the other shards are kept.
TASK_RETRIES = 1

Notes = dict[str, list[Diagnostic]]


@dataclass
class DaskSummary(WholeSource):
    """What `run_dask` did, and the files it wrote."""

    files: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Partition:
    """What one task wrote: its lexicon, its pages, and what its reader said.

    `error` is the source fault that ended the partition early (a truncated dump): the
    pages before it are in the partition all the same. `told` are reader warnings about
    no page of the partition (pages of another namespace).
    """

    lexicon: str
    pages: int
    unreadable: int = 0
    error: str | None = None
    told: tuple[str, ...] = ()


def _write_partition(
    pages: Iterator[RawPage], out: Path, parser_version: str, notes: ReaderNotes
) -> Partition:
    """Worker side: the partition as JSON lines of parsed pages (`part-N.jsonl`) and as a
    lexicon of its own (`part-N.sqlite`, queryable alone); the driver merges the lexicons.
    A fault of the source ends the partition with every page read before it."""
    encoder = msgspec.json.Encoder()
    lexicon = LexiconWriter(out.with_suffix(".sqlite"), parser_version=parser_version)
    lexicon.start()
    lexicon.defer_indexes()
    count, error = 0, None
    try:
        with out.open("wb") as fh:  # scratch for the driver, not an output: no storage rename
            try:
                for page in pages:
                    parsed = with_notes(parse_one(page, parser_version), notes.pop(page.title))
                    fh.write(encoder.encode(parsed) + b"\n")
                    lexicon.export(parsed)
                    count += 1
            except IngestError as exc:
                error = str(exc).splitlines()[0]
        lexicon.finish()
    except BaseException:
        lexicon.abort()
        raise
    _, told = split_notes(notes.take(), [])
    return Partition(str(lexicon.path), count, notes.unreadable, error, tuple(told))


def parse_shard_task(shard: DumpShard, out: str, parser_version: str) -> Partition:
    """Worker side: read one byte range of a multistream dump, parse, write a partition;
    the reader's warnings go with their pages into the lexicon."""
    notes = ReaderNotes()
    pages = read_shard(shard, on_diagnostic=notes.add)
    return _write_partition(pages, Path(out), parser_version, notes)


def parse_pages_task(
    pages: list[RawPage], out: str, parser_version: str, notes: Notes | None = None
) -> Partition:
    """Worker side: parse a range of pages sent by the driver (with the warnings its
    reader gave about them), write a partition."""
    return _write_partition(iter(pages), Path(out), parser_version, ReaderNotes(notes))


def connect(workers: int, scheduler: str | None) -> tuple[Any, Any]:
    """(client, local cluster or None): the cluster at `scheduler`, or `workers` local processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise EngineError("engine 'dask' needs Dask: pip install 'wiktlex[dask]'") from None
    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                           dashboard_address=None)
    return Client(cluster), cluster


@dataclass
class _Task:
    """A submitted partition and what to call it in an error line."""

    future: Any
    what: str


class DaskEngine:
    """A Dask cluster: a local one of `workers` processes, or the one at `scheduler`.

    `partitions` (default: 4 per worker) and `workdir` (default: a temporary directory,
    which must then be on a file system the workers share) shape `parse_whole`.
    """

    def __init__(
        self, parser_version: str, workers: int, scheduler: str | None = None, *,
        partitions: int | None = None, workdir: str | Path | None = None,
    ) -> None:
        self.parser_version = parser_version
        self.partitions = partitions
        self.workdir = workdir
        self._scratch: list[Path] = []  # partition directories not removed yet
        self._client, self._cluster = connect(workers, scheduler)
        self._templates: Any = None  # a scattered TemplateLibrary (or None: the worker's own)

    def start(self, pages: list[RawPage]) -> Ticket:
        futures = self._client.map(parse_one, pages, parser_version=self.parser_version,
                                   templates=self._templates, pure=False)
        return lambda: iter(self._client.gather(futures))

    def use_templates(self, templates: TemplateLibrary) -> None:
        """Scattered to every worker once; each task is handed the reference."""
        self._templates = self._client.scatter(templates, broadcast=True) if len(templates) else None

    def parses_whole(self, source: Source, first_build: bool) -> bool:
        """Always for an indexed multistream dump: the workers read it themselves. For a
        plain dump or a directory, on a first build, when every page has to be parsed
        anyway. Later refreshes go through the raw store: only changed pages reach the
        cluster."""
        return source.kind == "multistream" or (source.kind != "api" and first_build)

    def parse_whole(self, source: PageSource, lexicon: LexiconWriter) -> WholeSource:
        """Every page of `source`, parsed in partitions and merged into `lexicon`.

        Every task is waited for before anything is merged or removed: a failing
        partition is one line of `errors` (its own error, after TASK_RETRIES), the others
        are merged; the partition directory goes when no task can write into it any more.
        """
        done = WholeSource()
        parts = Path(tempfile.mkdtemp(prefix="wiktlex-parts-", dir=self.workdir))
        self._scratch.append(parts)
        tasks: list[_Task] = []
        try:
            count = self.partitions or max(1, 4 * len(self._client.scheduler_info()["workers"]))
            tasks = self._tasks(source, parts, count, done)
            finished = self._wait(tasks, done)
            done.partitions = len(finished)
            done.pages = sum(p.pages for p in finished)
            _merge_into([p.lexicon for p in finished], lexicon, done)
        finally:
            settled = all(t.future.done() for t in tasks)  # before cancel: cancelled is "done"
            self._client.cancel([t.future for t in tasks])
            if settled:
                self._remove_scratch()
        return done

    def _wait(self, tasks: list[_Task], done: WholeSource) -> list[Partition]:
        """The partitions written, in order; the others and every source fault in `done`."""
        from distributed import wait

        wait([t.future for t in tasks])
        finished = []
        for task in tasks:
            if task.future.status != "finished":
                exc = task.future.exception() if task.future.status == "error" else None
                done.errors.append(f"{task.what} failed: {_one_line(exc) if exc else task.future.status}")
                continue
            part: Partition = task.future.result()
            finished.append(part)
            done.skipped += part.unreadable
            done.told.extend(part.told)
            if part.error is not None:
                done.errors.append(part.error)
        return finished

    def _tasks(self, source: PageSource, parts: Path, partitions: int, done: WholeSource) -> list[_Task]:
        """One task per partition: byte ranges of an indexed dump, else page ranges (also
        for an index the dump disagrees with, read on by the driver's reader)."""
        if isinstance(source, DumpSource) and source.index is not None:
            try:
                shards = plan_shards(source.path, partitions)
            except DumpIndexError as exc:
                done.told.append(f"{_one_line(exc)}: the dump is read in order instead")
            else:
                return [
                    self._submit(parse_shard_task, s, parts / f"part-{i:05d}.jsonl",
                                 f"shard {i} (bytes {s.start}-{s.end or 'end'} of {s.path})")
                    for i, s in enumerate(shards)
                ]
        return self._page_tasks(source, parts, done)

    def _page_tasks(self, source: PageSource, parts: Path, done: WholeSource) -> list[_Task]:
        """The driver reads the source; every PAGES_PER_TASK pages are a task, and so are
        the pages read before a fault of the source (the fault is one of `errors`)."""
        notes = ReaderNotes()
        tasks: list[_Task] = []
        try:
            for batch in batched(source.pages(on_diagnostic=notes.add), PAGES_PER_TASK, PAGES_PER_TASK):
                titles = [p.title for p in batch]
                mine, told = split_notes(notes.take(), titles)
                done.told.extend(told)
                what = f"pages {titles[0]!r}-{titles[-1]!r}"
                out = parts / f"part-{len(tasks):05d}.jsonl"
                tasks.append(self._submit(parse_pages_task, batch, out, what, mine))
        except IngestError as exc:
            done.errors.append(str(exc).splitlines()[0])
        done.skipped += notes.unreadable
        return tasks

    def _submit(self, function: Any, work: Any, out: Path, what: str, *extra: Any) -> _Task:
        future = self._client.submit(function, work, str(out), self.parser_version, *extra,
                                     pure=False, retries=TASK_RETRIES)
        return _Task(future, what)

    def _remove_scratch(self) -> None:
        for path in self._scratch:
            remove_tree(path)
        self._scratch.clear()

    def close(self) -> None:
        """Close the client (and the local cluster: its workers stop), then remove any
        partition directory a task might still have been writing into."""
        try:
            self._client.close()
            if self._cluster is not None:
                self._cluster.close()
        finally:
            self._remove_scratch()


def remove_tree(path: Path, attempts: int = 5) -> None:
    """Remove a directory a worker may still be closing files in.

    `rmtree` lists a directory, then deletes what it listed, then the directory: a file
    created meanwhile makes the last step fail with ENOTEMPTY (the `TemporaryDirectory`
    cleanup race a failing shard used to hit). Trying again takes the newcomer too.
    """
    for attempt in range(attempts):
        try:
            shutil.rmtree(path)
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.1 * (attempt + 1))
    shutil.rmtree(path, ignore_errors=True)


def _one_line(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if not isinstance(exc, IngestError) else text


def _merge_into(files: list[str], lex: LexiconWriter, done: WholeSource) -> None:
    """Driver side: every partition lexicon, in order, into a started lexicon writer."""
    lex.defer_indexes()
    for name in files:
        with open_lexicon(name) as part:
            for page in part.export_pages():
                lex.export(page)
                done.count(page)


def run_dask(
    source: str | Path,
    db: str | Path,
    *,
    jsonl: str | Path | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    partitions: int | None = None,
    workdir: str | Path | None = None,
) -> DaskSummary:
    """Parse all of `source` on a Dask cluster (`scheduler`, or a local one of `workers`
    processes) into the lexicon at `db`, and the JSONL file if asked."""
    pages = open_page_source(source)
    lexicon = LexiconWriter(db, parser_version=wiktlex.PARSER_VERSION)
    engine = DaskEngine(wiktlex.PARSER_VERSION, workers, scheduler, partitions=partitions,
                        workdir=workdir)
    lexicon.start()
    try:
        done = engine.parse_whole(pages, lexicon)
        lexicon.finish()
    except BaseException:
        lexicon.abort()
        raise
    finally:
        engine.close()
    summary = DaskSummary(**vars(done), files=[str(db)])
    if jsonl:
        write_files(Path(db), {"jsonl": jsonl})
        summary.files.append(str(jsonl))
    return summary
