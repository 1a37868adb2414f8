"""Labels and qualifiers: `{{lb}}`, `{{context}}`, `{{q}}`… shown in parentheses.

Their text is an annotation: kept in raw_gloss, dropped from gloss; the label names (as a
reader sees them, aliases resolved) go to `labels`, grammatical ones also to `tags`, and
qualifier texts to `qualifiers`. Label data is Wiktionary's (data/labels.json, curated from
Module:labels/data; data/labels_lang.json, built from ipanema), never Python literals.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.data import load
from wiktlex.parse.registry import Registry, canonical_name, template


@dataclass(frozen=True, slots=True)
class Label:
    """One resolved label: what a reader sees and how it joins its neighbours."""

    shown: str
    canonical: str
    pre_comma: bool = True
    post_comma: bool = True
    pre_space: bool = True
    post_space: bool = True
    joiner: bool = False


def _general() -> dict[str, Any]:
    data: dict[str, Any] = load("labels")
    return data


@cache
def _lang_aliases(lang: str) -> dict[str, str]:
    table: dict[str, str] = load("labels_lang")["labels"].get(lang, {})
    return table


def resolve(raw: str, lang: str = "") -> Label:
    """A label as written -> its canonical name, display and joining rules."""
    general = _general()
    name = raw.strip()
    joiner = general["joiners"].get(name)
    if joiner is not None:
        return Label(
            shown=joiner.get("display", name),
            canonical=name,
            pre_comma=joiner.get("pre_comma", True),
            post_comma=joiner.get("post_comma", True),
            pre_space=joiner.get("pre_space", True),
            post_space=joiner.get("post_space", True),
            joiner=name in general["silent"],
        )
    canonical = _lang_aliases(lang).get(name) or general["aliases"].get(name) or name
    if canonical != name and canonical in general["joiners"]:
        return resolve(canonical, lang)
    return Label(shown=general["display"].get(canonical, canonical), canonical=canonical)


def label_tags(canonical: str) -> list[str]:
    tags: list[str] = _general()["tags"].get(canonical, [])
    return tags


def join_labels(labels: list[Label]) -> str:
    """Join displays the way Module:labels does: commas unless a joiner omits them."""
    out = ""
    previous: Label | None = None
    for lab in labels:
        if previous is not None:
            comma = previous.post_comma and lab.pre_comma
            space = previous.post_space and lab.pre_space
            out += ("," if comma else "") + (" " if space else "")
        out += lab.shown
        previous = lab
    return out.strip()


def add_labels(raw_labels: list[str], ctx: Context, lang: str = "") -> str:
    """Resolve, collect and render labels as an annotation `(a, b)`."""
    resolved = [resolve(raw, lang or ctx.lang_code) for raw in raw_labels if raw.strip()]
    real = [lab for lab in resolved if not lab.joiner]
    if not real:
        return ""
    for lab in real:
        ctx.collected.labels.extend(lab.shown.split(", "))  # "transitive, intransitive"
        for tag in label_tags(lab.canonical):
            if tag not in ctx.collected.tags:
                ctx.collected.tags.append(tag)
    return ctx.annotate(f"({join_labels(resolved)})")


def _positional_texts(call: Call, ctx: Context, start: int) -> list[str]:
    return [ctx.arg(call, i) for i in range(start, len(call.positional()) + 1)]


@template("lb", "lbl", "label", "term-label", "tlb", "lb-lite", "lbl-lite", family="labels")
def label(call: Call, ctx: Context) -> str:
    """`{{lb|LANG|label|label…}}`."""
    if not call.has(1):
        ctx.warn("label template without a language code", template=call.name)
    return add_labels(_positional_texts(call, ctx, 2), ctx, call.get(1))


@template("context", "cx", "context-lite", family="labels")
def context(call: Call, ctx: Context) -> str:
    """Old style: `{{context|label|label…|lang=xx}}`."""
    return add_labels(_positional_texts(call, ctx, 1), ctx, call.get("lang"))


def old_label_template(call: Call, ctx: Context) -> str:
    """The old one-word label templates: `{{transitive}}`, `{{US|lang=en}}`, `{{legal}}`…"""
    names: dict[str, str] = _old_templates()
    first = names.get(call.name, call.name)
    return add_labels([first, *_positional_texts(call, ctx, 1)], ctx, call.get("lang"))


@cache
def _old_templates() -> dict[str, str]:
    table: dict[str, str] = _general()["templates"]
    return {canonical_name(name): value for name, value in table.items()}


def register_templates(registry: Registry) -> None:
    """One registry key per old label template (a name taken twice still fails loudly)."""
    for name in _old_templates():
        registry.register((name,), "labels", old_label_template)


@template("q", "qualifier", "i", "qual", "qf", "q-lite", "qualifier-lite", "i-lite",
          "qua", "qq", family="labels")
def qualifier(call: Call, ctx: Context) -> str:
    """`{{q|text|text…}}`: free-text qualifiers, `(a, b)`."""
    texts = [t for t in _positional_texts(call, ctx, 1) if t]
    ctx.collected.qualifiers.extend(texts)
    return ctx.annotate(f"({', '.join(texts)})") if texts else ""


@template("gloss", "gl", "gloss-lite", family="labels")
def gloss(call: Call, ctx: Context) -> str:
    """`{{gloss|text}}`: a gloss shown as `(text)`; part of the definition text."""
    text = ctx.arg(call, 1)
    return f"({text})" if text else ""


@template("sense", "s", "sense-lite", family="labels")
def sense(call: Call, ctx: Context) -> str:
    """`{{sense|text}}`: which sense a relation or translation line belongs to."""
    text = ", ".join(t for t in _positional_texts(call, ctx, 1) if t)
    ctx.collected.sense.append(text)
    return ctx.annotate(f"({text}):") if text else ""


@template("antsense", family="labels")
def antonym_sense(call: Call, ctx: Context) -> str:
    """`{{antsense|cricket}}` -> "(antonym(s) of “cricket”)": which sense an antonym line
    opposes (the sense of the line, as `{{sense}}` gives it)."""
    text = ", ".join(t for t in _positional_texts(call, ctx, 1) if t)
    if not text:
        return ""
    ctx.collected.sense.append(f"antonym(s) of “{text}”")
    return ctx.annotate(f"(antonym(s) of “{text}”):")


@template("+obj", "+ obj", family="labels")
def with_object(call: Call, ctx: Context) -> str:
    """`{{+obj|pl|acc}}` -> "[+ accusative]": what the verb governs, beside the gloss."""
    abbreviations: dict[str, str] = load("formof")["tag_abbreviations"]
    parts = [abbreviations.get(v, v) for v in _positional_texts(call, ctx, 2) if v]
    if not parts:
        return ""
    return ctx.annotate(f"[+ {' or '.join(parts)}]")
