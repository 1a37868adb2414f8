"""A refresh on a Dask cluster: workers read their own part of the dump, parse, write.

The local engine ships every page from the driver to the workers; on a cluster that makes
the driver the bottleneck. Here a multistream dump is split by its index into byte ranges
(`ingest.multistream.plan_shards`): each task opens the dump itself, reads its streams,
parses them and writes its partition twice: JSON lines of ExportPage records
(`part-N.jsonl`) and a lexicon of its own (`part-N.sqlite`). A plain dump or a directory
has no index, so the driver reads it and sends page ranges as tasks. At the end the driver
merges the partition lexicons, in partition order, into the SQLite lexicon and writes the
optional JSONL file through the same exporters as the local engine, so the
lexicon is the same whichever engine made it.

    wiktlex-dask: run_dask("enwiktionary-…-multistream.xml.bz2", "lexicon.sqlite",
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

from wiktlex import PARSER_VERSION
from wiktlex.model import ExportPage, RawPage

PAGES_PER_TASK = 500


@dataclass
class DaskSummary:
    partitions: int = 0
    pages: int = 0
    entries: int = 0
    diagnostics: int = 0
    failed: int = 0
    partial: int = 0
    files: list[str] = field(default_factory=list)


def _write_partition(pages: Iterator[RawPage], out: Path, parser_version: str) -> tuple[str, int]:
    """Worker side: the partition as JSON lines of parsed pages (`part-N.jsonl`) and as a
    lexicon of its own (`part-N.sqlite`, queryable alone); the driver merges the lexicons."""
    from wiktlex.lexicon import LexiconWriter
    from wiktlex.pipeline_engines import parse_one

    encoder = msgspec.json.Encoder()
    lexicon = LexiconWriter(out.with_suffix(".sqlite"), parser_version=parser_version)
    lexicon.start()
    lexicon.defer_indexes()
    count = 0
    try:
        with out.open("wb") as fh:
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


def parse_shard_task(shard: Any, out: str, parser_version: str) -> tuple[str, int]:
    """Worker side: read one byte range of a multistream dump, parse, write a partition."""
    from wiktlex.ingest.multistream import read_shard

    return _write_partition(read_shard(shard), Path(out), parser_version)


def parse_pages_task(pages: list[RawPage], out: str, parser_version: str) -> tuple[str, int]:
    """Worker side: parse a range of pages sent by the driver, write a partition."""
    return _write_partition(iter(pages), Path(out), parser_version)


def _source_tasks(client: Any, source: Path, parts: Path, partitions: int, version: str) -> list[Any]:
    """One future per partition: byte ranges of an indexed dump, else page ranges."""
    from wiktlex.ingest.multistream import find_index, plan_shards

    if source.is_file() and find_index(source) is not None:
        shards = plan_shards(source, partitions)
        return [
            client.submit(parse_shard_task, s, str(parts / f"part-{i:05d}.jsonl"), version, pure=False)
            for i, s in enumerate(shards)
        ]
    from wiktlex.pipeline import Diagnostics, _source_pages

    _, pages = _source_pages(str(source), Diagnostics())
    futures = []
    for i in itertools.count():
        batch = list(itertools.islice(pages, PAGES_PER_TASK))
        if not batch:
            break
        out = str(parts / f"part-{i:05d}.jsonl")
        futures.append(client.submit(parse_pages_task, batch, out, version, pure=False))
    return futures


def _merge_into(files: list[str], lex: Any, summary: DaskSummary) -> None:
    """Driver side: every partition lexicon, in order, into a started lexicon writer."""
    from wiktlex.lexicon import open_lexicon

    lex.defer_indexes()
    for name in files:
        with open_lexicon(name) as part:
            for page in part.export_pages():
                lex.export(page)
                summary.entries += len(page.entries)
                summary.diagnostics += len(page.diagnostics)
                summary.failed += page.status == "error"
                summary.partial += page.status == "partial"


def _merge(files: list[str], db: Path, summary: DaskSummary) -> None:
    """Every partition into the lexicon at `db` (the local engine's writer)."""
    from wiktlex.lexicon import LexiconWriter

    lex = LexiconWriter(db, parser_version=PARSER_VERSION)
    lex.start()
    try:
        _merge_into(files, lex, summary)
        lex.finish()
    except BaseException:
        lex.abort()
        raise


def connect(workers: int, scheduler: str | None) -> tuple[Any, Any]:
    """(client, local cluster or None): the cluster at `scheduler`, or `workers` local processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ImportError("engine 'dask' needs Dask: pip install 'wiktlex[dask]'") from None
    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                           dashboard_address=None)
    return Client(cluster), cluster


def has_index(source: str | Path) -> bool:
    """Whether `source` is a multistream dump whose index lets workers read byte ranges."""
    from wiktlex.ingest.multistream import find_index

    path = Path(source)
    return path.is_file() and find_index(path) is not None


def _write_jsonl(db: Path, jsonl: Path) -> None:
    """The JSONL file from the lexicon, in page order, exactly as `refresh --jsonl` writes it."""
    from wiktlex.export import EXPORTERS
    from wiktlex.lexicon import open_lexicon

    out = EXPORTERS["jsonl"](jsonl)
    out.start()
    try:
        with open_lexicon(db) as lexicon:
            for info, entries in lexicon.iter_pages():
                out.export(ExportPage(title=info.title, entries=entries, revid=info.revid))
        out.finish()
    except BaseException:
        out.abort()
        raise


def run_dask(
    source: str | Path,
    db: str | Path,
    *,
    jsonl: str | Path | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    partitions: int | None = None,
    workdir: str | Path | None = None,
    lexicon: Any = None,
) -> DaskSummary:
    """Parse `source` on a Dask cluster (`scheduler`, or a local one of `workers` processes).

    `lexicon`, a started LexiconWriter, receives the pages instead of opening `db` (the
    refresh pipeline passes its own so that one writer owns the database).
    """
    summary = DaskSummary()
    client, cluster = connect(workers, scheduler)
    try:
        with tempfile.TemporaryDirectory(prefix="wiktlex-parts-", dir=workdir) as tmp:
            count = partitions or max(1, 4 * len(client.scheduler_info()["workers"]))
            futures = _source_tasks(client, Path(source), Path(tmp), count, PARSER_VERSION)
            results = client.gather(futures)
            summary.partitions = len(results)
            summary.pages = sum(n for _, n in results)
            files = [name for name, _ in results]
            if lexicon is not None:
                _merge_into(files, lexicon, summary)
            else:
                _merge(files, Path(db), summary)
        if jsonl:
            _write_jsonl(Path(db), Path(jsonl))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    summary.files = [str(db), *([str(jsonl)] if jsonl else [])]
    return summary
