"""Head-line templates: `{{en-noun}}`, `{{en-verb}}`, `{{head|…}}`, `{{fr-noun}}`…

Each renders the head line as Wiktionary shows it — `release (plural releases)` — and
attaches the call (`head_templates`) and its inflected forms with tags (`forms`).
English rules live in inflection.py; other languages are read through a data table
(data/heads.json: the role of each positional argument), not one function per language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from wiktlex.model import Form, TemplateCall
from wiktlex.parse import inflection
from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.data import load
from wiktlex.parse.genders import gender_info, is_gender
from wiktlex.parse.inflection import FormSpec, HeadPart
from wiktlex.parse.registry import Registry, template
from wiktlex.parse.render import fallback

FAMILY = "headwords"
_UMLAUT = {"a": "ä", "o": "ö", "u": "ü", "A": "Ä", "O": "Ö", "U": "Ü"}
_LOWER_ENDING = re.compile(r"^\(?[a-zäöüß]{1,4}\)?[a-zäöüß]{0,4}$")
_INFLECTION_SPEC = re.compile(r"<[^<>]*>")  # `domus<4>`: the head is what precedes the spec

Rule = Callable[[str, Mapping[str, str]], list[HeadPart]]
ENGLISH_RULES: dict[str, Rule] = {
    "noun": inflection.noun_parts,
    "verb": inflection.verb_parts,
    "comparison": inflection.comparison_parts,
    "proper": inflection.proper_noun_parts,
    "plural_noun": lambda title, args: _plural_noun_parts(args),
    "plain": lambda title, args: [],
}


def _data() -> dict[str, Any]:
    data: dict[str, Any] = load("heads")
    return data


# -- shared: head word, finishing ----------------------------------------------


def _genders(call: Call, ctx: Context, keys: tuple[str, ...] = ("g", "g1", "g2", "g3", "g4")) -> list[str]:
    return [g for g in (ctx.arg(call, k) for k in keys) if g]


def _head_word(call: Call, ctx: Context, key: str = "head") -> str:
    return ctx.arg(call, key) or ctx.title


def render_parts(parts: list[HeadPart]) -> str:
    """`plural houses`, `simple past crowed or (UK) crew` joined by commas."""
    texts = []
    for part in parts:
        forms = " or ".join(f"({f.qualifier}) {f.form}" if f.qualifier else f.form for f in part.forms)
        texts.append(f"{part.label} {forms}".strip())
    return ", ".join(t for t in texts if t)


def finish(call: Call, ctx: Context, head: str, genders: list[str], parts: list[HeadPart]) -> str:
    """Attach the call and its forms; return the head line as a reader sees it."""
    shown_genders, gender_tags = gender_info(genders)
    tr = ctx.arg(call, "tr")
    text = head
    if tr:
        text += f" ({tr})"
        ctx.collected.forms.append(Form(form=tr, tags=["romanization"]))
    if shown_genders:
        text += f" {shown_genders}"
    inner = render_parts(parts)
    if inner:
        text += f" ({inner})"
    for part in parts:
        for spec in part.forms:
            if spec.form:
                ctx.collected.forms.append(Form(form=spec.form, tags=_form_tags(spec, gender_tags)))
    ctx.collected.head_templates.append(TemplateCall(name=call.name, args=dict(call.args), text=text))
    return text


def _form_tags(spec: FormSpec, gender_tags: list[str]) -> list[str]:
    tags = list(spec.tags)
    if spec.qualifier:
        tags.append(spec.qualifier)
    return list(dict.fromkeys(tags))


def _clean_args(call: Call, ctx: Context) -> dict[str, str]:
    """Every argument but `head` as clean text (links and markup rendered away)."""
    return {key: ctx.arg(call, key) for key in call.args if key != "head"}


# -- English ----------------------------------------------------------------------------


def english_head(call: Call, ctx: Context) -> str:
    """`{{en-noun}}`, `{{en-verb}}`, `{{en-adj}}`… through the rules of inflection.py."""
    rule = ENGLISH_RULES[_data()["english"][call.name]]
    parts = rule(ctx.title, _clean_args(call, ctx))
    return finish(call, ctx, _head_word(call, ctx), [], parts)


def _plural_noun_parts(args: Mapping[str, str]) -> list[HeadPart]:
    singular = args.get("sg") or args.get("1", "")
    parts = [HeadPart("plural only")]
    if singular and singular not in ("-", "+"):
        parts.append(HeadPart("singular", [FormSpec(singular, ["singular"])]))
    return parts


# -- {{head|LANG|POS|label|form|…}} ------------------------------------------------------


@template("head", "head-lite", "h", family=FAMILY)
def head(call: Call, ctx: Context) -> str:
    """Generic head: inflections as label/form pairs from the third argument on."""
    values = [ctx.arg(call, i) for i in range(3, len(call.positional()) + 1)]
    parts: list[HeadPart] = []
    for index in range(0, len(values), 2):
        label = values[index]
        form = values[index + 1] if index + 1 < len(values) else ""
        if label == "or" and parts:
            if form:
                tags = parts[-1].forms[0].tags if parts[-1].forms else []
                parts[-1].forms.append(FormSpec(form, list(tags)))
            continue
        if label or form:
            forms = [FormSpec(form, label_tags(label))] if form else []
            parts.append(HeadPart(label, forms))
    return finish(call, ctx, _head_word(call, ctx), _genders(call, ctx), parts)


def label_tags(label: str) -> list[str]:
    """Tags of an inflection label: from the table, else its words."""
    known: dict[str, list[str]] = _data()["labels"]
    key = label.strip().lower()
    return list(known[key]) if key in known else key.replace(",", " ").split()


# -- other languages ----------------------------------------------------------------------


def foreign_head(call: Call, ctx: Context) -> str:
    """`{{fr-noun|m|chevaux}}`, `{{de-noun|n,es,^er}}`…: argument roles from heads.json."""
    spec: dict[str, Any] | None = _data()["foreign"].get(call.name)
    if spec is None and ctx.where != "head":
        return fallback(call, ctx)  # a name ending like a head template, off the head line
    spec = spec or {"positional": ["g?"]}  # unlisted: a gender first, if it is one
    head_word = _head_word(call, ctx)
    genders: list[str] = list(spec.get("genders", []))
    parts: list[HeadPart] = []
    first = ctx.arg(call, 1)
    modern = spec.get("modern")
    if modern and re.search(modern["when"], first):
        # Newer calls lead with an inflection spec (`{{la-verb|1+|amō}}`, `{{la-noun|domus<4>}}`)
        spec = {**spec, "positional": modern["positional"]}
    if spec.get("compact") and ("," in first or "<" in first):
        genders += _compact_german(first, ctx.title, parts)
    else:
        head_word = _positional_roles(call, ctx, spec, genders, parts) or head_word
    genders += [g for g in _genders(call, ctx) if g not in genders]
    _named_forms(call, ctx, spec, parts)
    return finish(call, ctx, head_word, genders, parts)


def _positional_roles(
    call: Call, ctx: Context, spec: dict[str, Any], genders: list[str], parts: list[HeadPart]
) -> str:
    """Read positional arguments by role; stop at the first that does not fit its role."""
    head_word = ""
    for index, role in enumerate(spec.get("positional", []), 1):
        value = ctx.arg(call, index)
        if not value or role == "skip":
            continue
        if role == "head":
            head_word = _INFLECTION_SPEC.sub("", value)
        elif role == "g?":
            if not is_gender(value):
                break
            genders.append(value)
        elif role == "g":
            if not is_gender(value):
                ctx.warn(f"argument {index} {value!r} is not a gender; positional forms skipped", call.name, "info")
                break
            genders.append(value)
        else:
            _add_form(parts, role, _foreign_form(value, ctx.title, spec))
    return head_word


def _named_forms(call: Call, ctx: Context, spec: dict[str, Any], parts: list[HeadPart]) -> None:
    named: dict[str, str] = _data()["named"]
    for key in call.args:
        label = named.get(key)
        if label is not None:
            _add_form(parts, label, _foreign_form(ctx.arg(call, key), ctx.title, spec))


def _add_form(parts: list[HeadPart], label: str, form: str) -> None:
    if not form:
        return
    spec = FormSpec(form, label_tags(label))
    for part in parts:
        if part.label == label:
            if all(f.form != form for f in part.forms):
                part.forms.append(spec)
            return
    parts.append(HeadPart(label, [spec]))


def _foreign_form(value: str, title: str, spec: dict[str, Any]) -> str:
    """A form argument: a full form, an ending of the title, or a placeholder (`-`, `+`)."""
    value = inflection.split_modifiers(value)[0]
    if value in ("-", "+", "?", "~", "!", "#"):
        return ""
    if value in spec.get("suffixes", ()):
        return title + value
    if spec.get("dash_suffixes") and value.startswith("-") and len(value) > 1:
        return title + value[1:]
    return value


def _compact_german(value: str, title: str, parts: list[HeadPart]) -> list[str]:
    """`{{de-noun|n,es,^er}}`: gender, genitive ending, plural ending (`^` = umlaut)."""
    pieces = [p.strip() for p in inflection.split_modifiers(value)[0].split(",")]
    gender = pieces[0] if pieces and is_gender(pieces[0]) else ""
    if len(pieces) > 1:
        for ending in _alternatives(pieces[1]):
            _add_form(parts, "genitive", _german_form(title, ending))
    if len(pieces) > 2:
        if pieces[2] == "-":
            parts.append(HeadPart("no plural"))
        for ending in _alternatives(pieces[2]):
            _add_form(parts, "plural", _german_form(title, ending))
    return [gender] if gender else []


def _alternatives(ending: str) -> list[str]:
    """`(e)s` -> es, s."""
    if ending.startswith("(") and ")" in ending:
        optional, _, rest = ending[1:].partition(")")
        return [optional + rest, rest]
    return [ending] if ending else []


def _german_form(title: str, ending: str) -> str:
    if ending in ("", "-", "+"):
        return ""
    if ending.startswith("^"):
        return _umlaut(title) + ending[1:]
    return title + ending if _LOWER_ENDING.match(ending) else ending


def _umlaut(word: str) -> str:
    """Umlaut the last umlautable vowel: Vater -> Väter, Haus -> Häus, Boot -> Böt."""
    lowered = word.lower()
    for i in range(len(lowered) - 1, -1, -1):
        char = lowered[i]
        if char not in "aou":
            continue
        before = lowered[i - 1] if i > 0 else ""
        if char == "u" and before == "a":
            return word[: i - 1] + _UMLAUT[word[i - 1]] + word[i:]
        if char == "u" and before in "eä":
            continue
        if before == char:
            return word[: i - 1] + _UMLAUT[word[i - 1]] + word[i + 1 :]
        return word[:i] + _UMLAUT[word[i]] + word[i + 1 :]
    return word


def register_templates(registry: Registry) -> None:
    """English names and the foreign table from data; name endings as suffix rules."""
    data = _data()
    for name in data["english"]:
        registry.register((name,), FAMILY, english_head)
    for name in data["foreign"]:
        registry.register((name,), FAMILY, foreign_head)
    for suffix in data["head_suffixes"]:
        registry.register_suffix(suffix, FAMILY, foreign_head)
