"""The only place the stages meet: refresh, the batch parse, and where pages get parsed.

`refresh` (an object holding its options, `Refresh`) reads a source into the raw store,
parses what is stale (`staleness`) on an engine (`engines`: inline, a local pool, Dask)
and writes the lexicon and files; `batch` is `wiktlex parse` and `wiktlex stats PATHS`.
"""

from __future__ import annotations

from wiktlex.ingest.sources import ApiOptions
from wiktlex.lexicon import LexiconError
from wiktlex.model import ExportError
from wiktlex.pipeline.engines import EngineError
from wiktlex.pipeline.refresh import BATCH, Refresh, default_raw_path, refresh
from wiktlex.pipeline.summary import RefreshError, RefreshSummary

__all__ = [
    "BATCH",
    "ApiOptions",
    "EngineError",
    "ExportError",
    "LexiconError",
    "Refresh",
    "RefreshError",
    "RefreshSummary",
    "default_raw_path",
    "refresh",
]
