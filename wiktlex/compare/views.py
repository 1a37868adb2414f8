"""Lexicon entries laid out as a page shows them: etymologies, head lines, numbered senses.

Only clean fields of the lexicon are used (`raw_gloss`, `ref`, head template `text`), so
nothing here ever has to undo wiki markup; when a field is empty (a handler not written
yet, an odd page) the view is built from the structured fields instead of showing less.
"""

from __future__ import annotations

from collections.abc import Sequence

from wiktlex.compare.data import load
from wiktlex.compare.model import (
    EntryView,
    EtymologyView,
    ExampleView,
    QuotationView,
    RelationGroup,
    RelationSection,
    SenseView,
    WordView,
)
from wiktlex.model import Entry, Form, Quotation, Relation, Sense

#: Form tags that describe the table rather than a form a reader would want in the head line.
_HIDDEN_FORM_TAGS = frozenset({"canonical", "table-tags", "inflection-template", "class"})
_MAX_HEAD_FORMS = 6


def head_line(entry: Entry) -> str:
    """ "release (plural releases)": the rendered head templates, else word + forms."""
    texts = [" ".join(t.text.split()) for t in entry.head_templates if t.text.strip()]
    if texts:
        return " ".join(texts)
    forms = [f for f in entry.forms if f.form and not _HIDDEN_FORM_TAGS & set(f.tags)]
    if not forms:
        return entry.word
    shown = ", ".join(_form_text(f) for f in forms[:_MAX_HEAD_FORMS])
    return f"{entry.word} ({shown})"


def _form_text(form: Form) -> str:
    tags = " ".join(t.replace("-", " ") for t in form.tags)
    return f"{tags} {form.form}" if tags else form.form


def sense_text(sense: Sense) -> str:
    """The gloss with its labels and qualifiers in parentheses, as Wiktionary shows it."""
    if sense.raw_gloss.strip():
        return " ".join(sense.raw_gloss.split())
    notes = [*sense.labels, *sense.qualifiers]
    prefix = f"({', '.join(notes)}) " if notes else ""
    return f"{prefix}{' '.join(sense.gloss.split())}".strip()


def quotation_ref(q: Quotation) -> str:
    """The citation line; built from the fields when the parser left `ref` empty."""
    if q.ref.strip():
        return " ".join(q.ref.split())
    parts: list[str] = []
    when = q.date or q.year
    if when:
        parts.append(when)
    if q.authors:
        parts.append(" and ".join(q.authors))
    if q.title:
        parts.append(f"“{q.title}”")
    if q.work:
        parts.append(f"in {q.work}")
    for label, value in (("volume", q.volume), ("number", q.issue), ("page", q.page)):
        if value:
            parts.append(f"{label} {value}")
    return ", ".join(parts) + (":" if parts else "")


def _quotation(q: Quotation) -> QuotationView:
    return QuotationView(ref=quotation_ref(q), text=" ".join(q.text.split()),
                         translation=q.translation)


def sense_view(sense: Sense, number: str) -> SenseView:
    return SenseView(
        number=number,
        text=sense_text(sense),
        gloss=sense.gloss,
        labels=list(sense.labels),
        qualifiers=list(sense.qualifiers),
        examples=[ExampleView(text=x.text, translation=x.translation)
                  for x in sense.examples if x.text.strip()],
        quotations=[_quotation(q) for q in sense.quotations if q.text.strip() or q.ref.strip()
                    or q.title],
        synonyms=[r.word for r in sense.synonyms],
        antonyms=[r.word for r in sense.antonyms],
        subsenses=[sense_view(sub, f"{number}.{i}") for i, sub in enumerate(sense.subsenses, 1)],
    )


def _groups(relations: Sequence[Relation]) -> list[RelationGroup]:
    """Consecutive relations with the same sense restriction share a line."""
    groups: list[RelationGroup] = []
    for rel in relations:
        if not rel.word.strip():
            continue
        if groups and groups[-1].sense == rel.sense:
            groups[-1].words.append(rel.word)
        else:
            groups.append(RelationGroup(sense=rel.sense, words=[rel.word]))
    return groups


def relation_sections(entry: Entry) -> list[RelationSection]:
    sections = []
    for kind, title in load("relations")["shown"]:
        groups = _groups(entry.relations.get(kind, []))
        if groups:
            sections.append(RelationSection(kind=kind, title=title, groups=groups))
    return sections


def entry_view(entry: Entry) -> EntryView:
    return EntryView(
        pos=entry.pos,
        pos_title=entry.pos_title,
        head=head_line(entry),
        senses=[sense_view(s, str(i)) for i, s in enumerate(entry.senses, 1)],
        relations=relation_sections(entry),
        usage_notes=entry.usage_notes,
    )


def etymology_views(entries: Sequence[Entry]) -> list[EtymologyView]:
    """Consecutive entries of one etymology section become one group, in page order."""
    groups: list[EtymologyView] = []
    for entry in entries:
        if not groups or entry.etymology_number != groups[-1].number:
            groups.append(EtymologyView(number=entry.etymology_number,
                                        text=" ".join(entry.etymology_text.split())))
        groups[-1].entries.append(entry_view(entry))
    return groups


def word_view(word: str, lang: str, lang_code: str, entries: Sequence[Entry],
              other_languages: Sequence[str] = ()) -> WordView:
    return WordView(
        word=word,
        lang=lang,
        lang_code=lang_code,
        found=bool(entries),
        etymologies=etymology_views(entries),
        other_languages=list(other_languages),
    )
