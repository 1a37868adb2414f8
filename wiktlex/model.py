"""The lexicon's data model: the schema contract of DESIGN.md as msgspec Structs.

msgspec Structs are cheap to build (the parser makes millions), pickle for worker
processes, and give the JSON Schema for free. Field names here are a public contract:
add fields freely, never rename.

Beside the records, what the stages hand each other: `RawPage` (ingest to parse),
`ParseResult` (parse out), `ExportPage` and the `Exporter` contract (the pipeline to every
output: the SQLite lexicon and the file formats).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any, ClassVar

import msgspec

SCHEMA_VERSION = "1"


class Base(msgspec.Struct, kw_only=True, omit_defaults=False, forbid_unknown_fields=False):
    """Common configuration of every record."""


class Term(Base, kw_only=True):
    """A term a template cites (an etymology's source word, an affix's part), with the
    annotations Wiktionary shows beside it: `hap<t:chance>` -> word "hap", gloss "chance".
    `lang`/`lang_code` are set when the term names its own language (`ota:فستان`)."""

    word: str
    lang: str | None = None
    lang_code: str | None = None
    alt: str | None = None
    gloss: str | None = None
    roman: str | None = None
    ts: str | None = None
    pos: str | None = None
    lit: str | None = None
    senseid: str | None = None
    tags: list[str] = []
    qualifiers: list[str] = []


class TemplateCall(Base, kw_only=True):
    """A template as written (name, args) and as a reader sees it (text); `terms` are the
    terms it cites, read from its arguments and their inline modifiers."""

    name: str
    args: dict[str, str] = {}
    text: str = ""
    terms: list[Term] = []


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
    # The part of the work cited beside page and chapter: `Acts 10:2`, `act 1, scene 2`.
    section: str | None = None
    # Identifiers of the edition, as given (`978-0-14-118776-1`); `ref` shows them too.
    isbn: str | None = None
    issn: str | None = None
    oclc: str | None = None
    doi: str | None = None


class Relation(Base, kw_only=True):
    """A related term; `lang`/`lang_code`/`roman` are set when it is in another language
    than its entry (descendants, `ota:…` prefixes); `gloss`, `alt`, `lit`, `pos` and
    `senseid` come from the term's annotations (`word<t:gloss><id:sense>`)."""

    word: str
    sense: str | None = None
    qualifiers: list[str] = []
    tags: list[str] = []
    lang: str | None = None
    lang_code: str | None = None
    roman: str | None = None
    gloss: str | None = None
    alt: str | None = None
    lit: str | None = None
    pos: str | None = None
    senseid: str | None = None
    # The page it was taken from when not the entry's own (`Thesaurus:house`).
    source: str | None = None


class ThesaurusLink(Base, kw_only=True):
    """`{{syn|en|…|Thesaurus:cat}}`, `* [[Thesaurus:cat]]`: the terms of that page belong
    here, as relations of `kind` (the section's when written in a relation section). A
    refresh merges them in (pipeline/joins.py); the parse only records the link."""

    page: str
    kind: str = ""


class Attestation(Base, kw_only=True):
    """When a sense is first attested (`{{defdate|from 15th c.}}`), and on whose authority."""

    date: str
    references: list[str] = []


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
    attestations: list[Attestation] = []
    see_thesaurus: list[ThesaurusLink] = []


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
    alt: str | None = None
    lit: str | None = None


class TranslationsSee(Base, kw_only=True):
    """`{{trans-see|gloss|page…}}`: the translations of this sense are kept on other pages;
    `{{see translation subpage|Noun}}`: on `WORD/translations`, under its `Noun` heading."""

    sense: str | None = None
    pages: list[str] = []
    section: str | None = None


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
    see_thesaurus: list[ThesaurusLink] = []
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


class TraceEvent(Base, kw_only=True):
    """One template occurrence: who took it, what it rendered and attached."""

    template: str
    handler: str
    where: str
    section: str
    rendered: str
    attached: dict[str, Any] = {}
    depth: int = 0


class ParseResult(Base, kw_only=True):
    entries: list[Entry] = []
    diagnostics: list[Diagnostic] = []
    trace: list[TraceEvent] | None = None
    # The page hit its work budget: entries hold what came before the cut (see parse/page.py).
    partial: bool = False
    work: int = 0  # work units the parse spent (parse/page.py PAGE_WORK_BUDGET)
    # Source template pages the parse looked up (`RQ:…`, found or not): the output depends
    # on them, so a refresh parses the page again when one of them changes.
    templates_used: list[str] = []


class ExportPage(msgspec.Struct, kw_only=True):
    """One page's parse outcome, as exporters need it (the wikitext is not carried)."""

    title: str
    entries: list[Entry] = []
    diagnostics: list[Diagnostic] = []
    ns: int = 0
    pageid: int | None = None
    revid: int | None = None
    timestamp: str | None = None
    sha1: str | None = None
    redirect_to: str | None = None
    parser_version: str = ""
    status: str = "ok"  # ok | empty | redirect | error | partial (cut by the work budget)
    # Other pages of the source the output was made with (a translations subpage, a
    # thesaurus page, RQ template pages) -> their sha1 then ("" when absent): one of them
    # changing makes this page stale (pipeline/staleness.py).
    dependencies: dict[str, str] = {}

    @classmethod
    def from_parse(cls, raw: RawPage, result: ParseResult, parser_version: str) -> ExportPage:
        status = "ok" if result.entries else ("redirect" if raw.redirect_to else "empty")
        if any(d.severity == "error" for d in result.diagnostics) and not result.entries:
            status = "error"
        if result.partial:
            status = "partial"  # never a success: the next refresh parses it again
        return cls(
            title=raw.title,
            entries=list(result.entries),
            diagnostics=list(result.diagnostics),
            ns=raw.ns,
            pageid=raw.pageid,
            revid=raw.revid,
            timestamp=raw.timestamp,
            sha1=raw.sha1,
            redirect_to=raw.redirect_to,
            parser_version=parser_version,
            status=status,
        )

    @property
    def source(self) -> Source:
        return Source(title=self.title, pageid=self.pageid, revid=self.revid, timestamp=self.timestamp)


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


# -- the exporter contract ------------------------------------------------------------------


class ExportError(Exception):
    """An output cannot be written; the message is one line a user can act on."""

    @classmethod
    def cannot_write(cls, path: str | Path, exc: BaseException) -> ExportError:
        """`cannot write PATH: No space left on device` from any OSError or sqlite3 error."""
        return cls(f"cannot write {path}: {one_line(exc)}")


def one_line(exc: BaseException) -> str:
    """An OSError or similar as one readable line (strerror plus file name)."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror}{where}"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


class Exporter(ABC):
    """Base of every output: start(), export(one page), remove(title), finish() or abort().

    Exporters receive whole pages, not single entries, because a page is the unit that
    changes: a new revision replaces all of a page's entries at once, and a page that now
    yields no entries must still erase what it yielded before. Use as a context manager,
    or call start/finish yourself.
    """

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]] = ()

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.pages = 0
        self.entries = 0

    @abstractmethod
    def start(self) -> None:
        """Check the output can be written and open it; raise ExportError if not."""

    @abstractmethod
    def export(self, page: ExportPage) -> None:
        """Write one page's entries; a title seen before replaces the earlier one."""

    @abstractmethod
    def remove(self, title: str) -> None:
        """Forget a page (deleted upstream)."""

    @abstractmethod
    def finish(self) -> None:
        """Make the output complete and durable."""

    @abstractmethod
    def abort(self) -> None:
        """Give up: keep what was there before start(), release resources."""

    def export_all(self, pages: Iterable[ExportPage]) -> None:
        for page in pages:
            self.export(page)

    def __enter__(self) -> Exporter:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.finish()
        else:
            self.abort()
