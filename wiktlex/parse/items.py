"""Splitting a list line into its items at separators outside `{{…}}` and `[[…]]`.

Relation and translation lines list several terms on one line (`[[a]], [[b]] {{q|rare}}`);
reading them item by item keeps each qualifier with its own term.
"""

from __future__ import annotations

import re
from functools import cache


def split_top(text: str, separators: str) -> list[str]:
    """Split `text` at any of `separators` that stands outside templates and links."""
    parts: list[str] = []
    depth = 0
    start = 0
    for match in _markers(separators).finditer(text):
        token = match.group()
        if token in ("{{", "[["):
            depth += 1
        elif token in ("}}", "]]"):
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return parts


@cache
def _markers(separators: str) -> re.Pattern[str]:
    return re.compile(r"\{\{|\}\}|\[\[|\]\]|[" + re.escape(separators) + "]")
