"""Progress reporting for long refreshes: a rich bar on a terminal, log lines elsewhere.

A batch job's log must stay readable (no carriage-return animations in a CI log), and
an interactive user wants a rate and an ETA; the pipeline talks to one small interface
and never knows which it got.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Any, Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class Reporter(Protocol):
    def phase(self, name: str, total: int | None) -> None:
        """Begin a phase (`read`, `parse`, `export`) of `total` pages, if known."""

    def advance(self, n: int = 1) -> None: ...

    def message(self, text: str) -> None: ...

    def close(self) -> None: ...


class NullReporter:
    def phase(self, name: str, total: int | None) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def message(self, text: str) -> None:
        pass

    def close(self) -> None:
        pass


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} pages/s" if speed else "– pages/s", style="cyan")


class RichReporter:
    """An animated bar with pages/s and ETA, on stderr."""

    def __init__(self, console: Console | None = None) -> None:
        self._progress = Progress(
            TextColumn("[bold]{task.description:<7}"),
            BarColumn(),
            MofNCompleteColumn(),
            _RateColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console or Console(stderr=True),
        )
        self._task: Any = None
        self._progress.start()

    def phase(self, name: str, total: int | None) -> None:
        if self._task is not None:
            self._progress.stop_task(self._task)
        self._task = self._progress.add_task(name, total=total)

    def advance(self, n: int = 1) -> None:
        if self._task is not None:
            self._progress.advance(self._task, n)

    def message(self, text: str) -> None:
        self._progress.console.print(text)

    def close(self) -> None:
        self._progress.stop()


class LogReporter:
    """One plain line every `interval` seconds and at each phase's end."""

    def __init__(self, stream: IO[str] | None = None, interval: float = 10.0) -> None:
        self.stream = stream or sys.stderr
        self.interval = interval
        self._name = ""
        self._total: int | None = None
        self._done = 0
        self._started = 0.0
        self._last = 0.0

    def phase(self, name: str, total: int | None) -> None:
        self._flush_phase()
        self._name, self._total, self._done = name, total, 0
        self._started = self._last = time.monotonic()

    def advance(self, n: int = 1) -> None:
        self._done += n
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            self._line()

    def _line(self, final: bool = False) -> None:
        elapsed = max(time.monotonic() - self._started, 1e-9)
        rate = self._done / elapsed
        of = f"/{self._total:,}" if self._total is not None else ""
        eta = ""
        if not final and self._total and rate > 0:
            eta = f", ETA {_clock((self._total - self._done) / rate)}"
        tail = f" in {_clock(elapsed)}" if final else ""
        self.message(f"{self._name}: {self._done:,}{of} pages, {rate:,.0f} pages/s{eta}{tail}")

    def _flush_phase(self) -> None:
        if self._name:
            self._line(final=True)
            self._name = ""

    def message(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    def close(self) -> None:
        self._flush_phase()


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"


def make_reporter(kind: str | Reporter | None) -> Reporter:
    """`auto` (rich on a terminal, log lines otherwise), `rich`, `log`, `none`, or yours."""
    if kind is None or kind == "none":
        return NullReporter()
    if not isinstance(kind, str):
        return kind
    if kind == "auto":
        kind = "rich" if sys.stderr.isatty() else "log"
    if kind == "rich":
        return RichReporter()
    if kind == "log":
        return LogReporter()
    raise ValueError(f"unknown progress kind {kind!r} (auto, rich, log, none)")
