"""Translation tables: `{{trans-top}}`, `{{t}}`/`{{t+}}`/`{{tt}}`…, and whole table lines.

A `{{t|LANG|word|GENDER…|tr=…}}` attaches a `Translation` (genders as tags, `tr=` as
roman) and renders `word m (roman)`. `translation_line` reads one table line —
`* French: {{t+|fr|maison|f}}, [[foyer]] {{m}}` — item by item, so qualifiers stay with
their item and old plain-link items get the language of the line's `Name:` prefix.
"""

from __future__ import annotations

import re

from wiktlex.model import Translation, TranslationsSee
from wiktlex.parse.call import Call
from wiktlex.parse.context import Collected, Context
from wiktlex.parse.genders import gender_info, gender_mark
from wiktlex.parse.items import split_top
from wiktlex.parse.languages import language_code, language_name
from wiktlex.parse.registry import template
from wiktlex.parse.render import fold
from wiktlex.parse.terms import call_term, show_term

FAMILY = "translations"
_BULLET = re.compile(r"^([*#:]+)\s*(.*)$", re.S)
MAX_PLAIN_WORDS = 4
SUBPAGE = "/translations"  # where `{{see translation subpage}}` points: `WORD/translations`


def _language(code: str, ctx: Context, langname: str = "") -> str:
    return language_name(code) or langname or code


@template("t", "t+", "tt", "tt+", "t-check", "t+check", "tt-check", "tt+check", "t-sop", "t-simple", "t-", "t+-", "tt-lite", family=FAMILY)
def translation(call: Call, ctx: Context) -> str:
    """`{{t+|cmn|顾问|tr=gùwèn}}` -> Translation(lang=Chinese Mandarin, word, roman); the
    word may carry inline modifiers (`maison<g:f><q:rare>`), read like any term's."""
    code = ctx.arg(call, 1)
    term = call_term(call, ctx, 2)
    if not code or not term.word:
        ctx.warn("translation without a language code or a word", template=call.name)
        return term.word
    term.genders[:0] = [g for g in (ctx.arg(call, i) for i in range(3, len(call.positional()) + 1)) if g]
    _, tags = gender_info(term.genders)
    roman = term.tr or term.ts or None
    ctx.collected.translations.append(
        Translation(
            lang=_language(code, ctx, ctx.arg(call, "langname")),
            lang_code=code,
            word=term.word,
            tags=list(dict.fromkeys([*tags, *term.qualifiers])),
            roman=roman,
            alt=term.alt or None,
            lit=term.lit or None,
        )
    )
    return show_term(term, ctx)


@template("t-egy", family=FAMILY)
def egyptian_translation(call: Call, ctx: Context) -> str:
    """`{{t-egy|kmt|f|h=km-m-t:O49}}` is `{{t|egy|kmt|f}}` with a hieroglyph spelling (h=)."""
    positional = {str(i + 1): value for i, value in enumerate(["egy", *call.positional()])}
    shifted = Call(call.name, call.raw_name, {**call.named(), **positional}, {})
    return translation(shifted, ctx)


@template("t-needed", "trreq", "t-request", family=FAMILY)
def translation_needed(call: Call, ctx: Context) -> str:
    """A requested translation: nothing to keep."""
    return ""


@template("not used", "not-used", family=FAMILY)
def not_used(call: Call, ctx: Context) -> str:
    """`* Ainu: {{not used|ain}}`: the language has no such word; shown, not a translation."""
    return ctx.annotate("not used")


@template("trans-top", "trans-top-also", "checktrans-top", "ttbc-top", "trans-top-lite", family=FAMILY)
def translation_box(call: Call, ctx: Context) -> str:
    """Opens a table; its gloss is the sense of the translations that follow."""
    gloss = "" if "check" in call.name or "ttbc" in call.name else ctx.arg(call, 1)
    ctx.collected.sense.append(gloss)
    return ctx.annotate(gloss)


@template("trans-see", family=FAMILY)
def translation_see(call: Call, ctx: Context) -> str:
    """`{{trans-see|gloss|target}}`: the translations live on another page."""
    gloss = ctx.arg(call, 1)
    targets = [t for t in (ctx.arg(call, i) for i in range(2, len(call.positional()) + 1)) if t]
    targets = targets or [gloss or ctx.title]
    ctx.collected.sense.append(gloss)
    page, _, section = targets[0].partition("#")
    see = TranslationsSee(sense=gloss or None, pages=targets, section=None)
    if len(targets) == 1 and section and page.endswith(SUBPAGE):
        see.pages, see.section = [page], section  # `word/translations#Noun`: a subpage section
    ctx.collected.translations_see.append(see)
    return f"{gloss}: see {', '.join(targets)}" if gloss else f"see {', '.join(targets)}"


@template("see translation subpage", family=FAMILY)
def translation_subpage(call: Call, ctx: Context) -> str:
    """`{{see translation subpage|Noun}}`: this entry's translations are on
    `WORD/translations`, under its `Noun` heading (the argument is a section, not a page;
    a second argument names another subpage)."""
    section = ctx.arg(call, 1) or None
    page = ctx.arg(call, 2) or f"{ctx.title}{SUBPAGE}"
    ctx.collected.translations_see.append(TranslationsSee(pages=[page], section=section))
    return f"See {page} § {section}." if section else f"See {page}."


@template("ttbc", family=FAMILY)
def to_be_checked(call: Call, ctx: Context) -> str:
    """`* {{ttbc|fr}}: [[maison]]`: the language name of an unchecked line."""
    return _language(ctx.arg(call, 1), ctx)


@template("f", "n", "p", "mf", "m-p", "f-p", "n-p", "c-p", "g", family=FAMILY)
def gender(call: Call, ctx: Context) -> str:
    """Old gender templates beside plain links (`[[maison]] {{f}}`): shown, and their tags
    attached for the item they follow."""
    return gender_mark(call, ctx)


@template("multitrans", family=FAMILY)
def multitrans(call: Call, ctx: Context) -> str:
    """A whole table wrapped in one template: read its lines as table lines."""
    for line in call.get("data").splitlines():
        ctx.collected.translations.extend(translation_line(line, ctx))
    return ""


# -- one table line ---------------------------------------------------------------------


def translation_line(line: str, ctx: Context) -> list[Translation]:
    """`* French: {{t+|fr|maison|f}}, [[foyer]] {{m}}` -> translations, item by item."""
    match = _BULLET.match(line.strip())
    if match is None:
        return []
    content = match.group(2)
    pieces = split_top(content, ":")
    prefix = ""
    if len(pieces) > 1:
        prefix = fold(ctx.child("translation", Collected()).render(pieces[0]), keep_annotations=False)
        content = ":".join(pieces[1:])
    found: list[Translation] = []
    for item in split_top(content, ",;"):
        found.extend(_item(item, prefix, ctx))
    return found


def _item(item: str, prefix: str, ctx: Context) -> list[Translation]:
    """One comma-separated item: `{{t}}` calls, or plain links named by the prefix."""
    if not item.strip():
        return []
    collected = Collected()
    rendered = ctx.child("translation", collected).render(item)
    found = list(collected.translations)
    gender_tags = collected.genders
    if not found and prefix:
        words = [link.word for link in collected.links if link.word]
        if not words:
            text = fold(rendered, keep_annotations=False)
            words = [text] if text and len(text.split()) <= MAX_PLAIN_WORDS else []
        code = language_code(prefix) or ""
        found = [Translation(lang=prefix, lang_code=code, word=w) for w in words]
    qualifiers = [*collected.qualifiers, *collected.labels]
    for translation in found:
        translation.tags = list(dict.fromkeys([*translation.tags, *gender_tags, *qualifiers]))
    return found
