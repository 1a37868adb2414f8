"""The read API of the SQLite lexicon: what the comparer, `serve` and other programs use.

Readers never see the table layout: they get `Entry` objects rebuilt exactly from the
JSON stored beside the normalised rows (`entries.data`), so the lexicon round-trips
whatever the parser produced. The connection is read-only, so a reader can never damage
a lexicon that a refresh is writing at the same time.
"""

from __future__ import annotations

import difflib
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, NamedTuple

from wiktlex.lexicon.schema import LEXICON_FORMAT, TABLES
from wiktlex.model import Diagnostic, Entry, ExportPage, Source, entry_from_json


class LexiconError(Exception):
    """The file is missing, not SQLite, or not a wiktlex lexicon (one-line message)."""


@dataclass(frozen=True, slots=True)
class PageInfo:
    """One row of `pages`: what was parsed, from which revision, with which parser."""

    id: int
    title: str
    pageid: int | None
    revid: int | None
    timestamp: str | None
    sha1: str | None
    parser_version: str
    status: str
    n_entries: int
    n_diagnostics: int
    ns: int = 0
    redirect_to: str | None = None

    @property
    def source(self) -> Source:
        return Source(
            title=self.title, pageid=self.pageid, revid=self.revid, timestamp=self.timestamp
        )


class PageState(NamedTuple):
    """What a stored page was parsed from, and how it ended: a refresh's skip test."""

    sha1: str | None
    revid: int | None
    parser_version: str
    status: str


_STATE_COLS = "title, sha1, revid, parser_version, status"
_CHUNK = 500  # titles per IN (...) query: under every SQLite's limit on parameters

_PAGE_COLS = (
    "id, title, pageid, revid, timestamp, sha1, parser_version, status, "
    "n_entries, n_diagnostics, ns, redirect_to"
)


def connect_readonly(path: str | Path) -> sqlite3.Connection:
    """Open `path` read-only, or raise LexiconError saying why it is not a lexicon."""
    p = Path(path)
    if not p.is_file():
        raise LexiconError(f"lexicon not found: {p}")
    try:
        conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        fmt = conn.execute("SELECT value FROM meta WHERE key = 'lexicon_format'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise LexiconError(f"not a wiktlex lexicon: {p} ({exc})") from None
    if fmt is None:
        conn.close()
        raise LexiconError(f"not a wiktlex lexicon: {p} (no lexicon_format in meta)")
    if fmt[0] != LEXICON_FORMAT:
        conn.close()
        raise LexiconError(
            f"lexicon {p} has format {fmt[0]}, this wiktlex reads {LEXICON_FORMAT}; "
            "run `wiktlex refresh` into a new file"
        )
    return conn


class Lexicon:
    """A read-only view of one SQLite lexicon. Safe to share between threads."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._lock = threading.Lock()
        self.path = path

    # -- lifecycle -----------------------------------------------------------------
    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Lexicon:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _all(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    # -- the comparer's API --------------------------------------------------------
    def entries(self, word: str, lang_code: str | None = None) -> list[Entry]:
        """Every entry of `word` (exact spelling), in page order; [] when there is none.

        Page order: pages by title, a page's entries as they stand on the page.
        """
        sql = (
            "SELECT e.data FROM entries e JOIN pages p ON p.id = e.page_id "
            "WHERE e.word = ?"
        )
        params: tuple[Any, ...] = (word,)
        if lang_code is not None:
            sql += " AND e.lang_code = ?"
            params += (lang_code,)
        sql += " ORDER BY p.title, e.idx"
        return [entry_from_json(row[0]) for row in self._all(sql, params)]

    def suggest(self, word: str, limit: int = 5) -> list[str]:
        """Existing words spelled like `word`, best first, for "did you mean …?".

        Candidates come from case-insensitive equality, a prefix scan and the trigram
        index; difflib ranks them. `word` itself is never suggested.
        """
        if limit <= 0 or not word.strip():
            return []
        candidates = self._candidates(word)
        candidates.discard(word)
        folded = word.casefold()
        scored = []
        for title in candidates:
            t = title.casefold()
            ratio = difflib.SequenceMatcher(None, folded, t).ratio()
            score = ratio + (1.0 if t == folded else 0.0) + (0.15 if t.startswith(folded) else 0.0)
            if ratio >= 0.5 or t == folded:
                scored.append((-score, len(title), title))
        scored.sort()
        return [title for _, _, title in scored[:limit]]

    def _candidates(self, word: str) -> set[str]:
        has_entries = "n_entries > 0"
        found = {
            r[0]
            for r in self._all(
                f"SELECT title FROM pages WHERE title = ? COLLATE NOCASE AND {has_entries}",
                (word,),
            )
        }
        found.update(
            r[0]
            for r in self._all(
                f"SELECT title FROM pages WHERE title >= ? AND title < ? AND {has_entries} "
                "ORDER BY title LIMIT 50",
                (word, word + "\U0010ffff"),
            )
        )
        grams = {word.casefold()[i : i + 3] for i in range(len(word) - 2)}
        grams = {g for g in grams if '"' not in g}
        if grams:
            query = " OR ".join(f'"{g}"' for g in sorted(grams))
            found.update(
                r[0]
                for r in self._all(
                    "SELECT p.title FROM titles_fts f JOIN pages p ON p.id = f.rowid "
                    f"WHERE titles_fts MATCH ? AND p.{has_entries} ORDER BY f.rank LIMIT 200",
                    (query,),
                )
            )
        return found

    def page_source(self, word: str) -> Source | None:
        """Where the page `word` came from (title, pageid, revid, timestamp), if stored."""
        page = self.page(word)
        return page.source if page else None

    def stats(self) -> dict[str, Any]:
        """Counts per table and per language, plus the meta (schema/parser versions)."""
        counts = {
            table: self._all(f"SELECT COUNT(*) FROM {table}")[0][0] for table in TABLES
        }
        langs = self._all(
            "SELECT lang, COUNT(*) FROM entries GROUP BY lang ORDER BY COUNT(*) DESC, lang"
        )
        statuses = self._all("SELECT status, COUNT(*) FROM pages GROUP BY status ORDER BY status")
        return {
            "path": str(self.path),
            "meta": self.meta(),
            "counts": counts,
            "statuses": dict(statuses),
            "languages": dict(langs),
        }

    # -- what a refresh asks ---------------------------------------------------------
    def parsed_states(self, titles: Sequence[str]) -> dict[str, PageState]:
        """What each stored one of `titles` was parsed from; absent titles are left out."""
        found: dict[str, PageState] = {}
        for i in range(0, len(titles), _CHUNK):
            chunk = tuple(titles[i : i + _CHUNK])
            marks = ",".join("?" * len(chunk))
            rows = self._all(f"SELECT {_STATE_COLS} FROM pages WHERE title IN ({marks})", chunk)
            found.update((row[0], PageState(*row[1:])) for row in rows)
        return found

    def parsed_states_between(self, first: str, last: str) -> dict[str, PageState]:
        """What every stored title from `first` to `last` (both included, title order) was
        parsed from: one range scan of the title index, for walking a store in step."""
        rows = self._all(
            f"SELECT {_STATE_COLS} FROM pages WHERE title >= ? AND title <= ? ORDER BY title",
            (first, last),
        )
        return {row[0]: PageState(*row[1:]) for row in rows}

    def dependencies_after(self, after: tuple[str, str], limit: int) -> list[tuple[str, str, str]]:
        """The next `limit` (page title, dependency, sha1 then) rows after `after`, in that
        order (keyset paging: no read stays open between calls)."""
        return [
            (row[0], row[1], row[2])
            for row in self._all(
                "SELECT p.title, d.dependency, d.sha1 FROM dependencies d JOIN pages p ON p.id = d.page_id"
                " WHERE (p.title, d.dependency) > (?, ?) ORDER BY p.title, d.dependency LIMIT ?",
                (*after, limit),
            )
        ]

    # -- more for other readers ----------------------------------------------------
    def meta(self) -> dict[str, str]:
        return dict(self._all("SELECT key, value FROM meta ORDER BY key"))

    def page(self, title: str) -> PageInfo | None:
        rows = self._all(f"SELECT {_PAGE_COLS} FROM pages WHERE title = ?", (title,))
        return PageInfo(*rows[0]) if rows else None

    def diagnostics(self, title: str) -> list[Diagnostic]:
        rows = self._all(
            "SELECT p.title, d.message, d.section, d.template, d.severity FROM diagnostics d "
            "JOIN pages p ON p.id = d.page_id WHERE p.title = ? ORDER BY d.idx",
            (title,),
        )
        return [
            Diagnostic(page=r[0], message=r[1], section=r[2], template=r[3], severity=r[4])
            for r in rows
        ]

    def search_glosses(self, text: str, limit: int = 20) -> list[tuple[str, str]]:
        """(word, gloss) pairs whose gloss matches the FTS5 query `text`, best first."""
        try:
            return [
                (r[0], r[1])
                for r in self._all(
                    "SELECT word, gloss FROM glosses_fts WHERE glosses_fts MATCH ? "
                    "ORDER BY rank, word, rowid LIMIT ?",
                    (text, limit),
                )
            ]
        except sqlite3.OperationalError:  # a malformed FTS query from a user: no match
            return []

    def export_pages(self) -> Iterator[ExportPage]:
        """Every page as the exporters took it (entries, diagnostics, revision), title order:
        how one lexicon is merged into another."""
        for info, entries in self.iter_pages():
            yield ExportPage(
                title=info.title, entries=entries, diagnostics=self.diagnostics(info.title),
                ns=info.ns, pageid=info.pageid, revid=info.revid, timestamp=info.timestamp,
                sha1=info.sha1, redirect_to=info.redirect_to,
                parser_version=info.parser_version, status=info.status,
            )

    def iter_pages(self) -> Iterator[tuple[PageInfo, list[Entry]]]:
        """Every page with its entries, in page (title) order: what JSONL re-export walks."""
        cur = self._conn.cursor()  # own cursor: iteration interleaves with other reads
        cur.execute(f"SELECT {_PAGE_COLS} FROM pages ORDER BY title")
        while batch := cur.fetchmany(256):
            pages = [PageInfo(*row) for row in batch]
            by_page: dict[int, list[Entry]] = {p.id: [] for p in pages}
            marks = ",".join("?" * len(pages))
            for page_id, data in self._all(
                f"SELECT page_id, data FROM entries WHERE page_id IN ({marks}) "
                "ORDER BY page_id, idx",
                tuple(by_page),
            ):
                by_page[page_id].append(entry_from_json(data))
            for p in pages:
                yield p, by_page[p.id]


def open_lexicon(path: str | Path) -> Lexicon:
    """Open the lexicon at `path` for reading; LexiconError if it is not one."""
    return Lexicon(connect_readonly(path), Path(path))
