"""Form-of templates: `{{plural of}}`, `{{alternative form of}}`, `{{inflection of}}`,
`{{xx-verb form of}}` and every other `… of` template.

Each renders "kind of word" and attaches `FormOf(word, kind)`. Which templates exist,
their kind and capitalisation, and the inflection tag abbreviations are data
(data/formof.json); unknown `… of` templates go to one suffix rule, so a new
Wiktionary template still yields a form_of rather than nothing.
"""

from __future__ import annotations

import re
from typing import Any

from wiktlex.model import FormOf
from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.data import load
from wiktlex.parse.registry import Handler, Registry, template_suffix
from wiktlex.parse.render import fallback, fold
from wiktlex.parse.terms import attach_etymology, call_term, show_term

Spec = dict[str, Any]
_LANG_PREFIX = re.compile(r"^[a-z]{2,3}(?:-[a-z]{2,3})*-(?=\S)")
_CODE = re.compile(r"[a-z]{2,3}(?:-[a-zA-Z]{2,8})*")


def _data() -> dict[str, Any]:
    data: dict[str, Any] = load("formof")
    return data


def old_style(call: Call, ctx: Context, word_key: int = 2) -> bool:
    """The 2008–2015 syntax: no language code first, so every positional argument sits one
    place earlier (`{{plural of|pie|lang=en}}`, `{{initialism of|[[parts]] [[per]]…}}`).
    With `lang=` given, that decides (the first argument may look like a code: `pie` and
    `pis` are languages too). Without it, a first argument that is no code is the old
    form, and so is a lone one — unless it is the section's own code (`{{plural of|en}}` in
    English is a current call that lost its word)."""
    first = call.get(1).strip()
    if call.has("lang"):
        return first != call.get("lang").strip()
    if not first or first == ctx.lang_code:
        return False
    return not call.has(word_key) or not _CODE.fullmatch(first)


def _lemma_keys(call: Call, ctx: Context) -> tuple[str, str, str]:
    """(lemma, alt, gloss) argument keys: old style passes the language as `lang=`."""
    if old_style(call, ctx):
        return "1", "2", "3"
    return "2", "3", "4"


def _finish(call: Call, ctx: Context, kind: str, text: str, word_key: str, alt_key: str,
            gloss: str) -> str:
    """Attach the form-of data and build "text of word (“gloss”)"."""
    term = call_term(call, ctx, word_key, alt_key, named=False)  # `lemma<t:gloss>` too
    for name, value in (("alt", ctx.arg(call, "alt")), ("gloss", gloss), ("tr", ctx.arg(call, "tr"))):
        term.set(name, value)
    term.shown = term.alt or term.shown
    if not term.word:
        ctx.warn("form-of template without its word", template=call.name)
    if not term.shown:
        return ""
    if term.word:
        ctx.collected.form_of.append(FormOf(word=term.word, kind=kind))
    if call.has("nocap") or call.has("lc"):
        text = text[:1].lower() + text[1:]
    rendered = " ".join(p for p in (text, "of", show_term(term, ctx)) if p)
    dot = fold(ctx.child().render(call.get("dot")), keep_annotations=True) if call.has("dot") else ""
    if dot and call.get("dot")[:1] in (" ", "&"):  # `dot=&nbsp;(the device)`: a space, then text
        dot = " " + dot
    rendered = (rendered + dot).strip()
    if ctx.where == "etymology":
        attach_etymology(call, ctx, rendered)
    return rendered


def _table_handler(spec: Spec) -> Handler:
    def handle(call: Call, ctx: Context) -> str:
        # `{{en-past of|walk}}`: English-only templates take no language code.
        word, alt, gloss_key = ("1", "2", "3") if spec.get("nolang") else _lemma_keys(call, ctx)
        gloss = ctx.arg(call, gloss_key) or ctx.arg(call, "t") or ctx.arg(call, "gloss")
        text = spec["text"]
        if spec.get("cap") and not call.has("nocap"):
            text = text[:1].upper() + text[1:]
        return _finish(call, ctx, spec["kind"], text, word, alt, gloss)

    return handle


def _tag_text(values: list[str], ctx: Context) -> str:
    """Inflection tags -> "third-person singular present indicative" (`;` joins sets)."""
    abbreviations: dict[str, str] = _data()["tag_abbreviations"]
    sets: list[list[str]] = [[]]
    for raw in values:
        for value in re.split(r"(;)|//|/", raw):
            if value is None or not value.strip():
                continue
            if value == ";":
                sets.append([])
                continue
            full = abbreviations.get(value.strip(), value.strip())
            sets[-1].append(full)
            ctx.collected.tags.extend(t for t in full.split() if t not in ctx.collected.tags)
    return " and ".join(" ".join(s) for s in sets if s)


def inflection_of(call: Call, ctx: Context) -> str:
    """`{{inflection of|en|word||3|s|pres|ind}}`; old style with `lang=` shifts by one."""
    old = old_style(call, ctx)
    first_tag = 3 if old else 4
    tags = [ctx.arg(call, i) for i in range(first_tag, len(call.positional()) + 1)]
    text = _tag_text([t for t in tags if t], ctx) or "inflection"
    gloss = ctx.arg(call, "t") or ctx.arg(call, "gloss")
    word, alt = ("1", "2") if old else ("2", "3")
    return _finish(call, ctx, text, text, word, alt, gloss)


def form_of(call: Call, ctx: Context) -> str:
    """`{{form of|en|kind text|word}}` -> "kind text of word"."""
    kind_key, word, alt = ("1", "2", "3") if old_style(call, ctx, word_key=3) else ("2", "3", "4")
    kind = ctx.arg(call, kind_key) or "form"
    gloss = ctx.arg(call, "t") or ctx.arg(call, "gloss")
    return _finish(call, ctx, kind, kind, word, alt, gloss)


@template_suffix(" of", family="formof")
def other_form_of(call: Call, ctx: Context) -> str:
    """Any other `… of` template, `xx-verb form of` included: kind from its name.

    Language-specific ones take the lemma first and tags as named arguments
    (`{{nl-verb form of|p=1|n=sg|zijn}}`); tags shown when given, else the kind.
    """
    if not call.name.endswith(" of") or "''" in call.name:
        # The registry strips the suffix key to "of": `{{proof}}` is not a form-of template;
        # nor is a name holding markup (bold quotes before "initialism of"): none exists.
        return fallback(call, ctx)
    name = call.name.removesuffix(" of")
    specific = _LANG_PREFIX.match(name)
    kind = name[specific.end():] if specific else name
    if specific:
        keys: list[str] = _data()["named_tag_keys"]
        tags = _tag_text([ctx.arg(call, k) for k in keys if call.has(k)], ctx)
        word = next((str(i) for i in range(1, 4) if call.has(i) and not _is_code(call.get(i))), "1")
        return _finish(call, ctx, kind, tags or kind, word, "alt", ctx.arg(call, "gloss"))
    word, alt, gloss_key = _lemma_keys(call, ctx)
    gloss = ctx.arg(call, gloss_key) or ctx.arg(call, "t")
    return _finish(call, ctx, kind, kind, word, alt, gloss)


def _language_handler(spec: Spec) -> Handler:
    """`{{sv-noun-form-indef-pl|o}}`, `{{lt-form-noun|l|s|abatas}}`: a fixed text, or tags
    from the arguments before the word (data/formof.json `language_templates`)."""

    def handle(call: Call, ctx: Context) -> str:
        values = call.positional(1)
        last = str(len(values)) if values else "1"
        word_key = last if spec["word"] == "last" else spec["word"]
        text = spec.get("text", "")
        if spec.get("tags"):
            mapped = [spec["tag_map"].get(v.strip(), v) for v in values[: int(word_key) - 1] if v.strip()]
            text = _tag_text(mapped, ctx) or "inflection"
        return _finish(call, ctx, text, text, word_key, "alt", ctx.arg(call, "t") or ctx.arg(call, "gloss"))

    return handle


def _is_code(value: str) -> bool:
    return bool(re.fullmatch(r"[a-z]{2,3}(-[a-z]{2,3})?", value))


def register_templates(registry: Registry) -> None:
    """The form-of templates of data/formof.json (every other `… of` is the suffix rule)."""
    data = _data()
    for name, spec in data["templates"].items():
        registry.register((name, *spec["aliases"]), "formof", _table_handler(spec))
    for name, aliases in data["inflection"].items():
        registry.register((name, *aliases), "formof", inflection_of)
    for name, aliases in data["generic"].items():
        registry.register((name, *aliases), "formof", form_of)
    for name, spec in data["language_templates"].items():
        if not name.startswith("_"):
            registry.register((name,), "formof", _language_handler(spec))
