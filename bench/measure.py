"""One measurement, run in its own process so its peak RSS is its own.

    python -m bench.measure KIND [--workers N] [--limit N] [--source dir|DUMP]

prints one JSON object: seconds, pages, bytes (UTF-8 of the wikitext), peak RSS of this
process and of its children (worker processes), in MB. The orchestrator (bench/__main__)
starts one of these per figure.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bench.corpus import corpus_page_paths
from wiktlex.model import RawPage


def _iter_pages(source: str | None) -> Iterator[RawPage]:
    if source and not Path(source).is_dir():
        from wiktlex.ingest.dump import read_dump

        return (p for p in read_dump(source) if p.redirect_to is None)
    from wiktlex.ingest.files import read_file

    paths = sorted(Path(source).glob("*.wikitext")) if source else corpus_page_paths()
    return (read_file(path) for path in paths)


def _pages(source: str | None, limit: int | None) -> list[RawPage]:
    return list(itertools.islice(_iter_pages(source), limit))


def _size(source: str | None) -> tuple[int, int]:
    """(pages, UTF-8 bytes) read one page at a time: a refresh's peak RSS is its own."""
    pages = size = 0
    for page in _iter_pages(source):
        pages += 1
        size += len(page.text.encode("utf-8"))
    return pages, size


_WARM_UP = RawPage(
    title="warm", text="==English==\n===Noun===\n{{en-noun}}\n# {{lb|en|rare}} A [[thing]].\n"
    "====Translations====\n{{trans-top|a thing}}\n* French: {{t+|fr|chose|f}}\n{{trans-bottom}}\n",
)


def _warm_up() -> None:
    """Load what every process loads once (handler tables, language data) before timing:
    on a small source that one-off cost would otherwise swamp the per-page figures."""
    import mwparserfromhell

    from wiktlex import parse_page

    mwparserfromhell.parse(_WARM_UP.text)
    parse_page(_WARM_UP)


def _bare(pages: list[RawPage]) -> None:
    import mwparserfromhell

    for page in pages:
        mwparserfromhell.parse(page.text)


def _tokenize(pages: list[RawPage]) -> None:
    from mwparserfromhell.parser._tokenizer import CTokenizer

    for page in pages:
        CTokenizer().tokenize(page.text, 0, False)


def _parse(pages: list[RawPage]) -> None:
    from wiktlex import parse_page

    for page in pages:
        parse_page(page)


def _parse_count(page: RawPage) -> int:
    from wiktlex import parse_page

    return len(parse_page(page).entries)


def _parse_pool(pages: list[RawPage], workers: int) -> None:
    with ProcessPoolExecutor(max_workers=workers) as pool:
        chunk = max(1, len(pages) // (workers * 8))
        sum(pool.map(_parse_count, pages, chunksize=chunk))


def _refresh(source: str, workers: int, again: bool) -> float:
    """Seconds of a full refresh of `source`; with `again`, of a second, no-change one."""
    from wiktlex.pipeline import refresh

    with tempfile.TemporaryDirectory(prefix="wiktlex-bench-") as tmp:
        db = Path(tmp) / "lexicon.sqlite"
        started = time.perf_counter()
        refresh(source, db, workers=workers, progress="none")
        seconds = time.perf_counter() - started
        if again:
            started = time.perf_counter()
            refresh(source, db, workers=workers, progress="none")
            seconds = time.perf_counter() - started
    return seconds


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def run(kind: str, workers: int, limit: int | None, source: str | None) -> dict[str, object]:
    if kind in ("refresh", "refresh-again"):  # the pipeline reads the source itself
        count, size = _size(source)
        target = source or str(corpus_page_paths()[0].parent)
        seconds = _refresh(target, workers, kind == "refresh-again")
    else:
        pages = _pages(source, limit)
        count, size = len(pages), sum(len(p.text.encode("utf-8")) for p in pages)
        jobs: dict[str, Callable[[], object]] = {
            "bare": lambda: _bare(pages),
            "tokenize": lambda: _tokenize(pages),
            "parse": lambda: _parse(pages),
            "pool": lambda: _parse_pool(pages, workers),
        }
        _warm_up()
        started = time.perf_counter()
        jobs[kind]()
        seconds = time.perf_counter() - started
    return {
        "kind": kind,
        "workers": workers,
        "seconds": seconds,
        "pages": count,
        "bytes": size,
        "rss_mb": _peak_mb(resource.RUSAGE_SELF),
        "children_rss_mb": _peak_mb(resource.RUSAGE_CHILDREN),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["bare", "tokenize", "parse", "pool", "refresh", "refresh-again"])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--source", default=None)
    args = parser.parse_args(argv)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    print(json.dumps(run(args.kind, args.workers, args.limit, args.source)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
