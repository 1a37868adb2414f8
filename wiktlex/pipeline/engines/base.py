"""What every engine shares: the unit of work, the wire format, and the one protocol.

`parse_one` is the unit of work: it never raises (a parser bug becomes an `error`
diagnostic on that page), so one bad page cannot stop a run. Every engine (inline and
the local pool in `local.py`, Dask in `cluster.py`) is an `Engine`: it parses the
batches the refresh hands it, and may instead read and parse a whole source on its own
(`parses_whole`/`parse_whole`), as Dask does for a multistream dump or a first build.
"""

from __future__ import annotations

import contextlib
import gc
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

import msgspec

from wiktlex.model import Diagnostic, ExportPage, ParseResult, RawPage
from wiktlex.parse.template_library import EMPTY_LIBRARY, TemplateLibrary

if TYPE_CHECKING:
    from wiktlex.ingest.sources import PageSource, Source
    from wiktlex.lexicon import LexiconWriter

#: Cyclic-GC thresholds while parsing. Parsing makes millions of short-lived objects
#: and few cycles; with the default (700, 10, 10) the collector keeps rescanning the
#: long-lived ones (handler tables, language data, the batch in flight): about 5% of a
#: one-worker refresh of the corpus dump.
PARSE_GC_THRESHOLDS = (10_000, 20, 20)


@contextlib.contextmanager
def parse_gc() -> Iterator[None]:
    """PARSE_GC_THRESHOLDS for the block, then the caller's own thresholds again."""
    before = gc.get_threshold()
    gc.set_threshold(*PARSE_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


class EngineError(Exception):
    """The engine cannot run (e.g. Dask is not installed); one-line message."""


#: The source's template pages a worker process parses with: set by the pool's initializer
#: (local engine) or handed in with each call; parse_page itself is given them explicitly.
WORKER_TEMPLATES = EMPTY_LIBRARY


def parse_one(raw: RawPage, parser_version: str, templates: TemplateLibrary | None = None) -> ExportPage:
    """Parse one page into what exporters need; a crash becomes a diagnostic. The template
    pages the parse looked up are its dependencies, as the library it used holds them."""
    if raw.redirect_to:
        return ExportPage.from_parse(raw, ParseResult(), parser_version)
    library = WORKER_TEMPLATES if templates is None else templates
    try:
        from wiktlex import parse_page

        result = parse_page(raw, templates=library) if len(library) else parse_page(raw)
    except Exception as exc:  # a parser bug: record it, keep the run going
        return crashed(raw, parser_version, f"parser crashed: {_where(exc)}")
    page = ExportPage.from_parse(raw, result, parser_version)
    page.dependencies = library.seen(result.templates_used)
    return page


def set_worker_templates(templates: TemplateLibrary) -> None:
    """Pool initializer's part: the library this worker process parses with."""
    global WORKER_TEMPLATES
    WORKER_TEMPLATES = templates


def crashed(raw: RawPage, parser_version: str, message: str) -> ExportPage:
    diagnostic = Diagnostic(page=raw.title, message=message, section="", severity="error")
    page = ExportPage.from_parse(raw, ParseResult(diagnostics=[diagnostic]), parser_version)
    page.status = "error"
    return page


def _where(exc: BaseException) -> str:
    """`TypeError: ... (senses.py:123)`: enough to find the bug from the lexicon alone."""
    frames = traceback.extract_tb(exc.__traceback__)
    at = f" ({frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno})" if frames else ""
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}{at}"


_WIRE_ENCODER = msgspec.msgpack.Encoder()
_WIRE_DECODER = msgspec.msgpack.Decoder(list[ExportPage])


def parse_encoded(pages: list[RawPage], parser_version: str) -> bytes:
    """Worker side of the local pool: a chunk of pages parsed and sent back as msgpack.

    Unpickling the results' object graph cost the driver about as much as writing them
    (and the driver shares the cores with the workers); msgpack decodes typed Structs
    several times faster.
    """
    return _WIRE_ENCODER.encode([parse_one(p, parser_version) for p in pages])


def decode_results(blob: bytes) -> list[ExportPage]:
    """Driver side: msgpack back to pages, with the cyclic GC paused.

    Decoding allocates thousands of containers, none of them cyclic garbage; left on,
    the collector rescans every live object many times per batch.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _WIRE_DECODER.decode(blob)
    finally:
        if was_enabled:
            gc.enable()


#: Results of a batch handed to an engine: call it to receive them, in page order, as
#: they arrive (a generator may wait for the workers between pages).
Ticket = Callable[[], Iterator[ExportPage]]


@dataclass
class WholeSource:
    """What an engine did when it parsed a whole source itself (`Engine.parse_whole`)."""

    partitions: int = 0
    pages: int = 0
    entries: int = 0
    diagnostics: int = 0
    failed: int = 0
    partial: int = 0
    skipped: int = 0  # what the source's reader could not take (no text, not UTF-8, not a page)
    #: One line each: a fault of the source (the pages before it are kept), a partition
    #: that failed (the others are kept).
    errors: list[str] = field(default_factory=list)
    told: list[str] = field(default_factory=list)  # reader warnings about no page kept

    def count(self, page: ExportPage) -> None:
        """Add one written page to the counts (not to `pages`: partitions count those)."""
        self.entries += len(page.entries)
        self.diagnostics += len(page.diagnostics)
        self.failed += page.status == "error"
        self.partial += page.status == "partial"


class Engine(Protocol):
    """Where a refresh's pages are parsed."""

    def start(self, pages: list[RawPage]) -> Ticket:
        """Hand `pages` to the workers now; the ticket yields the results.

        Starting batch N+1 before collecting batch N lets the driver write one batch while
        the workers parse the next, with no thread in the driver; yielding each chunk as
        it arrives lets it write while the same batch's later chunks are still parsing.
        """

    def parses_whole(self, source: Source, first_build: bool) -> bool:
        """Whether this engine reads and parses all of `source` itself (`parse_whole`)
        instead of the batches the driver stores in the raw store and hands it."""

    def parse_whole(self, source: PageSource, lexicon: LexiconWriter) -> WholeSource:
        """Parse every page of `source` into the started `lexicon`."""

    def use_templates(self, templates: TemplateLibrary) -> None:
        """Parse the batches started from now on with these template pages of the source."""

    def close(self) -> None: ...


class BatchEngine:
    """Base of the engines that parse only the batches they are handed."""

    templates: TemplateLibrary = EMPTY_LIBRARY

    def use_templates(self, templates: TemplateLibrary) -> None:
        self.templates = templates

    def parses_whole(self, source: Source, first_build: bool) -> bool:
        return False

    def parse_whole(self, source: PageSource, lexicon: LexiconWriter) -> WholeSource:
        raise EngineError(f"{type(self).__name__} parses the batches it is handed only")
