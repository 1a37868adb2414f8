"""Logical lines: physical lines joined while a template, link or <ref> is still open.

Wiktionary's structure is line-based (headings, `#` items), but a `{{quote-book|…}}`, a
`<ref>` or a `{{der4|en\n|a\n|b…}}` of a thousand terms often spans many physical lines.
Readers iterate logical lines so such a construct is read whole, whatever its length.

An opener that nothing closes must not swallow the rest of a section: each line's net
count of openers is taken once, and a construct ends at the first later line where the
running count falls back to where it started (found for every line in one pass with a
monotonic stack, so the whole join is linear). A line whose construct never closes is read
alone, reported through `on_unclosed`, and the lines after it are read as usual.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

_REF_OPEN = re.compile(r"<ref(?:\s[^>]*)?(?<!/)>", re.IGNORECASE)
_REF_CLOSE = re.compile(r"</ref\s*>", re.IGNORECASE)

OnUnclosed = Callable[[int, str], None]
"""Told (line number from 1, the line) of each line that opens a construct never closed."""


def _open_count(line: str) -> int:
    """How many constructs this line leaves open (negative: closes earlier ones)."""
    if "<!--" in line and "-->" in line:
        line = _without_closed_comments(line)  # braces inside a comment open nothing
    opened = line.count("{{") - line.count("}}") + line.count("[[") - line.count("]]")
    if "<ref" in line or "</ref" in line:
        opened += len(_REF_OPEN.findall(line)) - len(_REF_CLOSE.findall(line))
    if "<!--" in line or "-->" in line:
        opened += line.count("<!--") - line.count("-->")
    return opened


def _without_closed_comments(line: str) -> str:
    """`line` without its closed `<!-- … -->` comments; linear, an unclosed one is kept."""
    parts: list[str] = []
    position = 0
    while (start := line.find("<!--", position)) >= 0:
        end = line.find("-->", start + 4)
        if end < 0:
            break
        parts.append(line[position:start])
        position = end + 3
    parts.append(line[position:])
    return "".join(parts)


def _construct_ends(counts: list[int]) -> list[int]:
    """For each line i, the first line j > i after which the running count is back to its
    level before i (lines i..j hold a closed construct), or -1 when there is none.

    That is the next index m > i with level[m] <= level[i] over the prefix sums, found for
    every i at once by the usual monotonic stack, walking backwards; j = m - 1.
    """
    levels = [0]
    for count in counts:
        levels.append(levels[-1] + count)
    ends = [-1] * len(counts)
    stack: list[int] = []
    for index in range(len(levels) - 1, -1, -1):
        while stack and levels[stack[-1]] > levels[index]:
            stack.pop()
        if index < len(counts) and stack:
            ends[index] = stack[-1] - 1
        stack.append(index)
    return ends


def logical_lines(lines: Iterable[str], on_unclosed: OnUnclosed | None = None) -> Iterator[str]:
    """Yield lines, joining continuations (with a newline) while constructs stay open."""
    for _, _, line in numbered_lines(lines, on_unclosed):
        yield line


def numbered_lines(
    lines: Iterable[str], on_unclosed: OnUnclosed | None = None
) -> Iterator[tuple[int, int, str]]:
    """(first, last, line): logical lines with the indexes (from 0) of the physical lines
    they join, so readers can say which page lines they read."""
    physical = list(lines)
    counts = [_open_count(line) for line in physical]
    ends = _construct_ends(counts)
    index = 0
    while index < len(physical):
        if counts[index] <= 0:
            yield index, index, physical[index]
            index += 1
            continue
        end = ends[index]
        if end < 0:
            if on_unclosed is not None:
                on_unclosed(index + 1, physical[index])
            yield index, index, physical[index]
            index += 1
            continue
        yield index, end, "\n".join(physical[index : end + 1])
        index = end + 1


class Warn(Protocol):
    def __call__(self, message: str, *, line: int | None = None) -> object: ...


def report_unclosed(warn: Warn, heading_line: int = 0) -> OnUnclosed:
    """An `on_unclosed` that warns with the page line (`heading_line`: the section's heading)."""

    def report(number: int, line: str) -> None:
        where = f"line {heading_line + number}" if heading_line else f"line {number} of the section"
        message = f"markup opened on {where} is never closed; the line is read alone: {line[:60]!r}"
        warn(message, line=heading_line + number if heading_line else None)

    return report
