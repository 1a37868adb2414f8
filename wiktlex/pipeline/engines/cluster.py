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

import itertools
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

import wiktlex
from wiktlex.ingest.multistream import DumpShard, plan_shards, read_shard
from wiktlex.ingest.sources import DumpSource, PageSource, Source, open_page_source
from wiktlex.lexicon import LexiconWriter, open_lexicon
from wiktlex.model import Diagnostic, RawPage
from wiktlex.pipeline.engines.base import EngineError, Ticket, WholeSource, parse_one
from wiktlex.pipeline.outputs import write_files

PAGES_PER_TASK = 500


@dataclass
class DaskSummary(WholeSource):
    """What `run_dask` did, and the files it wrote."""

    files: list[str] = field(default_factory=list)


def _write_partition(pages: Iterator[RawPage], out: Path, parser_version: str) -> tuple[str, int]:
    """Worker side: the partition as JSON lines of parsed pages (`part-N.jsonl`) and as a
    lexicon of its own (`part-N.sqlite`, queryable alone); the driver merges the lexicons."""
    encoder = msgspec.json.Encoder()
    lexicon = LexiconWriter(out.with_suffix(".sqlite"), parser_version=parser_version)
    lexicon.start()
    lexicon.defer_indexes()
    count = 0
    try:
        with out.open("wb") as fh:  # scratch for the driver, not an output: no storage rename
            for page in pages:
                parsed = parse_one(page, parser_version)
                fh.write(encoder.encode(parsed) + b"\n")
                lexicon.export(parsed)
                count += 1
        lexicon.finish()
    except BaseException:
        lexicon.abort()
        raise
    return str(lexicon.path), count


def parse_shard_task(shard: DumpShard, out: str, parser_version: str) -> tuple[str, int]:
    """Worker side: read one byte range of a multistream dump, parse, write a partition."""
    return _write_partition(read_shard(shard), Path(out), parser_version)


def parse_pages_task(pages: list[RawPage], out: str, parser_version: str) -> tuple[str, int]:
    """Worker side: parse a range of pages sent by the driver, write a partition."""
    return _write_partition(iter(pages), Path(out), parser_version)


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
        self._client, self._cluster = connect(workers, scheduler)

    def start(self, pages: list[RawPage]) -> Ticket:
        futures = self._client.map(parse_one, pages, parser_version=self.parser_version, pure=False)
        return lambda: iter(self._client.gather(futures))

    def parses_whole(self, source: Source, first_build: bool) -> bool:
        """Always for an indexed multistream dump: the workers read it themselves. For a
        plain dump or a directory, on a first build, when every page has to be parsed
        anyway. Later refreshes go through the raw store: only changed pages reach the
        cluster."""
        return source.kind == "multistream" or (source.kind != "api" and first_build)

    def parse_whole(self, source: PageSource, lexicon: LexiconWriter) -> WholeSource:
        """Every page of `source`, parsed in partitions and merged into `lexicon`."""
        done = WholeSource()
        with tempfile.TemporaryDirectory(prefix="wiktlex-parts-", dir=self.workdir) as tmp:
            count = self.partitions or max(1, 4 * len(self._client.scheduler_info()["workers"]))
            futures = self._tasks(source, Path(tmp), count, done)
            results = self._client.gather(futures)
            done.partitions = len(results)
            done.pages = sum(n for _, n in results)
            _merge_into([name for name, _ in results], lexicon, done)
        return done

    def _tasks(self, source: PageSource, parts: Path, partitions: int, done: WholeSource) -> list[Any]:
        """One future per partition: byte ranges of an indexed dump, else page ranges."""
        submit, version = self._client.submit, self.parser_version
        if isinstance(source, DumpSource) and source.index is not None:
            shards = plan_shards(source.path, partitions)
            return [
                submit(parse_shard_task, s, str(parts / f"part-{i:05d}.jsonl"), version, pure=False)
                for i, s in enumerate(shards)
            ]

        def skipped(_: Diagnostic) -> None:
            done.skipped += 1

        pages = source.pages(on_diagnostic=skipped)
        futures = []
        for i in itertools.count():
            batch = list(itertools.islice(pages, PAGES_PER_TASK))
            if not batch:
                break
            out = str(parts / f"part-{i:05d}.jsonl")
            futures.append(submit(parse_pages_task, batch, out, version, pure=False))
        return futures

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


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
