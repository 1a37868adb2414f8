"""Place names and the people of places: `{{place}}`, `{{demonym-adj}}`, `{{demonym-noun}}`,
and `{{tcl}}` (a translation that transcludes an English place definition).

Wording is Module:place's and Module:demonym's: "A city, the county seat of Lamar County,
Texas", "Of, from or relating to Tucson.", "A native or inhabitant of Abdera". The place
description itself is read by parse/placedesc.py (its data: data/places.json).
"""

from __future__ import annotations

from wiktlex.parse import placedesc
from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.registry import template
from wiktlex.parse.render import fold
from wiktlex.parse.termspec import join_or, parse_term, split_top, term_display

FAMILY = "places"


def _renderer(ctx: Context) -> placedesc.Render:
    def render(text: str) -> str:
        return fold(ctx.child().render(text))

    return render


def _terms(call: Call, ctx: Context, key: str) -> list[str]:
    """`capital=pt:Luanda`, `t=Cuba,Havana`, `t2=…`: every term of a repeated argument."""
    values = call.numbered(key)
    return [term_display(parse_term(piece), ctx) for value in values for piece in split_top(value)]


@template("place", "place-lite", family=FAMILY)
def place(call: Call, ctx: Context) -> str:
    """`{{place|en|town|s/New York|;|named after Paris}}` -> "A town in New York; named after Paris"."""
    lang = call.get(1)
    english = lang == "en"
    translations = _terms(call, ctx, "t")
    capital = english and not call.has("nocap") and not translations
    descs = placedesc.parse_descriptions(call.positional(2), _renderer(ctx))
    if not descs and not call.has("def"):
        ctx.warn("place without a description", template=call.name)
    definition = call.get("def")
    if definition == "-":
        text = ""
    elif definition:
        text = placedesc.format_new_style(placedesc.parse_new_style(definition, _renderer(ctx)))
    else:
        text = placedesc.describe(descs, capital, ctx.arg(call, "a"))
    text += _addl(ctx.arg(call, "addl"))
    first = descs[0].placetypes[0] if descs and descs[0].placetypes else ""
    named = {arg: _terms(call, ctx, arg) for arg in placedesc.extra_info_args()}
    text += placedesc.extra_info(named, english and not translations, first)
    if translations:
        joined = ", ".join(translations)
        return f"{joined} ({text})" if text else joined
    return text


def _addl(addl: str) -> str:
    if not addl:
        return ""
    if addl[0] in ";:":
        return addl
    if addl.startswith("_"):
        return " " + addl[1:]
    return ", " + addl


@template("tcl", "transclude", family=FAMILY)
def transclude(call: Call, ctx: Context) -> str:
    """`{{tcl|ca|Guinea|id=Q1006}}`: the definition of English *Guinea* shown as a gloss.

    That definition lives on another page, which a pure page parse cannot read; the
    English term it names (or `t=`, which overrides it) is the gloss a reader needs.
    """
    terms = _terms(call, ctx, "t") or [term_display(parse_term(call.get(2)), ctx)]
    if not any(terms):
        ctx.warn("tcl without a source term", template=call.name)
    return ", ".join(t for t in terms if t)


def _parts(call: Call, ctx: Context) -> tuple[str, bool]:
    """The places of a demonym template, joined with "or" (`;` when one holds a comma)."""
    shown: list[str] = []
    comma = False
    for raw in call.positional(2):
        if not raw:
            continue
        spec = parse_term(raw)
        if "<<" in spec.term:
            desc = placedesc.parse_new_style(spec.term, _renderer(ctx))
            text = _with_qualifiers(placedesc.format_new_style(desc), spec.mods, ctx)
        else:
            if "t" in spec.mods or "gloss" in spec.mods:  # a place's gloss reads as a pos: (city in Egypt)
                gloss = spec.mods.pop("t", "") or spec.mods.pop("gloss", "")
                spec.mods["pos"] = f"{gloss}, {spec.mods['pos']}" if spec.mods.get("pos") else gloss
            text = term_display(spec, ctx)
        comma = comma or any("," in value for value in (text, spec.mods.get("pos", "")))
        shown.append(text)
    if len(shown) > 2 and comma:
        return "; ".join(shown[:-1]) + "; or " + shown[-1], True
    return join_or(shown), bool(shown)


def _with_qualifiers(text: str, mods: dict[str, str], ctx: Context) -> str:
    q, qq = mods.get("q"), mods.get("qq")
    if q:
        text = f"({fold(ctx.child().render(q))}) {text}"
    if qq:
        text = f"{text} ({fold(ctx.child().render(qq))})"
    return text


def _glosses(call: Call, ctx: Context, pretext: str = "") -> str:
    return ", ".join(pretext + t for t in _terms(call, ctx, "t"))


@template("demonym-adj", family=FAMILY)
def demonym_adjective(call: Call, ctx: Context) -> str:
    """`{{demonym-adj|en|Tucson}}` -> "Of, from or relating to Tucson."."""
    english = call.get(1) == "en"
    places, any_place = _parts(call, ctx)
    if not any_place:
        ctx.warn("demonym without a place", template=call.name)
        return ""
    glosses = "" if english else _glosses(call, ctx)
    lead = "Of" if not glosses and english and not call.has("nocap") else "of"
    text = "" if call.has("notext") else f"{lead}, from or relating to "
    text += places
    if glosses:
        text = f"{glosses} ({text})"
    return _dot(call, english, text)


@template("demonym-noun", family=FAMILY)
def demonym_noun(call: Call, ctx: Context) -> str:
    """`{{demonym-noun|it|Abdera|t=Abderite}}` -> "Abderite (native or inhabitant of Abdera)"."""
    english = call.get(1) == "en"
    gender = call.get("g")
    feminine_equivalents = _terms(call, ctx, "m")
    if feminine_equivalents and not gender:
        gender = "f"
    places, any_place = _parts(call, ctx)
    if not any_place:
        ctx.warn("demonym without a place", template=call.name)
        return ""
    female = "female " if gender == "f" else ""
    gendered = call.get("gloss_is_gendered") in ("1", "true", "yes")
    glosses = "" if english else _glosses(call, ctx, "" if gendered else female)
    text = ""
    if feminine_equivalents:
        lead = "Female" if english and not call.has("nocap") else "female"
        text = f"{lead} equivalent of {join_or(feminine_equivalents, 'and')}; "
    text += glosses
    if english and not call.has("notext"):
        text += "A " if not feminine_equivalents and not call.has("nocap") else "a "
    elif glosses:
        text += " ("
    if not call.has("notext"):
        text += f"{female}native or inhabitant of "
    text += places
    if glosses:
        text += ")"
    if gender == "m" and not call.has("notext"):
        text += " " + ctx.annotate("(usually male)")
    return _dot(call, english, text)


def _dot(call: Call, english: bool, text: str) -> str:
    if english and not call.has("nodot") and not call.has("notext"):
        return text + "."
    return text
