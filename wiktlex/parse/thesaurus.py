"""Thesaurus pages (namespace 110): the terms each lists, by language, part of speech,
sense and kind of relation.

A thesaurus page is not an entry: `Thesaurus:house` lists the synonyms, hyponyms… of
`house` under `==English==`, `===Noun===`, a sense heading (`====Sense: dwelling====`,
`===={{ws sense|en|dwelling}}====`) and kind headings (`=====Synonyms=====`). Pages of
2010–2018 put `{{ws|term}}` lines straight under the sense (synonyms) and kind headings at
the sense's own level (`====Antonyms====`). Each block is read like a relation section of
an entry (`subsections.read_relations`); the refresh merges the terms into the entries of
the word (pipeline/joins.py). Pure, like parse_page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wiktlex.model import Diagnostic, RawPage, Relation
from wiktlex.parse.context import Context
from wiktlex.parse.languages import language_code
from wiktlex.parse.page import new_state
from wiktlex.parse.sections import Section, SectionKind, classify, heading_title
from wiktlex.parse.subsections import read_relations
from wiktlex.parse.template_library import EMPTY_LIBRARY, TemplateLibrary

THESAURUS_NS = 110
PREFIX = "Thesaurus:"
DEFAULT_KIND = "synonyms"  # terms listed straight under a sense (the old Wikisaurus layout)
_HEADING = re.compile(r"^(={2,6})\s*(.+?)\s*(={2,6})\s*$")
_WS_SENSE = re.compile(r"\{\{\s*ws sense\s*\|([^{}]*)\}\}", re.I)
_SENSE_WORD = re.compile(r"^sense\s*[:\-–]?\s*", re.I)
_LAYOUT = re.compile(r"^\{\{\s*ws (?:beginlist|endlist|header)\b[^{}]*\}\}$", re.I)
_BARE_TERM = re.compile(r"^\{\{\s*ws\s*\|")


@dataclass(slots=True)
class ThesaurusBlock:
    """The terms of one kind for one sense of one part of speech."""

    lang: str
    lang_code: str
    pos: str
    sense: str | None
    kind: str
    terms: list[Relation] = field(default_factory=list)


@dataclass(slots=True)
class _Place:
    lang: str = ""
    pos: str = ""
    sense: str | None = None
    sense_level: int = 0
    kind: str = ""
    lines: list[str] = field(default_factory=list)
    line: int = 0


def headword(title: str) -> str:
    """`Thesaurus:house` -> `house` (the word whose entries the terms belong to)."""
    return title[len(PREFIX):].strip() if title.startswith(PREFIX) else title


def parse_thesaurus(
    page: RawPage, *, templates: TemplateLibrary = EMPTY_LIBRARY
) -> tuple[list[ThesaurusBlock], list[Diagnostic]]:
    """Every block of terms on a thesaurus page, in page order, and the diagnostics."""
    state = new_state(page.title, templates=templates)
    blocks: list[ThesaurusBlock] = []
    place = _Place()
    for number, line in enumerate(page.text.splitlines(), 1):
        heading = _HEADING.match(line)
        if heading is None:
            if place.pos and line.strip() and not _LAYOUT.match(line.strip()):
                place.lines.append(f"* {line.strip()}" if _BARE_TERM.match(line.strip()) else line)
            continue
        _close(place, blocks, state)
        _move(place, min(len(heading.group(1)), len(heading.group(3))), heading.group(2), number, state)
    _close(place, blocks, state)
    return [b for b in blocks if b.terms], state.diagnostics


def _move(place: _Place, level: int, raw: str, number: int, state: object) -> None:
    """Where a heading puts the reader: a language, a part of speech, a kind, a sense."""
    title = heading_title(raw)
    place.line = number
    if level == 2:
        place.lang, place.pos, place.sense, place.kind = title, "", None, ""
        return
    kind = classify(title) if title else None
    if kind is not None and kind.kind == "pos":
        place.pos, place.sense, place.kind = kind.key, None, ""
    elif kind is not None and kind.kind == "relation":
        place.kind = kind.key
        if level < place.sense_level:
            place.sense = None
    elif place.pos:
        place.sense, place.sense_level, place.kind = _sense(raw, title), level, ""


def _sense(raw: str, title: str) -> str | None:
    """`{{ws sense|en|a dwelling}}` or `Sense: a dwelling` -> "a dwelling"."""
    match = _WS_SENSE.search(raw)
    if match:
        args = [a.strip() for a in match.group(1).split("|") if a.strip() and "=" not in a]
        return args[-1] if args else None
    return _SENSE_WORD.sub("", title).strip() or None


def _close(place: _Place, blocks: list[ThesaurusBlock], state: object) -> None:
    """The lines gathered since the last heading, read as one relation section."""
    if not place.lines:
        return
    lines, place.lines = place.lines, []
    kind = place.kind or DEFAULT_KIND
    code = language_code(place.lang) or ""
    ctx = Context(page=state, lang_code=code, lang=place.lang,  # type: ignore[arg-type]
                  section=f"{place.lang}/{kind}")
    section = Section(level=5, title=kind, line=place.line, body=lines)
    data = read_relations(section, SectionKind("relation", kind), ctx)
    terms = data.relations.get(kind, [])
    blocks.append(ThesaurusBlock(place.lang, code, place.pos, place.sense, kind, terms))
