"""Dump reader throughput and memory, against a floor measured in the same run.

For every dump of ../shared/corpus/dumps (or fixtures/dumps when absent) this times:

- floor:  decompression + `lxml.etree.iterparse` over `<page>` with clearing, building
          nothing (what any lxml reader must pay);
- reader: `wiktlex.ingest.read_dump(namespaces=None)`, building every RawPage;
- shards: for a multistream dump, `plan_shards` + `read_shard` over all shards, in one
          process (the per-worker cost; parallel speed-up is workers × this).

Each measurement runs in its own child process, so the peak RSS reported is that of the
measurement alone. A last row reads a plain XML dump made of the largest sample repeated
`--scale` times: its peak RSS staying level with the 1× row shows memory is flat.

    python -m bench.bench_ingest [--repeat 3] [--scale 10] [--json]
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DUMPS = Path(os.environ.get("WIKTLEX_CORPUS", ROOT.parent / "shared" / "corpus")) / "dumps"


def dumps() -> list[Path]:
    base = CORPUS_DUMPS if CORPUS_DUMPS.is_dir() else ROOT / "fixtures" / "dumps"
    found = [p for p in base.rglob("*") if p.name.endswith((".xml", ".xml.bz2", ".xml.gz"))]
    return sorted(found, key=lambda p: p.stat().st_size)


def _open(path: Path) -> Any:
    with path.open("rb") as head:
        magic = head.read(3)
    if magic == b"BZh":
        return bz2.open(path, "rb")
    if magic[:2] == b"\x1f\x8b":
        return gzip.open(path, "rb")
    return path.open("rb")


def xml_size(path: Path) -> int:
    with _open(path) as stream:
        return sum(len(chunk) for chunk in iter(lambda: stream.read(1 << 20), b""))


def floor(path: Path) -> int:
    """Pages seen by decompression + iterparse, building nothing."""
    from lxml import etree

    pages = 0
    with _open(path) as stream:
        for _, elem in etree.iterparse(stream, events=("end",), tag="{*}page", huge_tree=True):
            pages += 1
            elem.clear()
            while elem.getprevious() is not None:
                del elem.getparent()[0]
    return pages


def reader(path: Path) -> int:
    from wiktlex.ingest import read_dump

    return sum(1 for _ in read_dump(path, namespaces=None, on_diagnostic=lambda d: None))


def shards(path: Path) -> int:
    from wiktlex.ingest import plan_shards, read_shard

    return sum(1 for s in plan_shards(path, 4) for _ in read_shard(s, namespaces=None))


KINDS: dict[str, Any] = {"floor": floor, "reader": reader, "shards": shards}


def run_one(kind: str, path: Path) -> dict[str, Any]:
    """Time one measurement here, in this (child) process; imports are not timed."""
    import lxml.etree  # noqa: F401

    import wiktlex.ingest  # noqa: F401  (the same baseline RSS for every kind)

    start = time.perf_counter()
    pages = KINDS[kind](path)
    seconds = time.perf_counter() - start
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "kind": kind,
        "path": str(path),
        "pages": pages,
        "seconds": seconds,
        "peak_rss_mb": rss_kb / 1024,
    }


def measure(kind: str, path: Path, repeat: int) -> dict[str, Any]:
    """Best of `repeat` child-process runs."""
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-m", "bench.bench_ingest", "--one", kind, str(path)],
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        runs.append(json.loads(out.stdout))
    return min(runs, key=lambda r: r["seconds"])


def scaled_copy(path: Path, times: int, directory: Path) -> Path:
    """A plain XML dump of `path`'s pages repeated `times` times."""
    with _open(path) as stream:
        xml = stream.read()
    head_end = xml.index(b"<page>")
    tail_start = xml.rindex(b"</mediawiki>")
    out = directory / f"scaled-x{times}.xml"
    with out.open("wb") as handle:
        handle.write(xml[:head_end])
        for _ in range(times):
            handle.write(xml[head_end:tail_start])
        handle.write(xml[tail_start:])
    return out


def report_rows(path: Path, repeat: int) -> list[dict[str, Any]]:
    base = measure("floor", path, repeat)
    rows = [base, measure("reader", path, repeat)]
    if (path.parent / (path.name.removesuffix(".xml.bz2") + "-index.txt.bz2")).exists():
        rows.append(measure("shards", path, repeat))
    size, xml_bytes = path.stat().st_size, xml_size(path)
    for row in rows:
        row["file_mb_s"] = size / 1e6 / row["seconds"]
        row["xml_mb_s"] = xml_bytes / 1e6 / row["seconds"]
        row["pages_s"] = row["pages"] / row["seconds"]
        row["vs_floor"] = row["seconds"] / base["seconds"]
    return rows


def print_table(rows: list[dict[str, Any]]) -> None:
    print(
        f"{'dump':58} {'kind':7} {'pages':>7} {'s':>7} {'pages/s':>9} {'file MB/s':>9} "
        f"{'XML MB/s':>9} {'×floor':>7} {'RSS MB':>7}"
    )
    for r in rows:
        name = Path(r["path"]).name[-58:]
        print(
            f"{name:58} {r['kind']:7} {r['pages']:7d} {r['seconds']:7.3f} {r['pages_s']:9.0f} "
            f"{r['file_mb_s']:9.2f} {r['xml_mb_s']:9.1f} {r['vs_floor']:7.2f} {r['peak_rss_mb']:7.1f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="dump reader throughput and memory")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--one", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one[0], Path(args.one[1]))))
        return 0
    rows: list[dict[str, Any]] = []
    found = dumps()
    for path in found:
        rows.extend(report_rows(path, args.repeat))
    if args.scale > 1 and found:
        with tempfile.TemporaryDirectory() as tmp:
            rows.extend(report_rows(scaled_copy(found[-1], args.scale, Path(tmp)), 1))
    if args.json:
        print(json.dumps(rows, indent=2))
    else:
        print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
