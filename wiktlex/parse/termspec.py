"""A term written the way newer templates take it: `la:Patricius<t:patrician><q:rare>`.

Name, place and demonym templates (`{{given name|…|from=la:Patricius<t:patrician>}}`,
`{{demonym-adj|en|Alexandria<t:city in Egypt>}}`, `eq=Bertram,fr:Bertrand`) give terms with
an optional language prefix and inline modifiers, several to an argument separated by
commas. This reads them into parts and shows them as Wiktionary does; it is shared by
families, so no family imports another for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wiktlex.parse.context import Context
from wiktlex.parse.languages import language_name
from wiktlex.parse.render import fold
from wiktlex.parse.terms import mention_text
from wiktlex.parse.translit import transliterate

_MODIFIER = re.compile(r"<([a-z]+):((?:[^<>]|<[^<>]*>)*)>")
_LANG_PREFIX = re.compile(r"^([A-Za-z][A-Za-z.-]{0,15}):(?!\s)(.+)$", re.S)
_PLACE_DESC = re.compile(r"<<.*?>>", re.S)
_WIKI_PREFIXES = frozenset({"w", "wikipedia", "s", "wikisource", "wikt"})


@dataclass(slots=True)
class TermSpec:
    """One term: its language code (if prefixed), the term as written, its modifiers."""

    term: str
    lang: str = ""
    mods: dict[str, str] = field(default_factory=dict)


def split_top(raw: str, separator: str = ",") -> list[str]:
    """`a,b<t:x, y>,[[c, d]]` -> pieces split at separators outside <…> and [[…]]."""
    pieces: list[str] = []
    depth = 0
    start = 0
    index = 0
    while index < len(raw):
        two = raw[index:index + 2]
        if two in ("[[", "{{"):
            depth += 1
            index += 2
            continue
        if two in ("]]", "}}"):
            depth = max(0, depth - 1)
            index += 2
            continue
        char = raw[index]
        if char == "<":
            depth += 1
        elif char == ">":
            depth = max(0, depth - 1)
        elif depth == 0 and raw.startswith(separator, index):
            pieces.append(raw[start:index].strip())
            start = index + len(separator)
            index = start
            continue
        index += 1
    pieces.append(raw[start:].strip())
    return [p for p in pieces if p]


def parse_term(raw: str, *, allow_lang: bool = True) -> TermSpec:
    """`ru:Фру́нзе<tr:Frúnzɛ><q:rare>` -> TermSpec("Фру́нзе", "ru", {"tr": …, "q": …})."""
    masked = _PLACE_DESC.sub(lambda m: "\x00" * len(m.group(0)), raw)  # `<<c/Canada>>` is no modifier
    mods: dict[str, str] = {}
    kept: list[str] = []
    position = 0
    for match in _MODIFIER.finditer(masked):
        kept.append(raw[position:match.start()])
        mods[match.group(1)] = raw[match.start(2):match.end(2)].strip()
        position = match.end()
    kept.append(raw[position:])
    term = "".join(kept).strip()
    lang = ""
    prefixed = _LANG_PREFIX.match(term) if allow_lang and "[[" not in term.split(":")[0] else None
    if prefixed:
        prefix = prefixed.group(1)
        if prefix.lower() in _WIKI_PREFIXES:
            term = prefixed.group(2)
        elif language_name(prefix) is not None:
            lang, term = prefix, prefixed.group(2)
    return TermSpec(term=term, lang=lang, mods=mods)


def term_display(spec: TermSpec, ctx: Context, *, gloss_key: str = "t", lang: str = "") -> str:
    """The term as shown: `alt or term (tr, “gloss”, pos)`, qualifiers around it; `lang`
    (else the term's prefix) says how to transliterate it when no `<tr:>` is given."""
    shown = _render(spec.mods.get("alt") or spec.term, ctx)
    gloss = _render(spec.mods.get(gloss_key) or spec.mods.get("gloss", ""), ctx)
    tr = _render(spec.mods.get("tr", ""), ctx) or transliterate(shown, spec.lang or lang)
    text = mention_text(shown, gloss, tr, _render(spec.mods.get("pos", ""), ctx),
                        _render(spec.mods.get("lit", ""), ctx))
    q, qq = spec.mods.get("q"), spec.mods.get("qq")
    if q:
        text = f"({_render(q, ctx)}) {text}"
    if qq:
        text = f"{text} ({_render(qq, ctx)})"
    return text


def _render(text: str, ctx: Context) -> str:
    return fold(ctx.child().render(text)) if text else ""


def join_or(items: list[str], conj: str = "or") -> str:
    """`a`, `a or b`, `a, b or c` (Module:table serialCommaJoin, no serial comma)."""
    items = [i for i in items if i]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conj} {items[-1]}"
