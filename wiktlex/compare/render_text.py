"""Plain-text rendering: what `wiktlex compare` prints and `make run` ends with.

Lines are not wrapped (terminals and pagers do that), so a sentence can be found with
grep exactly as the JSON has it. Indentation shows the structure: sense, then its
examples and quotations, then sub-senses.
"""

from __future__ import annotations

from wiktlex.compare.model import (
    Attribution,
    Comparison,
    EntryView,
    RelationSection,
    SenseView,
    SummarySentence,
    WordPage,
    WordView,
    document,
)

_INDENT = "    "


def _underline(text: str, char: str) -> list[str]:
    return [text, char * len(text)]


def _sense(sense: SenseView, depth: int) -> list[str]:
    pad = _INDENT * depth
    lines = [f"{pad}{sense.number}. {sense.text}"]
    inner = pad + " " * (len(sense.number) + 2)
    for ex in sense.examples:
        lines.append(f"{inner}“{ex.text}”")
        if ex.translation:
            lines.append(f"{inner}  ({ex.translation})")
    for q in sense.quotations:
        if q.ref:
            lines.append(f"{inner}{q.ref}")
        if q.text:
            lines.append(f"{inner}{_INDENT}{q.text}")
        if q.translation:
            lines.append(f"{inner}{_INDENT}({q.translation})")
    for kind, words in (("Synonyms", sense.synonyms), ("Antonyms", sense.antonyms)):
        if words:
            lines.append(f"{inner}{kind}: {', '.join(words)}")
    for sub in sense.subsenses:
        lines.extend(_sense(sub, depth + 1))
    return lines


def _relations(section: RelationSection) -> list[str]:
    lines = [f"{_INDENT}{section.title}:"]
    for group in section.groups:
        prefix = f"({group.sense}) " if group.sense else ""
        lines.append(f"{_INDENT * 2}{prefix}{', '.join(group.words)}")
    return lines


def _entry(entry: EntryView) -> list[str]:
    lines = ["", entry.pos_title, entry.head, ""]
    for sense in entry.senses:
        lines.extend(_sense(sense, 1))
    if entry.usage_notes:
        lines += ["", f"{_INDENT}Usage notes: {entry.usage_notes}"]
    for section in entry.relations:
        lines.append("")
        lines.extend(_relations(section))
    return lines


def _word(view: WordView) -> list[str]:
    lines = ["", *_underline(f"{view.word} ({view.lang})", "=")]
    if not view.found:
        return lines
    for ety in view.etymologies:
        if ety.number is not None or ety.text:
            heading = f"Etymology {ety.number}" if ety.number is not None else "Etymology"
            lines += ["", heading]
            if ety.text:
                lines.append(ety.text)
        for entry in ety.entries:
            lines.extend(_entry(entry))
    return lines


def _attribution(attr: Attribution) -> list[str]:
    lines = ["", *_underline("Attribution", "-"), attr.text, f"Licence: {attr.licence} "
             f"<{attr.licence_url}>", "Source pages (authors are listed in each page's history):"]
    for src in attr.sources:
        lines.append(f"  {src.title}: {src.url} — history: {src.history_url}")
    return lines


def _head(title: str, summary: list[SummarySentence], notes: list[str]) -> list[str]:
    lines = [title, ""]
    for sentence in summary:
        lines += [sentence.text, ""]
    for note in notes:
        lines += [note, ""]
    return lines


def render_text(page: Comparison | WordPage) -> str:
    """A comparison, or one word's page, as plain text."""
    return document(page, _head, _word, _attribution)


render_word_text = render_text
