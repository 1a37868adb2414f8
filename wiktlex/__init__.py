"""wiktlex: English Wiktionary as a clean, structured, always-fresh lexicon.

The parser and model import eagerly (they are what worker processes need); the other
stages load on first use so `import wiktlex` in a parse worker stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from wiktlex.model import (
    Diagnostic,
    Entry,
    ParseResult,
    RawPage,
)
from wiktlex.parser_version import parser_version as _parser_version

__version__ = "0.1.0"
#: Stored with every parsed page; a refresh re-parses pages stored under another one.
PARSER_VERSION = _parser_version(__version__)

from wiktlex.parse import parse_page  # noqa: E402

_LAZY = {
    "read_dump": "wiktlex.ingest.dump",
    "ApiFetcher": "wiktlex.ingest.api",
    "RawStore": "wiktlex.ingest.store",
    "refresh": "wiktlex.pipeline",
    "open_lexicon": "wiktlex.lexicon",
    "EXPORTERS": "wiktlex.export",
    "build_comparison": "wiktlex.compare.build",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'wiktlex' has no attribute {name!r}")
    return getattr(import_module(module), name)


__all__ = [
    "EXPORTERS",
    "PARSER_VERSION",
    "ApiFetcher",
    "Diagnostic",
    "Entry",
    "ParseResult",
    "RawPage",
    "RawStore",
    "__version__",
    "build_comparison",
    "open_lexicon",
    "parse_page",
    "read_dump",
    "refresh",
]
