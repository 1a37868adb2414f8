"""Personal names: `{{given name}}`, `{{surname}}`, `{{patronymic}}`, `{{historical given
name}}`, `{{name translit}}` and `{{foreign name}}`, in Module:names' wording.

"A female given name transferred from the place name, of modern usage, variant of
Savannah"; "A male surname, Petrovich, originating as an occupation, meaning “son of
Пётр [=Peter]”, equivalent to English Peter". Every parameter the module reads is read:
from= (with `<` chains and language-prefixed terms), dim=, aug=, var=, eq=, m=, f=,
meaning=, usage=, origin=, popular=, blend=, xlit=, parent=, or=, A=. Current Wiktionary
adds no full stop; an old-style `dot=` still ends the text as written.
"""

from __future__ import annotations

import re
from typing import Any

from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.data import load
from wiktlex.parse.languages import language_name
from wiktlex.parse.registry import template
from wiktlex.parse.termspec import TermSpec, join_or, parse_term, split_top, term_display

FAMILY = "names"
_CHAIN = re.compile(r"\s+<\s+")


def _data() -> dict[str, Any]:
    data: dict[str, Any] = load("names")
    return data


def _lang_offset(call: Call) -> tuple[str, int]:
    """(language code, index of the first argument after it): old style passes `lang=`."""
    if not language_name(call.get(1)):  # `{{given name|female|lang=tl}}`, `{{surname}}`
        return call.get("lang") or "en", 1
    return call.get(1), 2


def _specs(call: Call, key: str, *aliases: str) -> list[TermSpec]:
    values: list[str] = []
    for name in (key, *aliases):
        values.extend(call.numbered(name))
    return [parse_term(piece) for value in values for piece in split_top(value)]


def _names(call: Call, ctx: Context, key: str, *aliases: str, conj: str = "or") -> tuple[str, int]:
    specs = _specs(call, key, *aliases)
    return join_or([term_display(s, ctx) for s in specs], conj), len(specs)


def _with_lang(spec: TermSpec, ctx: Context, lang: str) -> str:
    """A term in another language than the entry's is preceded by that language's name."""
    shown = term_display(spec, ctx)
    if spec.lang and spec.lang != lang:
        return f"{language_name(spec.lang)} {shown}"
    return shown


def _one_from(raw: str, ctx: Context, lang: str) -> tuple[str, str]:
    """(prefix, text) of one origin: "transferred from the" + "surname", "from" + "Latin X"."""
    kinds: dict[str, str] = _data()["from_types"]
    raw = raw.strip()
    if raw in kinds:
        words = kinds[raw].rsplit(" ", 1) if raw != "the Bible" else ["originating", "from the Bible"]
        return words[0], words[1]
    if ":" in raw and parse_term(raw).lang:
        return "from", _with_lang(parse_term(raw), ctx, lang)
    if re.search(r" ([Ll]anguages|[Ll]ects)$", raw):
        return "from", f"the {raw}"
    return "from", raw


def _from_text(call: Call, ctx: Context, lang: str) -> str:
    """from=, from2=…: same-prefix origins share it ("from Spanish, Portuguese or French");
    a `<` chain reads "from Danish [in turn from Ancient Greek …]"."""
    segments: list[tuple[str, list[str], bool]] = []
    for raw in call.numbered("from"):
        chain = _CHAIN.split(raw)
        if len(chain) > 1:
            first, *rest = (" ".join(_one_from(link, ctx, lang)) for link in chain)
            segments.append(("", [f"{first} [in turn {', in turn '.join(rest)}]"], True))
            continue
        prefix, text = _one_from(raw, ctx, lang)
        if segments and not segments[-1][2] and segments[-1][0] == prefix:
            segments[-1][1].append(text)
        else:
            segments.append((prefix, [text], False))
    return join_or([f"{p} {join_or(texts)}".strip() for p, texts, _ in segments])


def _eq_text(call: Call, ctx: Context) -> str:
    """eq=Bertram,fr:Bertrand -> "English Bertram or French Bertrand"."""
    groups: list[tuple[str, list[str]]] = []
    for spec in _specs(call, "eq"):
        code = spec.lang or "en"
        if not groups or groups[-1][0] != code:
            groups.append((code, []))
        groups[-1][1].append(term_display(spec, ctx))
    return join_or([f"{language_name(code)} {join_or(items)}" for code, items in groups])


def _details(call: Call, ctx: Context, lang: str, need_comma: bool) -> list[str]:
    """What follows the name kind: origin, meaning, usage, variants, equivalents…"""
    out: list[str] = []

    def add(text: str, comma: bool = True) -> None:
        nonlocal need_comma
        out.append(("," if need_comma and comma else "") + " " + text)
        need_comma = True

    if call.has("from"):
        add(f"{_typed(call, 'fromtype')}{_from_text(call, ctx, lang)}")
    meanings = [f"“{ctx.arg(call, k)}”" for k in _numbered_keys(call, "meaning")]
    parent = call.get("parent")
    if parent:
        spec = parse_term(parent)
        eq = spec.mods.pop("eq", "")
        relation = _data()["parent_meaning"].get(call.get(2) or call.get("g"), "son of")
        shown = term_display(spec, ctx) + (f" [={eq}]" if eq else "")
        meanings.append(f"“{relation} {shown}”")
    if meanings:  # current Module:names sets a meaning off with a comma even first
        need_comma = True
        add(f"{_typed(call, 'meaningtype')}meaning {join_or(meanings)}")
    for key, pattern in (("origin", "of {} origin"), ("usage", "of {} usage")):
        if call.has(key):
            add(pattern.format(ctx.arg(call, key)))
    _variants(call, ctx, lang, out)
    return out


def _variants(call: Call, ctx: Context, lang: str, out: list[str]) -> None:
    for key, aliases, label, conj in (
        ("varof", ("var",), "variant of", "or"), ("blend", (), "blend of", "and"),
        ("m", (), "masculine equivalent", "or"), ("f", (), "feminine equivalent", "or"),
    ):
        text, count = _names(call, ctx, key, *aliases, conj=conj)
        if count:
            out.append(f", {_typed(call, key + 'type')}{label} {text}")
        if key == "blend" and call.has("popular"):
            out.append(f", {_typed(call, 'populartype')}popular {ctx.arg(call, 'popular')}")
    eq = _eq_text(call, ctx)
    if eq:
        out.append(f", {_typed(call, 'eqtype')}equivalent to {eq}")
    if call.has("q"):
        out.append(f", {ctx.arg(call, 'q')}")
    for key, label in (("varform", "variant form"), ("dimform", "diminutive form"),
                       ("augform", "augmentative form")):
        specs = _specs(call, key)
        if specs:
            plural = "s" if len(specs) > 1 else ""
            out.append(f"; {label}{plural} {', '.join(term_display(s, ctx) for s in specs)}")


def _typed(call: Call, key: str) -> str:
    return f"{call.get(key)} " if call.has(key) else ""


def _numbered_keys(call: Call, stem: str) -> list[str]:
    return [k for k in (stem, *(f"{stem}{i}" for i in range(2, 10))) if call.has(k)]


def _ending(call: Call, text: str) -> str:
    """Old-style `dot=` (an ending as written); current Wiktionary adds none."""
    return text + call.get("dot") if call.has("dot") else text


def _article(call: Call, default: str) -> str:
    if "A" in call.args:
        return call.get("A")
    return default[:1].upper() + default[1:]


@template("given name", "given name-lite", family=FAMILY)
def given_name(call: Call, ctx: Context) -> str:
    """`{{given name|en|female|from=place names|usage=modern|var=Savannah}}`."""
    return _ending(call, _given_name(call, ctx))


@template("historical given name", family=FAMILY)
def historical_given_name(call: Call, ctx: Context) -> str:
    """`{{historical given name|en|male|Saint Abundius}}`: "… given name of historical usage,
    notably borne by Saint Abundius"."""
    head, sep, tail = _given_name(call, ctx).partition(" given name")
    text = f"{head}{sep} of historical usage{tail}"
    bearer = ctx.arg(call, _lang_offset(call)[1] + 1)
    return _ending(call, f"{text}, notably borne by {bearer}" if bearer else text)


def _given_name(call: Call, ctx: Context) -> str:
    lang, offset = _lang_offset(call)
    gender = ctx.arg(call, "gender") or ctx.arg(call, offset) or "unknown-gender"
    if call.has("or"):
        second = ctx.arg(call, "or")
        gender += " or " + (f"({ctx.arg(call, 'orq')}) " if call.has("orq") else "") + second
    dims, dim_count = _names(call, ctx, "dimof", "dim", "diminutive")
    augs, aug_count = _names(call, ctx, "augof", "aug", "augmentative")
    xlit, _ = _names(call, ctx, "xlit")
    kind_type = call.get("dimtype") if dim_count else call.get("augtype") if aug_count else ""
    default = _indefinite(kind_type) if kind_type else (
        "a" if dim_count else "an" if aug_count else "an" if gender == "unknown-gender" else "a")
    words = [_article(call, default)]
    if dim_count or aug_count:
        kind = "diminutive" if dim_count else "augmentative"
        words.append(f"{kind_type + ' ' if kind_type else ''}{kind}{', ' + xlit + ',' if xlit else ''} of the")
    plural = dim_count > 1 or aug_count > 1
    words.append(f"{gender} given name{'s' if plural else ''}")
    text = " ".join(w for w in words if w)
    need_comma = False
    if dim_count or aug_count:
        text += " " + (dims or augs)
        need_comma = True
    elif xlit:
        text += ", " + xlit
        need_comma = True
    return text + "".join(_details(call, ctx, lang, need_comma))


def _indefinite(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


@template("surname", "surname-lite", family=FAMILY)
def surname(call: Call, ctx: Context) -> str:
    """`{{surname|en|rare}}` -> "A rare surname"."""
    return _surname(call, ctx, "surname", capital=True)


@template("patronymic", family=FAMILY)
def patronymic(call: Call, ctx: Context) -> str:
    """`{{patronymic|en|male|xlit=Petrovich|parent=Пётр}}` -> "a male patronymic, Petrovich,
    meaning “son of Пётр”"."""
    return _surname(call, ctx, "patronymic", capital=False)


@template("matronymic", family=FAMILY)
def matronymic(call: Call, ctx: Context) -> str:
    return _surname(call, ctx, "matronymic", capital=False)


def _surname(call: Call, ctx: Context, kind: str, *, capital: bool) -> str:
    lang, offset = _lang_offset(call)
    genders_table: dict[str, str] = _data()["surname_genders"]
    genders = [genders_table.get(g, g) for g in call.numbered("g")]
    adjective = ctx.arg(call, offset)
    if genders:
        default = "an" if genders[0] == "unknown-gender" else "a"
    else:
        default = _indefinite(adjective) if adjective else "a"
    article = _article(call, default) if capital else call.get("A") or default
    words = [article, " or ".join(genders), adjective, kind]
    text = " ".join(w for w in words if w)
    xlit, _ = _names(call, ctx, "xlit")
    if xlit:
        text += ", " + xlit
    text += "".join(_details(call, ctx, lang, bool(xlit)))
    return _ending(call, text)


@template("name translit", "name respelling", "name obor", family=FAMILY)
def name_translit(call: Call, ctx: Context) -> str:
    """`{{name translit|en|ka|შევარდნაძე|type=surname}}` -> "a transliteration of the
    Georgian surname შევარდნაძე" (respelling, orthographic borrowing: data/names.json)."""
    noun = _data()["translit_kinds"][call.name]
    return _foreign(call, ctx, f"{_indefinite(noun)} {noun} of {{article}} {{langs}} {{kinds}}", " ")


@template("foreign name", family=FAMILY)
def foreign_name(call: Call, ctx: Context) -> str:
    """`{{foreign name|en|pl|Wałęsa|type=surname}}` -> "a surname in Polish, Wałęsa"."""
    return _foreign(call, ctx, "{kind_article} {kinds} in {langs}", ", ")


def _foreign(call: Call, ctx: Context, pattern: str, before_names: str) -> str:
    sources = [c.strip() for c in call.get(2).split(",") if c.strip()]
    source_names = join_or([language_name(c) or c for c in sources])
    kinds = join_or([t.strip() for t in call.get("type", "patronymic").split(",") if t.strip()])
    names = [parse_term(n) for n in call.positional(3) if n]
    eqs = [s.mods.pop("eq") for s in names if s.mods.get("eq")] + call.numbered("eq")
    shown = [term_display(spec, ctx, lang=sources[0] if len(sources) == 1 else "") for spec in names]
    text = pattern.format(article="the" if shown else _indefinite(source_names), langs=source_names,
                          kinds=kinds, kind_article=_indefinite(kinds))
    if shown:
        text += before_names + join_or(shown)
    if call.has("xlit"):
        text += ", " + ctx.arg(call, "xlit")
    if eqs:
        text += ", equivalent to " + join_or([term_display(parse_term(e), ctx) for e in eqs])
    if not sources:
        ctx.warn("name template without a source language", template=call.name)
    return text
