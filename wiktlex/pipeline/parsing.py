"""A refresh's second step: stale pages parsed by the engine and written to the lexicon.

Each batch is committed with the raw store's parsed marks: the lexicon (not a separate
progress file) is the resume point, and a transaction rolled back by a kill simply leaves
those pages to parse again.
"""

from __future__ import annotations

from collections.abc import Iterator

from wiktlex.ingest.store import RawStore
from wiktlex.lexicon import LexiconWriter
from wiktlex.model import Diagnostic, ExportPage, ParseResult, RawPage
from wiktlex.pipeline.engines import Engine, Ticket
from wiktlex.pipeline.joins import Joiner, dependents, namespace_of, role
from wiktlex.pipeline.progress import Reporter
from wiktlex.pipeline.reading import with_notes
from wiktlex.pipeline.summary import RefreshSummary

Notes = dict[str, list[Diagnostic]]


class ParseQueue:
    """Parses batches of titles one ahead of writing them.

    The workers parse batch N+1 while this process writes batch N. Batches come first
    from the source as it is read (so reading a dump overlaps with parsing it), then
    from the stale pages the source did not bring (left by a killed run, a new parser
    version or an API fetch).
    """

    def __init__(
        self, lex: LexiconWriter, raw: RawStore, engine: Engine, summary: RefreshSummary,
        report: Reporter, parser_version: str, joiner: Joiner,
    ) -> None:
        self.lex, self.raw, self.engine, self.summary, self.report = lex, raw, engine, summary, report
        self.parser_version = parser_version
        self.joiner = joiner
        self.pending: tuple[list[RawPage], Ticket, Notes] | None = None
        self.count_progress = False  # while reading, progress counts pages read instead
        # Pages this run left partial: stale by design, but parsed once a run (they are few).
        self.partial_titles: set[str] = set()
        # Pages to join again: a page they draw on was written after them (joins.dependents).
        self.rejoin: set[str] = set()

    def feed(self, titles: list[str], notes: Notes | None = None) -> None:
        """Start a batch: entries go to the engine; pages that serve others need no parse.
        `notes` are the reader's warnings about these pages, by title."""
        pages = [p for t in titles if (p := self.raw.get(t)) is not None]
        if not pages:
            return
        entries = [p for p in pages if role(p.title, p.ns) == "entry"]
        ticket = self.engine.start(entries) if entries else _nothing
        self.drain()
        self.pending = (pages, ticket, notes or {})

    def drain(self) -> None:
        """Write the batch in flight, if any."""
        if self.pending is not None:
            pages, ticket, notes = self.pending
            self.pending = None
            self._write(pages, ticket, notes)
            if self.count_progress:
                self.report.advance(len(pages))

    def _write(self, pages: list[RawPage], ticket: Ticket, notes: Notes) -> None:
        """Write one parsed batch and commit it: the resume point for these pages. A
        partial page is not marked parsed in the raw store, so every staleness test sees
        it again."""
        summary = self.summary
        parsed = ticket()
        for raw in pages:
            entry = role(raw.title, raw.ns) == "entry"
            page = next(parsed) if entry else ExportPage.from_parse(raw, ParseResult(), self.parser_version)
            page = self.joiner.join(page)
            if not entry:
                self.rejoin.update(dependents(raw.title, raw.ns))
            self.lex.export(with_notes(page, notes.get(raw.title, [])))
            summary.parsed += 1
            summary.failed += page.status == "error"
            summary.partial += page.status == "partial"
            if page.status == "partial":
                self.partial_titles.add(page.title)
            summary.entries_written += len(page.entries)
            summary.diagnostics += len(page.diagnostics)
        self.lex.commit()
        self.raw.mark_parsed([p for p in pages if p.title not in self.partial_titles], self.parser_version)


def _nothing() -> Iterator[ExportPage]:
    return iter(())


def drop_removed(lex: LexiconWriter, raw: RawStore, summary: RefreshSummary) -> list[str]:
    """Pages deleted or moved away upstream leave the lexicon; returns the pages they
    served (a removed subpage's main page), which must be joined again."""
    titles = raw.removed_pages()
    for title in titles:
        lex.remove(title)
    lex.commit()
    raw.mark_unpublished(titles)
    summary.removed = len(titles)
    return [served for title in titles for served in dependents(title, namespace_of(title))]
