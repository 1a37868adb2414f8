"""Markdown rendering (CommonMark): for READMEs, wikis and chat tools.

Every piece of lexicon text is escaped, so a gloss containing `*`, `_`, `[` or `<` reads
as written instead of turning into emphasis, links or HTML.
"""

from __future__ import annotations

import re

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

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_START = re.compile(r"^(\s*)([-+>#]|\d+[.)])(\s)")


def md(text: str) -> str:
    """Escape Markdown syntax in a piece of plain text (one line)."""
    text = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _LINE_START.sub(_escape_marker, text)


def _escape_marker(m: re.Match[str]) -> str:
    marker = m.group(2)
    return f"{m.group(1)}{marker[:-1]}\\{marker[-1]}{m.group(3)}"


def _sense(sense: SenseView, pad: str) -> list[str]:
    """A numbered list item; its content is indented to the item's text, as CommonMark needs."""
    marker = f"{sense.number.rsplit('.', 1)[-1]}."
    inner = pad + " " * (len(marker) + 1)
    lines = [f"{pad}{marker} {md(sense.text)}"]
    for ex in sense.examples:
        extra = f" ({md(ex.translation)})" if ex.translation else ""
        lines.append(f"{inner}- *{md(ex.text)}*{extra}")
    for q in sense.quotations:
        lines.append(f"{inner}- {md(q.ref)}" if q.ref else f"{inner}-")
        if q.text:
            lines.append(f"{inner}  > {md(q.text)}")
        if q.translation:
            lines.append(f"{inner}  > ({md(q.translation)})")
    for kind, words in (("Synonyms", sense.synonyms), ("Antonyms", sense.antonyms)):
        if words:
            lines.append(f"{inner}- {kind}: {', '.join(md(w) for w in words)}")
    for sub in sense.subsenses:
        lines.extend(_sense(sub, inner))
    return lines


def _relations(section: RelationSection) -> list[str]:
    lines = ["", f"##### {md(section.title)}", ""]
    for group in section.groups:
        prefix = f"({md(group.sense)}) " if group.sense else ""
        lines.append(f"- {prefix}{', '.join(md(w) for w in group.words)}")
    return lines


def _entry(entry: EntryView) -> list[str]:
    lines = ["", f"#### {md(entry.pos_title)}", "", f"**{md(entry.head)}**", ""]
    for sense in entry.senses:
        lines.extend(_sense(sense, ""))
    if entry.usage_notes:
        lines += ["", f"*Usage notes:* {md(entry.usage_notes)}"]
    for section in entry.relations:
        lines.extend(_relations(section))
    return lines


def _word(view: WordView) -> list[str]:
    lines = ["", f"## {md(view.word)} ({md(view.lang)})"]
    for ety in view.etymologies:
        if ety.number is not None or ety.text:
            heading = f"Etymology {ety.number}" if ety.number is not None else "Etymology"
            lines += ["", f"### {heading}"]
            if ety.text:
                lines += ["", md(ety.text)]
        for entry in ety.entries:
            lines.extend(_entry(entry))
    return lines


def _link_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _attribution(attr: Attribution) -> list[str]:
    lines = ["", "## Attribution", "", md(attr.text),
             f"Licence: [{attr.licence}]({attr.licence_url}).", "", "Source pages:", ""]
    for src in attr.sources:
        lines.append(f"- [{_link_text(src.title)}](<{src.url}>) "
                     f"([history and authors](<{src.history_url}>))")
    return lines


def _head(title: str, summary: list[SummarySentence], notes: list[str]) -> list[str]:
    lines = [f"# {md(title)}", ""]
    for sentence in [*(s.text for s in summary), *notes]:
        lines += [md(sentence), ""]
    return lines


def render_markdown(page: Comparison | WordPage) -> str:
    """A comparison, or one word's page, as Markdown."""
    return document(page, _head, _word, _attribution)


render_word_markdown = render_markdown
