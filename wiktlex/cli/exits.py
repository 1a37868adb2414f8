"""Exit statuses of the wiktlex commands, in one place, and stop signals told like Ctrl-C.

A batch job's supervisor (cron, systemd, `timeout`, `docker stop`) stops a run with
SIGTERM, a closed terminal sends SIGHUP: by default either kills the process where it
stands, leaving temporary files and a silent log. Inside `stop_signals_interrupt()` they
raise `Terminated`, a KeyboardInterrupt, where the program is, so every cleanup written
for Ctrl-C runs (spool files removed, the open transaction rolled back, workers shut
down) and the command ends with one line and the shell's status for that signal.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

OK = 0
#: The command ran and failed, or did only part of its work (what is missing is listed).
FAILED = 1
#: Unusable arguments (click's usage errors).
USAGE = 2
#: Stopped by a signal: 128 + its number, as a shell reports it.
HANGUP = 128 + signal.SIGHUP  # 129
INTERRUPTED = 128 + signal.SIGINT  # 130
TERMINATED = 128 + signal.SIGTERM  # 143

STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Terminated(KeyboardInterrupt):
    """The process was told to stop (SIGTERM, SIGHUP): handled wherever Ctrl-C is."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def exit_status(stop: KeyboardInterrupt) -> int:
    """The status a command stopped by `stop` exits with (130 for Ctrl-C)."""
    return 128 + stop.signum if isinstance(stop, Terminated) else INTERRUPTED


def stopped_by(stop: KeyboardInterrupt) -> str:
    """`interrupted` for Ctrl-C, `terminated (SIGTERM)` for a stop signal: a line's start."""
    if isinstance(stop, Terminated):
        return f"terminated ({signal.Signals(stop.signum).name})"
    return "interrupted"


@contextlib.contextmanager
def stop_signals_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP raise Terminated in the block (main thread only: elsewhere,
    signals cannot be handled and the block runs as it is). A second stop signal while
    the first one's cleanup runs is ignored: the cleanup is what keeps the files whole,
    and a supervisor that will not wait sends SIGKILL anyway."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stopping = False

    def stop(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        if not stopping:
            stopping = True
            raise Terminated(signum)

    before = {sig: signal.signal(sig, stop) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)
