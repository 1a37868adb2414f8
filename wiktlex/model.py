"""The lexicon's data model: the schema contract of DESIGN.md as msgspec Structs.

msgspec Structs are cheap to build (the parser makes millions), pickle for worker
processes, and give the JSON Schema for free. Field names here are a public contract:
add fields freely, never rename.
"""

from __future__ import annotations

from typing import Any

import msgspec

SCHEMA_VERSION = "1"


class Base(msgspec.Struct, kw_only=True, omit_defaults=False, forbid_unknown_fields=False):
    """Common configuration of every record."""


class TemplateCall(Base, kw_only=True):
    """A template as written (name, args) and as a reader sees it (text)."""

    name: str
    args: dict[str, str] = {}
    text: str = ""


class Form(Base, kw_only=True):
    form: str
    tags: list[str] = []


class FormOf(Base, kw_only=True):
    """The sense is a form of another word: `kind` says which form (plural, past tense, ...)."""

    word: str
    kind: str = ""


class Example(Base, kw_only=True):
    text: str
    translation: str | None = None
    roman: str | None = None


class Quotation(Base, kw_only=True):
    """A citation: the passage plus every field of its source a program may want."""

    text: str = ""
    translation: str | None = None
    ref: str = ""
    year: str | None = None
    date: str | None = None
    authors: list[str] = []
    title: str | None = None
    work: str | None = None
    kind: str | None = None
    publisher: str | None = None
    location: str | None = None
    volume: str | None = None
    issue: str | None = None
    page: str | None = None
    chapter: str | None = None
    url: str | None = None
    template: str | None = None


class Relation(Base, kw_only=True):
    """A related term; `lang`/`lang_code`/`roman` are set when it is in another language
    than its entry (descendants)."""

    word: str
    sense: str | None = None
    qualifiers: list[str] = []
    tags: list[str] = []
    lang: str | None = None
    lang_code: str | None = None
    roman: str | None = None


class Sense(Base, kw_only=True):
    id: str = ""
    gloss: str = ""
    raw_gloss: str = ""
    labels: list[str] = []
    tags: list[str] = []
    qualifiers: list[str] = []
    form_of: list[FormOf] = []
    examples: list[Example] = []
    quotations: list[Quotation] = []
    subsenses: list[Sense] = []
    synonyms: list[Relation] = []
    antonyms: list[Relation] = []
    senseid: str | None = None
    categories: list[str] = []


class Sound(Base, kw_only=True):
    ipa: str | None = None
    enpr: str | None = None
    audio: str | None = None
    rhymes: str | None = None
    homophone: str | None = None
    tags: list[str] = []


class Translation(Base, kw_only=True):
    sense: str | None = None
    lang: str
    lang_code: str = ""
    word: str
    tags: list[str] = []
    roman: str | None = None


class TranslationsSee(Base, kw_only=True):
    """`{{trans-see|gloss|page…}}`: the translations of this sense are kept on other pages."""

    sense: str | None = None
    pages: list[str] = []


class Source(Base, kw_only=True):
    title: str
    pageid: int | None = None
    revid: int | None = None
    timestamp: str | None = None


class Entry(Base, kw_only=True):
    """One page x language x etymology x part of speech."""

    word: str
    lang: str
    lang_code: str = ""
    pos: str
    pos_title: str
    etymology_number: int | None = None
    etymology_text: str = ""
    etymology_templates: list[TemplateCall] = []
    head_templates: list[TemplateCall] = []
    forms: list[Form] = []
    senses: list[Sense] = []
    sounds: list[Sound] = []
    hyphenation: list[str] = []
    relations: dict[str, list[Relation]] = {}
    translations: list[Translation] = []
    translations_see: list[TranslationsSee] = []
    usage_notes: str = ""
    alternative_forms: list[Relation] = []
    categories: list[str] = []
    source: Source


class RawPage(Base, kw_only=True):
    """A page as fetched: the only thing ingest hands to parse."""

    title: str
    text: str
    ns: int = 0
    pageid: int | None = None
    revid: int | None = None
    timestamp: str | None = None
    sha1: str | None = None
    redirect_to: str | None = None


class Diagnostic(Base, kw_only=True):
    """Something in the page the parser could not take as written; never fatal."""

    page: str
    message: str
    section: str = ""
    template: str = ""
    severity: str = "warning"
    line: int | None = None  # the page line (from 1) it is about, when known


class TraceEvent(Base, kw_only=True):
    """One template occurrence: who took it, what it rendered and attached."""

    template: str
    handler: str
    where: str
    section: str
    rendered: str
    attached: dict[str, Any] = {}
    depth: int = 0
    line: int = 0  # page line the fragment holding it starts on (0: not known)


class Tally(Base, kw_only=True):
    """What became of one kind of thing on a page: template occurrences or list items.

    `found` comes from an independent scan of the wikitext (parse/census.py); each one
    found ends in exactly one of the other counts.
    """

    found: int = 0
    handled: int = 0  # taken by a handler / reader into the entries
    dropped: dict[str, int] = {}  # deliberately, by rule (parse/data/drops.json) -> count
    diagnosed: int = 0  # a diagnostic names it
    unaccounted: int = 0  # none of those: lost without a word

    @property
    def accounted(self) -> int:
        return self.found - self.unaccounted


class Lost(Base, kw_only=True):
    """One thing the account could not place: a template or list item, where, and why."""

    kind: str  # "template" | "item"
    name: str  # the template's name, or the item's first characters
    line: int
    section: str = ""
    reason: str = ""


class Account(Base, kw_only=True):
    """The page's conservation account (parse/account.py)."""

    templates: Tally = msgspec.field(default_factory=Tally)
    items: Tally = msgspec.field(default_factory=Tally)
    lost: list[Lost] = []


class ParseResult(Base, kw_only=True):
    entries: list[Entry] = []
    diagnostics: list[Diagnostic] = []
    trace: list[TraceEvent] | None = None
    # Asked for with parse_page(account=True) or trace=True: see parse/account.py.
    account: Account | None = None
    # The page hit its work budget: entries hold what came before the cut (see parse/page.py).
    partial: bool = False
    work: int = 0  # work units the parse spent (parse/page.py PAGE_WORK_BUDGET)


_ENCODER = msgspec.json.Encoder()


def entry_to_json(entry: Entry) -> bytes:
    return _ENCODER.encode(entry)


def entry_from_json(data: bytes | str) -> Entry:
    return msgspec.json.decode(data, type=Entry)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one lexicon line (an Entry), generated from this module."""
    schema: dict[str, Any] = msgspec.json.schema(Entry)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "wiktlex entry"
    schema["description"] = f"One lexicon entry, schema version {SCHEMA_VERSION}"
    return schema
