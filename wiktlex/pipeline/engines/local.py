"""Engines of this machine: inline (in this process) and a pool of worker processes.

A worker process that dies outright (a segfault, the OOM killer) breaks the whole pool;
the local engine then rebuilds the pool and retries the batch page by page, so only the
culprit is lost. A worker never outlives the process that made its pool
(`die_with_parent`): a killed refresh leaves no parser running. `base.parse_one` is looked up at each call, so a test or a debugging
session can wrap it.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from wiktlex.model import ExportPage, RawPage
from wiktlex.parse.template_library import EMPTY_LIBRARY, TemplateLibrary
from wiktlex.pipeline.engines import base
from wiktlex.pipeline.engines.base import BatchEngine, Ticket

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


def init_worker(
    memory_limit: int, templates: TemplateLibrary = EMPTY_LIBRARY, creator: int | None = None
) -> None:
    """Pool worker initializer: the memory cap, the parse GC thresholds, the source's
    template pages (sent once per pool, not with every chunk), and a life no longer than
    the process that made the pool (`creator`)."""
    limit_memory(memory_limit)
    gc.set_threshold(*base.PARSE_GC_THRESHOLDS)
    base.set_worker_templates(templates)
    for sig in (signal.SIGTERM, signal.SIGHUP):  # a fork inherits the CLI's handlers:
        signal.signal(sig, signal.SIG_DFL)  # a worker told to stop simply stops
    if creator is not None:
        die_with_parent(creator)


#: Seconds between two looks of the watchdog at the process that made the pool.
WATCH_INTERVAL = 1.0
_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(creator: int, interval: float = WATCH_INTERVAL) -> None:
    """End this worker when `creator` ends, however it ends (SIGKILL, the OOM killer).

    A pool's workers otherwise outlive a killed parent, blocked on a queue nobody writes
    to. On Linux the kernel sends SIGKILL when the parent dies (PR_SET_PDEATHSIG); a
    watchdog thread covers the rest: other systems, a parent that died before the
    request, and a forkserver start, whose workers' parent is the server, not `creator`.
    """
    _kill_me_with_parent()
    if not _alive(creator):
        os._exit(1)
    parent = os.getppid()
    watch = threading.Thread(
        target=_watch, args=(creator, parent, interval), name="wiktlex-parent-watch", daemon=True
    )
    watch.start()


def _kill_me_with_parent() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch(creator: int, parent: int, interval: float) -> None:
    while os.getppid() == parent and _alive(creator):
        time.sleep(interval)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's (the pid was reused: rare, harmless)
        return True
    return True


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


class InlineEngine(BatchEngine):
    """Parse in this process: workers <= 1, tests, debugging with pdb."""

    def __init__(self, parser_version: str) -> None:
        self.parser_version = parser_version

    def start(self, pages: list[RawPage]) -> Ticket:
        extra = {"templates": self.templates} if len(self.templates) else {}
        results = [base.parse_one(p, self.parser_version, **extra) for p in pages]  # looked up now: wrappable
        return lambda: iter(results)

    def close(self) -> None:
        pass


class LocalEngine(BatchEngine):
    """A pool of worker processes on this machine."""

    def __init__(self, parser_version: str, workers: int) -> None:
        self.parser_version = parser_version
        self.workers = workers
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers, initializer=init_worker,
            initargs=(WORKER_MEMORY_LIMIT, self.templates, os.getpid()),
        )

    def use_templates(self, templates: TemplateLibrary) -> None:
        """Workers get the library when they start: a new one means a new pool (once or
        twice a refresh: when the source's template pages are first read, or changed)."""
        if templates.digest() != self.templates.digest():
            self.templates = templates
            self._restart()

    def start(self, pages: list[RawPage]) -> Ticket:
        size = max(1, len(pages) // (self.workers * 4))
        chunks = [pages[i : i + size] for i in range(0, len(pages), size)]
        try:  # submitted now, collected by the ticket
            futures = [self._pool.submit(base.parse_encoded, c, self.parser_version) for c in chunks]
        except BrokenProcessPool:
            return lambda: iter(self._one_by_one(pages))

        def collect() -> Iterator[ExportPage]:
            for done, future in enumerate(futures):
                try:
                    parsed = base.decode_results(future.result())
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
                out.append(self._pool.submit(base.parse_one, page, self.parser_version).result())
            except BrokenProcessPool:
                out.append(base.crashed(page, self.parser_version, "worker process died parsing this page"))
        self._restart()
        return out

    def _restart(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new_pool()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
