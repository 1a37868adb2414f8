"""The citation line of a quotation (`ref`), built from its fields as Wiktionary shows it.

Module:quote prints a source in a fixed order: date, authors, “chapter” (or the article
title of a periodical), "in" the work with its series, edition, volume and number,
location: publisher, identifiers, section, line, page, column, then a colon. Building
the line from fields (rather than rendering the template's wikitext) is what makes a
template quotation and a hand-written one read alike, and keeps markup out by design.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from wiktlex.parse.data import load

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)
_MONTH_BY_PREFIX = {name[:3].lower(): name for name in MONTHS}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{3,4})"
_DATE_SHAPES = [
    re.compile(rf"^{_YEAR}-(?P<mnum>\d{{1,2}})(?:-(?P<day>\d{{1,2}}))?$"),
    re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}$"),
    re.compile(rf"^{_DAY}\s+{_MONTH},?\s+{_YEAR}$"),
    re.compile(rf"^{_YEAR},?\s+{_MONTH}(?:\s+{_DAY})?$"),
    re.compile(rf"^{_MONTH},?\s+{_YEAR}$"),
]
_YEAR_IN_TEXT = re.compile(r"(?<![\d/])(\d{4}|\d{3}(?=\s*(?:AD|CE|BC|BCE)\b))(?![\d/])")
_PLURAL_NUMBERS = re.compile(r"[–—]|\band\b|\d\S*\s*-\s*\d|\d\S*\s*,\s+\d")
_NUMBER_LIKE = re.compile(r"^[0-9ivxlcdmIVXLCDM]+[a-z]?$")


def _month_name(text: str) -> str | None:
    return _MONTH_BY_PREFIX.get(text[:3].lower()) if len(text) >= 3 else None


def normalise_date(text: str) -> str:
    """A date as Module:quote prints it ("2011 September 13"); unparsed text as given."""
    text = text.strip()
    for shape in _DATE_SHAPES:
        match = shape.match(text)
        if match is None:
            continue
        groups = match.groupdict()
        if groups.get("mnum"):
            number = int(groups["mnum"])
            month = MONTHS[number - 1] if 1 <= number <= 12 else None
        else:
            month = _month_name(groups["month"])
        if month is None:
            continue
        day = groups.get("day")
        parts = [groups["year"], month] + ([str(int(day))] if day else [])
        return " ".join(parts)
    return text


_MONTH_RANGE = re.compile(r"^([A-Za-z]{3,9}\.?)\s*(?:-|–|—|to)\s*([A-Za-z]{3,9}\.?)$")


def month_range(month: str) -> str:
    """`May-June` is printed `May–June` (a range takes an en dash); anything else as given."""
    match = _MONTH_RANGE.match(month.strip())
    if match and _month_name(match.group(1)) and _month_name(match.group(2)):
        return f"{match.group(1)}–{match.group(2)}"
    return month


@cache
def _scripture_pattern() -> re.Pattern[str]:
    names = sorted(load("quote_templates")["scriptures"], key=len, reverse=True)
    return re.compile(r"^(" + "|".join(map(re.escape, names)) + r")\b[\s,.:;]*(.*)$", re.S)


def scripture(text: str) -> tuple[str, str] | None:
    """`Bible, Acts x. 2` -> ("Bible", "Acts x. 2"): a scripture cited where an author goes
    (data/quote_templates.json `scriptures`) is the work, and what follows its place in it."""
    match = _scripture_pattern().match(text.strip())
    return (match.group(1), match.group(2).strip()) if match else None


def year_of(text: str) -> str | None:
    """The first year in a date string ("September 13, 2011" -> "2011")."""
    match = _YEAR_IN_TEXT.search(text)
    return match.group(1) if match else None


def numbered(desc: str, value: str, *, plain: bool = False) -> str:
    """`page 12`, `pages 12–14` (plural when the value names several), or the value as is."""
    if plain or not value:
        return value
    if value.lower() == "unnumbered":
        return f"unnumbered {desc}"
    if value.startswith("!"):
        return f"{desc} {value[1:]}"
    if _PLURAL_NUMBERS.search(value):
        return f"{desc}s {value}" if not desc.endswith("s") else f"{desc} {value}"
    return f"{desc} {value}"


def chapter_text(chapter: str) -> str:
    """A chapter number reads `chapter 5`; a chapter name is quoted: “The Lost Sanjak”."""
    if _NUMBER_LIKE.match(chapter):
        return f"chapter {chapter.upper() if not chapter.isdigit() else chapter}"
    return f"“{chapter}”"


@dataclass(slots=True)
class RefParts:
    """The shown pieces of a citation line, each already clean text."""

    date: str = ""
    origdate: str = ""
    authors: list[str] = field(default_factory=list)
    quotee: str = ""
    chapter: str = ""
    article: str = ""
    title: str = ""
    series: str = ""
    work_suffix: str = ""
    editor: str = ""
    translator: str = ""
    edition: str = ""
    volume: str = ""
    issue: str = ""
    location: str = ""
    publisher: str = ""
    published: str = ""
    identifiers: list[str] = field(default_factory=list)
    section: str = ""
    line: str = ""
    page: str = ""
    column: str = ""


def _head(parts: RefParts) -> list[str]:
    """Date and people: the part before the titles."""
    items: list[str] = []
    if parts.date:
        items.append(parts.date + (f" [{parts.origdate}]" if parts.origdate else ""))
    items.extend(parts.authors)
    if parts.quotee:
        items.append(f"quoting {parts.quotee}")
    return items


def _titles(parts: RefParts) -> list[str]:
    """“Chapter or article”, in (editor) Title (series) — joined without commas inside."""
    items: list[str] = []
    piece = (parts.article and f"“{parts.article}”") or (parts.chapter and chapter_text(parts.chapter))
    title = parts.title
    if parts.series and title:
        title = f"{title} ({parts.series})"
    elif parts.series:
        title = parts.series
    if parts.work_suffix and title:
        title = f"{title}, {parts.work_suffix}"
    people = []
    if parts.translator:
        people.append(f"translated by {parts.translator}")
    if parts.editor:
        people.append(f"edited by {parts.editor}")
    inner = ", ".join(people + ([title] if title else []))
    if piece and inner:
        items.append(f"{piece}, in {inner}")
    elif piece or inner:
        items.append(piece or inner)
    return items


def _tail(parts: RefParts) -> list[str]:
    items = [x for x in (parts.edition, parts.volume, parts.issue) if x]
    if parts.publisher:
        items.append(f"{parts.location}: {parts.publisher}" if parts.location else parts.publisher)
    elif parts.location:
        items.append(parts.location)
    if parts.published:
        items.append(f"published {parts.published}")
    items.extend(parts.identifiers)
    items.extend(x for x in (parts.section, parts.line, parts.page, parts.column) if x)
    return items


def build_ref(parts: RefParts) -> str:
    """The citation line, ending with a colon as Wiktionary shows it above the passage."""
    items = _head(parts) + _titles(parts) + _tail(parts)
    text = ", ".join(item.strip() for item in items if item.strip())
    return f"{text}:" if text else ""
