"""Gender and number marks (`m`, `f-p`, `m-an`): shared by heads, links, translations and
the old gender templates, so no template family has to import another for them.

The codes and what they show are data (data/genders.json).
"""

from __future__ import annotations

from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.data import load


def _table() -> dict[str, list[str]]:
    table: dict[str, list[str]] = load("genders")["genders"]
    return table


def gender_info(codes: list[str]) -> tuple[str, list[str]]:
    """Gender/number codes (`m`, `f-p`, `m-an`) -> (text shown, tags)."""
    table = _table()
    shown: list[str] = []
    tags: list[str] = []
    for code in codes:
        pieces = [table.get(part) for part in code.strip().split("-")]
        if not code.strip() or any(p is None for p in pieces):
            continue
        shown.append(" ".join(p[0] for p in pieces if p))
        tags.extend(tag for p in pieces if p for tag in p[1:])
    return " or ".join(shown), list(dict.fromkeys(tags))


def is_gender(code: str) -> bool:
    table = _table()
    return bool(code) and all(part in table for part in code.strip().split("-"))


def gender_mark(call: Call, ctx: Context, code: str = "") -> str:
    """An old gender template beside a plain link (`[[maison]] {{f}}`): shown, and its tags
    attached for the item it follows. Its codes are its arguments, else `code` (the one
    its name stands for: `{{f-p}}`)."""
    codes = [ctx.arg(call, i) for i in range(1, len(call.positional()) + 1)] or [code]
    shown, tags = gender_info(codes)
    ctx.collected.genders.extend(tags)
    return ctx.annotate(shown)  # beside a word, never part of it
