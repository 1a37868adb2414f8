"""Etymology templates: `{{inh}}`, `{{der}}`, `{{bor}}`, `{{cog}}`, `{{af}}`, `{{etyl}}`…

Table-driven: data/etymology.json says which templates exist, in which argument shape,
and the phrase each starts with ("Learned borrowing from", "Calque of"…). Every handler
here attaches a `TemplateCall(name, args, text)` to `ctx.collected.etymology_templates`
so the structured etymology travels beside `etymology_text`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.data import load
from wiktlex.parse.registry import Handler, Registry, template
from wiktlex.parse.terms import attach_etymology, language_label, mention_text, term_of

Spec = dict[str, Any]


def _phrase(spec: Spec, call: Call) -> str:
    """The template's leading phrase, honouring `notext=1` and `nocap=1`."""
    text: str = call.get("title") or spec.get("text", "")
    if not text or call.has("notext"):
        return ""
    if call.has("nocap"):
        return text[:1].lower() + text[1:]
    return text


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _source(spec: Spec) -> Handler:
    """`{{bor|en|fr|word|alt|gloss}}` -> "[Phrase] French word (“gloss”)"."""

    def handle(call: Call, ctx: Context) -> str:
        if not call.has(2):
            ctx.warn("etymology template without a source language", template=call.name)
        lang = language_label(call.get(2), ctx, call.name)
        _, term = term_of(call, ctx, 3, 4, 5)
        return attach_etymology(call, ctx, _join(_phrase(spec, call), lang, term))

    return handle


def _cognate(spec: Spec) -> Handler:
    """`{{cog|de|Haus}}` -> "German Haus"."""

    def handle(call: Call, ctx: Context) -> str:
        lang = language_label(call.get(1), ctx, call.name)
        _, term = term_of(call, ctx, 2, 3, 4)
        return attach_etymology(call, ctx, _join(_phrase(spec, call), lang, term))

    return handle


def _term(spec: Spec) -> Handler:
    """`{{back-form|en|word}}` -> "Back-formation from word" (same language, no name)."""

    def handle(call: Call, ctx: Context) -> str:
        _, term = term_of(call, ctx, 2, 3, 4)
        return attach_etymology(call, ctx, _join(_phrase(spec, call), term))

    return handle


def _phrase_only(spec: Spec) -> Handler:
    """`{{unk|en}}` -> "Unknown"."""

    def handle(call: Call, ctx: Context) -> str:
        return attach_etymology(call, ctx, _phrase(spec, call))

    return handle


def _person(spec: Spec) -> Handler:
    """`{{named-after|en|Louis Pasteur|nat=French|occ=chemist}}`."""

    def handle(call: Call, ctx: Context) -> str:
        who = ctx.arg(call, "alt") or ctx.arg(call, 2)
        described = _join(ctx.arg(call, "nat"), ctx.arg(call, "occ"), who)
        return attach_etymology(call, ctx, _join(_phrase(spec, call), described))

    return handle


def _affix_parts(call: Call, ctx: Context, shape: str) -> list[str]:
    """The parts of an affix template as shown, hyphens added the way Wiktionary does."""
    start = 1 if call.has("lang") else 2
    keys = [i for i in range(start, len(call.positional()) + 1)]
    parts: list[str] = []
    for index, key in enumerate(keys):
        n = index + 1
        word = ctx.arg(call, f"alt{n}") or ctx.arg(call, key)
        word = _hyphenate(word, shape, index, len(keys))
        gloss = ctx.arg(call, f"t{n}") or ctx.arg(call, f"gloss{n}")
        tr = ctx.arg(call, f"tr{n}")
        text = mention_text(word, gloss, tr, ctx.arg(call, f"pos{n}"), ctx.arg(call, f"lit{n}"))
        other = call.get(f"lang{n}")
        if other:
            text = _join(language_label(other, ctx, call.name), text)
        if text:
            parts.append(text)
    return parts


def _hyphenate(word: str, shape: str, index: int, count: int) -> str:
    if not word or word == "-":
        return ""
    last = index == count - 1
    if shape == "prefix" and not last and not word.endswith("-"):
        return word + "-"
    if shape == "suffix" and index > 0 and not word.startswith("-"):
        return "-" + word
    if shape == "confix" and index == 0 and not word.endswith("-"):
        return word + "-"
    if shape == "confix" and last and index > 0 and not word.startswith("-"):
        return "-" + word
    return word


def _affix(spec: Spec) -> Handler:
    """`{{af|en|un-|do}}` -> "un- + do"; `{{blend|en|a|b}}` -> "Blend of a + b"."""
    shape: str = spec.get("shape", "affix")

    def handle(call: Call, ctx: Context) -> str:
        parts = _affix_parts(call, ctx, shape)
        if not parts:
            ctx.warn("affix template without parts", template=call.name)
        return attach_etymology(call, ctx, _join(_phrase(spec, call), " + ".join(parts)))

    return handle


def _invisible(call: Call, ctx: Context) -> str:
    """`{{root}}` and friends: categories only; nothing visible, the call is kept."""
    return attach_etymology(call, ctx, "")


_FACTORIES: dict[str, Callable[[Spec], Handler]] = {
    "sources": _source,
    "cognates": _cognate,
    "terms": _term,
    "affixes": _affix,
    "phrases": _phrase_only,
    "people": _person,
}


def register_templates(registry: Registry) -> None:
    """One handler per template of data/etymology.json, made by its group's factory."""
    data = load("etymology")
    for group, factory in _FACTORIES.items():
        for name, spec in data[group].items():
            registry.register((name, *spec.get("aliases", [])), "etymology", factory(spec))
    for name in data["invisible"]:
        registry.register((name,), "etymology", _invisible)


@template("etyl", family="etymology")
def etyl(call: Call, ctx: Context) -> str:
    """Old style: `{{etyl|fro|en}}` -> "Old French" (the second argument is the target)."""
    if not call.has(1):
        ctx.warn("etyl without a language code", template=call.name)
    return attach_etymology(call, ctx, language_label(call.get(1), ctx, call.name))


@template("etydate", family="etymology")
def etydate(call: Call, ctx: Context) -> str:
    """`{{etydate|1450}}` -> "First attested in 1450."; `c` before the year means circa."""
    values = [ctx.arg(call, i) for i in range(1, len(call.positional()) + 1)]
    values = ["c." if v == "c" else v for v in values if v]
    if not values:
        return attach_etymology(call, ctx, "")
    return attach_etymology(call, ctx, f"First attested in {' '.join(values)}.")


@template("glossary", "glossary-lite", family="etymology")
def glossary(call: Call, ctx: Context) -> str:
    """`{{glossary|anagram|shown}}`: a link to the glossary; the shown text."""
    return ctx.arg(call, 2) or ctx.arg(call, 1)


@template("vi-etym-sino", family="etymology")
def vi_etym_sino(call: Call, ctx: Context) -> str:
    """`{{vi-etym-sino|肝}}` -> "Sino-Vietnamese word from 肝"."""
    words = [w for w in (ctx.arg(call, i) for i in range(1, len(call.positional()) + 1)) if w]
    return attach_etymology(call, ctx, f"Sino-Vietnamese word from {', '.join(words)}" if words else "")
