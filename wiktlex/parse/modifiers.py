"""Inline modifiers, `term<key:value><key:value>`: how present-day Wiktionary annotates one
term inside a template argument (Module:parse utilities).

One reader for every user of the syntax: the templates that take terms (parse/terms.py
turns the modifiers into a term's fields) and the pronunciation generators (which keep
their own keys: `<audio:…>`, `<hmp:…>`). Lists are comma-separated at the top level only
(a comma inside `<…>` belongs to the modifier); modifiers nest (`<audio:F.ogg<a:US>>`).

Only `<name:` opens a modifier: any other `<` is text (`<sup>`, a lone `<` in `{{hyper}}`),
and a `<` inside `{{…}}` or `[[…]]` belongs to that template or link. Bad input never
raises: an unclosed modifier takes the rest of the argument, and each oddity is a
`problems` line the caller turns into a diagnostic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_OPEN = re.compile(r"<([A-Za-z_][A-Za-z0-9_]*):")
_NESTING = ("{{", "[[")
_UNNESTING = ("}}", "]]")


@dataclass(slots=True)
class Modified:
    """A term's text and its inline modifiers in order (values as written)."""

    text: str
    mods: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def get(self, key: str) -> list[str]:
        return [value for name, value in self.mods if name == key]

    def first(self, key: str) -> str:
        return next((value for name, value in self.mods if name == key and value), "")


def has_modifier(raw: str) -> bool:
    """Whether `raw` may hold an inline modifier (cheap test before parsing)."""
    return "<" in raw and _OPEN.search(raw) is not None


def parse_modified(raw: str) -> Modified:
    """`hap<t:chance, luck><id:noun>` -> Modified("hap", [("t", "chance, luck"), ("id", "noun")])."""
    if not has_modifier(raw):
        return Modified(raw.strip())
    head: list[str] = []
    result = Modified("")
    index, depth, after_modifier = 0, 0, False
    while index < len(raw):
        pair = raw[index : index + 2]
        if pair in _NESTING or (pair in _UNNESTING and depth):
            depth += 1 if pair in _NESTING else -1
            head.append(pair)
            index += 2
            continue
        match = _OPEN.match(raw, index) if raw[index] == "<" and depth == 0 else None
        if match is None:
            if after_modifier and not raw[index].isspace():
                result.problems.append(f"text after an inline modifier: {raw[index:][:40]!r}")
                after_modifier = False
            head.append(raw[index])
            index += 1
            continue
        end = _closing(raw, index)
        if end < 0:
            result.problems.append(f"unclosed inline modifier <{match.group(1)}:")
            end = len(raw)
        result.mods.append((match.group(1), raw[match.end() : end].strip()))
        index, after_modifier = end + 1, True
    result.text = "".join(head).strip()
    return result


def _closing(raw: str, start: int) -> int:
    """Index of the `>` closing the `<` at `start`; -1 when it is never closed.

    Nested modifiers count (`<audio:F.ogg<a:US>>`); a `>` inside `{{…}}`/`[[…]]` does not.
    """
    angle, braces, index = 0, 0, start
    while index < len(raw):
        pair = raw[index : index + 2]
        if pair in _NESTING or (pair in _UNNESTING and braces):
            braces += 1 if pair in _NESTING else -1
            index += 2
            continue
        char = raw[index]
        if braces == 0 and char == "<":
            angle += 1
        elif braces == 0 and char == ">":
            angle -= 1
            if angle == 0:
                return index
        index += 1
    return -1


def split_top(text: str, separators: str = ",") -> list[str]:
    """`a<q:x,y>,b` -> ["a<q:x,y>", "b"]: split outside angle brackets and templates."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "<{[":
            depth += 1
        elif char in ">}]":
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [p.strip() for p in parts]


def parse_list(raw: str) -> list[Modified]:
    """A comma-separated list of terms with modifiers (empty items dropped)."""
    return [parse_modified(part) for part in split_top(raw) if part]
