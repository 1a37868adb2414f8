"""wiktlex compare: "A vs B — what's the difference?" pages from the lexicon.

`build_comparison` makes a `Comparison` (data); the render_* modules lay it out as text,
Markdown or HTML; `model.to_json` gives the JSON of docs/comparison-json.md; `web.py`
serves it all.
"""

from __future__ import annotations

from wiktlex.compare.build import WordNotFound, build_comparison, build_word_page
from wiktlex.compare.model import Comparison, WordPage, to_json

__all__ = [
    "Comparison",
    "WordNotFound",
    "WordPage",
    "build_comparison",
    "build_word_page",
    "to_json",
]
