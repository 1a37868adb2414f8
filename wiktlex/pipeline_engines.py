"""Where pages get parsed: in this process, in worker processes, or on a Dask cluster.

`parse_one` is the unit of work: it never raises (a parser bug becomes an `error`
diagnostic on that page), so one bad page cannot stop a run. A worker process that dies
outright (a segfault, the OOM killer) breaks the whole pool; the local engine then
rebuilds the pool and retries the batch page by page, so only the culprit is lost.
"""

from __future__ import annotations

import contextlib
import gc
import os
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

import msgspec

from wiktlex.model import Diagnostic, ExportPage, ParseResult, RawPage

#: Address space a parse worker may add to what it inherited. A page normally needs well
#: under 100 MB; past this, allocation fails with MemoryError, which parse_one records on
#: that page.
WORKER_MEMORY_LIMIT = 2 * 1024**3


def mapped_bytes() -> int:
    """This process's current address space (0 where /proc is not there to say)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


#: Cyclic-GC thresholds while parsing. Parsing makes millions of short-lived objects
#: and few cycles; with the default (700, 10, 10) the collector keeps rescanning the
#: long-lived ones (handler tables, language data, the batch in flight): about 5% of a
#: one-worker refresh of the corpus dump.
PARSE_GC_THRESHOLDS = (10_000, 20, 20)


@contextlib.contextmanager
def parse_gc() -> Iterator[None]:
    """PARSE_GC_THRESHOLDS for the block, then the caller's own thresholds again."""
    before = gc.get_threshold()
    gc.set_threshold(*PARSE_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def init_worker(memory_limit: int) -> None:
    """Pool worker initializer: the memory cap and the parse GC thresholds."""
    limit_memory(memory_limit)
    gc.set_threshold(*PARSE_GC_THRESHOLDS)


def limit_memory(limit: int) -> None:
    """Let this process map at most `limit` more bytes (where the platform allows).

    On top of what it already has: a forked worker starts with its parent's whole
    address space, which in a notebook or a test run may alone be several GiB.
    """
    try:
        import resource

        cap = mapped_bytes() + limit
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard == resource.RLIM_INFINITY or cap < hard:
            resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, ValueError, OSError):
        pass  # no resource module (Windows) or not permitted: run unlimited


class EngineError(Exception):
    """The engine cannot run (e.g. Dask is not installed); one-line message."""


def parse_one(raw: RawPage, parser_version: str) -> ExportPage:
    """Parse one page into what exporters need; a crash becomes a diagnostic."""
    if raw.redirect_to:
        return ExportPage.from_parse(raw, ParseResult(), parser_version)
    try:
        from wiktlex import parse_page

        result = parse_page(raw)
    except Exception as exc:  # a parser bug: record it, keep the run going
        return crashed(raw, parser_version, f"parser crashed: {_where(exc)}")
    return ExportPage.from_parse(raw, result, parser_version)


def crashed(raw: RawPage, parser_version: str, message: str) -> ExportPage:
    diagnostic = Diagnostic(page=raw.title, message=message, section="", severity="error")
    page = ExportPage.from_parse(raw, ParseResult(diagnostics=[diagnostic]), parser_version)
    page.status = "error"
    return page


def _where(exc: BaseException) -> str:
    """`TypeError: ... (senses.py:123)`: enough to find the bug from the lexicon alone."""
    frames = traceback.extract_tb(exc.__traceback__)
    at = f" ({frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno})" if frames else ""
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}{at}"


_WIRE_ENCODER = msgspec.msgpack.Encoder()
_WIRE_DECODER = msgspec.msgpack.Decoder(list[ExportPage])


def parse_encoded(pages: list[RawPage], parser_version: str) -> bytes:
    """Worker side of the local pool: a chunk of pages parsed and sent back as msgpack.

    Unpickling the results' object graph cost the driver about as much as writing them
    (and the driver shares the cores with the workers); msgpack decodes typed Structs
    several times faster.
    """
    return _WIRE_ENCODER.encode([parse_one(p, parser_version) for p in pages])


def decode_results(blob: bytes) -> list[ExportPage]:
    """Driver side: msgpack back to pages, with the cyclic GC paused.

    Decoding allocates thousands of containers, none of them cyclic garbage; left on,
    the collector rescans every live object many times per batch.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _WIRE_DECODER.decode(blob)
    finally:
        if was_enabled:
            gc.enable()


#: Results of a batch handed to an engine: call it to receive them, in page order, as
#: they arrive (a generator may wait for the workers between pages).
Ticket = Callable[[], Iterator[ExportPage]]


class Engine(Protocol):
    def start(self, pages: list[RawPage]) -> Ticket:
        """Hand `pages` to the workers now; the ticket yields the results.

        Starting batch N+1 before collecting batch N lets the driver write one batch while
        the workers parse the next, with no thread in the driver; yielding each chunk as
        it arrives lets it write while the same batch's later chunks are still parsing.
        """

    def close(self) -> None: ...


class InlineEngine:
    """Parse in this process: workers <= 1, tests, debugging with pdb."""

    def __init__(self, parser_version: str) -> None:
        self.parser_version = parser_version

    def start(self, pages: list[RawPage]) -> Ticket:
        results = [parse_one(p, self.parser_version) for p in pages]
        return lambda: iter(results)

    def close(self) -> None:
        pass


class LocalEngine:
    """A pool of worker processes on this machine."""

    def __init__(self, parser_version: str, workers: int) -> None:
        self.parser_version = parser_version
        self.workers = workers
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers, initializer=init_worker, initargs=(WORKER_MEMORY_LIMIT,)
        )

    def start(self, pages: list[RawPage]) -> Ticket:
        size = max(1, len(pages) // (self.workers * 4))
        chunks = [pages[i : i + size] for i in range(0, len(pages), size)]
        try:  # submitted now, collected by the ticket
            futures = [self._pool.submit(parse_encoded, c, self.parser_version) for c in chunks]
        except BrokenProcessPool:
            return lambda: iter(self._one_by_one(pages))

        def collect() -> Iterator[ExportPage]:
            for done, future in enumerate(futures):
                try:
                    parsed = decode_results(future.result())
                except BrokenProcessPool:  # a worker died: redo the rest page by page
                    yield from self._one_by_one([p for c in chunks[done:] for p in c])
                    return
                yield from parsed

        return collect

    def _one_by_one(self, pages: list[RawPage]) -> list[ExportPage]:
        out = []
        for page in pages:
            self._restart()
            try:
                out.append(self._pool.submit(parse_one, page, self.parser_version).result())
            except BrokenProcessPool:
                out.append(crashed(page, self.parser_version, "worker process died parsing this page"))
        self._restart()
        return out

    def _restart(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new_pool()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine:
    """A Dask cluster: a local one of `workers` processes, or `address` if given."""

    def __init__(self, parser_version: str, workers: int, address: str | None = None) -> None:
        from wiktlex.engines.dask_engine import connect

        self.parser_version = parser_version
        try:
            self._client, self._cluster = connect(workers, address)
        except ImportError as exc:
            raise EngineError(str(exc)) from None

    def start(self, pages: list[RawPage]) -> Ticket:
        futures = self._client.map(parse_one, pages, parser_version=self.parser_version, pure=False)
        return lambda: iter(self._client.gather(futures))

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


ENGINES: dict[str, Callable[[str, int, str | None], Engine]] = {
    "local": lambda version, workers, _scheduler: (
        InlineEngine(version) if workers <= 1 else LocalEngine(version, workers)
    ),
    "dask": lambda version, workers, scheduler: DaskEngine(version, max(1, workers), scheduler),
}


def make_engine(name: str, parser_version: str, workers: int, scheduler: str | None = None) -> Engine:
    try:
        factory = ENGINES[name]
    except KeyError:
        raise EngineError(f"unknown engine {name!r} (known: {', '.join(ENGINES)})") from None
    if scheduler and name != "dask":
        raise EngineError("--scheduler goes with --engine dask")
    return factory(parser_version, workers, scheduler)
