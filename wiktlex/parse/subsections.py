"""Bodies of the sections around a part of speech: pronunciation, relations, translations…

Each kind of section has one reader (a name -> function map, no if-chains). A reader
renders the section's lines and turns what the handlers attached into SectionData,
which the page merges into every entry the section applies to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from wiktlex.model import Relation, Sound, ThesaurusLink, Translation, TranslationsSee
from wiktlex.parse.context import Collected, Context
from wiktlex.parse.items import split_top
from wiktlex.parse.lines import logical_lines, report_unclosed
from wiktlex.parse.render import fold
from wiktlex.parse.sections import Section, SectionKind
from wiktlex.parse.templates.translations import translation_line

_BULLET = re.compile(r"^([*#:;]+)\s*(.*)$")
_SPLIT_WORDS = re.compile(r"\s*[,;]\s*")
_BOX_END = re.compile(r"^\{\{\s*(?:trans|checktrans|rel|der|col|hyp|syn|ant|desc)-bottom\s*\}\}", re.I)
_MULTITRANS_OPEN = re.compile(r"\{\{\s*multitrans\s*\|\s*data\s*=", re.I)
MAX_PLAIN_WORDS = 5


@dataclass(slots=True)
class SectionData:
    sounds: list[Sound] = field(default_factory=list)
    hyphenation: list[str] = field(default_factory=list)
    relations: dict[str, list[Relation]] = field(default_factory=dict)
    translations: list[Translation] = field(default_factory=list)
    translations_see: list[TranslationsSee] = field(default_factory=list)
    see_thesaurus: list[ThesaurusLink] = field(default_factory=list)
    usage_notes: str = ""
    alternative_forms: list[Relation] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)


Reader = Callable[[Section, SectionKind, Context], SectionData]


def read_section(section: Section, kind: SectionKind, ctx: Context) -> SectionData:
    reader = READERS.get(kind.kind)
    if reader is None:
        return SectionData()
    return reader(section, kind, ctx.child(kind.kind))


def _lines(section: Section, ctx: Context) -> list[str]:
    return [
        line.strip()
        for line in logical_lines(section.body, report_unclosed(ctx.warn, section.line))
        if line.strip() and line.strip() != "----"
    ]


def _bullet(line: str) -> tuple[int, str, bool]:
    """(list depth, content, is a list item) of a line."""
    match = _BULLET.match(line)
    if match is None:
        return 0, line, False
    return len(match.group(1)), match.group(2), True


def read_pronunciation(section: Section, kind: SectionKind, ctx: Context) -> SectionData:
    """Sounds with their line's tags; `* {{sense|noun}}` or `* {{a|UK}}` alone scope the
    deeper lines below them (their tags apply to those lines' sounds)."""
    data = SectionData()
    scopes: list[tuple[int, list[str]]] = []
    for line in _lines(section, ctx):
        depth, content, _ = _bullet(line)
        while scopes and scopes[-1][0] >= depth:
            scopes.pop()
        collected = Collected()
        ctx.child("pronunciation", collected).render(content)
        data.hyphenation.extend(collected.hyphenation)
        data.categories.extend(collected.categories)
        line_tags = [*collected.sense, *collected.tags, *collected.qualifiers]
        if not collected.sounds:
            if line_tags:
                scopes.append((depth, line_tags))
            continue
        inherited = [tag for _, tags in scopes for tag in tags]
        for sound in collected.sounds:
            sound.tags = list(dict.fromkeys(t for t in [*inherited, *line_tags, *sound.tags] if t))
            data.sounds.append(sound)
    return data


def read_relations(section: Section, kind: SectionKind, ctx: Context) -> SectionData:
    data = SectionData()
    items = _relation_items(section, ctx, "relation", data)
    if items:
        data.relations[kind.key] = items
    for link in data.see_thesaurus:  # `* [[Thesaurus:cat]]` in Synonyms: synonyms
        link.kind = link.kind or kind.key
    return data


def read_alternative_forms(section: Section, kind: SectionKind, ctx: Context) -> SectionData:
    data = SectionData()
    data.alternative_forms = _relation_items(section, ctx, "alternative_forms", data)
    return data


def _relation_items(section: Section, ctx: Context, where: str, data: SectionData) -> list[Relation]:
    """Relation words from bullet lines and list templates, with sense and qualifiers.

    A box opener (`{{rel-top|sense}}`) gives the sense of the lines up to its bottom.
    """
    items: list[Relation] = []
    box_sense: str | None = None
    for line in _lines(section, ctx):
        if _BOX_END.match(line):
            box_sense = None
            continue
        _, content, is_item = _bullet(line)
        if not is_item:
            collected = Collected()
            ctx.child(where, collected).render(content)
            data.categories.extend(collected.categories)
            data.see_thesaurus.extend(collected.thesaurus)
            if collected.sense:
                box_sense = collected.sense[-1] or None
            # Only list templates here: bare links off a list are interwiki/see-also noise.
            items.extend(_with_sense([r for _, r in collected.relations], box_sense))
            continue
        items.extend(_relation_line(content, ctx, where, data, box_sense))
    return items


def _relation_line(
    content: str, ctx: Context, where: str, data: SectionData, box_sense: str | None
) -> list[Relation]:
    """One bullet line, item by item: each keeps its own qualifiers; a `{{sense}}` anywhere
    on the line is the sense of all its items."""
    found: list[Relation] = []
    senses: list[str] = []
    for item in split_top(content, ",;"):
        collected = Collected()
        ctx.child(where, collected).render(item)
        data.categories.extend(collected.categories)
        data.see_thesaurus.extend(collected.thesaurus)
        senses.extend(s for s in collected.sense if s)
        relations = [r for _, r in collected.relations] + collected.links
        for relation in relations:
            extra = [q for q in [*collected.qualifiers, *collected.labels] if q not in relation.qualifiers]
            relation.qualifiers = [*relation.qualifiers, *extra]
        found.extend(relations)
    if not found and "[[" not in content:
        found = _plain_terms(content, ctx, where)
    return _with_sense(found, senses[-1] if senses else box_sense)


def _plain_terms(content: str, ctx: Context, where: str) -> list[Relation]:
    """Terms of a line without links (`* {{vern|pale ale}}`, old unlinked lists)."""
    rendered = fold(ctx.child(where, Collected()).render(content), keep_annotations=False)
    words = [w.strip() for w in _SPLIT_WORDS.split(rendered)]
    return [Relation(word=w) for w in words if w and len(w.split()) <= MAX_PLAIN_WORDS and ":" not in w]


def _with_sense(relations: list[Relation], sense: str | None) -> list[Relation]:
    for relation in relations:
        if relation.sense is None and sense:
            relation.sense = sense
    return relations


def _translation_lines(section: Section, ctx: Context) -> list[str]:
    """Lines of the section with `{{multitrans|data=…}}` wrappers taken off: the table
    inside is read as ordinary table lines."""
    unwrapped: list[str] = []
    for line in section.body:
        if "multitrans" in line:
            line = _MULTITRANS_OPEN.sub("", line)
        if line.strip() != "}}":
            unwrapped.append(line)
    return [line.strip() for line in logical_lines(unwrapped, report_unclosed(ctx.warn, section.line)) if line.strip() and line.strip() != "----"]


def read_translations(section: Section, kind: SectionKind, ctx: Context) -> SectionData:
    """Table lines under the sense of the last `{{trans-top|gloss}}` (None after its bottom)."""
    data = SectionData()
    sense: str | None = None
    tctx = ctx.child("translation")
    for line in _translation_lines(section, ctx):
        if _BOX_END.match(line):
            sense = None
            continue
        if _bullet(line)[2]:
            found = translation_line(line, tctx)
        else:
            collected = Collected()
            ctx.child("translation", collected).render(line)
            if collected.sense:
                sense = collected.sense[-1] or None
            found = collected.translations
            data.translations_see.extend(collected.translations_see)
        for translation in found:
            if translation.sense is None:
                translation.sense = sense
            data.translations.append(translation)
    return data


def read_usage_notes(section: Section, kind: SectionKind, ctx: Context) -> SectionData:
    paragraphs = []
    for line in _lines(section, ctx):
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
