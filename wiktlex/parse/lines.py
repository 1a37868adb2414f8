"""Logical lines: physical lines joined while a template, link or <ref> is still open.

Wiktionary's structure is line-based (headings, `#` items), but a `{{quote-book|…}}` or a
`<ref>` often spans several physical lines. Readers iterate logical lines so such a
construct is rendered whole. Joining is bounded so an unclosed `{{` cannot swallow a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

MAX_JOINED = 60
_REF_OPEN = re.compile(r"<ref(?:\s[^>]*)?(?<!/)>", re.IGNORECASE)
_REF_CLOSE = re.compile(r"</ref\s*>", re.IGNORECASE)


def _open_count(line: str) -> int:
    """How many constructs this line leaves open (negative: closes earlier ones)."""
    opened = line.count("{{") - line.count("}}") + line.count("[[") - line.count("]]")
    if "<ref" in line or "</ref" in line:
        opened += len(_REF_OPEN.findall(line)) - len(_REF_CLOSE.findall(line))
    if "<!--" in line or "-->" in line:
        opened += line.count("<!--") - line.count("-->")
    return opened


def logical_lines(lines: Iterable[str]) -> Iterator[str]:
    """Yield lines, joining continuations (with a newline) while constructs stay open."""
    pending: list[str] = []
    balance = 0
    for line in lines:
        if pending:
            pending.append(line)
            balance += _open_count(line)
            if balance <= 0 or len(pending) >= MAX_JOINED:
                yield "\n".join(pending)
                pending, balance = [], 0
            continue
        balance = _open_count(line)
        if balance > 0:
            pending = [line]
        else:
            balance = 0
            yield line
    if pending:
        yield "\n".join(pending)
