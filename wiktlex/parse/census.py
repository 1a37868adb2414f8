"""An independent count of what a page holds: its template occurrences and list items.

The account (account.py) sets what the parser recorded against this count, so a template
or a line the parser never reached shows up as unaccounted instead of being assumed
absent. The count therefore shares nothing with the renderer but the naming of templates
(registry.dispatch_name): it is one linear scan of the wikitext, matching braces the way
MediaWiki's preprocessor does (a run of braces closes three at a time as an argument
`{{{…}}}`, two at a time as a template), after masking what MediaWiki never expands
(comments, an unclosed one to the end; closed `<nowiki>`, `<pre>`, `<math>`…).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from wiktlex.parse.registry import dispatch_name

_UNEXPANDED = ("nowiki", "pre", "math", "chem", "syntaxhighlight", "source")
_OPENER = re.compile(r"<!--|<(" + "|".join(_UNEXPANDED) + r")\b[^<>]{0,500}?(?<!/)>", re.I)
_CLOSER = {tag: re.compile(rf"</{tag}\s*>", re.I) for tag in _UNEXPANDED}
_TOKEN = re.compile(r"\{\{+|\}\}+|\|")
_LIST_ITEM = re.compile(r"^[*#:;]", re.M)
_NOT_NEWLINE = re.compile(r"[^\n]")


@dataclass(slots=True)
class _Open:
    """An unmatched run of opening braces on the scan's stack."""

    position: int  # where the run starts
    count: int  # braces still unmatched
    pipe: int = -1  # the first `|` at this level: the end of a template's name


@dataclass(slots=True)
class Census:
    """What one scan found: (line, name) per template occurrence, list item lines."""

    templates: list[tuple[int, str]] = field(default_factory=list)
    items: list[int] = field(default_factory=list)


def mask(text: str) -> str:
    """`text` with comments and unexpanded tags blanked (newlines kept, so lines stay).

    Linear: a tag whose closer is missing after one place is missing after every later one.
    """
    if "<" not in text:
        return text
    parts: list[str] = []
    position = 0
    unclosed: set[str] = set()
    for opener in _OPENER.finditer(text):
        if opener.start() < position:
            continue  # inside what was just masked
        end = _masked_end(text, opener, unclosed)
        if end < 0:
            continue
        parts.append(text[position:opener.start()])
        parts.append(_NOT_NEWLINE.sub(" ", text[opener.start():end]))
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _masked_end(text: str, opener: re.Match[str], unclosed: set[str]) -> int:
    """Where what `opener` opens ends (-1: an unclosed tag, which MediaWiki shows as text)."""
    if opener.group(1) is None:  # a comment; unclosed, it runs to the end
        end = text.find("-->", opener.end())
        return len(text) if end < 0 else end + 3
    tag = opener.group(1).lower()
    if tag in unclosed:
        return -1
    closer = _CLOSER[tag].search(text, opener.end())
    if closer is None:
        unclosed.add(tag)
        return -1
    return closer.end()


def census(text: str, first_line: int = 1) -> Census:
    """Template occurrences (nested ones included) and list items of `text`, by line."""
    masked = mask(text)
    starts = [0] + [m.end() for m in re.finditer("\n", masked)]
    found = Census()
    for start, name in _templates(masked):
        found.templates.append((bisect_right(starts, start) - 1 + first_line, name))
    found.items = [bisect_right(starts, m.start()) - 1 + first_line
                   for m in _LIST_ITEM.finditer(masked)]
    return found


def template_names(text: str) -> list[str]:
    """The dispatch names of every template occurrence in `text` (nested ones included)."""
    return [name for _, name in _templates(mask(text))]


def _templates(text: str) -> list[tuple[int, str]]:
    """(start offset, dispatch name) of each template, matched like MediaWiki's
    preprocessor; unmatched braces are text."""
    found: list[tuple[int, str]] = []
    stack: list[_Open] = []
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token == "|":
            if stack and stack[-1].pipe < 0:
                stack[-1].pipe = match.start()
        elif token[0] == "{":
            stack.append(_Open(match.start(), len(token)))
        else:
            _close(text, stack, len(token), match.start(), found)
    found.sort()
    return found


def _close(text: str, stack: list[_Open], closing: int, at: int,
           found: list[tuple[int, str]]) -> None:
    """Match a run of `closing` braces against the stack, three or two at a time."""
    while closing >= 2 and stack:
        top = stack[-1]
        matched = min(top.count, closing, 3)
        if matched == 2:
            start = top.position + top.count - 2
            end = top.pipe if top.pipe >= 0 else at
            found.append((start, dispatch_name(text[start + 2 : end])))
        closing -= matched
        top.count -= matched
        if top.count < 2:
            stack.pop()  # a single brace left over is text
        else:
            top.pipe = -1  # the braces left open start a new name
