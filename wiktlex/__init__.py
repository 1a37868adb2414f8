"""wiktlex: English Wiktionary as a clean, structured, always-fresh lexicon.

The parser and model import eagerly (they are what worker processes need); the other
stages load on first use so `import wiktlex` in a parse worker stays cheap, and so does
`PARSER_VERSION` (a hash of the parser's files, computed once on first use).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from wiktlex.model import (
    Diagnostic,
    Entry,
    ParseResult,
    RawPage,
)
from wiktlex.parse import parse_page

__version__ = "0.1.0"

if TYPE_CHECKING:
    PARSER_VERSION: str

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
    if name == "PARSER_VERSION":  # stored with every parsed page (wiktlex.parse.version)
        from wiktlex.parse.version import current

        return current()
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
