"""wiktlex: English Wiktionary as a clean, structured, always-fresh lexicon."""

from __future__ import annotations

from wiktlex.model import (
    Diagnostic,
    Entry,
    ParseResult,
    RawPage,
)

__version__ = "0.1.0"
PARSER_VERSION = "1"

from wiktlex.parse import parse_page  # noqa: E402

__all__ = [
    "PARSER_VERSION",
    "Diagnostic",
    "Entry",
    "ParseResult",
    "RawPage",
    "__version__",
    "parse_page",
]
