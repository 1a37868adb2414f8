"""`make bench`: throughput, memory and scaling of the parser and the refresh pipeline.

Every figure is measured in a fresh process (so peak RSS is that measurement's own) on the
same pages in the same run, and reported as a ratio to the bare `mwparserfromhell.parse`
of those pages: the machine may be shared and noisy, ratios within one run are not.

    python -m bench [--quick] [--source DIR|DUMP]... [--workers N] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from dataclasses import dataclass, replace

from bench.corpus import corpus_dumps, corpus_page_paths

FULL_DUMP_PAGES = 8_000_000
FULL_DUMP_BYTES = 10e9


@dataclass
class Figure:
    label: str
    kind: str
    workers: int
    seconds: float
    pages: int
    size: int
    rss_mb: float


def measure(kind: str, source: str, workers: int = 1, limit: int | None = None) -> Figure:
    cmd = [sys.executable, "-m", "bench.measure", kind, "--workers", str(workers), "--source", source]
    if limit:
        cmd += ["--limit", str(limit)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    data = json.loads(out.strip().splitlines()[-1])
    rss = max(float(data["rss_mb"]), float(data["children_rss_mb"]))
    label = kind if workers == 1 else f"{kind} ×{workers}"
    return Figure(label, kind, workers, float(data["seconds"]), int(data["pages"]), int(data["bytes"]), rss)


def worker_counts(requested: int | None) -> list[int]:
    return sorted({1, 2, requested or os.cpu_count() or 2})


def bench_source(source: str, workers: list[int], limit: int | None, repeat: int = 1) -> list[Figure]:
    """Every figure for one source, bare parse first (the unit of the ratios).

    With `repeat`, every measurement is taken that many times, in rounds (so a noisy
    spell of a shared machine hits different measurements), and each keeps its fastest
    time and its highest peak RSS.
    """
    runs = [("bare", 1, limit), ("tokenize", 1, limit), ("parse", 1, limit)]
    runs += [("pool", n, limit) for n in workers]
    if limit is None:
        runs += [("refresh", n, None) for n in workers] + [("refresh-again", 1, None)]
    rounds = [[measure(kind, source, n, lim) for kind, n, lim in runs] for _ in range(max(1, repeat))]
    return [
        replace(min(takes, key=lambda f: f.seconds), rss_mb=max(f.rss_mb for f in takes))
        for takes in zip(*rounds, strict=True)
    ]


def table(source: str, figures: list[Figure]) -> list[str]:
    bare = figures[0].seconds
    one = {f.kind: f.seconds for f in figures if f.workers == 1}
    lines = [
        f"source: {source} — {figures[0].pages} pages, {figures[0].size / 1e6:.1f} MB of wikitext",
        "",
        "| measurement | seconds | pages/s | MB/s | × bare parse | speed-up vs 1 worker | peak RSS MB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for f in figures:
        speedup = one.get(f.kind, f.seconds) / f.seconds if f.kind in ("pool", "refresh") else None
        lines.append(
            f"| {f.label} | {f.seconds:.2f} | {f.pages / f.seconds:.0f} | "
            f"{f.size / 1e6 / f.seconds:.2f} | {f.seconds / bare:.2f} | "
            f"{'' if speedup is None else f'{speedup:.2f}'} | {f.rss_mb:.0f} |"
        )
    if one.get("parse", 2.0) < 2.0:
        lines += ["", "(runs under 2 s: process start-up and the first and last batch weigh on "
                  "these figures, scaling most)"]
    return lines


def projection(figures: list[Figure]) -> list[str]:
    """The full English dump from this run's refresh throughput (1 worker, and 2)."""
    by = {(f.kind, f.workers): f for f in figures}
    one = by.get(("refresh", 1)) or by[("parse", 1)]
    two = by.get(("refresh", 2)) or by.get(("pool", 2))
    per_byte = one.seconds / one.size
    single = FULL_DUMP_BYTES * per_byte
    efficiency = (one.seconds / two.seconds) / 2 if two else 0.9
    hours = lambda s: f"{s / 3600:.1f} h"  # noqa: E731
    return [
        f"projection for the full English dump (≈{FULL_DUMP_PAGES / 1e6:.0f} M pages, "
        f"≈{FULL_DUMP_BYTES / 1e9:.0f} GB wikitext), from {one.label} at "
        f"{one.size / 1e6 / one.seconds:.2f} MB/s and a measured 2-worker efficiency of "
        f"{efficiency:.0%}:",
        f"- 1 core: {hours(single)}",
        f"- 2 cores: {hours(single / (2 * efficiency))}",
        f"- 16-worker cluster (same per-worker speed, same efficiency): "
        f"{hours(single / (16 * efficiency))}",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="wiktlex benchmarks")
    parser.add_argument("--source", action="append", help="page directory or XML dump (repeatable)")
    parser.add_argument("--workers", type=int, default=None, help="N in the 1/2/N scaling rows")
    parser.add_argument("--quick", action="store_true", help="300 pages, no refresh rows")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the fastest is kept")
    args = parser.parse_args(argv)
    sources = args.source or [str(corpus_page_paths()[0].parent)] + [str(d) for d in corpus_dumps()]
    limit = 300 if args.quick else None
    workers = worker_counts(args.workers)
    print(f"python -m bench {' '.join(argv if argv is not None else sys.argv[1:])}".rstrip())
    print(f"machine: {os.cpu_count()} CPUs; Python {sys.version.split()[0]}; "
          f"fastest of {1 if args.quick else args.repeat} runs per figure\n")
    projected = False
    for source in sources:
        figures = bench_source(source, workers, limit, 1 if args.quick else args.repeat)
        print("\n".join(table(source, figures)) + "\n")
        if not projected and limit is None and _long_enough(figures):
            print("\n".join(projection(figures)) + "\n")
            projected = True
        sys.stdout.flush()
    return 0


def _long_enough(figures: list[Figure]) -> bool:
    """A projection needs a refresh long enough to be throughput, not start-up (≥ 2 s)."""
    return any(f.kind == "refresh" and f.workers == 1 and f.seconds >= 2.0 for f in figures)


if __name__ == "__main__":
    sys.exit(main())
