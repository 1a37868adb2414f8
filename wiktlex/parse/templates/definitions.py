"""Definition-line helpers: `{{defdate}}`, `{{senseid}}`, `{{non-gloss definition}}`, and
the templates that write a whole definition (`{{given name}}`, `{{place}}`, `{{Latn-def}}`).

They shape a definition line without being a gloss word: a date is an annotation
(kept in raw_gloss only), a sense id is structured data, a non-gloss definition is
the definition text itself.
"""

from __future__ import annotations

import re
from typing import Any

from wiktlex.model import Attestation
from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.data import load
from wiktlex.parse.languages import language_name
from wiktlex.parse.registry import template
from wiktlex.parse.render import fold
from wiktlex.parse.terms import language_label

# `9<sup>th</sup>c.` reads "9thc." once the superscript is text: "9th c." as the reader sees it.
_ORDINAL_CENTURY = re.compile(r"(\d(?:st|nd|rd|th))(?=c\.|cent)")


@template("defdate", "defdt", "ref date", "defdate-lite", family="definitions")
def defdate(call: Call, ctx: Context) -> str:
    """`{{defdate|from 15th c.}}` -> "[from 15th c.]" beside the gloss, as Template:defdate
    shows it (`{{defdate|1850|1900}}` -> "[1850–1900]"); the date, with its references,
    is the sense's attestation."""
    start, end = ctx.arg(call, 1), ctx.arg(call, 2)
    date = _ORDINAL_CENTURY.sub(r"\1 ", "–".join(d for d in (start, end) if d))
    if not date:
        return ""
    references = [fold(ctx.child().render(ref)) for ref in call.numbered("ref")]
    ctx.collected.attestations.append(Attestation(date=date, references=[r for r in references if r]))
    return ctx.annotate(f"[{date}]")


@template("senseid", "sid", "senseno", family="definitions")
def senseid(call: Call, ctx: Context) -> str:
    """`{{senseid|en|building}}` (old style: `{{senseid|building}}`): an anchor, no text."""
    sid = call.get(2) or call.get(1)
    if sid:
        ctx.collected.senseids.append(sid)
    else:
        ctx.warn("senseid without an id", template=call.name)
    return ""


@template("non-gloss definition", "n-g", "ngd", "non-gloss", "n-g-lite", "ng",
          "non gloss definition", family="definitions")
def non_gloss(call: Call, ctx: Context) -> str:
    """`{{n-g|Used to express surprise.}}`: the definition text itself."""
    return ctx.arg(call, 1)


def _defs() -> dict[str, Any]:
    data: dict[str, Any] = load("definitions")
    return data


def _article(word: str) -> str:
    return "An" if word[:1].lower() in "aeiou" else "A"


def _end(call: Call, text: str) -> str:
    """Definition templates end with a full stop unless `dot=`/`nodot=` say otherwise."""
    if call.has("nodot"):
        return text
    if "dot" in call.args:
        return text + call.get("dot")
    return text + "."


@template("latn-def", "latn-def-lite", family="definitions")
def latn_def(call: Call, ctx: Context) -> str:
    """`{{Latn-def|en|letter|1|a}}`: the definition of a letter of a Latin-script alphabet."""
    patterns: dict[str, str] = _defs()["latn_def"]
    kind = call.get(2) or "letter"
    pattern = patterns.get(kind)
    if pattern is None:
        ctx.warn(f"unknown Latn-def type {kind!r}", template=call.name)
        return ""
    ordinals: list[str] = _defs()["ordinals"]
    position = call.get(3)
    ordinal = ordinals[int(position) - 1] if position.isdigit() and 0 < int(position) <= len(
        ordinals) else position
    name = ctx.arg(call, 4)
    lang = language_label(call.get(1), ctx, call.name)
    return pattern.format(ordinal=ordinal, lang=lang, name=name,
                          called=f"called {name} and " if name else "")


@template("given name", "given name-lite", family="definitions")
def given_name(call: Call, ctx: Context) -> str:
    """`{{given name|en|female}}`, old `{{given name|female|from=English}}`."""
    gender_key = 2 if language_name(call.get(1)) else 1
    gender = ctx.arg(call, gender_key)
    words = [ctx.arg(call, "A") or _article(gender or "given"), gender, "given name"]
    origin = ctx.arg(call, "from")
    if origin:
        words.append(f"from {language_name(origin) or origin}")
    return _end(call, " ".join(w for w in words if w))


@template("surname", "surname-lite", family="definitions")
def surname(call: Call, ctx: Context) -> str:
    """`{{surname|en}}`, `{{surname|rare|lang=en}}`, `{{surname|French|from=French}}`."""
    first = call.get(1)
    adjective = "" if not first or language_name(first) else ctx.arg(call, 1)
    if language_name(first) and call.has(2):
        adjective = ctx.arg(call, 2)
    words = [ctx.arg(call, "A") or _article(adjective or "surname"), adjective, "surname"]
    origin = ctx.arg(call, "from")
    if origin:
        words.append(f"from {language_name(origin) or origin}")
    return _end(call, " ".join(w for w in words if w))


@template("taxon", family="definitions")
def taxon(call: Call, ctx: Context) -> str:
    """`{{taxon|genus|family|Rosaceae|description}}`."""
    rank, parent_rank, parent = ctx.arg(call, 1), ctx.arg(call, 2), ctx.arg(call, 3)
    text = f"A taxonomic {rank} within the {parent_rank} {parent}".replace("  ", " ")
    description = ctx.arg(call, 4)
    return f"{text} – {description}" if description else text


@template("place", family="definitions")
def place(call: Call, ctx: Context) -> str:
    """`{{place|en|country|r/Europe}}` -> "A country in Europe" (a simple reading)."""
    kinds = [k.strip() for k in ctx.arg(call, 2).split("/") if k.strip()]
    kind = " and ".join(kinds) or "place"
    holonyms = []
    for index in range(3, len(call.positional()) + 1):
        value = ctx.arg(call, index)
        _, _, name = value.rpartition("/")
        if name.strip() and not name.startswith(";"):
            holonyms.append(name.strip())
    text = f"{_article(kind)} {kind}"
    if holonyms:
        text += " in " + ", ".join(holonyms)
    translation = ctx.arg(call, "t") or ctx.arg(call, "t1")
    return f"{translation} ({text})" if translation else text
