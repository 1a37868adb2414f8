"""Bounds on pathological wikitext: a linear pre-scan before the (quadratic) tokenizer.

mwparserfromhell's tokenizer backtracks: an opener that is never closed (`{{`, `[[`, an
external link's `[`, `<tag>`, `<!--`, `{|`) is first tried as markup up to the end of the
fragment, then given up as text. Its cost is the distance to the end of the fragment, so
`"{{a|" * 8000` costs ~50 s and a 2 MB page of stray openers would never end.

`unclosed_openers` finds, in one pass, the openers that no closer matches (per kind, a
stack) and estimates the tokenizer's cost as the sum of their distances to the end of the
fragment (templates weigh more: each is retried as a parameter too). Above the budget,
`neutralise` writes those openers as character references: the tokenizer reads them as
plain text at once, the renderer shows the same characters, and everything closed around
them still parses. The backtracking estimated is also counted in the page's work budget
(PageState.spend), which catches what is left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wiktlex.parse.data import load

# Weighted characters the tokenizer may backtrack over in one fragment (~0.1 s).
MAX_BACKTRACK = 6_000_000
# Weighted backtracking characters that cost about as much as one work unit of a page.
BACKTRACK_PER_WORK_UNIT = 30

# Per kind of opener, the tokenizer's cost of a character backtracked over, relative to a
# comment's (measured with mwparserfromhell 0.7: a template is retried as a parameter
# too, a tag as each of its attribute forms, a table row by row).
_WEIGHT = {"{{": 40, "[[": 10, "[": 12, "<!--": 2, "{|": 20}
_TAG_WEIGHT = 30
_VOID_TAGS = frozenset(load("markup")["void_tags"])
_TOKEN = re.compile(
    r"\{\{|\}\}|\[\[|\]\]|<!--|-->|\{\||\|\}"
    r"|\[(?=(?:https?:|ftp:|mailto:|//))|\]"
    r"|<(/?)([A-Za-z][\w-]{0,30})\b[^<>]{0,1000}?(/?)>"
)
_CLOSER = {"}}": "{{", "]]": "[[", "-->": "<!--", "|}": "{|", "]": "["}
_ESCAPE = {
    # One reference an opener: `{` after `&#123;` opens nothing (each entity is a node).
    "{{": "&#123;{", "[[": "&#91;[", "[": "&#91;", "<": "&lt;", "<!--": "&lt;!--",
    "{|": "&#123;|",
}


@dataclass(frozen=True, slots=True)
class Opener:
    kind: str
    start: int


def unclosed_openers(text: str) -> tuple[list[Opener], int]:
    """(openers no closer matches, estimated backtracking cost) in one linear pass."""
    stacks: dict[str, list[Opener]] = {}
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if match.group(2) is not None:  # an HTML-like tag
            name = match.group(2).lower()
            if match.group(3) or name in _VOID_TAGS:
                continue
            kind = f"<{name}"
            if match.group(1):
                stack = stacks.get(kind)
                if stack:
                    stack.pop()
                continue
            stacks.setdefault(kind, []).append(Opener(kind, match.start()))
        elif token in _CLOSER:
            stack = stacks.get(_CLOSER[token])
            if stack:
                stack.pop()
        else:
            stacks.setdefault(token, []).append(Opener(token, match.start()))
    openers = sorted((o for stack in stacks.values() for o in stack), key=lambda o: o.start)
    size = len(text)
    cost = sum((size - o.start) * _weight(o.kind) for o in openers)
    return openers, cost


def backtrack_cost(text: str) -> int:
    """Weighted characters tokenizing `text` will backtrack over. Linear in len(text)."""
    if "{{" not in text and "[" not in text and "<" not in text and "{|" not in text:
        return 0
    return unclosed_openers(text)[1]


def _weight(kind: str) -> int:
    return _WEIGHT.get(kind) or (_TAG_WEIGHT if kind.startswith("<") else 1)


def is_pathological(text: str) -> bool:
    """Would tokenizing `text` backtrack over more than the budget?"""
    return backtrack_cost(text) > MAX_BACKTRACK


def neutralise(text: str) -> tuple[str, int]:
    """`text` with every unclosed opener written as character references; (text, count)."""
    openers, _ = unclosed_openers(text)
    parts: list[str] = []
    last = 0
    for opener in openers:
        kind = opener.kind if opener.kind in _ESCAPE else "<"
        parts.append(text[last : opener.start])
        parts.append(_ESCAPE[kind])
        last = opener.start + (len(kind) if kind != "<" else 1)
    parts.append(text[last:])
    return "".join(parts), len(openers)
