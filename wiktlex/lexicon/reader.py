"""The read API of the SQLite lexicon: what the comparer, `serve` and other programs use.

Readers never see the table layout: they get `Entry` objects rebuilt exactly from the
JSON stored beside the normalised rows (`entries.data`), so the lexicon round-trips
whatever the parser produced. The connection is read-only, so a reader can never damage
a lexicon that a refresh is writing at the same time.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
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


_CONTROL = re.compile(r"[\x00-\x1f\x7f\ufffd]")
_EDIT_ALPHABET = "abcdefghijklmnopqrstuvwxyz -'"


def _clean(word: str) -> str:
    """A typed word as a title: spaces collapsed; "" when it holds characters no title can
    hold (control characters, U+FFFD left by undecodable bytes)."""
    word = " ".join(word.split())
    return "" if _CONTROL.search(word) else word


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance where swapping two neighbouring letters is one edit (OSA)."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, prev2[j - 2] + 1)
            row.append(cost)
        prev2, prev = prev, row
    return prev[-1]


def neighbours(word: str) -> set[str]:
    """Every string one edit from `word` over letters, space, hyphen and apostrophe."""
    letters = set(_EDIT_ALPHABET) | set(word)
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found = {a + b[1:] for a, b in splits if b}
    found |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    found |= {a + c + b[1:] for a, b in splits if b for c in letters}
    found |= {a + c + b for a, b in splits for c in letters}
    found.discard(word)
    return found


def case_variants(title: str) -> list[str]:
    """The spellings MediaWiki's near-match tries: lower, upper, Each Word, First letter."""
    lower = title.lower()
    return [lower, title.upper(), " ".join(w[:1].upper() + w[1:] for w in lower.split(" ")),
            title[:1].upper() + title[1:], lower[:1].upper() + lower[1:]]


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

        Ranked by edit distance (case ignored, a swap of two letters counts once), then by
        how often the lexicon itself mentions the word (links to it, glosses using it).
        Words more than a few edits away (1 up to 4 letters, 2 up to 8, else 3) are not
        offered: no suggestion beats a noisy one. `word` itself never is.
        """
        word = _clean(word)
        if limit <= 0 or not word:
            return []
        folded = word.casefold()
        allowed = 1 if len(folded) <= 4 else 2 if len(folded) <= 8 else 3
        near = {}
        for title in self._candidates(word) - {word}:
            distance = edit_distance(folded, title.casefold())
            if distance <= allowed:
                near[title] = distance
        mentions = self.mentions(near)
        def rank(t: str) -> tuple[int, int, int, str]:
            as_typed = edit_distance(word, t) if near[t] == 0 else 0  # PRODUCTION: Production
            return (near[t], as_typed, -mentions[t], t)

        return sorted(near, key=rank)[:limit]

    def complete(self, prefix: str, limit: int = 8) -> list[str]:
        """Words starting with `prefix` (case as typed), the most mentioned first: type-ahead."""
        prefix = _clean(prefix)
        if limit <= 0 or not prefix:
            return []
        found = [r[0] for r in self._all(
            "SELECT DISTINCT word FROM entries WHERE word >= ? AND word < ? ORDER BY word LIMIT 200",
            (prefix, prefix + "\U0010ffff"))]
        mentions = self.mentions(found)
        return sorted(found, key=lambda t: (t != prefix, -mentions[t], len(t), t))[:limit]

    def resolve(self, title: str) -> str | None:
        """The title a lookup of `title` lands on, as Wiktionary's "Go" box finds it.

        The page itself when it has entries; the target of its redirect (one hop, as
        MediaWiki follows); else a title differing only in case, tried in MediaWiki's order
        (lower case, upper case, each word capitalised, first letter capitalised), then any
        other; None when nothing matches.
        """
        title = _clean(title)
        if not title:
            return None
        for variant in dict.fromkeys([title, *case_variants(title)]):
            landed = self._land(variant)
            if landed is not None:
                return landed
        rows = self._all("SELECT DISTINCT word FROM entries WHERE word = ? COLLATE NOCASE "
                         "ORDER BY word LIMIT 1", (title,))
        return rows[0][0] if rows else None

    def _land(self, title: str) -> str | None:
        page = self.page(title)
        if page is None:
            return None
        if page.n_entries > 0:
            return page.title
        if page.redirect_to:
            target = self.page(page.redirect_to)
            if target is not None and target.n_entries > 0:
                return target.title
        return None

    def known(self, titles: Iterable[str]) -> set[str]:
        """Which of `titles` a lookup would find (see `resolve`), in a few queries for a
        whole page of links: exact titles and redirects, then ASCII case variants by the
        case-blind index, then `resolve` for the few left that hold other letters."""
        wanted = {t for t in titles if t and _clean(t) == t}
        found = self._existing(wanted, "n_entries > 0 OR redirect_to IS NOT NULL")
        rest = sorted(wanted - found)
        for i in range(0, len(rest), 500):
            chunk = tuple(rest[i : i + 500])
            marks = ",".join("?" * len(chunk))
            folded = {r[0].lower() for r in self._all(
                f"SELECT DISTINCT word FROM entries WHERE word COLLATE NOCASE IN ({marks})", chunk)}
            found |= {t for t in chunk if t.lower() in folded}
        return found | {t for t in wanted - found
                        if not t.isascii() and self.resolve(t) is not None}

    def mentions(self, titles: Iterable[str]) -> dict[str, int]:
        """How often the lexicon mentions each title: relations pointing to it plus glosses
        using it (each count bounded, so a common word costs no more than a rare one)."""
        counts: dict[str, int] = {}
        for title in titles:
            links = self._all("SELECT COUNT(*) FROM (SELECT 1 FROM relations WHERE word = ? "
                              "LIMIT 1000)", (title,))[0][0]
            counts[title] = links + self._gloss_mentions(title)
        return counts

    def _gloss_mentions(self, title: str) -> int:
        phrase = '"' + title.replace('"', '""') + '"'
        try:
            rows = self._all("SELECT COUNT(*) FROM (SELECT 1 FROM glosses_fts "
                             "WHERE glosses_fts MATCH ? LIMIT 1000)", (f"gloss : {phrase}",))
        except sqlite3.OperationalError:  # a title FTS cannot tokenise ("-", "…")
            return 0
        count: int = rows[0][0]
        return count

    def related_pairs(self, lang_code: str = "en", kinds: tuple[str, ...] = ("synonyms",),
                      scan: int = 5000) -> list[tuple[str, str]]:
        """(word, related word) pairs of one part of speech where both words have entries:
        comparisons worth offering. Reads at most `scan` relations, in storage order, so a
        large lexicon costs no more than a small one and the answer never changes by itself."""
        marks = ",".join("?" * len(kinds))
        rows = self._all(
            "SELECT e.word, r.word FROM (SELECT entry_id, word FROM relations "
            f"WHERE kind IN ({marks}) LIMIT ?) r JOIN entries e ON e.id = r.entry_id "
            "WHERE e.lang_code = ? AND r.word <> e.word AND EXISTS (SELECT 1 FROM entries o "
            "WHERE o.word = r.word AND +o.lang_code = e.lang_code AND +o.pos = e.pos)",  # + : by word
            (*kinds, scan, lang_code))
        return list(dict.fromkeys((a, b) for a, b in rows))

    def _existing(self, titles: Iterable[str], where: str = "n_entries > 0") -> set[str]:
        found: set[str] = set()
        batch = sorted(titles)
        for i in range(0, len(batch), 500):
            chunk = tuple(batch[i : i + 500])
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self._all(
                f"SELECT title FROM pages WHERE title IN ({marks}) AND ({where})", chunk))
        return found

    def _candidates(self, word: str) -> set[str]:
        """Titles that may be near `word`: case variants, every title one edit away (looked
        up exactly, so short words are found too), titles of about its length sharing its
        first two letters, a prefix scan and the trigram index. Each query is bounded."""
        found = {r[0] for r in self._all(
            "SELECT DISTINCT word FROM entries WHERE word = ? COLLATE NOCASE", (word,))}
        found |= self._existing(neighbours(word.casefold()) | set(case_variants(word)))
        found.update(r[0] for r in self._all(
            "SELECT title FROM pages WHERE title >= ? AND title < ? AND n_entries > 0 "
            "ORDER BY title LIMIT 50", (word, word + "\U0010ffff")))
        for start in {word[:2].lower(), word[:2].capitalize()}:  # two edits: large -> lance
            found.update(r[0] for r in self._all(
                "SELECT title FROM pages WHERE title >= ? AND title < ? AND n_entries > 0 "
                "AND length(title) BETWEEN ? AND ? LIMIT 2000",
                (start, start + "\U0010ffff", len(word) - 2, len(word) + 2)))
        grams = {word.casefold()[i : i + 3] for i in range(len(word) - 2)}
        query = " OR ".join('"' + g.replace('"', '""') + '"' for g in sorted(grams))
        if query:
            # nothing a user types may fail the lookup
            with contextlib.suppress(sqlite3.OperationalError):
                found.update(r[0] for r in self._all(
                    "SELECT p.title FROM titles_fts f JOIN pages p ON p.id = f.rowid "
                    "WHERE titles_fts MATCH ? AND p.n_entries > 0 ORDER BY f.rank LIMIT 200",
                    (query,)))
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
