"""Splitting a list line into its items at separators outside `{{…}}` and `[[…]]`.

Relation and translation lines list several terms on one line (`[[a]], [[b]] {{q|rare}}`);
reading them item by item keeps each qualifier with its own term.
"""

from __future__ import annotations


def split_top(text: str, separators: str) -> list[str]:
    """Split `text` at any of `separators` that stands outside templates and links."""
    parts: list[str] = []
    depth = 0
    start = 0
    index = 0
    while index < len(text):
        pair = text[index : index + 2]
        if pair in ("{{", "[["):
            depth += 1
            index += 2
            continue
        if pair in ("}}", "]]"):
            depth = max(0, depth - 1)
            index += 2
            continue
        if depth == 0 and text[index] in separators:
            parts.append(text[start:index])
            start = index + 1
        index += 1
    parts.append(text[start:])
    return parts
