"""Where a refresh's pages are parsed, by name: `local` (inline or a pool) and `dask`.

Every engine is a `base.Engine`; `EngineSpec` is the choice a user makes (name, workers,
scheduler), checked before any output is touched and turned into an engine after.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wiktlex.pipeline.engines.base import (
    Engine,
    EngineError,
    Ticket,
    WholeSource,
    parse_gc,
    parse_one,
)
from wiktlex.pipeline.engines.cluster import DaskEngine
from wiktlex.pipeline.engines.local import InlineEngine, LocalEngine


def _local(version: str, workers: int, _scheduler: str | None) -> Engine:
    return InlineEngine(version) if workers <= 1 else LocalEngine(version, workers)


def _dask(version: str, workers: int, scheduler: str | None) -> Engine:
    return DaskEngine(version, max(1, workers), scheduler)


ENGINES: dict[str, Callable[[str, int, str | None], Engine]] = {"local": _local, "dask": _dask}


@dataclass(frozen=True)
class EngineSpec:
    """An engine as asked for: `name` in ENGINES, `workers`, a Dask `scheduler` address."""

    name: str = "local"
    workers: int = 1
    scheduler: str | None = None

    def check(self) -> None:
        """EngineError (one line) for a choice no engine can take."""
        if self.name not in ENGINES:
            raise EngineError(f"unknown engine {self.name!r} (known: {', '.join(ENGINES)})")
        if self.scheduler and self.name != "dask":
            raise EngineError("--scheduler goes with --engine dask")

    def create(self, parser_version: str) -> Engine:
        self.check()
        return ENGINES[self.name](parser_version, self.workers, self.scheduler)


def make_engine(name: str, parser_version: str, workers: int, scheduler: str | None = None) -> Engine:
    return EngineSpec(name, workers, scheduler).create(parser_version)


__all__ = [
    "ENGINES",
    "Engine",
    "EngineError",
    "EngineSpec",
    "Ticket",
    "WholeSource",
    "make_engine",
    "parse_gc",
    "parse_one",
]
