"""Links and mentions: `{{l}}`, `{{m}}`, `{{term}}`, `{{w}}`… render as the linked word.

A mention with a gloss reads `word (“gloss”)`, as on Wiktionary.
"""

from __future__ import annotations

from wiktlex.model import Relation
from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.registry import template

LINK_COLLECTING = frozenset({"relation", "alternative_forms"})


def mention_text(word: str, gloss: str = "", tr: str = "", pos: str = "", lit: str = "") -> str:
    """`word (tr, “gloss”, pos)`: the way Wiktionary shows a term with its annotations."""
    extras = [x for x in (tr, f"“{gloss}”" if gloss else "", pos) if x]
    if lit:
        extras.append(f"literally “{lit}”")
    return f"{word} ({', '.join(extras)})" if extras else word


def _link(call: Call, ctx: Context, word_key: int, alt_key: int, gloss_key: int) -> str:
    target = ctx.arg(call, word_key)
    shown = ctx.arg(call, alt_key) or ctx.arg(call, "alt") or target
    gloss = ctx.arg(call, gloss_key) or ctx.arg(call, "t") or ctx.arg(call, "gloss")
    tr = ctx.arg(call, "tr")
    text = mention_text(shown, gloss, tr, ctx.arg(call, "pos"), ctx.arg(call, "lit"))
    if ctx.where in LINK_COLLECTING and target:
        ctx.collected.links.append(Relation(word=target.split("#")[0]))
    return text


@template("l", "ll", "l-self", "link", family="links")
def link(call: Call, ctx: Context) -> str:
    """`{{l|LANG|word|alt|gloss}}`."""
    return _link(call, ctx, 2, 3, 4)


@template("m", "mention", "m-self", "langname-mention", family="links")
def mention(call: Call, ctx: Context) -> str:
    """`{{m|LANG|word|alt|gloss}}`."""
    return _link(call, ctx, 2, 3, 4)


@template("term", family="links")
def term(call: Call, ctx: Context) -> str:
    """Old style: `{{term|word|alt|gloss|lang=xx}}`."""
    return _link(call, ctx, 1, 2, 3)


@template("w", "wikipedia link", "wp", family="links")
def wikipedia_link(call: Call, ctx: Context) -> str:
    """`{{w|Article|shown text}}`."""
    return ctx.arg(call, 2) or ctx.arg(call, 1).split("#")[0]
