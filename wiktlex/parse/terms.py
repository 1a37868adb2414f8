"""How a term is read and shown, shared by every family whose templates take terms
(links, etymology, form-of, relations, translations, definitions).

A term is a target plus annotations, given as named arguments (`{{m|la|domus|t=house}}`)
or as inline modifiers on the term itself (`domus<t:house>`, parse/modifiers.py), possibly
behind a language prefix (`ota:فستان`) or an interwiki prefix (`w:Group of Eight`).
`read_term` / `call_term` turn either form into one TermParts; `show_term` renders it the
way Module:links does: `(q) Language word m (tr /ts/, “gloss”, pos, literally “lit”) (qq)`.

They live here, not in one family, so that no template family imports another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from wiktlex.model import Relation, TemplateCall, Term
from wiktlex.parse.call import Call
from wiktlex.parse.context import Collected, Context
from wiktlex.parse.data import load
from wiktlex.parse.genders import gender_info
from wiktlex.parse.languages import language_name
from wiktlex.parse.modifiers import has_modifier, parse_modified
from wiktlex.parse.render import fold
from wiktlex.parse.translit import transliterate

_PREFIX = re.compile(r"^([a-z][a-z0-9.-]*|wikipedia):(?=[^\s:])", re.IGNORECASE)
_SIMPLE = re.compile(r"[<:#]|//")  # a term without these needs none of the syntax below
_LIST_FIELDS = frozenset({"genders", "q", "qq", "lb", "ll", "refs"})


@dataclass(slots=True)
class TermParts:
    """One term, every field rendered to clean text."""

    word: str = ""  # the page linked, without prefix or anchor
    shown: str = ""  # what a reader sees: the alternative display, else the word
    lang_code: str = ""  # a language prefix (`ota:`)
    lang: str = ""
    anchor: str = ""
    alt: str = ""
    gloss: str = ""
    tr: str = ""
    ts: str = ""
    pos: str = ""
    lit: str = ""
    senseid: str = ""
    script: str = ""
    genders: list[str] = field(default_factory=list)
    q: list[str] = field(default_factory=list)
    qq: list[str] = field(default_factory=list)
    lb: list[str] = field(default_factory=list)
    ll: list[str] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    no_translit: bool = False  # `tr=-`: show no transliteration, computed or given

    @property
    def qualifiers(self) -> list[str]:
        return [*self.q, *self.lb, *self.ll, *self.qq]

    def set(self, name: str, value: str) -> None:
        """Set a field from a modifier or argument (lists grow; a set text is kept)."""
        if not value:
            return
        if name in _LIST_FIELDS:
            values = value.split(",") if name == "genders" else [value]
            getattr(self, name).extend(v.strip() for v in values if v.strip())
        elif not getattr(self, name):
            setattr(self, name, value)


@cache
def _table() -> dict[str, Any]:
    data: dict[str, Any] = load("modifiers")
    return data


def modifier_field(key: str) -> str | None:
    """The TermParts field an inline modifier (or named argument) `key` sets."""
    field_name: str | None = _table()["term"].get(key)
    return field_name


# -- reading ----------------------------------------------------------------------------


def read_term(raw: str, ctx: Context, template: str = "", links: list[Relation] | None = None) -> TermParts:
    """A raw term argument (`hap<t:chance>`, `ota:فستان<tr:fistan>`, `w:Foo`) -> TermParts.

    Unknown and unclosed modifiers are diagnostics naming the template; the rest is kept.
    `links` receives what link templates inside the term's text attached.
    """
    parsed = parse_modified(raw)
    for problem in parsed.problems:
        ctx.warn(problem, template=template)
    term = TermParts()
    ignored = _table()["keys_ignored"]
    for key, value in parsed.mods:
        name = modifier_field(key)
        if name is None:
            if key not in ignored:
                ctx.warn(f"unknown inline modifier <{key}:>", template=template)
            continue
        term.set(name, value if name in ("senseid", "script") else _render(value, ctx))
    _read_target(parsed.text, term, ctx, links)
    return term


def _read_target(text: str, term: TermParts, ctx: Context, links: list[Relation] | None) -> None:
    """The target of a term: prefixes (`ota:`, `w:`, `:`), `#anchor`, `a//b` variants."""
    text = text.strip()
    if text.startswith(":"):  # `:en:where`, `:Category:…`: a plain link to the page
        text = text[1:]
    interwiki = False
    while (match := _PREFIX.match(text)) is not None:
        prefix = match.group(1)
        if prefix.lower() in _table()["link_prefixes"]:
            interwiki = True  # `w:de:Anwendungsmanagement`: the wiki's language follows
        elif language_name(prefix) is None:
            break
        elif not interwiki:
            term.lang_code, term.lang = prefix, language_name(prefix) or ""
        text = text[match.end() :]
        if not interwiki:
            break
    head, hash_sign, anchor = text.partition("#")
    if hash_sign and head and "{{" not in text and "[[" not in text:
        text, term.anchor = head, anchor.strip()
    variants = [v.strip() for v in text.split("//")] if "//" in text else [text]
    rendered = [_render(v, ctx, links) for v in variants if v]
    term.word = rendered[0] if rendered else ""
    term.shown = term.alt or " / ".join(rendered)


def _render(wikitext: str, ctx: Context, links: list[Relation] | None = None) -> str:
    """A piece of a term rendered apart (links inside must not attach a second relation)."""
    if not wikitext or not _needs_render(wikitext):
        return wikitext.strip()
    collected = Collected()
    text = fold(ctx.child(ctx.where, collected).render(wikitext), keep_annotations=False)
    if links is not None:
        links.extend(collected.links)
    return text


def _needs_render(text: str) -> bool:
    return any(c in text for c in "{}[]<&'")


def call_term(call: Call, ctx: Context, word_key: int | str, alt_key: int | str | None = None,
              gloss_key: int | str | None = None, suffix: str = "", named: bool = True) -> TermParts:
    """The term at `word_key` of a call: its inline modifiers first, then the named
    arguments (`alt`, `t`/`gloss`, `tr`… with `suffix`: `alt2`, `t2`) for what they left
    (not when `named` is False: templates whose named arguments mean other things).

    `-` as the term means "no term" (Wiktionary's convention in etymology templates).
    """
    raw = call.get(word_key)
    if raw == "-":
        raw = ""
    if raw and (_SIMPLE.search(raw) or has_modifier(raw)):
        term = read_term(raw, ctx, call.name)
    else:
        word = ctx.arg(call, word_key) if raw else ""
        term = TermParts(word=word, shown=word)
    positional = {"alt": alt_key, "gloss": gloss_key}
    for name, key in positional.items():
        if key is not None:
            term.set(name, ctx.arg(call, key))
    if named:
        _named_arguments(call, ctx, term, suffix)
    if term.alt:
        term.shown = term.alt
    if term.tr == "-":
        term.tr, term.no_translit = "", True
    return term


def _named_arguments(call: Call, ctx: Context, term: TermParts, suffix: str) -> None:
    for key in _table()["named_arguments"]:
        name = _table()["term"][key]
        value = call.get(f"{key}{suffix}")
        if value:
            term.set(name, value if name in ("senseid", "script") else ctx.arg(call, f"{key}{suffix}"))
    if not suffix:
        for index in range(2, 6):
            term.set("genders", call.get(f"g{index}"))
    other = call.get(f"lang{suffix}") if suffix else ""
    if other and not term.lang_code and language_name(other) is not None:
        term.lang_code, term.lang = other, language_name(other) or ""


# -- showing ----------------------------------------------------------------------------


def mention_text(word: str, gloss: str = "", tr: str = "", pos: str = "", lit: str = "",
                 ts: str = "") -> str:
    """`word (tr /ts/, “gloss”, pos, literally “lit”)`: Module:links' annotations."""
    tr = "" if tr == "-" else tr
    roman = " ".join(x for x in (tr, f"/{ts}/" if ts else "") if x)
    pos = _table()["pos_abbreviations"].get(pos, pos)
    extras = [x for x in (roman, f"“{gloss}”" if gloss else "", pos) if x]
    if lit:
        extras.append(f"literally “{lit}”")
    return f"{word} ({', '.join(extras)})" if extras else word


def show_term(term: TermParts, ctx: Context, *, with_lang: bool = False, shown: str | None = None) -> str:
    """A term as Wiktionary shows it; qualifiers and genders are annotations (kept in
    running text, not part of a gloss). `shown` overrides the display (affix hyphens)."""
    body = term.shown if shown is None else shown
    if with_lang and term.lang:
        body = f"{term.lang} {body}".strip()
    genders, _ = gender_info(term.genders)
    if genders:
        body = f"{body} {ctx.annotate(genders)}" if body else ctx.annotate(genders)
    text = mention_text(body, term.gloss, term.tr, term.pos, term.lit, term.ts).strip()
    left, right = [*term.q, *term.lb], [*term.ll, *term.qq]
    if left:
        text = f"{ctx.annotate('(' + ', '.join(left) + ')')} {text}"
    if right:
        text = f"{text} {ctx.annotate('(' + ', '.join(right) + ')')}"
    return text


def term_of(
    call: Call, ctx: Context, word_key: int, alt_key: int | None = None, gloss_key: int | None = None
) -> tuple[str, str]:
    """(target, shown text) of a term given as positional + named arguments.

    Without `tr=`, Wiktionary transliterates what its modules can (Module:ru-translit).
    """
    term = call_term(call, ctx, word_key, alt_key, gloss_key)
    with_translit(term, call.get("lang") if word_key == 1 else call.get(word_key - 1))
    return term.word, show_term(term, ctx)


def with_translit(term: TermParts, lang: str) -> TermParts:
    """Without `tr=`, the transliteration Wiktionary's modules compute (Module:ru-translit);
    `tr=-` (read as no transliteration) stays without one."""
    if not term.tr and term.shown and not term.no_translit:
        term.tr = transliterate(term.shown, term.lang_code or lang)
    return term


def language_label(code: str, ctx: Context, template_name: str) -> str:
    """The name of a language code (`da,no` -> "Danish and Norwegian"); unknown codes are
    reported, never shown raw."""
    code = code.strip()
    if not code or code == "-":
        return ""
    codes = [c.strip() for c in code.split(",") if c.strip()] if "," in code else [code]
    names = []
    for one in codes:
        name = language_name(one)
        if name is None:
            ctx.warn(f"unknown language code {one!r}", template=template_name)
        else:
            names.append(name)
    if len(names) > 1:  # Module:etymology/multi: serial join, no Oxford comma
        return f"{', '.join(names[:-1])} and {names[-1]}"
    return names[0] if names else ""


# -- structured records -----------------------------------------------------------------


def model_term(term: TermParts) -> Term:
    """The schema's record of a term (TemplateCall.terms)."""
    _, tags = gender_info(term.genders)
    return Term(word=term.word, lang=term.lang or None, lang_code=term.lang_code or None,
                alt=term.alt or None, gloss=term.gloss or None, roman=term.tr or None,
                ts=term.ts or None, pos=term.pos or None, lit=term.lit or None,
                senseid=term.senseid or None, tags=tags, qualifiers=term.qualifiers)


def term_relation(term: TermParts, qualifiers: list[str] | None = None) -> Relation | None:
    """A related term with its annotations; None when it names no word."""
    word = term.word or term.shown
    if not word:
        return None
    _, tags = gender_info(term.genders)
    found = [q for q in [*term.qualifiers, *(qualifiers or [])] if q]
    return Relation(word=word, qualifiers=list(dict.fromkeys(found)), tags=tags,
                    lang=term.lang or None, lang_code=term.lang_code or None,
                    roman=term.tr or None, gloss=term.gloss or None, alt=term.alt or None,
                    lit=term.lit or None, pos=term.pos or None, senseid=term.senseid or None)


def listed_relation(raw: str, ctx: Context, qualifiers: list[str] | None = None,
                    template: str = "") -> Relation | None:
    """One item of a list template (`{{col|en|a<t:x>|{{l|en|b}}}}`, `{{syn|en|c<q:rare>}}`)
    as a Relation. An item that is one link template takes that link's fields (its target,
    not its shown text, is the word); the item's own modifiers come first."""
    if raw.strip() in _LIST_SEPARATORS:
        return None
    inner: list[Relation] = []
    term = read_term(raw, ctx.child("relation", ctx.collected), template, inner)
    relation = term_relation(term, qualifiers)
    if relation is None or len(inner) != 1 or not raw.lstrip().startswith("{{"):
        return relation
    base = inner[0]
    for name in _RELATION_TEXT_FIELDS:
        if getattr(relation, name) is None:
            setattr(relation, name, getattr(base, name))
    relation.word = base.word
    relation.tags = list(dict.fromkeys([*base.tags, *relation.tags]))
    relation.qualifiers = list(dict.fromkeys([*base.qualifiers, *relation.qualifiers]))
    return relation


# Not terms: an empty item, Module:nyms' group separator `;` and hierarchy mark `<`.
_LIST_SEPARATORS = frozenset({"", ";", "<", ">"})
_RELATION_TEXT_FIELDS = ("lang", "lang_code", "roman", "gloss", "alt", "lit", "pos", "senseid")


def attach_etymology(call: Call, ctx: Context, text: str, terms: list[TermParts] | None = None) -> str:
    """Record the call as an etymology template (with the terms it cites); return its text."""
    ctx.collected.etymology_templates.append(
        TemplateCall(name=call.name, args=dict(call.args), text=fold(text),
                     terms=[model_term(t) for t in terms or [] if t.word or t.shown])
    )
    return text


def without_anchor(target: str) -> str:
    """`house#Noun` is shown as "house" (the anchor only picks the section)."""
    head = target.split("#", 1)[0]
    return head if head else target
