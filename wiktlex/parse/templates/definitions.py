"""Definition-line helpers: `{{defdate}}`, `{{senseid}}`, `{{non-gloss definition}}`, and
the templates that write a whole definition (`{{Latn-def}}`, `{{taxon}}`, `{{only used in}}`).

They shape a definition line without being a gloss word: a date is an annotation
(kept in raw_gloss only), a sense id is structured data, a non-gloss definition is
the definition text itself.
"""

from __future__ import annotations

import re
from typing import Any

from wiktlex.model import Attestation, FormOf
from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.data import load
from wiktlex.parse.registry import template
from wiktlex.parse.render import fold
from wiktlex.parse.terms import language_label, without_anchor
from wiktlex.parse.termspec import TermSpec, join_or, parse_term, split_top, term_display

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


def _ordinal(position: str) -> str:
    """`3` -> "third" (data/definitions.json); anything else as written."""
    ordinals: list[str] = _defs()["ordinals"]
    if position.isdigit() and 0 < int(position) <= len(ordinals):
        return ordinals[int(position) - 1]
    return position


@template("latn-def", "latn-def-lite", family="definitions")
def latn_def(call: Call, ctx: Context) -> str:
    """`{{Latn-def|en|letter|1|a}}`: the definition of a letter of a Latin-script alphabet."""
    patterns: dict[str, str] = _defs()["latn_def"]
    kind = call.get(2) or "letter"
    pattern = patterns.get(kind)
    if pattern is None:
        ctx.warn(f"unknown Latn-def type {kind!r}", template=call.name)
        return ""
    ordinal = _ordinal(call.get(3))
    name = ctx.arg(call, 4)
    if kind == "name":  # `{{Latn-def|en|name|M|m}}`: the letter's cases
        name = " / ".join(n for n in (ctx.arg(call, 3), name) if n)
    lang = language_label(call.get(1), ctx, call.name)
    return pattern.format(ordinal=ordinal, lang=lang, name=name,
                          called=f"called {name} and " if name else "")


@template("taxon", family="definitions")
def taxon(call: Call, ctx: Context) -> str:
    """`{{taxon|genus|family|Rosaceae|description}}`."""
    rank, parent_rank, parent = ctx.arg(call, 1), ctx.arg(call, 2), ctx.arg(call, 3)
    text = f"A taxonomic {rank} within the {parent_rank} {parent}".replace("  ", " ")
    description = ctx.arg(call, 4)
    text = f"{text} – {description}" if description else text
    return text if call.has("nodot") or text.endswith(".") else text + "."


def _terms(call: Call, ctx: Context, key: int | str) -> list[TermSpec]:
    return [parse_term(piece) for piece in split_top(call.get(key))]


@template("only used in", "only in", family="definitions")
def only_used_in(call: Call, ctx: Context) -> str:
    """`{{only used in|en|Alexandrian limp|t=foo}}` -> "Only used in Alexandrian limp (“foo”)"."""
    specs = _terms(call, ctx, 2)
    if not specs:
        ctx.warn("only used in without a term", template=call.name)
        return ""
    gloss = ctx.arg(call, "t") or ctx.arg(call, "gloss") or ctx.arg(call, 3)
    if gloss and len(specs) == 1:
        specs[0].mods.setdefault("t", call.get("t") or call.get("gloss") or call.get(3))
    for spec in specs:
        ctx.collected.form_of.append(FormOf(word=fold(ctx.child().render(spec.term)), kind="only used in"))
    lead = "only used in" if call.has("nocap") else "Only used in"
    return f"{lead} {join_or([term_display(s, ctx) for s in specs], 'and')}"


@template("cap", family="definitions")
def cap(call: Call, ctx: Context) -> str:
    """`{{cap|beef}}` -> "Beef"; `{{cap|bracket|s}}` -> "Brackets": a capitalised link."""
    word = ctx.arg(call, 1) + ctx.arg(call, 2)
    return word[:1].upper() + word[1:]


@template("pedia", "pedia-lite", family="definitions")
def pedia(call: Call, ctx: Context) -> str:
    """`{{pedia}}` -> "PAGE on Wikipedia."; `{{pedia|foo#bar|baz}}` -> "baz on Wikipedia."."""
    shown = ctx.arg(call, 2) or without_anchor(ctx.arg(call, 1)) or ctx.title
    return f"{shown} on Wikipedia" + ("" if call.has("nodot") else ".")


@template("pedlink", family="definitions")
def pedlink(call: Call, ctx: Context) -> str:
    """`{{pedlink|foo|disp=bar}}`: a link to Wikipedia showing `disp=` or the article."""
    return ctx.arg(call, "disp") or without_anchor(ctx.arg(call, 1))


@template("see citations", "see cites", "seecitations", family="definitions")
def see_citations(call: Call, ctx: Context) -> str:
    """`{{see citations|en}}` -> "For quotations using this term, see Citations:PAGE."."""
    return _citations_pointer(call, ctx, "")


@template("see more citations", "see more cites", family="definitions")
def see_more_citations(call: Call, ctx: Context) -> str:
    """`{{see more citations|en}}` -> "For more quotations using this term, see Citations:PAGE."."""
    return _citations_pointer(call, ctx, "more ")


def _citations_pointer(call: Call, ctx: Context, more: str) -> str:
    """A pointer to another page, not a quotation: where a quotation is read it yields none
    (and says so), elsewhere it is the sentence a reader sees."""
    page = ctx.arg(call, 2) or ctx.title
    if ctx.where == "quotation":
        ctx.warn("pointer to a Citations: page, not a quotation", template=call.name, severity="info")
        return ""
    return f"For {more}quotations using this term, see Citations:{page}."


@template("&lit", family="definitions")
def and_literal(call: Call, ctx: Context) -> str:
    """`{{&lit|en|foo|bar}}` -> "Used other than figuratively or idiomatically: see foo, bar."."""
    terms = [ctx.arg(call, i) for i in range(2, len(call.positional()) + 1) if call.has(i)]
    qualifier = ctx.arg(call, "qualifier")
    lead = f"{qualifier} used" if qualifier else "Used"
    if len(terms) == 1 and " " in terms[0] and terms[0].lower().startswith("see "):
        listed = terms[0]
    else:
        listed = "see " + ", ".join(terms)
    ending = "" if call.has("nodot") else call.get("dot", ".")
    return f"{lead} other than figuratively or idiomatically: {listed}{ending}"


@template("used in phrasal verbs", "phrasal verbs", family="definitions")
def used_in_phrasal_verbs(call: Call, ctx: Context) -> str:
    """`{{used in phrasal verbs|abide by|lang=en}}` -> "Used in a phrasal verb: abide by."."""
    specs = [parse_term(call.get(i)) for i in range(1, len(call.positional()) + 1) if call.has(i)]
    if specs and call.has("t"):
        specs[0].mods.setdefault("t", call.get("t"))
    kind = "a phrasal verb" if len(specs) < 2 else "phrasal verbs"
    return f"Used in {kind}: {join_or([term_display(s, ctx) for s in specs], 'and')}."


@template("tl-letter-def", family="definitions")
def tagalog_letter(call: Call, ctx: Context) -> str:
    """`{{tl-letter-def|1|a|alph=abak}}`: a letter of one of the Tagalog alphabets
    (Filipino, Abakada, Abecedario: data/definitions.json), worded as `{{Latn-def}}`."""
    alphabets: dict[str, str] = _defs()["tagalog_alphabets"]
    alphabet = alphabets.get(call.get("alph", "fil"), "Filipino")
    ordinal = _ordinal(call.get(1))
    name = ctx.arg(call, 2)
    called = f"called {name} and " if name else ""
    return f"The {ordinal} letter of the Tagalog alphabet ({alphabet}), {called}written in the Latin script."


@template("cyrl-def", family="definitions")
def cyrillic_letter(call: Call, ctx: Context) -> str:
    """`{{Cyrl-def|mul|letter||zemlya|zemlja|zemlia|sc=Cyrs}}` -> "A letter of the Old Cyrillic
    script, called zemlya, zemlja or zemlia."; `name` kind: "The name of the Cyrillic script
    letter Ԫ / ԫ."."""
    patterns: dict[str, str] = _defs()["cyrl_def"]
    kind = call.get(2) or "letter"
    pattern = patterns.get(kind)
    if pattern is None:
        ctx.warn(f"unknown Cyrl-def type {kind!r}", template=call.name)
        return ""
    script = _defs()["cyrl_scripts"].get(call.get("sc", "Cyrl"), "Cyrillic")
    names = [ctx.arg(call, i) for i in range(4 if kind == "letter" else 3, len(call.positional()) + 1)]
    names = [n for n in names if n]
    called = f", called {join_or(names)}" if names and kind == "letter" else ""
    text = pattern.format(script=script, called=called, name=" / ".join(names))
    return text if call.has("nodot") else text + "."


@template("ga-mut-link", family="definitions")
def irish_mutation(call: Call, ctx: Context) -> str:
    """`{{ga-mut-link|l}}` -> "lenition": a link to an Irish initial mutation by its letter."""
    mutations: dict[str, str] = _defs()["irish_mutations"]
    name = mutations.get(call.get(1))
    if name is None:
        ctx.warn(f"unknown Irish mutation {call.get(1)!r}", template=call.name)
        return ctx.arg(call, 1)
    return ctx.arg(call, 2) or name


@template("abbreviated", family="definitions")
def abbreviated(call: Call, ctx: Context) -> str:
    """`{{abbreviated|en|LGAT|GATO}}` -> "(abbreviated LGAT, GATO)" beside a head word."""
    forms = [ctx.arg(call, i) for i in range(2, len(call.positional()) + 1) if call.has(i)]
    return ctx.annotate(f"(abbreviated {', '.join(forms)})") if forms else ""


@template("lit", "literally", family="definitions")
def literally(call: Call, ctx: Context) -> str:
    """`{{lit|eagle killer}}` -> "Literally, “eagle killer”"."""
    texts = [ctx.arg(call, i) for i in range(1, len(call.positional()) + 1) if call.has(i)]
    shown = join_or([f"“{t}”" for t in texts])
    lead = "literally" if call.has("nocap") else "Literally"
    return f"{lead}, {shown}" if shown else ""
