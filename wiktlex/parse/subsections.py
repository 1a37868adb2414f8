"""Bodies of the sections around a part of speech: pronunciation, relations, translations…

Each kind of section has one reader (a name -> function map, no if-chains). A reader
renders the section's lines and turns what the handlers attached into SectionData,
which the page merges into every entry the section applies to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from wiktlex.model import Relation, Sound, Translation
from wiktlex.parse.context import Collected, Context
from wiktlex.parse.lines import logical_lines
from wiktlex.parse.render import fold
from wiktlex.parse.sections import Section, SectionKind

_BULLET = re.compile(r"^([*#:;]+)\s*(.*)$")
_SPLIT_WORDS = re.compile(r"\s*[,;]\s*")


@dataclass(slots=True)
class SectionData:
    sounds: list[Sound] = field(default_factory=list)
    hyphenation: list[str] = field(default_factory=list)
    relations: dict[str, list[Relation]] = field(default_factory=dict)
    translations: list[Translation] = field(default_factory=list)
    usage_notes: str = ""
    alternative_forms: list[Relation] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


Reader = Callable[[Section, SectionKind, Context], SectionData]


def read_section(section: Section, kind: SectionKind, ctx: Context) -> SectionData:
    reader = READERS.get(kind.kind)
    if reader is None:
        return SectionData()
    return reader(section, kind, ctx.child(kind.kind))


def _lines(section: Section) -> list[str]:
    return [
        line.strip()
        for line in logical_lines(section.body)
        if line.strip() and line.strip() != "----"
    ]


def read_pronunciation(section: Section, kind: SectionKind, ctx: Context) -> SectionData:
    data = SectionData()
    for line in _lines(section):
        collected = Collected()
        ctx.child("pronunciation", collected).render(line)
        for sound in collected.sounds:
            if collected.tags:
                sound.tags = list(dict.fromkeys([*collected.tags, *sound.tags]))
            data.sounds.append(sound)
        data.hyphenation.extend(collected.hyphenation)
        data.categories.extend(collected.categories)
    return data


def read_relations(section: Section, kind: SectionKind, ctx: Context) -> SectionData:
    data = SectionData()
    items = _relation_items(section, ctx, "relation", data)
    if items:
        data.relations[kind.key] = items
    return data


def read_alternative_forms(section: Section, kind: SectionKind, ctx: Context) -> SectionData:
    data = SectionData()
    data.alternative_forms = _relation_items(section, ctx, "alternative_forms", data)
    return data


def _relation_items(section: Section, ctx: Context, where: str, data: SectionData) -> list[Relation]:
    """Relation words from bullet lines and list templates, with sense and qualifiers."""
    items: list[Relation] = []
    sense: str | None = None
    for line in _lines(section):
        match = _BULLET.match(line)
        content = match.group(2) if match else line
        collected = Collected()
        rendered = fold(ctx.child(where, collected).render(content), keep_annotations=False)
        data.categories.extend(collected.categories)
        if collected.sense and not match:
            sense = collected.sense[-1]  # a `{{rel-top|sense}}` box heading
        line_sense = collected.sense[-1] if collected.sense and match else sense
        found = [r for _, r in collected.relations] + collected.links
        if not found and match and rendered:
            found = [Relation(word=w) for w in _SPLIT_WORDS.split(rendered) if w]
        for relation in found:
            if relation.sense is None and line_sense:
                relation.sense = line_sense
            if collected.qualifiers and not relation.qualifiers:
                relation.qualifiers = list(collected.qualifiers)
            items.append(relation)
    return items


def read_translations(section: Section, kind: SectionKind, ctx: Context) -> SectionData:
    data = SectionData()
    sense: str | None = None
    for line in _lines(section):
        collected = Collected()
        ctx.child("translation", collected).render(line)
        if collected.sense:
            sense = collected.sense[-1] or None
        for translation in collected.translations:
            if translation.sense is None:
                translation.sense = sense
            data.translations.append(translation)
    return data


def read_usage_notes(section: Section, kind: SectionKind, ctx: Context) -> SectionData:
    paragraphs = []
    for line in _lines(section):
        match = _BULLET.match(line)
        text = fold(ctx.render(match.group(2) if match else line))
        if text:
            paragraphs.append(text)
    return SectionData(usage_notes="\n".join(paragraphs))


READERS: dict[str, Reader] = {
    "pronunciation": read_pronunciation,
    "relation": read_relations,
    "alternative_forms": read_alternative_forms,
    "translations": read_translations,
    "usage_notes": read_usage_notes,
}
