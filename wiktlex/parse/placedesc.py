"""Place descriptions as Module:place writes them: `{{place|en|city/county seat|co/Lamar
County|s/Texas}}` -> "A city, the county seat of Lamar County, Texas".

A description is placetypes (`city/county seat`, aliases and qualifiers resolved) followed
by holonyms (`co/Lamar County`: a placetype and a placename, or raw text such as `in`).
Which preposition follows a placetype, which affix a holonym's placetype adds ("West
Oxfordshire district", "the Province of Quebec"), and which placenames take "the" are the
module's data (data/places.json). New-style descriptions (`the <<city:pref/Adelaide>>`)
mix raw text with holonyms in `<<…>>`. Shared by {{place}} and the demonym templates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from wiktlex.parse.data import load

Render = Callable[[str], str]
_NEW_STYLE = re.compile(r"<<(.*?)>>", re.S)
_AFFIX_TYPES = frozenset({"pref", "Pref", "suf", "Suf", "noaff"})
_LANG_PREFIX = re.compile(r"^([a-z]{2,3}(?:-[a-z]{2,3})*):(?=\S)")


@dataclass(slots=True)
class Holonym:
    """One holonym: a placename of a placetype (`s/Texas`) or raw text (`in`)."""

    name: str
    placetype: str | None = None
    affix_type: str | None = None
    suppress_affix: bool = False
    pluralize_affix: bool = False
    needs_article: bool = False
    force_the: bool = False
    no_display: bool = False
    suppress_comma: bool = False


@dataclass(slots=True)
class Description:
    """Placetypes and holonyms of one (semicolon-separated) part of a place description."""

    placetypes: list[str] = field(default_factory=list)
    holonyms: list[Holonym] = field(default_factory=list)
    order: list[tuple[str, Any]] | None = None  # new style: ("raw"|"placetype"|"holonym", value)
    joiner: str = ""
    article_follows: bool = False


@cache
def _data() -> dict[str, Any]:
    data: dict[str, Any] = load("places")
    return data


def _props(placetype: str) -> dict[str, Any]:
    props: dict[str, Any] = _data()["placetypes"].get(placetype, {})
    return props


def resolve_alias(placetype: str) -> str:
    aliases: dict[str, str] = _data()["aliases"]
    return aliases.get(placetype, placetype)


def _singular(placetype: str) -> str | None:
    for plural, singular in (("ies", "y"), ("es", ""), ("s", "")):
        if placetype.endswith(plural) and (placetype[: -len(plural)] + singular) in _data()["placetypes"]:
            return placetype[: -len(plural)] + singular
    return None


def _split_qualifiers(placetype: str) -> list[tuple[str, str]]:
    """(qualifier prefix, reduced placetype) for each leading recognised qualifier."""
    qualifiers: dict[str, str] = _data()["qualifiers"]
    splits = [("", resolve_alias(placetype))]
    prefix: list[str] = []
    rest = placetype
    while " " in rest:
        word, rest = rest.split(" ", 1)
        if word not in qualifiers:
            break
        prefix.append(qualifiers[word])
        splits.append((" ".join(prefix), resolve_alias(rest)))
    return splits


def equivalents(placetype: str) -> list[str]:
    """The placetype, its fallbacks, then the same for it without its qualifiers."""
    found: list[str] = []
    for _, reduced in _split_qualifiers(placetype):
        current: str | None = reduced if reduced in _data()["placetypes"] else _singular(reduced)
        steps = 0
        while current and current not in found and steps < 12:
            found.append(current)
            current = _props(current).get("fallback")
            steps += 1
    return found


def prop(placetype: str, key: str) -> Any:
    for equivalent in equivalents(placetype):
        value = _props(equivalent).get(key)
        if value is not None:
            return value
    return None


def indefinite_article(word: str) -> str:
    """en-utilities' rule: "an" before a vowel letter, "a" otherwise."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def placetype_article(placetype: str) -> str:
    if prop(placetype, "entry_the"):
        return "the"
    return str(_props(resolve_alias(placetype)).get("article") or indefinite_article(placetype))


def preposition(placetype: str) -> str:
    return str(prop(placetype, "preposition") or "in")


def placetype_text(placetype: str) -> str:
    """A placetype as shown: qualifiers canonicalised, display form of the placetype."""
    prefix, bare = "", placetype
    for prefix, bare in _split_qualifiers(placetype):
        display = _props(bare).get("display")
        if display:
            return f"{prefix} {display}".strip()
    return f"{prefix} {bare}".strip()


def ucfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def _ucfirst_all(text: str) -> str:
    return " ".join(ucfirst(word) for word in text.split(" "))


def _pluralize(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        return word[:-1] + "ies"
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return word + "es"
    return word + "s"


# -- holonyms --------------------------------------------------------------------------


def split_holonym(raw: str, render: Render) -> list[Holonym]:
    """`!c:pref/A,B` -> holonyms; text without a slash is raw text."""
    no_display = raw.startswith("!")
    raw = raw[1:] if no_display else raw
    suppress_comma = raw.startswith("*")
    raw = raw[1:] if suppress_comma else raw
    if "/" not in raw:
        return [Holonym(name=render(raw), no_display=no_display, suppress_comma=suppress_comma)]
    placetype, placename = raw.split("/", 1)
    modifiers = placetype.split(":")
    placetype = resolve_alias(modifiers[0].strip())
    affix_type = next((m for m in modifiers[1:] if m in _AFFIX_TYPES), None)
    names = [n.strip() for n in placename.split(",")] if "[[" not in placename else [placename]
    affix_index = 0 if affix_type in ("pref", "Pref") else (-1 if affix_type == "noaff" else len(names) - 1)
    holonyms = []
    for index, name in enumerate(names):
        name = _LANG_PREFIX.sub("", name)
        holonyms.append(Holonym(
            name=_display_alias(placetype, render(name)), placetype=placetype,
            affix_type=affix_type if index == affix_index else None,
            suppress_affix=index != affix_index, pluralize_affix=len(names) > 1,
            needs_article=index > 0, force_the=index == 0 and "the" in modifiers[1:],
            no_display=no_display, suppress_comma=suppress_comma,
        ))
    return holonyms


def _display_alias(placetype: str, name: str) -> str:
    aliases: dict[str, dict[str, str]] = _data()["locations"]["display"]
    for equivalent in [placetype, *equivalents(placetype)]:
        shown = aliases.get(equivalent, {}).get(name)
        if shown:
            return shown
    return name


def placename_article(name: str, placetypes: list[str], suppress_use_the: bool = False) -> str | None:
    """"the" before a placename when Module:place/locations or its patterns say so."""
    if name.startswith("the "):
        return None
    every: list[str] = []
    for placetype in placetypes:
        every.extend(equivalents(placetype) or [placetype])
    with_the: dict[str, list[str]] = _data()["locations"]["the"]
    if any(name in with_the.get(p, []) for p in every):
        return "the"
    if not suppress_use_the and any(_props(p).get("holonym_the") for p in every):
        return "the"
    patterns: dict[str, list[str]] = _data()["the_patterns"]
    for key in ["*", *every]:
        if any(re.search(pattern, name) for pattern in patterns.get(key, [])):
            return "the"
    return None


def format_holonym(holonym: Holonym, needs_article: bool) -> str:
    """A holonym as shown: affix ("X parish", "Province of X") and article added."""
    if holonym.no_display:
        return ""
    first = needs_article
    needs_article = needs_article or holonym.needs_article or holonym.force_the
    output = holonym.name
    placetype = holonym.placetype
    affix, is_prefix, style = _affix(holonym)
    if affix is not None and not is_prefix:
        output = f"{output} {_ucfirst_all(affix) if style == 'Suf' else affix}".rstrip()
    if needs_article and placetype:
        article = "the" if holonym.force_the else placename_article(
            output, [placetype], holonym.affix_type is not None)
        if article:
            output = f"{article} {output}"
    if affix is not None and is_prefix:
        output = f"{_ucfirst_all(affix) if style == 'Pref' else affix} of {output}"
        if first:
            output = f"the {output}"
    return output


def _affix(holonym: Holonym) -> tuple[str | None, bool, str]:
    """(affix to add or None, whether it goes before, its style) for a holonym."""
    placetype = holonym.placetype
    if placetype is None or holonym.suppress_affix:
        return None, False, ""
    style = prop(placetype, "affix_type")
    need = style is not None
    prefix = prop(placetype, "prefix") or prop(placetype, "affix")
    suffix = prop(placetype, "suffix")
    suffix = prop(placetype, "affix") if suffix is None else suffix
    if prefix or suffix is not None:
        need = True
    if holonym.affix_type:
        style, need = holonym.affix_type, True
        prefix, suffix = prefix or placetype, suffix if suffix is not None else placetype
    if not need or style == "noaff":
        return None, False, ""
    is_prefix = style in ("pref", "Pref")
    affix = (prefix or placetype) if is_prefix else (suffix if suffix is not None else placetype)
    blockers = prop(placetype, "no_affix") or [affix.lower()]
    if affix and any(re.search(rf"\b{re.escape(b)}\b", holonym.name.lower()) for b in blockers):
        return None, False, ""
    if holonym.pluralize_affix and affix:
        affix = _pluralize(affix)
    return affix, is_prefix, str(style or "")


def holonym_in_context(entry_placetype: str | None, holonyms: list[Holonym], index: int,
                       no_prefix: bool = False) -> str:
    """The holonym with what joins it to what precedes (" in ", ", ", " ")."""
    holonym = holonyms[index]
    lead = " "
    if not no_prefix and not holonym.no_display:
        lead = ""
        if index == 0:
            if holonym.placetype:
                lead = f" {preposition(entry_placetype or '')} "
            elif not holonym.name.startswith(","):
                lead = " "
        else:
            previous = holonyms[index - 1]
            if previous.placetype and not holonym.suppress_comma and holonym.name not in (
                    "and", "in", "and the", "in the"):
                lead = ","
            if holonym.placetype or not holonym.name.startswith(","):
                lead += " "
    return lead + format_holonym(holonym, not no_prefix and index == 0)


# -- descriptions ----------------------------------------------------------------------


def parse_descriptions(args: list[str], render: Render) -> list[Description]:
    """The positional arguments after the language: placetypes, holonyms, `;` separators."""
    descs: list[Description] = []
    current: Description | None = None
    for arg in args:
        if arg == ";" or (arg.startswith(";") and not arg.startswith("; ")):
            if current is not None:
                _set_joiner(current, arg)
            current = None
            continue
        if "<<" in arg:
            for piece in _split_new_style(arg):
                current = parse_new_style(piece[0], render)
                if piece[1]:
                    _set_joiner(current, piece[1])
                descs.append(current)
            continue
        if current is None:
            current = Description(placetypes=[p.strip() for p in arg.split("/")])
            descs.append(current)
            continue
        holonyms = split_holonym(arg, render)
        if len(holonyms) > 1:
            holonyms.insert(-1, Holonym(name="and", no_display=holonyms[0].no_display))
        current.holonyms.extend(holonyms)
    return descs


def _split_new_style(text: str) -> list[tuple[str, str]]:
    """`a <<x>>;b` -> [("a <<x>>", ";"), ("b", "")]: `;` outside <<…>> separates parts."""
    pieces = re.split(r"(;;?[^ <]*)(?![^<]*>>)", text)
    out: list[tuple[str, str]] = []
    for index in range(0, len(pieces), 2):
        out.append((pieces[index], pieces[index + 1] if index + 1 < len(pieces) else ""))
    return out


def _set_joiner(desc: Description, separator: str) -> None:
    if separator == ";":
        desc.joiner, desc.article_follows = "; ", True
    elif separator == ";;":
        desc.joiner = " "
    else:
        word = separator[1:]
        desc.joiner = f" {word} " if word[:1].isalpha() else f"{word} "


def parse_new_style(text: str, render: Render) -> Description:
    """`The capital of <<s/South Carolina>>` -> raw text, placetypes and holonyms in order."""
    desc = Description(order=[])
    assert desc.order is not None
    for index, segment in enumerate(_NEW_STYLE.split(text)):
        if index % 2 == 0:
            if segment.strip():
                lead = " " if segment[:1].isspace() else ""
                tail = " " if segment[-1:].isspace() else ""
                desc.order.append(("raw", lead + render(segment) + tail))
            elif segment:
                desc.order.append(("raw", " "))
        elif "/" in segment:
            holonyms = split_holonym(segment, render)
            for position, holonym in enumerate(holonyms):
                if position and not holonym.no_display:
                    desc.order.append(("raw", " and " if position == len(holonyms) - 1 else ", "))
                desc.holonyms.append(holonym)
                if not holonym.no_display:
                    desc.order.append(("holonym", len(desc.holonyms) - 1))
        else:
            treat_as, _, shown = segment.partition(":")
            desc.placetypes.append(treat_as if shown else segment)
            desc.order.append(("placetype", shown or segment))
    return desc


def format_old_style(desc: Description, index: int, with_article: bool, capital: bool,
                     article_arg: str = "") -> str:
    """Placetypes ("city, the county seat") then holonyms; article first when wanted."""
    placetypes = desc.placetypes
    parts: list[str] = []
    entry: str | None = None
    and_or = max((i for i, p in enumerate(placetypes) if p in ("and", "or")), default=-1)
    start = 0
    if and_or >= 0:
        items: list[str] = []
        for placetype in placetypes[: and_or + 2]:
            if placetype in ("and", "or"):
                continue
            if items and placetype.startswith("("):
                items[-1] += f" {placetype}"
            else:
                entry = placetype
                items.append(placetype_text(placetype))
        parts.append(_join(items, placetypes[and_or]))
        start = and_or + 2
    for position in range(start, len(placetypes)):
        placetype = placetypes[position]
        if placetype in ("and", "or") or placetype.startswith("("):
            parts.append(f" {placetype}" if parts else placetype)
            continue
        entry = placetype
        if position > 0:
            parts.append(f", {placetype_article(placetype)} ")
        parts.append(placetype_text(placetype))
    for position in range(len(desc.holonyms)):
        parts.append(holonym_in_context(entry, desc.holonyms, position))
    gloss = "".join(parts)
    if with_article and index > 0 and not any(h.placetype for h in desc.holonyms):
        with_article = False  # raw text after a `;` takes no article
    if with_article and placetypes:
        article = article_arg if index == 0 and article_arg else _entry_article(placetypes[0])
        if article:
            gloss = f"{ucfirst(article) if capital else article} {gloss}"
    elif capital:
        gloss = ucfirst(gloss)
    return gloss


def _entry_article(placetype: str) -> str:
    """The article before the first placetype; raw text that starts with one keeps its own."""
    if re.match(r"(?i)(a|an|the)\s", placetype):
        return ""
    return placetype_article(placetype)


def format_new_style(desc: Description, article_arg: str = "") -> str:
    parts = [f"{article_arg} "] if article_arg else []
    last = -1
    for kind, value in desc.order or []:
        if kind == "raw":
            parts.append(value)
        elif kind == "placetype":
            parts.append(placetype_text(value))
        else:
            parts.append(format_holonym(desc.holonyms[value], False))
            last = max(last, value)
    for position in range(last + 1, len(desc.holonyms)):
        parts.append(holonym_in_context(None, desc.holonyms, position, no_prefix=position == last + 1))
    return "".join(parts)


def _join(items: list[str], conj: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conj} {items[-1]}"


def describe(descs: list[Description], capital: bool, article_arg: str = "") -> str:
    """Every part of a place description, joined as their separators say."""
    out: list[str] = []
    with_article = True
    for index, desc in enumerate(descs):
        if desc.order is not None:
            out.append(format_new_style(desc, article_arg if index == 0 else ""))
        else:
            out.append(format_old_style(desc, index, with_article, capital, article_arg))
        out.append(desc.joiner)
        with_article = desc.article_follows
        capital = False
    return "".join(out)


def extra_info(named: dict[str, list[str]], sentence: bool, first_placetype: str) -> str:
    """`; modern Iraq`, `. Capital: Mito` from modern=, capital=, official=…"""
    out: list[str] = []
    for spec in _data()["extra_info"]:
        terms = named.get(spec["arg"], [])
        if not terms:
            continue
        text = spec["text"]
        if spec["arg"] == "seat":
            text = _data()["seat_text"].get(first_placetype, "seat")
        if spec.get("plural") and len(terms) > 1:
            text = _pluralize(text)
        if spec.get("colon"):
            text += ":"
        text = f". {ucfirst(text)}" if sentence and spec.get("sentence") else f"; {text}"
        out.append(f"{text} {_join(terms, spec.get('conj', 'and'))}")
    return "".join(out)


def extra_info_args() -> list[str]:
    return [spec["arg"] for spec in _data()["extra_info"]]
