"""Etymology templates: `{{inh}}`, `{{der}}`, `{{bor}}`, `{{cog}}`, `{{af}}`, `{{etyl}}`…

Table-driven: data/etymology.json says which templates exist, in which argument shape,
and the phrase each starts with ("Learned borrowing from", "Calque of"…). Every handler
here attaches a `TemplateCall(name, args, text)` to `ctx.collected.etymology_templates`
so the structured etymology travels beside `etymology_text`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.data import load
from wiktlex.parse.registry import Handler, Registry, template
from wiktlex.parse.terms import (
    TermParts,
    attach_etymology,
    call_term,
    language_label,
    show_term,
    with_translit,
)

Spec = dict[str, Any]
_INDEXED = re.compile(r"^(?:alt|t|tr|gloss|pos|lit|g)(\d+)$")


def _phrase(spec: Spec, call: Call) -> str:
    """The template's leading phrase, honouring `notext=1`, `nocap=1` (and `cap=1` where
    the template's own text is lower-case, as `{{metathesis}}`'s)."""
    text: str = call.get("title") or spec.get("text", "")
    if not text or call.has("notext"):
        return ""
    if spec.get("lowercase") and not call.has("cap") and not call.has("title"):
        return text[:1].lower() + text[1:]
    if call.has("nocap"):
        return text[:1].lower() + text[1:]
    return text


def _bare(phrase: str) -> str:
    """The phrase without its connector when no term follows: "Back-formation from" ->
    "Back-formation", "By surface analysis," -> "By surface analysis"."""
    for connector in (" derived from", " of", " from", ","):
        if phrase.endswith(connector):
            return phrase[: -len(connector)]
    return phrase


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _source(spec: Spec) -> Handler:
    """`{{bor|en|fr|word|alt|gloss}}` -> "[Phrase] French word (“gloss”)"."""

    def handle(call: Call, ctx: Context) -> str:
        if not call.has(2):
            ctx.warn("etymology template without a source language", template=call.name)
        lang = language_label(call.get(2), ctx, call.name)
        term = with_translit(call_term(call, ctx, 3, 4, 5), call.get(2))
        return attach_etymology(call, ctx, _join(_phrase(spec, call), lang, show_term(term, ctx)), [term])

    return handle


def _cognate(spec: Spec) -> Handler:
    """`{{cog|de|Haus}}` -> "German Haus"; `{{displaced|ang|word|by=1}}` -> "Displaced by Old
    English word" (`sl=1`: same language, no name)."""

    def handle(call: Call, ctx: Context) -> str:
        lang = "" if call.has("sl") else language_label(call.get(1), ctx, call.name)
        term = with_translit(call_term(call, ctx, 2, 3, 4), call.get(1))
        phrase = spec.get("by_text", "") if call.has("by") else _phrase(spec, call)
        return attach_etymology(call, ctx, _join(phrase, lang, show_term(term, ctx)), [term])

    return handle


def _term(spec: Spec) -> Handler:
    """`{{back-form|en|word}}` -> "Back-formation from word" (same language, no name);
    `{{doublet|en|a|b|c}}` -> "Doublet of a, b and c" (every term, tN=/trN=… each)."""

    def handle(call: Call, ctx: Context) -> str:
        phrase = _phrase(spec, call)
        terms: list[TermParts] = []
        if spec.get("multiple"):
            terms = _multiple_terms(call, ctx)
            shown = [show_term(t, ctx) for t in terms]
            text = _join(phrase, _and_join(shown)) if shown else _bare(phrase)
        elif not call.has(2) and not call.has("alt"):
            text = _bare(phrase)
        else:
            terms = [with_translit(call_term(call, ctx, 2, 3, 4), call.get(1))]
            text = _join(phrase, show_term(terms[0], ctx))
        addl = ctx.arg(call, "addl")
        text = f"{text}, {addl}" if addl else text
        return attach_etymology(call, ctx, text + ctx.arg(call, "dot"), terms)  # `dot=,`: what ends it

    return handle


def _and_join(items: list[str]) -> str:
    return items[0] if len(items) < 2 else f"{', '.join(items[:-1])} and {items[-1]}"


def _multiple_terms(call: Call, ctx: Context) -> list[TermParts]:
    """Every term of `{{doublet|en|a|b|c}}`, each with its own `altN=`, `tN=`, `trN=`…"""
    count = _part_count(call, 2)
    terms: list[TermParts] = []
    for n in range(1, count + 1):
        term = with_translit(call_term(call, ctx, n + 1, suffix=str(n)), call.get(1))
        if n == 1 and count == 1 and not term.gloss:
            term.set("gloss", ctx.arg(call, "t") or ctx.arg(call, "gloss"))
        if term.shown:
            terms.append(term)
    return terms


def _part_count(call: Call, start: int) -> int:
    """How many parts a multi-part template has: its positional terms or its altN/tN=."""
    count = max(0, len(call.positional()) - start + 1)
    for key in call.args:
        match = _INDEXED.match(key)
        if match:
            count = max(count, int(match.group(1)))
    return count


def _phrase_only(spec: Spec) -> Handler:
    """`{{unk|en}}` -> "Unknown"; `{{ss|en|type=p}}` -> "pejorative semantic shift"."""

    def handle(call: Call, ctx: Context) -> str:
        types: dict[str, str] = spec.get("types", {})
        if call.get("type") in types and not call.has("title"):
            return attach_etymology(call, ctx, types[call.get("type")])
        if call.has(2) and spec.get("title_arg"):
            return attach_etymology(call, ctx, ctx.arg(call, 2))
        return attach_etymology(call, ctx, _phrase(spec, call))

    return handle


def _person(spec: Spec) -> Handler:
    """`{{named-after|en|Bertrand Russell|nat=English|occ=mathematician|occ2=logician|born=1872|
    died=1970}}` -> "Named after English mathematician and logician Bertrand Russell (1872–1970)"."""

    def handle(call: Call, ctx: Context) -> str:
        who = ctx.arg(call, "alt") or ctx.arg(call, 2)
        if not who:
            return attach_etymology(call, ctx, _join(_phrase(spec, call), "an unknown person"))
        jobs = [ctx.arg(call, k) for k in ("occ", "occupation", "occ2", "occ3") if call.has(k)]
        nationality = ctx.arg(call, "nat") or ctx.arg(call, "nationality")
        described = _join(nationality, _and_join(jobs) if jobs else "", who)
        if call.has("tr"):
            described += f" ({ctx.arg(call, 'tr')})"
        if call.has("born") or call.has("died"):
            described += f" ({ctx.arg(call, 'born')}–{ctx.arg(call, 'died')})"
        phrase = _phrase(spec, call)
        if call.has("exnihilo") and phrase:
            phrase = phrase.replace(" by", " ex nihilo by")
        when = ctx.arg(call, "in")
        if when:
            described += f" in {when}" if when[:1].isdigit() else f" {when}"
        return attach_etymology(call, ctx, _join(phrase, described))

    return handle


def _affix_parts(
    call: Call, ctx: Context, shape: str, start: int
) -> tuple[list[str], list[TermParts]]:
    """The parts of an affix template as shown (hyphens added the way Wiktionary does, on the
    term, its alt= and its tr= alike; a part's own language named: `ota:فستان` -> "Ottoman
    Turkish فستان"), and the terms. A blank part stays a blank between its `+`s."""
    count = _part_count(call, start)
    parts: list[str] = []
    terms: list[TermParts] = []
    for index in range(count):
        term = with_translit(call_term(call, ctx, start + index, suffix=str(index + 1)),
                             call.get(f"lang{index + 1}") or call.get("lang") or call.get(1))
        shown = _hyphenate(term.shown, shape, index, count)
        term.word = _hyphenate(term.word, shape, index, count)  # `un` links `un-`
        term.tr = _hyphenate(term.tr, shape, index, count)
        text = show_term(term, ctx, with_lang=True, shown=shown) if shown or term.gloss else ""
        parts.append(text)
        if text:
            terms.append(term)
    while parts and not parts[-1]:  # trailing blanks (`{{blend|en|a|b||…}}`) are no parts
        parts.pop()
    return parts, terms


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
    if shape == "infix" and index > 0 and not word.startswith("-"):
        return f"-{word}-"
    return word


def _affix(spec: Spec) -> Handler:
    """`{{af|en|un-|do}}` -> "un- + do"; `{{blend|en|a|b}}` -> "Blend of a + b";
    `{{surf|+suf|en|ignore|ance}}` -> "By surface analysis, ignore + -ance"."""
    default_shape: str = spec.get("shape", "affix")
    shapes: dict[str, str] = load("etymology")["surf_shapes"]

    def handle(call: Call, ctx: Context) -> str:
        shape, start = default_shape, spec.get("first", 1 if call.has("lang") else 2)
        if call.get(1).startswith("+") and call.get(1)[1:] in shapes:
            shape, start = shapes[call.get(1)[1:]], 3
        parts, terms = _affix_parts(call, ctx, shape, start)
        phrase = _phrase(spec, call)
        if not any(parts):
            if not phrase:
                ctx.warn("affix template without parts", template=call.name)
            return attach_etymology(call, ctx, _bare(phrase))
        return attach_etymology(call, ctx, _join(phrase, " + ".join(parts)), terms)

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
    for name, spec in data["arabic"].items():
        registry.register((name,), "etymology", _arabic_derivation(spec))


def _arabic_derivation(spec: Spec) -> Handler:
    """`{{ar-active participle}}` -> "Derived from the active participle"; `lc=1` lower-case;
    `noderived=1` -> "active participle"."""

    def handle(call: Call, ctx: Context) -> str:
        text = spec["plain"] if call.has("noderived") else spec["text"]
        if call.has("lc") or call.has("nocap"):
            text = text[:1].lower() + text[1:]
        return attach_etymology(call, ctx, text)

    return handle


@template("ar-form", family="etymology")
def arabic_form(call: Call, ctx: Context) -> str:
    """`{{ar-form|IV}}` -> "Form IV"; `{{ar-form|IV|verb form}}` -> "verb form IV"."""
    number = ctx.arg(call, 1)
    return f"{ctx.arg(call, 2)} {number}" if call.has(2) else f"Form {number}"


@template("etyl", family="etymology")
def etyl(call: Call, ctx: Context) -> str:
    """Old style: `{{etyl|fro|en}}` -> "Old French" (the second argument is the target)."""
    if not call.has(1):
        ctx.warn("etyl without a language code", template=call.name)
    return attach_etymology(call, ctx, language_label(call.get(1), ctx, call.name))


@template("etydate", family="etymology")
def etydate(call: Call, ctx: Context) -> str:
    """`{{etydate|c|1900|2000}}` -> "First attested in c. 1900, but in common usage only as
    of 2000"; `r` gives a range ("1900–1910"); a date in words takes "the"."""
    values = [ctx.arg(call, i) for i in range(1, len(call.positional()) + 1)]
    circa = bool(values) and values[0] == "c"
    values = values[1:] if circa else values
    if values and values[0] == "r" and len(values) >= 3:
        values = [f"{values[1]}–{values[2]}", *values[3:]]
    values = [_dated(v) for v in values if v]
    if not values:
        ctx.warn("etydate without a date", template=call.name)
        return attach_etymology(call, ctx, "")
    lead = "first" if call.has("nocap") else "First"
    text = f"{lead} attested in {'c. ' if circa else ''}{values[0]}"
    if len(values) > 1:
        text += f", but in common usage only as of {values[1]}"
    return attach_etymology(call, ctx, text)


def _dated(value: str) -> str:
    return f"the {value}" if value[:1].isalpha() and not value.startswith(("the ", "c.")) else value


@template("glossary", "glossary-lite", family="etymology")
def glossary(call: Call, ctx: Context) -> str:
    """`{{glossary|anagram|shown}}`: a link to the glossary; the shown text."""
    return ctx.arg(call, 2) or ctx.arg(call, 1)


@template("vi-etym-sino", family="etymology")
def vi_etym_sino(call: Call, ctx: Context) -> str:
    """`{{vi-etym-sino|肝}}` -> "Sino-Vietnamese word from 肝"."""
    words = [w for w in (ctx.arg(call, i) for i in range(1, len(call.positional()) + 1)) if w]
    return attach_etymology(call, ctx, f"Sino-Vietnamese word from {', '.join(words)}" if words else "")


@template("han simp", family="etymology")
def han_simplified(call: Call, ctx: Context) -> str:
    """`{{Han simp|讀|f=言|t=讠|f2=賣|t2=卖}}` -> "Simplified from 讀 (言 → 讠 and 賣 → 卖)"."""
    changes = [f"{ctx.arg(call, f'f{n}' if n > 1 else 'f')} → {ctx.arg(call, f't{n}' if n > 1 else 't')}"
               for n in range(1, 10) if call.has(f"f{n}" if n > 1 else "f")]
    text = f"Simplified from {ctx.arg(call, 1)}"
    if changes:
        text += f" ({_and_join(changes)})"
    return attach_etymology(call, ctx, text)


@template("he-root", family="etymology")
def hebrew_root(call: Call, ctx: Context) -> str:
    """`{{he-root|ל|מ|ד|tr=l-m-d}}` -> "From the root ל־מ־ד (l-m-d)" (letters joined by maqaf)."""
    letters = [ctx.arg(call, i) for i in range(1, len(call.positional()) + 1) if call.has(i)]
    lead = "from" if call.has("nocap") else "From"
    text = f"{lead} the root {'־'.join(letters)}"
    if call.has("tr"):
        text += f" ({ctx.arg(call, 'tr')})"
    return attach_etymology(call, ctx, text)
