"""The heading tree: a page -> languages -> etymology groups -> parts of speech.

Headings are found line by line (a regex, not a full parse) so that a broken template
in one section never hides the headings after it. Sections that belong to a part of
speech or to a whole etymology are attached by level and position, the way readers of
Wiktionary understand the page, whatever level they were written at.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from wiktlex.parse.data import load

# A comment body never contains "-->": a line of many comments has one reading only (the
# lazy `.*?` had 2^n, which made a heading line with 30,000 comments never finish).
_HEADING = re.compile(r"^(={1,6})(.+?)(={1,6})\s*((?:<!--(?:(?!-->).)*-->\s*)*)$")
_ETYMOLOGY = re.compile(r"^etymology(?:\s+(\d+))?$", re.IGNORECASE)
_NUMBERED = re.compile(r"^(.*?)\s+\d+$")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_LINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")
_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")
_BRACKETS = re.compile(r"[{}\[\]]|''+|</?[a-zA-Z][^<>]{0,200}>")  # and stray tags (`<ref>`)

# Sections that describe one part of speech even when written at its own level after it.
POS_ATTACHED_KINDS = frozenset({"translations", "relation", "usage_notes"})


@dataclass(slots=True)
class Section:
    level: int
    title: str
    line: int
    body: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.body)


@dataclass(frozen=True, slots=True)
class SectionKind:
    kind: str
    key: str = ""


def heading_title(raw: str) -> str:
    """Clean heading text: `[[English]]` -> English, comments and stray templates dropped."""
    text = _COMMENT.sub("", raw)
    text = _LINK.sub(r"\1", text)
    text = _BRACKETS.sub("", _TEMPLATE.sub("", text))
    if "&" in text:  # `==&nbsp;English==` reads as English
        text = html.unescape(text)
    return " ".join(text.split()).strip(" :=")


def split_sections(text: str) -> tuple[list[str], list[Section], list[str]]:
    """(lines before the first heading, sections in order, problems found)."""
    preamble: list[str] = []
    sections: list[Section] = []
    problems: list[str] = []
    current: list[str] = preamble
    for number, line in enumerate(text.splitlines(), 1):
        match = _HEADING.match(line) if line.startswith("=") else None
        if match is None:
            current.append(line)
            continue
        left, raw, right = match.group(1), match.group(2), match.group(3)
        title = heading_title(raw)
        level = min(len(left), len(right))
        if len(left) != len(right):
            problems.append(f"line {number}: unbalanced heading {line.strip()!r}")
            if level <= 2 and classify(title) is not None:
                level = max(len(left), len(right), 3)  # `===Noun==` means a subsection
        if not title:
            problems.append(f"line {number}: empty heading")
            current.append(line)
            continue
        section = Section(level=level, title=title, line=number)
        sections.append(section)
        current = section.body
    return preamble, sections, problems


def classify(title: str) -> SectionKind | None:
    """What a heading is: pos, etymology, a known subsection kind, or None if unknown."""
    lowered = title.lower()
    if _ETYMOLOGY.match(lowered):
        return SectionKind("etymology")
    pos = load("pos")["titles"]
    known = load("sections")
    for candidate in (lowered, _strip_number(lowered)):
        if candidate in pos:
            return SectionKind("pos", pos[candidate])
        if candidate in known:
            entry = known[candidate]
            return SectionKind(entry["kind"], entry.get("key", ""))
    return None


def etymology_number(title: str) -> int | None:
    match = _ETYMOLOGY.match(title.strip().lower())
    return int(match.group(1)) if match and match.group(1) else None


def pos_tags(title: str) -> list[str]:
    tags: dict[str, list[str]] = load("pos")["tags"]
    return list(tags.get(_strip_number(title.lower()), []))


def _strip_number(title: str) -> str:
    match = _NUMBERED.match(title)
    return match.group(1) if match else title


@dataclass(slots=True)
class PosBlock:
    section: Section
    pos: str
    level: int
    attached: list[tuple[Section, SectionKind]] = field(default_factory=list)


@dataclass(slots=True)
class Group:
    """An etymology group: an `Etymology N` section (or none) and its parts of speech."""

    number: int | None
    etymology: Section | None
    level: int
    pos_blocks: list[PosBlock] = field(default_factory=list)
    shared: list[tuple[Section, SectionKind]] = field(default_factory=list)


@dataclass(slots=True)
class LanguageBlock:
    name: str
    section: Section
    groups: list[Group] = field(default_factory=list)
    shared: list[tuple[Section, SectionKind]] = field(default_factory=list)
    unknown: list[Section] = field(default_factory=list)

    def current_group(self) -> Group:
        if not self.groups:
            self.groups.append(Group(number=None, etymology=None, level=self.section.level + 1))
        return self.groups[-1]


def build_tree(sections: list[Section]) -> list[LanguageBlock]:
    """Group sections into languages, etymologies and parts of speech."""
    languages: list[LanguageBlock] = []
    for section in sections:
        if section.level <= 2:
            languages.append(LanguageBlock(name=section.title, section=section))
            continue
        if not languages:
            continue  # subsections before any language heading: nothing to attach to
        place(languages[-1], section)
    return languages


def place(language: LanguageBlock, section: Section) -> None:
    kind = classify(section.title)
    if kind is None:
        language.unknown.append(section)
        return
    if kind.kind == "etymology":
        _place_etymology(language, section)
    elif kind.kind == "pos":
        group = language.current_group()
        if group.number is not None and section.level <= group.level and group.pos_blocks:
            # A POS at the etymology's own level after it ends that group.
            group = Group(number=None, etymology=None, level=section.level)
            language.groups.append(group)
        group.pos_blocks.append(PosBlock(section=section, pos=kind.key, level=section.level))
    else:
        _place_subsection(language, section, kind)


def _place_etymology(language: LanguageBlock, section: Section) -> None:
    number = etymology_number(section.title)
    group = language.groups[-1] if language.groups else None
    if group is not None and group.etymology is None and not group.pos_blocks and number is None:
        group.etymology = section
        return
    if group is not None and group.etymology is None and not group.pos_blocks:
        group.number, group.etymology, group.level = number, section, section.level
        return
    language.groups.append(Group(number=number, etymology=section, level=section.level))


def _place_subsection(language: LanguageBlock, section: Section, kind: SectionKind) -> None:
    group = language.current_group()
    last_pos = group.pos_blocks[-1] if group.pos_blocks else None
    if last_pos is not None and (
        section.level > last_pos.level
        or (section.level == last_pos.level and kind.kind in POS_ATTACHED_KINDS)
    ):
        last_pos.attached.append((section, kind))
    elif (group.etymology is not None and section.level > group.level) or (last_pos is not None and group.number is None and len(language.groups) == 1):
        group.shared.append((section, kind))
    else:
        language.shared.append((section, kind))
