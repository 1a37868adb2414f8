"""Relation templates: column lists (`{{der3}}`, `{{col-auto}}`…), inline `{{syn}}`/`{{ant}}`…

List templates attach their items as `("", Relation)` — the kind is the section's, which
the reader knows. Inline templates under a sense (`#: {{syn|en|…}}`) attach
`(kind, Relation)` and render nothing. Box openers (`{{rel-top|sense}}`) give the sense
of the list below them. Which name does what is data (data/relations.json).
"""

from __future__ import annotations

import re

from wiktlex.model import Relation, ThesaurusLink
from wiktlex.parse.call import Call
from wiktlex.parse.context import Collected, Context
from wiktlex.parse.data import load
from wiktlex.parse.languages import language_name
from wiktlex.parse.modifiers import parse_modified
from wiktlex.parse.registry import Registry, template
from wiktlex.parse.render import fold
from wiktlex.parse.terms import call_term, listed_relation, show_term, term_relation

FAMILY = "relations"
_THESAURUS = re.compile(r"^(?:thesaurus|wikisaurus|ws):", re.IGNORECASE)


def _items(call: Call) -> tuple[list[tuple[str, str]], list[str]]:
    """(key, raw value) of the listed terms, and the labels after an empty argument.

    The language code comes first unless `lang=` is given (old style); `{{alter|en|a|b||dated}}`
    ends its terms at an empty argument, the labels of them all follow.
    """
    keys = [str(i) for i in range(1, len(call.positional()) + 1)]
    if not call.has("lang") and keys and language_name(call.get(1)) is not None:
        keys = keys[1:]
    terms: list[tuple[str, str]] = []
    for position, key in enumerate(keys):
        if not call.get(key):
            labels = [call.get(k) for k in keys[position + 1 :] if call.get(k)]
            return terms, labels
        terms.append((key, call.get(key)))
    return terms, []


def relation_item(raw: str, ctx: Context, qualifiers: list[str] | None = None,
                  template: str = "") -> Relation | None:
    """One listed term: `word<q:informal><t:gloss>`, `[[a]] [[b]]`, `{{l|en|word}}` -> Relation
    (parse/terms.py reads the term syntax)."""
    if _THESAURUS.match(raw.strip()):
        return None
    return listed_relation(raw, ctx, [_clean(q, ctx) for q in qualifiers or []], template)


def _clean(wikitext: str, ctx: Context) -> str:
    """Rendered apart, so links inside do not attach a second time."""
    return fold(ctx.child(ctx.where, Collected()).render(wikitext.strip()), keep_annotations=False)


def thesaurus_link(raw: str, kind: str, ctx: Context) -> bool:
    """`Thesaurus:cat` among the terms: a link to that page's terms, recorded for the
    refresh to merge (not a word)."""
    text = parse_modified(raw).text.strip()
    if not _THESAURUS.match(text):
        return False
    page = "Thesaurus:" + text.split(":", 1)[1].strip()
    ctx.collected.thesaurus.append(ThesaurusLink(page=page, kind=kind))
    return True


def list_terms(call: Call, ctx: Context) -> str:
    """`{{der3|en|a|b<q:rare>|c}}`: every item a relation of the section's kind."""
    words = []
    terms, labels = _items(call)
    for key, raw in terms:
        if thesaurus_link(raw, "", ctx):
            continue
        quals = [q for q in (call.get(f"q{key}"), call.get(f"qq{key}")) if q] + labels
        relation = relation_item(raw, ctx, quals, call.name)
        if relation is not None:
            ctx.collected.relations.append(("", relation))
            words.append(relation.word)
    return ", ".join(words)


def inline_terms(call: Call, ctx: Context) -> str:
    """`{{syn|en|a|b}}` under a sense: attached with its kind, nothing rendered."""
    kind: str = load("relations")["inline"][call.name]
    for index, (_, raw) in enumerate(_items(call)[0], 1):
        if thesaurus_link(raw, kind, ctx):
            continue
        quals = [q for q in (call.get(f"q{index}"), call.get(f"qq{index}")) if q]
        relation = relation_item(raw, ctx, quals, call.name)
        if relation is not None:
            ctx.collected.relations.append((kind, relation))
    return ""


def box_top(call: Call, ctx: Context) -> str:
    """`{{rel-top|sense}}`: the sense of the list that follows, up to the box's end."""
    ctx.collected.sense.append(ctx.arg(call, 1) or ctx.arg(call, "title"))
    return ""


@template("ws", "ws-lite", family=FAMILY)
def thesaurus_word(call: Call, ctx: Context) -> str:
    """`{{ws|en|word|q=…}}` (old: `{{ws|word}}`) in a relation list: one term, the way
    thesaurus pages list them."""
    current = call.has(2) and language_name(call.get(1)) is not None
    word = ctx.arg(call, 2 if current else 1)
    qualifiers = [q for q in (ctx.arg(call, "q"), ctx.arg(call, "qq")) if q]
    if word and ctx.where in ("relation", "alternative_forms"):
        ctx.collected.links.append(Relation(word=word, qualifiers=qualifiers))
    return word


@template("seeSynonyms", "see synonyms", "ws sense", family=FAMILY)
def see_thesaurus(call: Call, ctx: Context) -> str:
    """A pointer to a thesaurus page: no relation of its own."""
    target = ctx.arg(call, 2) if language_name(call.get(1)) is not None else ctx.arg(call, 1)
    return ctx.annotate(f"See also Thesaurus:{target or ctx.title}")


def box_middle(call: Call, ctx: Context) -> str:
    """Column separators of relation boxes."""
    return ""


def descendant(call: Call, ctx: Context) -> str:
    """`{{desc|ar|أَبْرِيل|tr=ʾabrīl|bor=1}}` -> `Arabic: أَبْرِيل (ʾabrīl)`; every term
    given (`{{desc|sh|ми̏ш<t:mouse>|mȉš}}`), each with its annotations."""
    code = ctx.arg(call, 1)
    lang = language_name(code) or code
    shown: list[str] = []
    for index in range(2, max(3, len(call.positional()) + 1)):
        term = call_term(call, ctx, index, suffix="" if index == 2 else str(index - 1))
        if not term.word and not term.shown:
            continue
        shown.append(show_term(term, ctx))
        relation = term_relation(term)
        if relation is not None and ctx.where in ("relation", "alternative_forms"):
            relation.lang, relation.lang_code = lang or None, code or None
            ctx.collected.links.append(relation)
    if not shown:
        return f"{lang}:" if lang else ""
    return f"{lang}: {', '.join(shown)}"


def register_templates(registry: Registry) -> None:
    """Which name does what is data/relations.json."""
    data = load("relations")
    for group, handler in (("middles", box_middle), ("descendants", descendant),
                           ("lists", list_terms), ("inline", inline_terms), ("boxes", box_top)):
        for name in data[group]:
            registry.register((name,), FAMILY, handler)
