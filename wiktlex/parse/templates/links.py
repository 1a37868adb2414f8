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
from wiktlex.parse.terms import (
    call_term,
    language_label,
    mention_text,
    show_term,
    term_relation,
    with_translit,
)

LINK_COLLECTING = frozenset({"relation", "alternative_forms"})


def _link(call: Call, ctx: Context, word_key: int, alt_key: int, gloss_key: int) -> str:
    """A term with its annotations (`word<t:gloss>`, `t=`…); in a relation or alternative
    forms list it is also the listed term, annotations and all."""
    term = with_translit(call_term(call, ctx, word_key, alt_key, gloss_key), call.get(word_key - 1))
    text = show_term(term, ctx)
    if not term.word and not text:
        ctx.warn("link without a term", template=call.name)
    if ctx.where in LINK_COLLECTING and term.word:
        relation = term_relation(term)
        if relation is not None:
            ctx.collected.links.append(relation)
    return text


@template("l", "ll", "l-self", "link", "l-lite", "ll-lite", family="links")
def link(call: Call, ctx: Context) -> str:
    """`{{l|LANG|word|alt|gloss}}`."""
    return _link(call, ctx, 2, 3, 4)


@template_prefix("l/", "l-", family="links")
def old_language_link(call: Call, ctx: Context) -> str:
    """Old per-language link templates: `{{l/hu|dehát}}`, `{{l-nn|ein}}` are `{{l|hu|dehát}}`."""
    return _link(call, ctx, 1, 2, 3)


@template("m", "mention", "m-self", "m-lite", family="links")
def mention(call: Call, ctx: Context) -> str:
    """`{{m|LANG|word|alt|gloss}}`; a bare `{{m}}` is the pre-2015 masculine gender mark."""
    if not call.args:
        return gender_mark(call, ctx)
    return _link(call, ctx, 2, 3, 4)


@template("langname-mention", family="links")
def langname_mention(call: Call, ctx: Context) -> str:
    """`{{langname-mention|en|word}}` -> "English word" (`-`: the language name alone)."""
    name = language_label(call.get(1), ctx, call.name)
    word = _link(call, ctx, 2, 3, 4) if call.get(2) not in ("", "-") else ""
    return " ".join(p for p in (name, word) if p)


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
    return ctx.arg(call, 2) or ctx.arg(call, 1) + ctx.arg(call, "pl")  # 2=: the text shown


@template("lang", family="links")
def lang_text(call: Call, ctx: Context) -> str:
    """`{{lang|fr|texte}}`: text in another language, shown as is."""
    return ctx.arg(call, 2)


@template("langname", "lang name", "language name", family="links")
def langname(call: Call, ctx: Context) -> str:
    """`{{langname|fr}}` -> "French"."""
    return language_label(call.get(1), ctx, call.name)


@template("ja-r", "ryu-r", family="links")
def japanese_ruby(call: Call, ctx: Context) -> str:
    """`{{ja-r|言葉|ことば|t=word}}` -> `言葉 (ことば, “word”)`: the reading in parentheses."""
    reading = ctx.arg(call, 2).replace("^", "").replace("%", "")
    gloss = ctx.arg(call, "t") or ctx.arg(call, "gloss") or ctx.arg(call, 3)
    return mention_text(ctx.arg(call, 1), gloss, reading)


@template("ja-l", "ryu-l", family="links")
def japanese_link(call: Call, ctx: Context) -> str:
    """`{{ja-l|縄抜け|なわぬけ|nawanuke}}` -> `縄抜け (なわぬけ, nawanuke)`: kana, then romaji."""
    reading = ctx.arg(call, 2).replace("^", "").replace("%", "")
    shown = ", ".join(p for p in (reading, ctx.arg(call, 3)) if p)
    gloss = ctx.arg(call, "t") or ctx.arg(call, "gloss") or ctx.arg(call, 4)
    return mention_text(ctx.arg(call, 1), gloss, shown)


@template("zh-l", "ko-l", "zh-m", family="links")
def cjk_link(call: Call, ctx: Context) -> str:
    """`{{zh-l|詞|t=gloss}}`, `{{zh-m|痟|tr=siáu|mad}}`, `{{ko-l|단어}}`: the word (first
    variant) and its gloss (`t=`, or the second argument of the Chinese ones).

    Korean's other positional arguments (hanja, readings) are not shown.
    """
    word = ctx.arg(call, 1).split("/")[0]
    gloss = ctx.arg(call, "t") or ctx.arg(call, "gloss")
    if not gloss and call.name.startswith("zh-"):
        gloss = ctx.arg(call, 2)
    return mention_text(word, gloss, ctx.arg(call, "tr"))


@template("th-l", "ltc-l", "och-l", "lo-l", "km-l", family="links")
def gloss_link(call: Call, ctx: Context) -> str:
    """`{{th-l|แอร์|air conditioner}}` -> "แอร์ (“air conditioner”)": word, then its gloss."""
    gloss = ctx.arg(call, 2) or ctx.arg(call, "t") or ctx.arg(call, "gloss")
    return mention_text(ctx.arg(call, 1), gloss, ctx.arg(call, "tr"))


@template("vi-l", family="links")
def vietnamese_link(call: Call, ctx: Context) -> str:
    """`{{vi-l|bánh|𨋣}}` -> "bánh (𨋣)": the word, its chữ Hán/Nôm form, a gloss."""
    word, characters = ctx.arg(call, 1), ctx.arg(call, 2)
    gloss = ctx.arg(call, 3) or ctx.arg(call, "t") or ctx.arg(call, "gloss")
    return mention_text(word, gloss, characters)


@template("he-l", "he-m", family="links")
def hebrew_link(call: Call, ctx: Context) -> str:
    """`{{he-l|הר מגידו|dwv=הַר מְגִדּוֹ|tr=har megiddo}}` -> "הר מגידו / הַר מְגִדּוֹ (har megiddo)"."""
    word = " / ".join(w for w in (ctx.arg(call, 1), ctx.arg(call, "dwv")) if w)
    gloss = ctx.arg(call, "t") or ctx.arg(call, "gloss") or ctx.arg(call, 2)
    return mention_text(word, gloss, ctx.arg(call, "tr"))


@template("lw", family="links")
def lang_word(call: Call, ctx: Context) -> str:
    """`{{lw|ja|ラブライブ!|ラブライブ！|Love Live!|pref=「|suf=」}}` -> "「ラブライブ！」 (“Love Live!”)"."""
    shown = ctx.arg(call, 3) or ctx.arg(call, 2)
    word = f"{ctx.arg(call, 'pref')}{shown}{ctx.arg(call, 'suf')}"
    return mention_text(word, ctx.arg(call, 4) or ctx.arg(call, "t"), ctx.arg(call, "tr"))


@template("l-uk-us", family="links")
def uk_us_link(call: Call, ctx: Context) -> str:
    """`{{l-UK-US|enam|elled}}` -> "enamelled (UK), enameled (US)"; `{{l-UK-US|colour|color}}`
    -> "colour (UK), color (US)": both spellings, each marked."""
    uk, us = _uk_us(call, ctx)
    return _marked_forms(ctx, [(uk, "UK"), (us, "US")])


@template("l-us-uk", family="links")
def us_uk_link(call: Call, ctx: Context) -> str:
    """`{{l-US-UK|…}}`: the same two spellings, the American one first."""
    uk, us = _uk_us(call, ctx)
    return _marked_forms(ctx, [(us, "US"), (uk, "UK")])


def _uk_us(call: Call, ctx: Context) -> tuple[str, str]:
    first, second = ctx.arg(call, 1), ctx.arg(call, 2)
    if "ll" in second:  # a stem and its British ending: -elled / -eled
        return first + second, first + second.replace("ll", "l", 1)
    return first, second


def _marked_forms(ctx: Context, forms: list[tuple[str, str]]) -> str:
    if ctx.where in LINK_COLLECTING:
        ctx.collected.links.extend(Relation(word=w, qualifiers=[q]) for w, q in forms if w)
    return ", ".join(f"{w} ({q})" for w, q in forms if w)
