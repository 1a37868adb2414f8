"""Which pages a refresh must parse: those whose raw copy the lexicon was not parsed from.

Neither store alone knows. The raw store's own `parsed_*` marks go stale when the
lexicon is deleted or replaced, and the lexicon does not know what the source brought.
So each store answers a named question about its own data (`RawStore.revisions`,
`RawStore.revisions_after`, `Lexicon.parsed_states`, `Lexicon.parsed_states_between`)
and the comparison is made here, walking both in title order. No query reads both files,
and neither store learns the other's schema. Reads are keyset-paged, so no read
transaction stays open while the writer commits.
"""

from __future__ import annotations

from collections.abc import Iterator

from wiktlex.ingest.store import RawStore, Revision
from wiktlex.lexicon import Lexicon, PageState

#: Raw-store titles compared per step of a walk (one keyset query on each store).
STEP = 1000


class Staleness:
    """A page is stale when the lexicon lacks it, holds another sha1 or revision of it,
    parsed it with another parser version, or cut it at the work budget (`partial`)."""

    def __init__(self, raw: RawStore, lexicon: Lexicon, parser_version: str) -> None:
        self.raw = raw
        self.lexicon = lexicon
        self.parser_version = parser_version

    def is_stale(self, revision: Revision, state: PageState | None) -> bool:
        return (
            state is None
            or state.sha1 != revision.sha1
            or state.revid != revision.revid
            or state.parser_version != self.parser_version
            or state.status == "partial"
        )

    def among(self, titles: list[str]) -> list[str]:
        """Those of `titles` that are stale, in the order given (the source's order, so a
        first build numbers its rows the same whatever the batch size)."""
        revisions = self.raw.revisions(titles)
        states = self.lexicon.parsed_states(list(revisions))
        stale = (t for t in titles if t in revisions and self.is_stale(revisions[t], states.get(t)))
        return list(dict.fromkeys(stale))

    def _walk(self) -> Iterator[list[str]]:
        """The stale titles of each step of a walk over the whole raw store."""
        after = ""
        while chunk := self.raw.revisions_after(after, STEP):
            states = self.lexicon.parsed_states_between(chunk[0].title, chunk[-1].title)
            yield [r.title for r in chunk if self.is_stale(r, states.get(r.title))]
            after = chunk[-1].title

    def pages(self, batch: int) -> Iterator[list[str]]:
        """Every stale title, in title order, `batch` at a time."""
        pending: list[str] = []
        for stale in self._walk():
            pending += stale
            while len(pending) >= batch:
                yield pending[:batch]
                pending = pending[batch:]
        if pending:
            yield pending

    def count(self) -> int:
        return sum(len(stale) for stale in self._walk())

    def dependents_changed(self) -> list[str]:
        """Pages made with another page of the source (a subpage, a thesaurus page, an RQ
        template page) that has changed, appeared or gone since: their recorded sha1 is
        not the one the raw store holds now ("" for none)."""
        stale: list[str] = []
        after = ("", "")
        while rows := self.lexicon.dependencies_after(after, STEP):
            now = self.raw.revisions(sorted({dep for _, dep, _ in rows}))
            for title, dep, sha1 in rows:
                current = now[dep].sha1 or "" if dep in now else ""
                if current != sha1 and (not stale or stale[-1] != title):
                    stale.append(title)
            after = rows[-1][:2]
        return stale

    def live_count(self) -> int:
        """Live pages in the raw store."""
        return len(self.raw)
