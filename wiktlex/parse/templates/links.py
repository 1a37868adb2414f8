"""Links and mentions: `{{l}}`, `{{m}}`, `{{term}}`, `{{w}}`… render as the linked word.

A mention with a gloss reads `word (“gloss”)`, as on Wiktionary (parse/terms.py, shared
with the etymology and form-of families).
"""

from __future__ import annotations

from wiktlex.model import Relation
from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.genders import gender_mark
from wiktlex.parse.registry import template, template_prefix
from wiktlex.parse.terms import language_label, mention_text, term_of

LINK_COLLECTING = frozenset({"relation", "alternative_forms"})


def _link(call: Call, ctx: Context, word_key: int, alt_key: int, gloss_key: int) -> str:
    target, text = term_of(call, ctx, word_key, alt_key, gloss_key)
    if not target and not text:
        ctx.warn("link without a term", template=call.name)
    if ctx.where in LINK_COLLECTING and target:
        ctx.collected.links.append(Relation(word=target.split("#")[0]))
    return text


@template("l", "ll", "l-self", "link", "l-lite", "ll-lite", family="links")
def link(call: Call, ctx: Context) -> str:
    """`{{l|LANG|word|alt|gloss}}`."""
    return _link(call, ctx, 2, 3, 4)


@template_prefix("l/", "l-", family="links")
def old_language_link(call: Call, ctx: Context) -> str:
    """Old per-language link templates: `{{l/hu|dehát}}`, `{{l-nn|ein}}` are `{{l|hu|dehát}}`."""
    return _link(call, ctx, 1, 2, 3)


@template("m", family="links")
def mention_or_masculine(call: Call, ctx: Context) -> str:
    """`{{m|LANG|word|alt|gloss}}`; a bare `{{m}}` is the pre-2015 masculine gender mark."""
    if not call.args:
        return gender_mark(call, ctx, "m")
    return mention(call, ctx)


@template("mention", "m-self", "langname-mention", "m-lite", family="links")
def mention(call: Call, ctx: Context) -> str:
    """`{{mention|LANG|word|alt|gloss}}`."""
    return _link(call, ctx, 2, 3, 4)


@template("term", "term-lite", family="links")
def term(call: Call, ctx: Context) -> str:
    """Old style: `{{term|word|alt|gloss|lang=xx}}`."""
    return _link(call, ctx, 1, 2, 3)


@template("w", "wikipedia link", "wp", "w2", "pedialite", "wiki", family="links")
def wikipedia_link(call: Call, ctx: Context) -> str:
    """`{{w|Article|shown text}}`."""
    return ctx.arg(call, 2) or ctx.arg(call, 1).split("#")[0]


@template("taxlink", "taxlinkwiki", "taxfmt", "taxlink-lite", family="links")
def taxlink(call: Call, ctx: Context) -> str:
    """`{{taxlink|Homo sapiens|species|shown}}`: the taxon name (shown text if given)."""
    return ctx.arg(call, 3) or ctx.arg(call, 1)


@template("vern", "vernacular", family="links")
def vernacular(call: Call, ctx: Context) -> str:
    """`{{vern|red fox|pl=s}}`: a vernacular name, optionally pluralised."""
    return ctx.arg(call, 1) + ctx.arg(call, "pl")


@template("lang", family="links")
def lang_text(call: Call, ctx: Context) -> str:
    """`{{lang|fr|texte}}`: text in another language, shown as is."""
    return ctx.arg(call, 2)


@template("langname", "lang name", "language name", family="links")
def langname(call: Call, ctx: Context) -> str:
    """`{{langname|fr}}` -> "French"."""
    return language_label(call.get(1), ctx, call.name)


@template("ja-r", "ryu-r", family="links")
def japanese_with_reading(call: Call, ctx: Context) -> str:
    """`{{ja-r|言葉|ことば|t=word}}` -> `言葉 (ことば, “word”)`."""
    word = ctx.arg(call, 1)
    return _japanese(call, ctx, word, ctx.arg(call, 2))


@template("ja-l", "ryu-l", family="links")
def japanese_link(call: Call, ctx: Context) -> str:
    """`{{ja-l|言葉}}` -> `言葉` (a reading given is not shown)."""
    return _japanese(call, ctx, ctx.arg(call, 1), "")


def _japanese(call: Call, ctx: Context, word: str, reading: str) -> str:
    gloss = ctx.arg(call, "t") or ctx.arg(call, "gloss") or ctx.arg(call, 3)
    return mention_text(word, gloss, reading.replace("^", "").replace("%", ""))


@template("zh-l", "ko-l", "vi-l", "zh-m", family="links")
def cjk_link(call: Call, ctx: Context) -> str:
    """`{{zh-l|詞|t=gloss}}`, `{{ko-l|단어}}`: the word (first variant) and a named gloss.

    Their other positional arguments differ per language (readings, hanja), so only
    the unambiguous ones are shown.
    """
    word = ctx.arg(call, 1).split("/")[0]
    gloss = ctx.arg(call, "t") or ctx.arg(call, "gloss")
    return mention_text(word, gloss, ctx.arg(call, "tr"))
