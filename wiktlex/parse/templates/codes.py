"""Codes, symbols and units that write a whole definition: `{{ISO 639}}`, `{{ISO 3166}}`,
`{{ISO 4217}}`, `{{ISO 216}}`, `{{SI-unit}}` and kin, `{{chemical symbol}}`, `{{morse code
for}}`, `{{codepoint}}`, `{{frac}}`, `{{nuclide}}`, `{{Köppen}}`.

Their field label ("international standards", "metrology", "chemistry") goes through
`{{lb}}`, so it is a label of the sense (an annotation, outside the gloss) as on Wiktionary.
Powers of ten and fractions are written with Unicode super/subscripts ("10¹⁵", "1⁄2") so
that they stay readable as plain text. Prefix and unit tables: data/codes.json.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.data import load
from wiktlex.parse.languages import language_name
from wiktlex.parse.registry import template

FAMILY = "codes"
_SUPERSCRIPT = str.maketrans("0123456789-−", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁻")
_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _data() -> dict[str, Any]:
    data: dict[str, Any] = load("codes")
    return data


def _label(ctx: Context, *labels: str) -> str:
    """`(international standards, obsolete)` through `{{lb}}`: shown, and kept as labels."""
    return ctx.render("{{lb|mul|" + "|".join(labels) + "}}")


def _sentence(label: str, text: str) -> str:
    return f"{label} {text}".strip()


@template("iso 639", family=FAMILY)
def iso_639(call: Call, ctx: Context) -> str:
    """`{{ISO 639|1}}` on [[ab]] -> "(international standards) ISO 639-1 language code for
    Abkhaz."; `{{ISO 639|ja}}` (a language's codes) -> "ISO 639-1 code ja"."""
    part = call.get(1)
    parts: dict[str, str] = _data()["iso_639_parts"]
    if any(call.has(i) for i in (1, 2, 3)) and not _is_639_part(part, parts):
        listed = [f"{parts[str(i)]} code {call.get(i)}" for i in (1, 2, 3) if call.has(i)]
        return ", ".join(listed)
    name = _language_display(call, ctx)
    if call.has("dab"):
        name += f" ({ctx.arg(call, 'dab')})"
    standards = " and ".join(parts.get(p, f"ISO 639-{p}") for p in part.split("&")) if part else ""
    former = "Former " if call.has("obs") else ""
    code = f"{standards} language code" if standards else "language code"
    text = f"{former}{code} for {name}."
    labels = ("international standards", "obsolete") if call.has("obs") else ("international standards",)
    return _sentence(_label(ctx, *labels), text)


def _is_639_part(value: str, parts: dict[str, str]) -> bool:
    return all(piece in parts for piece in value.split("&"))


def _language_display(call: Call, ctx: Context) -> str:
    """The language a code stands for: display (3=), article (2=) or a code's name."""
    if call.has(3):
        return ctx.arg(call, 3)
    second = call.get(2)
    if second:
        return language_name(second) or ctx.arg(call, 2)
    name = language_name(ctx.title.lower()) or language_name(ctx.title)
    if name is None:
        ctx.warn(f"no language with code {ctx.title!r}", template=call.name)
    return name or ctx.title


@template("iso 3166", family=FAMILY)
def iso_3166(call: Call, ctx: Context) -> str:
    """`{{ISO 3166|1|3|Aruba|from=1986}}` -> "(international standards) ISO 3166-1 alpha-3
    country code for Aruba since 1986."."""
    kinds: dict[str, str] = _data()["iso_3166_parts"]
    code = kinds.get(call.get(1), "ISO 3166 code").format(alpha=call.get(2))
    status = "Former " if call.has("obs") else "Exceptionally reserved " if call.has(
        "exr") else "Indeterminately reserved " if call.has("inr") else ""
    name = ctx.arg(call, 3) if call.get(1) == "1" else ctx.arg(call, 3) or ctx.arg(call, 2)
    text = f"{status}{code} for {name}"
    if call.has("from"):
        text += f" since {ctx.arg(call, 'from')}"
    labels = ("international standards", "obsolete") if call.has("obs") else ("international standards",)
    return _sentence(_label(ctx, *labels), text[:1].upper() + text[1:] + ".")


@template("iso 4217", family=FAMILY)
def iso_4217(call: Call, ctx: Context) -> str:
    """`{{ISO 4217|Cardano|from=1869|to=1986}}` -> "(international standards) ISO 4217
    currency code for the Cardano; a currency used from 1869 to 1986."."""
    name = ctx.arg(call, 1) if call.has("res") else ctx.arg(call, 2) or ctx.arg(call, 1)
    former = "former " if call.has("hist") else ""
    crypto = "cryptocurrency " if call.has("crypto") else ""
    standard = "non-ISO 4217" if call.has("unoff") else "ISO 4217"
    status = "Former " if call.has("obs") else "Reserved " if call.has("res") else (
        "Unofficial " if call.has("unoff") else "")
    text = f"{status}{standard} currency code for the {former}{crypto}{name}"
    details = [ctx.arg(call, 3)] if call.has(3) else []
    if call.has("fund"):
        details.append("a unit of account")
    if call.has("from") and call.has("to"):
        details.append(f"a currency used from {ctx.arg(call, 'from')} to {ctx.arg(call, 'to')}")
    elif call.has("from"):
        details.append(f"a currency used since {ctx.arg(call, 'from')}")
    elif call.has("to"):
        details.append(f"a currency used until {ctx.arg(call, 'to')}")
    text += "".join(f"; {d}" for d in details)
    labels = ["international standards"] + (["obsolete"] if call.has("obs") else []) + (
        ["historical"] if call.has("hist") else [])
    return _sentence(_label(ctx, *labels), text[:1].upper() + text[1:] + ".")


@template("iso 216", "iso 217", "iso 269", family=FAMILY)
def iso_paper(call: Call, ctx: Context) -> str:
    """`{{ISO 216|1189|1682}}` -> "(international standards) ISO 216 standard paper size of
    1189 mm × 1682 mm (46.81 in × 66.22 in), with a surface area of 2 m² (21.53 sq ft)."."""
    try:
        width, height = float(call.get(1)), float(call.get(2))
    except ValueError:
        ctx.warn("paper size without its dimensions", template=call.name)
        return ""
    kind = "envelope" if call.has("env") else "paper"
    untrimmed = "untrimmed " if call.has("untrimmed") else ""
    area = width * height / 1_000_000
    text = (f"{call.name.upper()} standard {untrimmed}{kind} size of {call.get(1)} mm × {call.get(2)} mm "
            f"({width / 25.4:.2f} in × {height / 25.4:.2f} in), with a surface area of "
            f"{_number(area)} m² ({area * 10.7639:.2f} sq ft).")
    return _sentence(_label(ctx, "international standards"), text)


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _si(call: Call, ctx: Context, prefix_key: int) -> tuple[dict[str, Any], dict[str, Any], str, str] | None:
    """(prefix data, unit data, prefix, unit), or None (and a diagnostic) when unknown."""
    prefixes: dict[str, Any] = _data()["si_prefixes"]
    units: dict[str, Any] = _data()["si_units"]
    prefix, unit = call.get(prefix_key), call.get(prefix_key + 1)
    if prefix not in prefixes or not unit:
        ctx.warn(f"unknown SI prefix or unit {prefix!r} {unit!r}", template=call.name)
        return None
    return prefixes[prefix], units.get(unit, {"symbol": "", "quantity": ""}), prefix, unit


def _power(power: int) -> str:
    return "10" + str(power).replace("-", "−").translate(_SUPERSCRIPT)


@template("si-unit", family=FAMILY)
def si_unit(call: Call, ctx: Context) -> str:
    """`{{SI-unit|en|peta|second|time}}` -> "(metrology) An SI unit of time equal to 10¹⁵
    seconds. Symbol: Ps"."""
    return _si_unit(call, ctx, first=2, plural=True, other_spelling=False)


@template("si-unit-np", family=FAMILY)
def si_unit_no_plural(call: Call, ctx: Context) -> str:
    """`{{SI-unit-np|en|nano|gauss|magnetism}}`: a unit whose plural is its singular."""
    return _si_unit(call, ctx, first=2, plural=False, other_spelling=False)


@template("si-unit-2", family=FAMILY)
def si_unit_spelling(call: Call, ctx: Context) -> str:
    """`{{SI-unit-2|peta|meter|length|metre}}` -> "… equal to 10¹⁵ meters; alternative spelling
    of petametre."."""
    return _si_unit(call, ctx, first=1, plural=True, other_spelling=True)


def _plural(unit: str, plural: bool) -> str:
    return unit + "s" if plural and not unit.endswith(("s", "z", "x")) else unit


def _si_unit(call: Call, ctx: Context, *, first: int, plural: bool, other_spelling: bool) -> str:
    found = _si(call, ctx, first)
    if found is None:
        return ""
    prefix, unit, _, unit_name = found
    quantity = ctx.arg(call, first + 2) or unit["quantity"]
    text = f"An SI unit of {quantity} equal to {_power(prefix['power'])} {_plural(unit_name, plural)}"
    if other_spelling:
        text += f"; alternative spelling of {call.get(first)}{ctx.arg(call, first + 3)}."
    else:
        if unit["symbol"]:
            text += f". Symbol: {prefix['symbol']}{unit['symbol']}"
    return _sentence(_label(ctx, "metrology"), text)


@template("si-unit-abb", family=FAMILY)
def si_unit_symbol(call: Call, ctx: Context) -> str:
    """`{{SI-unit-abb|femto|mole|amount of substance}}` -> "(metrology) Symbol for femtomole,
    an SI unit of amount of substance equal to 10⁻¹⁵ moles"."""
    return _si_symbol(call, ctx, plural=True, other_spelling=False)


@template("si-unit-abbnp", family=FAMILY)
def si_unit_symbol_no_plural(call: Call, ctx: Context) -> str:
    return _si_symbol(call, ctx, plural=False, other_spelling=False)


@template("si-unit-abb2", family=FAMILY)
def si_unit_symbol_spellings(call: Call, ctx: Context) -> str:
    """`{{SI-unit-abb2|exa|liter|litre|fluid measure}}` -> "… Symbol for exaliter (exalitre), …
    equal to 10¹⁸ liters (litres)."."""
    return _si_symbol(call, ctx, plural=True, other_spelling=True)


def _si_symbol(call: Call, ctx: Context, *, plural: bool, other_spelling: bool) -> str:
    found = _si(call, ctx, 1)
    if found is None:
        return ""
    prefix, unit, prefix_name, unit_name = found
    other = ctx.arg(call, 3) if other_spelling else ""
    quantity = ctx.arg(call, 4 if other_spelling else 3) or unit["quantity"]
    name = prefix_name + unit_name + (f" ({prefix_name}{other})" if other else "")
    shown = _plural(unit_name, plural) + (f" ({_plural(other, plural)})" if other else "")
    text = f"Symbol for {name}, an SI unit of {quantity} equal to {_power(prefix['power'])} {shown}"
    return _sentence(_label(ctx, "metrology"), text + ("." if other_spelling else ""))


@template("chemical symbol", family=FAMILY)
def chemical_symbol(call: Call, ctx: Context) -> str:
    """`{{chemical symbol|unnilquadium|rutherfordium|sys=1}}` -> "(chemistry) Systematic
    chemical symbol for unnilquadium, now named rutherfordium."."""
    element = ctx.arg(call, 1)
    kind = "Systematic chemical symbol" if call.has("sys") else (
        "Obsolete chemical symbol" if call.has("obs") else "Chemical symbol")
    text = f"{kind} for {element}"
    if call.has(2):
        text += f", now named {ctx.arg(call, 2)}"
    labels = ("chemistry", "obsolete") if call.has("obs") else ("chemistry",)
    return _sentence(_label(ctx, *labels), text + ".")


@template("morse code for", "morse code abbreviation", "morse code prosign", family=FAMILY)
def morse_code(call: Call, ctx: Context) -> str:
    """`{{morse code for|=|gloss=equal sign}}` -> "Visual rendering of Morse code for = (“equal sign”)."."""
    kind = call.name.removeprefix("morse code ")
    what = call.get(1) or ("=" if "" in call.args else "")  # `{{morse code for|=}}`
    gloss = ctx.arg(call, "gloss")
    return f"Visual rendering of Morse code {kind} {what}" + (f" (“{gloss}”)" if gloss else "") + "."


@template("codepoint", family=FAMILY)
def codepoint(call: Call, ctx: Context) -> str:
    """`{{codepoint|U+2010}}` -> "‐ (U+2010 HYPHEN)" (the character's Unicode name)."""
    raw = call.get(1)
    try:
        char = chr(int(raw[2:], 16)) if raw.upper().startswith("U+") else raw[:1]
    except ValueError:
        ctx.warn(f"not a code point: {raw!r}", template=call.name)
        return ""
    if not char:
        return ""
    described = f"U+{ord(char):04X} {unicodedata.name(char, '')}".strip()
    return described if call.get("display") == "0" else f"{char} ({described})"


@template("caret notation of", family=FAMILY)
def caret_notation(call: Call, ctx: Context) -> str:
    """`{{caret notation of|null}}` -> "(computing) The ASCII control character null in caret notation."."""
    text = f"The ASCII control character {ctx.arg(call, 1)} in caret notation."
    return _sentence(_label(ctx, "computing"), text)


@template("köppen", family=FAMILY)
def koppen(call: Call, ctx: Context) -> str:
    """`{{Köppen|tropical rainforest climate}}` -> "(climatology) Köppen climate
    classification for a tropical rainforest climate."."""
    shown = ctx.arg(call, 2) or ctx.arg(call, 1)
    article = "an" if call.has("an") else "a"
    text = f"Köppen climate classification for {article} {shown}"
    if call.has(3):
        text += f", also known as a {ctx.arg(call, 3)}"
    return _sentence(_label(ctx, "climatology"), text + ".")


@template("frac", "fraction", family=FAMILY)
def fraction(call: Call, ctx: Context) -> str:
    """`{{frac|1|2}}` -> "1⁄2"; `{{frac|1|1|2}}` -> "1 1⁄2"; `{{frac|4}}` -> "1⁄4"."""
    values = [ctx.arg(call, i) for i in (1, 2, 3) if call.has(i)]
    if not values:
        ctx.warn("fraction without numbers", template=call.name)
        return ""
    if len(values) == 1:
        return f"1⁄{values[0]}"
    if len(values) == 2:
        return f"{values[0]}⁄{values[1]}"
    return f"{values[0]} {values[1]}⁄{values[2]}"


@template("nuclide", family=FAMILY)
def nuclide(call: Call, ctx: Context) -> str:
    """`{{nuclide|2|1|H}}` -> "²₁H": mass number, atomic number, element."""
    mass, number, element = call.get(1), call.get(2), ctx.arg(call, 3)
    return f"{mass.translate(_SUPERSCRIPT)}{number.translate(_SUBSCRIPT)}{element}"
