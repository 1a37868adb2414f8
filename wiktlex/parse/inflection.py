"""English inflection as the en-headword templates spell it: plurals, verb forms, comparison.

Works on clean argument text (already rendered) and the page title, so it is pure and
testable without a page. Each function returns the head line's parenthesised parts
(`HeadPart`): a label and its forms, e.g. ("plural", [houses]). Old positional styles
(`{{en-verb|releas|ing}}`, `{{en-noun|cherr|ies}}`, `{{en-adj|happ|ier}}`) are read the
way the pre-Lua templates read them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from wiktlex.parse.data import load
from wiktlex.parse.modifiers import parse_modified

_SIBILANT = re.compile(r"(?:[sxz]|[cs]h)$")
_CONSONANT_Y = re.compile(r"(?:[^aeiou]|qu)y$")
_SILENT_E = re.compile(r"[^aeioy]e$")
_SHORT_CVC = re.compile(r"^[^aeiou]*[aeiou][bdgklmnprtvz]$")
_DOUBLABLE = re.compile(r"[bcdfgklmnprstvz]$")
_QUALIFYING = frozenset({"q", "qq", "l", "ll"})  # inline modifiers shown as a form's qualifier
_ANGLE = re.compile(r"<[^<>]*>")


@dataclass(slots=True)
class FormSpec:
    """One inflected form as shown on the head line, with its tags and qualifier."""

    form: str
    tags: list[str]
    qualifier: str = ""


@dataclass(slots=True)
class HeadPart:
    """One comma-separated part of a head line: `plural houses`, `uncountable`."""

    label: str
    forms: list[FormSpec] = field(default_factory=list)


Args = Mapping[str, str]


def _tags(name: str) -> list[str]:
    tags: list[str] = load("heads")["english_tags"][name]
    return list(tags)


# -- spelling rules -------------------------------------------------------------------


def plural(word: str) -> str:
    """Default English plural (also the third-person singular of a verb)."""
    if _SIBILANT.search(word):
        return word + "es"
    if _CONSONANT_Y.search(word):
        return word[:-1] + "ies"
    return word + "s"


def present_participle(word: str) -> str:
    if word.endswith("ie"):
        return word[:-2] + "ying"
    if _SILENT_E.search(word) and len(word) > 2:
        return word[:-1] + "ing"
    return word + "ing"


def past(word: str) -> str:
    if word.endswith("e"):
        return word + "d"
    if _CONSONANT_Y.search(word):
        return word[:-1] + "ied"
    return word + "ed"


def comparative(word: str) -> str:
    return _compared(word, "er")


def superlative(word: str) -> str:
    return _compared(word, "est")


def _compared(word: str, ending: str) -> str:
    """big -> bigger, happy -> happier, wide -> wider, fast -> faster."""
    if _CONSONANT_Y.search(word):
        return word[:-1] + "i" + ending
    if word.endswith("e"):
        return word + ending[1:]
    if _SHORT_CVC.match(word):
        return word + word[-1] + ending
    return word + ending


def split_modifiers(value: str) -> tuple[str, str]:
    """`crew<q:UK>` -> ("crew", "UK"): modern inline qualifiers and labels (read by
    parse/modifiers.py); other modifiers and stray tags dropped."""
    term = parse_modified(value)
    qualifiers = [v for key, v in term.mods if key in _QUALIFYING and v]
    return _ANGLE.sub("", term.text).strip(), ", ".join(qualifiers)


def _form(value: str, tags: str, args: Args, qual_key: str = "") -> FormSpec:
    text, qualifier = split_modifiers(value)
    return FormSpec(text, _tags(tags), qualifier or (args.get(qual_key, "") if qual_key else ""))


# -- nouns ------------------------------------------------------------------------------

_NOUN_LABELS = {"-": "uncountable", "~": "countable and uncountable"}
_NOUN_UNKNOWN = {"!": "plural not attested", "?": "unknown or uncertain plural"}
_LEGACY_NOUN_ENDINGS = frozenset({"s", "es", "ies", "i", "a", "ae", "e", "en", "ves"})


def noun_parts(title: str, args: Args) -> list[HeadPart]:
    """`{{en-noun}}`: countability, then the plurals (`s`, `es`, `+`, explicit…)."""
    values = _positional(args)
    parts: list[HeadPart] = []
    if values and values[0] in _NOUN_LABELS:
        mode = values.pop(0)
        label = _NOUN_LABELS[mode]
        if mode == "-" and values:
            label = "usually uncountable"
        parts.append(HeadPart(label))
        if mode == "-" and not values:
            return parts
    if not values:
        values = ["+"]
    if _legacy_stem(title, values):
        values = [values[0] + values[1]]
    values += [args[k] for k in ("pl2", "pl3") if args.get(k)]
    if values and values[0] in _NOUN_UNKNOWN:
        parts.append(HeadPart(_NOUN_UNKNOWN[values[0]]))
        return parts
    forms = [_form(_noun_plural(title, v), "plural", args, _qual_key("pl", i)) for i, v in enumerate(values)]
    forms = [f for f in forms if f.form]
    if forms:
        parts.append(HeadPart("plural", forms))
    elif not parts:
        parts.append(HeadPart("uncountable"))
    return parts


def _qual_key(stem: str, index: int) -> str:
    return f"{stem}_qual" if index == 0 else f"{stem}{index + 1}_qual"


def _legacy_stem(title: str, values: list[str]) -> bool:
    """Old `{{en-noun|cherr|ies}}`: a stem of the title and an ending."""
    if len(values) != 2 or values[1] not in _LEGACY_NOUN_ENDINGS:
        return False
    stem = values[0]
    return bool(stem) and stem not in ("s", "es", "+") and title.startswith(stem[:-1] or stem)


def _noun_plural(title: str, value: str) -> str:
    shorthand: dict[str, str] = {"s": title + "s", "es": title + "es", "+": plural(title)}
    if value == "ies" and title.endswith("y"):
        return title[:-1] + "ies"
    return shorthand.get(value, value if value not in ("-", "~", "!", "?") else "")


def proper_noun_parts(title: str, args: Args) -> list[HeadPart]:
    """`{{en-proper noun}}`: no plural unless one is given."""
    values = [v for v in _positional(args) if v not in ("-", "~")]
    if not values:
        return []
    forms = [_form(_noun_plural(title, v), "plural", args) for v in values]
    forms = [f for f in forms if f.form]
    return [HeadPart("plural", forms)] if forms else []


def _positional(args: Args) -> list[str]:
    numbers = sorted(int(k) for k in args if k.isdigit())
    values = [args.get(str(i), "").strip() for i in range(1, (numbers[-1] if numbers else 0) + 1)]
    while values and not values[-1]:
        values.pop()
    return values


# -- verbs ------------------------------------------------------------------------------

_VERB_SLOTS = ("pres_3sg", "pres_ptc", "past", "past_ptc")
_VERB_LABELS = {
    "pres_3sg": "third-person singular simple present",
    "pres_ptc": "present participle",
    "past": "simple past",
    "past_ptc": "past participle",
}


def verb_parts(title: str, args: Args) -> list[HeadPart]:
    """`{{en-verb}}` in its modern and old positional styles -> the four verb slots."""
    values = _positional(args)
    slots = _legacy_verb(title, values)
    if slots is None:
        slots = _modern_verb(title, values)
    forms = {slot: [_verb_form(value, slot, args, 0)] for slot, value in zip(_VERB_SLOTS, slots, strict=True)}
    for slot in _VERB_SLOTS:
        for index in range(2, 6):
            extra = args.get(f"{slot}{index}", "") or (
                args.get(f"3sg{index}", "") if slot == "pres_3sg" else ""
            )
            if extra:
                forms[slot].append(_verb_form(extra, slot, args, index - 1))
    return _verb_head_parts(forms)


def _verb_form(value: str, slot: str, args: Args, index: int) -> FormSpec:
    return _form(value, slot, args, _qual_key(slot, index))


def _verb_head_parts(forms: dict[str, list[FormSpec]]) -> list[HeadPart]:
    parts: list[HeadPart] = []
    past_same = [f.form for f in forms["past"]] == [f.form for f in forms["past_ptc"]]
    for slot in _VERB_SLOTS:
        present = [f for f in forms[slot] if f.form and f.form != "-"]
        if slot == "past_ptc" and past_same:
            continue
        label = _VERB_LABELS[slot]
        if slot == "past" and past_same:
            label = "simple past and past participle"
            present += [f for f in forms["past_ptc"] if f.form and f.form != "-"]
        if not present:
            parts.append(HeadPart(f"no {label}"))
        else:
            parts.append(HeadPart(label, _merge_same(present)))
    return parts


def _merge_same(forms: list[FormSpec]) -> list[FormSpec]:
    """Past and past participle forms spelt alike are shown once, with both tag sets."""
    merged: dict[tuple[str, str], FormSpec] = {}
    for form in forms:
        key = (form.form, form.qualifier)
        if key in merged:
            merged[key].tags = list(dict.fromkeys([*merged[key].tags, *form.tags]))
        else:
            merged[key] = FormSpec(form.form, list(form.tags), form.qualifier)
    return list(merged.values())


def default_verb(title: str, double: bool = False) -> list[str]:
    """Regular forms: `+` (spelling rules) or `++` (final consonant doubled)."""
    if double and _DOUBLABLE.search(title):
        stem = title + title[-1]
        return [plural(title), stem + "ing", stem + "ed", stem + "ed"]
    return [plural(title), present_participle(title), past(title), past(title)]


def _modern_verb(title: str, values: list[str]) -> list[str]:
    """1 = third-person singular, 2 = present participle, 3 = past, 4 = past participle."""
    defaults = default_verb(title, double=bool(values) and values[0] == "++")
    if values and values[0] == "++":
        values = values[1:]
        values = ["+", *values] if values else []
    slots: list[str] = []
    for index, default in enumerate(defaults):
        value = values[index] if index < len(values) else ""
        if not value or value in ("+", "++"):
            value = slots[2] if index == 3 and len(values) > 2 and slots else default
        slots.append(value)
    return slots


def _legacy_verb(title: str, values: list[str]) -> list[str] | None:
    """Old templates: `{{en-verb|es}}`, `{{en-verb|stem}}`, `{{en-verb|releas|ing}}`…"""
    if len(values) == 1:
        return _legacy_one(title, values[0])
    if len(values) == 2:
        return _legacy_two(title, values[0], values[1])
    if len(values) == 3 and values[2] in ("ed", "ing") and len(values[1]) == 1:
        # `{{en-verb|dictionar|i|ed}}`, `{{en-verb|chat|t|ing}}` (doubled final consonant)
        stem, letter, _ = values
        if letter == "i":
            return [stem + "ies", title + "ing", stem + "ied", stem + "ied"]
        return [plural(title), stem + letter + "ing", stem + letter + "ed", stem + letter + "ed"]
    return None


def _legacy_one(title: str, value: str) -> list[str] | None:
    if value == "es":
        return [title + "es", title + "ing", title + "ed", title + "ed"]
    if value == "d":
        return [title + "s", title + "ing", title + "d", title + "d"]
    if value in ("+", "++", "-") or (value.endswith("s") and len(value) > len(title)):
        return None  # modern: `+`, or an explicit third-person singular
    if " " in value or not value.isalpha():
        return None
    return [plural(title), value + "ing", value + "ed", value + "ed"]


def _legacy_two(title: str, stem: str, ending: str) -> list[str] | None:
    if ending == "ing":
        return [plural(title), stem + "ing", stem + "ed", stem + "ed"]
    if ending == "es":
        participle = title + "ing" if stem.endswith("i") and title.endswith("y") else stem + "ing"
        return [stem + "es", participle, stem + "ed", stem + "ed"]
    if ending == "ies":
        return [stem + "ies", title + "ing", stem + "ied", stem + "ied"]
    if ending == "d":
        return [plural(title), title + "ing", stem + "d", stem + "d"]
    if len(ending) == 1 and ending.isalpha() and ending not in "aeiou":
        return [plural(title), stem + ending + "ing", stem + ending + "ed", stem + ending + "ed"]
    return None


# -- adjectives and adverbs -------------------------------------------------------------


def comparison_parts(title: str, args: Args) -> list[HeadPart]:
    """`{{en-adj}}`/`{{en-adv}}`: `er`, `more`, `-`, `?`, explicit comparatives and `sup=`."""
    values = _positional(args)
    legacy = _legacy_comparison(title, values)
    if legacy is not None:
        return legacy
    parts: list[HeadPart] = []
    if values and values[0] == "-":
        values = values[1:]
        parts.append(HeadPart("not generally comparable" if values else "not comparable"))
        if not values:
            return parts
    if values and values[0] == "?":
        return parts
    values = values or ["more"]
    comparatives = [_comparative(title, v) for v in values]
    superlatives = [args[k] for k in ("sup", "sup2", "sup3") if args.get(k)]
    if not superlatives:
        superlatives = [_superlative(title, v) for v in values]
    comp = [_form(c, "comparative", args) for c in comparatives if c]
    sup = [_form(s, "superlative", args) for s in superlatives if s]
    if comp:
        parts.append(HeadPart("comparative", comp))
    if sup:
        parts.append(HeadPart("superlative", sup))
    return parts


def _comparative(title: str, value: str) -> str:
    if value == "er":
        return comparative(title)
    if value in ("more", "+"):
        return f"more {title}"
    return value


def _superlative(title: str, value: str) -> str:
    if value == "er":
        return superlative(title)
    if value in ("more", "+"):
        return f"most {title}"
    if value.startswith("more "):
        return "most " + value[5:]
    if value.endswith("er"):
        return value[:-2] + "est"
    return ""


def _legacy_comparison(title: str, values: list[str]) -> list[HeadPart] | None:
    """Old `{{en-adj|happ|ier}}` (stem + ending) and `{{en-adj|better|best}}`."""
    if len(values) != 2 or values[0] in ("-", "er", "more", "?"):
        return None
    first, second = values
    if second in ("er", "ier", "r") and title.startswith(first[:-1] or first):
        comp, sup = first + second, first + second[:-1] + "st"
    elif second.endswith("st") and second not in ("er", "more"):
        comp, sup = first, second
    else:
        return None
    return [
        HeadPart("comparative", [FormSpec(comp, _tags("comparative"))]),
        HeadPart("superlative", [FormSpec(sup, _tags("superlative"))]),
    ]
