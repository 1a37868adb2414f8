"""The SQLite lexicon: the schema, the writer a refresh fills, the reader everyone else uses.

The lexicon is the product (what `compare`, `serve` and other programs read) and also
the refresh's memory: each page records the revision, content hash and parser version it
was parsed from. Imports only `wiktlex.model`.
"""

from __future__ import annotations

from wiktlex.lexicon.reader import Lexicon, LexiconError, PageInfo, PageState, open_lexicon
from wiktlex.lexicon.writer import LexiconWriter

__all__ = ["Lexicon", "LexiconError", "LexiconWriter", "PageInfo", "PageState", "open_lexicon"]
