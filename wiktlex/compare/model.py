"""What a comparison page says, as data: the one structure every renderer reads.

`build.py` decides the content (which senses, which sentence); the renderers (text,
Markdown, HTML, JSON) only lay it out. Keeping every decision here means the four
formats can never disagree, and other front ends get the same page from `--format json`.
msgspec Structs give the JSON encoding and its schema for free (see
docs/comparison-json.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

#: Bumped when a field of the JSON output changes meaning or is removed.
COMPARISON_SCHEMA_VERSION = "1"


class View(msgspec.Struct, kw_only=True):
    """Common configuration of every part of a comparison."""


class QuotationView(View, kw_only=True):
    """A citation as a reader sees it: the `ref` line, then the passage."""

    ref: str = ""
    text: str = ""
    translation: str | None = None


class ExampleView(View, kw_only=True):
    text: str
    translation: str | None = None


class SenseView(View, kw_only=True):
    """One numbered sense; `text` is the gloss with its labels in parentheses."""

    number: str
    text: str
    gloss: str = ""
    labels: list[str] = []
    qualifiers: list[str] = []
    examples: list[ExampleView] = []
    quotations: list[QuotationView] = []
    synonyms: list[str] = []
    antonyms: list[str] = []
    subsenses: list[SenseView] = []


class RelationGroup(View, kw_only=True):
    """Related words that share a sense restriction ("(act of producing) creation, …")."""

    sense: str | None = None
    words: list[str] = []


class RelationSection(View, kw_only=True):
    kind: str
    title: str
    groups: list[RelationGroup] = []


class EntryView(View, kw_only=True):
    """One part of speech of one etymology: heading, head line, senses, relations."""

    pos: str
    pos_title: str
    head: str
    senses: list[SenseView] = []
    relations: list[RelationSection] = []
    usage_notes: str = ""


class EtymologyView(View, kw_only=True):
    """An etymology section (number None when the page has only one) and its entries."""

    number: int | None = None
    text: str = ""
    entries: list[EntryView] = []


class WordView(View, kw_only=True):
    """Everything the page shows about one word in the chosen language."""

    word: str
    lang: str
    lang_code: str
    found: bool
    etymologies: list[EtymologyView] = []
    other_languages: list[str] = []


class SummarySentence(View, kw_only=True):
    """One sentence of the summary, for one part of speech."""

    pos: str
    words: list[str]
    text: str


class SourcePage(View, kw_only=True):
    """A Wiktionary page the content came from, with the links attribution needs."""

    title: str
    url: str
    history_url: str
    revid: int | None = None
    timestamp: str | None = None
    permalink: str | None = None


class Attribution(View, kw_only=True):
    licence: str
    licence_url: str
    text: str
    sources: list[SourcePage] = []


class Comparison(View, kw_only=True):
    """A "WORD1 vs WORD2 — what's the difference?" page."""

    schema_version: str = COMPARISON_SCHEMA_VERSION
    title: str
    word1: str
    word2: str
    lang_code: str
    summary: list[SummarySentence] = []
    notes: list[str] = []
    words: list[WordView] = []
    attribution: Attribution

    @property
    def views(self) -> list[WordView]:
        """The word sections, in page order (the same accessor as WordPage's)."""
        return self.words


class WordPage(View, kw_only=True):
    """The page of one word (`/word/release`, `/api/word/release`)."""

    schema_version: str = COMPARISON_SCHEMA_VERSION
    title: str
    word: str
    lang_code: str
    summary: list[SummarySentence] = []
    notes: list[str] = []
    view: WordView
    attribution: Attribution

    @property
    def views(self) -> list[WordView]:
        return [self.view]


def to_builtins(value: msgspec.Struct) -> Any:
    """JSON-ready data (dicts, lists, strings) of any view."""
    return msgspec.to_builtins(value)


def to_json(value: msgspec.Struct) -> str:
    """Indented JSON text, UTF-8 characters kept as they are."""
    return msgspec.json.format(msgspec.json.encode(value), indent=2).decode("utf-8")


def comparison_json_schema() -> dict[str, Any]:
    """The JSON Schema of `--format json` output, generated from the Structs above."""
    schema: dict[str, Any] = msgspec.json.schema(Comparison)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "wiktlex comparison"
    return schema


def word_page_json_schema() -> dict[str, Any]:
    """The JSON Schema of `/api/word/WORD` output."""
    schema: dict[str, Any] = msgspec.json.schema(WordPage)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "wiktlex word page"
    return schema


def document(
    page: Comparison | WordPage,
    head: Callable[[str, list[SummarySentence], list[str]], list[str]],
    word: Callable[[WordView], list[str]],
    attribution: Callable[[Attribution], list[str]],
) -> str:
    """The order every line-based format lays a page out in: head, words, attribution."""
    lines = head(page.title, page.summary, page.notes)
    for view in page.views:
        lines.extend(word(view))
    lines.extend(attribution(page.attribution))
    return "\n".join(lines).strip() + "\n"


def render_json(page: Comparison | WordPage) -> str:
    """`--format json`: the JSON of docs/comparison-json.md, one final newline."""
    return to_json(page) + "\n"
