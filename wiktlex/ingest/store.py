"""The raw page store: what was fetched, at which revision, and what was parsed from it.

A refresh must re-parse only what changed. So the store keeps every page with its
revision (an upsert only replaces a page by a *newer* one and says whether it did, or
by a good copy of the same revision where the stored text does not match its sha1),
records deletions and moves as tombstones (the lexicon must drop those words), remembers
when each source last refreshed successfully, and marks which revision each page was
parsed at with which parser version (`changed_pages` / `mark_parsed`).

SQLite in WAL mode with explicit transactions: an interrupted run leaves the store as of
its last commit. The page text is the last column, so scans of the metadata never read
the (overflow) pages of the text.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, NamedTuple

import msgspec

from wiktlex.ingest.digest import text_sha1
from wiktlex.model import RawPage

__all__ = ["PageEvent", "PageStatus", "RawStore", "UpsertStats", "text_sha1", "utc_now"]

SCHEMA_VERSION = 2
_CHUNK = 500

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    title TEXT PRIMARY KEY,
    ns INTEGER NOT NULL DEFAULT 0,
    pageid INTEGER,
    revid INTEGER,
    timestamp TEXT,
    sha1 TEXT NOT NULL,
    redirect_to TEXT,
    source TEXT NOT NULL DEFAULT '',
    fetched_at TEXT NOT NULL,
    removed TEXT,
    removed_at TEXT,
    moved_to TEXT,
    parsed_sha1 TEXT,
    parsed_revid INTEGER,
    parsed_version TEXT,
    parsed_at TEXT,
    text_sha1 TEXT,
    text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    target TEXT,
    timestamp TEXT,
    source TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_title ON events(title);
CREATE TABLE IF NOT EXISTS refreshes (
    source TEXT PRIMARY KEY,
    last_success TEXT NOT NULL
);
"""

_PAGE_COLUMNS = "title, ns, pageid, revid, timestamp, sha1, redirect_to, text"
_STATUS_COLUMNS = (
    "title, ns, pageid, revid, timestamp, sha1, redirect_to, source, fetched_at, removed, "
    "removed_at, moved_to, parsed_sha1, parsed_revid, parsed_version, parsed_at, text_sha1"
)
_STALE = "(parsed_version IS NOT ? OR parsed_sha1 IS NOT sha1)"


def utc_now() -> str:
    """Now as MediaWiki writes times: `2026-01-01T00:00:00Z`."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class PageStatus(msgspec.Struct, kw_only=True, frozen=True):
    """Everything the store knows about one title except its text."""

    title: str
    ns: int
    pageid: int | None
    revid: int | None
    timestamp: str | None
    sha1: str
    redirect_to: str | None
    source: str
    fetched_at: str
    removed: str | None
    removed_at: str | None
    moved_to: str | None
    parsed_sha1: str | None
    parsed_revid: int | None
    parsed_version: str | None
    parsed_at: str | None
    text_sha1: str | None = None  # of the text as stored; None in rows of schema 1

    @property
    def suspect(self) -> bool:
        """The stored text is known not to be the one its sha1 describes."""
        return self.text_sha1 is not None and self.text_sha1 != self.sha1


class PageEvent(msgspec.Struct, kw_only=True, frozen=True):
    """A deletion or move, as recorded (kept even after the page comes back)."""

    kind: str
    title: str
    target: str | None
    timestamp: str | None
    source: str
    recorded_at: str


class Revision(NamedTuple):
    """Which copy of a live page the store holds: what a parse of it is checked against."""

    title: str
    sha1: str
    revid: int | None


class UpsertStats(msgspec.Struct, kw_only=True):
    seen: int = 0
    changed: int = 0


def is_newer(old: PageStatus, page: RawPage, sha1: str) -> bool:
    """Whether `page` should replace the stored `old`.

    Revision ids decide when both are known, then timestamps; a source without revision
    information (a directory of files) replaces when the text differs. A removed page
    comes back when it is seen again at its old revision or later.
    """
    if old.removed is not None:
        return page.revid is None or old.revid is None or page.revid >= old.revid
    if page.revid is not None and old.revid is not None:
        return page.revid > old.revid
    if page.timestamp and old.timestamp and page.timestamp != old.timestamp:
        return page.timestamp > old.timestamp
    return sha1 != old.sha1


class RawStore:
    """A SQLite file of raw pages; use as a context manager or call `close()`."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        self._db = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
        self._depth = 0
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise RuntimeError(f"{self.path}: store schema {version} is newer than this wiktlex")
        with self.transaction():
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self._db.execute(statement)
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(pages)")}
            if "text_sha1" not in columns:  # a store of schema 1: its texts are checked lazily
                self._db.execute("ALTER TABLE pages ADD COLUMN text_sha1 TEXT")
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> RawStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All-or-nothing; nested uses join the outer transaction."""
        if self._depth == 0:
            self._db.execute("BEGIN IMMEDIATE")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self._db.execute("ROLLBACK")
            raise
        self._depth -= 1
        if self._depth == 0:
            self._db.execute("COMMIT")

    # -- pages ---------------------------------------------------------------------------

    def status(self, title: str) -> PageStatus | None:
        row = self._db.execute(
            f"SELECT {_STATUS_COLUMNS} FROM pages WHERE title = ?", (title,)
        ).fetchone()
        return _status(row) if row is not None else None

    def get(self, title: str, *, include_removed: bool = False) -> RawPage | None:
        """The stored page, or None (also for a deleted or moved-away title by default)."""
        live = "" if include_removed else " AND removed IS NULL"
        row = self._db.execute(
            f"SELECT {_PAGE_COLUMNS} FROM pages WHERE title = ?{live}", (title,)
        ).fetchone()
        return _page(row) if row is not None else None

    def upsert(self, page: RawPage, *, source: str = "", fetched_at: str | None = None) -> bool:
        """Store `page` if it is new or newer than what is stored, or a good copy of the
        stored revision whose stored text is damaged; return whether it was stored.

        The sha1 of the text as stored is kept beside the source's sha1: a page whose
        text does not match is stored only as a suspect copy (`PageStatus.suspect`),
        which any good copy of the same revision replaces.
        """
        actual = text_sha1(page.text)
        if actual is None:
            raise ValueError(f"page {page.title!r}: text cannot be stored as UTF-8")
        sha1 = page.sha1 or actual
        with self.transaction():
            old = self.status(page.title)
            replaces = old is None or is_newer(old, page, sha1)
            if old is not None and not (replaces or self._repairs(old, page, sha1, actual)):
                return False
            self._db.execute(
                "INSERT INTO pages (title, ns, pageid, revid, timestamp, sha1, redirect_to, source,"
                " fetched_at, text_sha1, text) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT(title) DO UPDATE SET"
                " ns=excluded.ns, pageid=excluded.pageid, revid=excluded.revid,"
                " timestamp=excluded.timestamp, sha1=excluded.sha1, redirect_to=excluded.redirect_to,"
                " source=excluded.source, fetched_at=excluded.fetched_at, text=excluded.text,"
                " text_sha1=excluded.text_sha1, removed=NULL, removed_at=NULL, moved_to=NULL",
                (
                    page.title,
                    page.ns,
                    page.pageid,
                    page.revid,
                    page.timestamp,
                    sha1,
                    page.redirect_to,
                    source,
                    fetched_at or utc_now(),
                    actual,
                    page.text,
                ),
            )
        return True

    def _repairs(self, old: PageStatus, page: RawPage, sha1: str, actual: str) -> bool:
        """Whether `page` is a good copy of the stored revision and the stored text is not.

        A row of schema 1 has no recorded text sha1: its text is hashed once, here, and
        the result recorded, so a re-read of an old store pays this only once per page.
        """
        if actual != sha1 or sha1 != old.sha1 or old.removed is not None:
            return False
        if page.revid is not None and old.revid is not None and page.revid != old.revid:
            return False
        stored = old.text_sha1
        if stored is None:
            row = self._db.execute("SELECT text FROM pages WHERE title=?", (old.title,)).fetchone()
            stored = text_sha1(row[0]) or ""
            self._db.execute("UPDATE pages SET text_sha1=? WHERE title=?", (stored, old.title))
        return stored != old.sha1

    def suspect_titles(self, *, namespaces: Collection[int] | None = None) -> list[str]:
        """Live pages whose stored text is known not to match their sha1 (fetch them again)."""
        where, params = _filters(namespaces, True)
        rows = self._db.execute(
            f"SELECT title FROM pages WHERE {where} AND text_sha1 IS NOT NULL"
            " AND text_sha1 != sha1 ORDER BY title",
            params,
        )
        return [row[0] for row in rows]

    def upsert_many(
        self, pages: Iterable[RawPage], *, source: str = "", batch: int = 1000
    ) -> UpsertStats:
        """Upsert a stream of pages, committing every `batch` pages (a crash loses one batch)."""
        stats = UpsertStats()
        now = utc_now()
        pending: list[RawPage] = []
        for page in pages:
            pending.append(page)
            if len(pending) >= batch:
                self._upsert_batch(pending, source, now, stats)
                pending = []
        self._upsert_batch(pending, source, now, stats)
        return stats

    def _upsert_batch(
        self, pages: list[RawPage], source: str, now: str, stats: UpsertStats
    ) -> None:
        with self.transaction():
            for page in pages:
                stats.seen += 1
                stats.changed += self.upsert(page, source=source, fetched_at=now)

    def iter_pages(
        self, *, namespaces: Collection[int] | None = None, include_redirects: bool = True
    ) -> Iterator[RawPage]:
        """Live pages in title order."""
        where, params = _filters(namespaces, include_redirects)
        return self._pages_where(where, params)

    def titles(self, *, namespaces: Collection[int] | None = None) -> list[str]:
        where, params = _filters(namespaces, True)
        rows = self._db.execute(f"SELECT title FROM pages WHERE {where} ORDER BY title", params)
        return [row[0] for row in rows]

    def __len__(self) -> int:
        return int(
            self._db.execute("SELECT count(*) FROM pages WHERE removed IS NULL").fetchone()[0]
        )

    def __contains__(self, title: object) -> bool:
        return isinstance(title, str) and self.get(title) is not None

    def _pages_where(
        self, where: str, params: Sequence[Any], limit: int | None = None
    ) -> Iterator[RawPage]:
        """Pages in title order, a chunk per query (keyset paging on the title key).

        No read stays open between chunks, so callers may write to the store (mark
        pages parsed, upsert) while iterating, and memory stays flat on millions of rows.
        """
        last, left = "", limit if limit is not None else -1
        sql = (
            f"SELECT {_PAGE_COLUMNS} FROM pages WHERE {where} AND title > ? ORDER BY title LIMIT ?"
        )
        while left != 0:
            size = _CHUNK if left < 0 else min(_CHUNK, left)
            rows = self._db.execute(sql, [*params, last, size]).fetchall()
            if not rows:
                return
            for row in rows:
                yield _page(row)
            last = rows[-1][0]
            left = left - len(rows) if left > 0 else left
            if len(rows) < size:
                return

    # -- deletions and moves -------------------------------------------------------------

    def record_deletion(
        self, title: str, *, timestamp: str | None = None, source: str = ""
    ) -> bool:
        """Mark `title` deleted (kept as a tombstone); return whether a live page was."""
        with self.transaction():
            self._event("delete", title, None, timestamp, source)
            cursor = self._db.execute(
                "UPDATE pages SET removed='deleted', removed_at=?, moved_to=NULL"
                " WHERE title=? AND removed IS NULL",
                (timestamp or utc_now(), title),
            )
        return cursor.rowcount > 0

    def record_move(
        self, old: str, new: str, *, timestamp: str | None = None, source: str = ""
    ) -> bool:
        """`old` was renamed `new`: the text moves along (until `new` is fetched), `old`
        becomes a tombstone. Return whether a live page was moved."""
        with self.transaction():
            self._event("move", old, new, timestamp, source)
            page = self.get(old)
            if page is None:
                return False
            self.upsert(msgspec.structs.replace(page, title=new), source=source)
            self._db.execute(
                "UPDATE pages SET removed='moved', removed_at=?, moved_to=? WHERE title=?",
                (timestamp or utc_now(), new, old),
            )
        return True

    def _event(
        self, kind: str, title: str, target: str | None, timestamp: str | None, source: str
    ) -> None:
        self._db.execute(
            "INSERT INTO events (kind, title, target, timestamp, source, recorded_at) VALUES (?,?,?,?,?,?)",
            (kind, title, target, timestamp, source, utc_now()),
        )

    def events(self, title: str | None = None) -> list[PageEvent]:
        """Deletions and moves in the order recorded (of one title, or all)."""
        sql = "SELECT kind, title, target, timestamp, source, recorded_at FROM events"
        rows = self._db.execute(
            sql + (" WHERE title=? OR target=? ORDER BY id" if title else " ORDER BY id"),
            (title, title) if title else (),
        )
        return [
            PageEvent(
                kind=r[0], title=r[1], target=r[2], timestamp=r[3], source=r[4], recorded_at=r[5]
            )
            for r in rows
        ]

    # -- refresh bookkeeping -------------------------------------------------------------

    def set_last_refresh(self, source: str, when: str | None = None) -> None:
        """Record that `source` (an API URL, a dump path) was read completely at `when`."""
        with self.transaction():
            self._db.execute(
                "INSERT INTO refreshes (source, last_success) VALUES (?, ?)"
                " ON CONFLICT(source) DO UPDATE SET last_success=excluded.last_success",
                (source, when or utc_now()),
            )

    def last_refresh(self, source: str) -> str | None:
        row = self._db.execute(
            "SELECT last_success FROM refreshes WHERE source=?", (source,)
        ).fetchone()
        return row[0] if row else None

    # -- what to parse -------------------------------------------------------------------

    def changed_pages(
        self,
        parser_version: str,
        *,
        namespaces: Collection[int] | None = None,
        limit: int | None = None,
    ) -> Iterator[RawPage]:
        """Live pages never parsed, parsed at another revision, or by another parser version."""
        where, params = _filters(namespaces, True)
        return self._pages_where(f"{where} AND {_STALE}", [*params, parser_version], limit)

    def count_changed(
        self, parser_version: str, *, namespaces: Collection[int] | None = None
    ) -> int:
        where, params = _filters(namespaces, True)
        row = self._db.execute(
            f"SELECT count(*) FROM pages WHERE {where} AND {_STALE}", [*params, parser_version]
        )
        return int(row.fetchone()[0])

    def revisions(self, titles: Sequence[str]) -> dict[str, Revision]:
        """The revision held of each live one of `titles` (removed and unknown ones left out)."""
        found: dict[str, Revision] = {}
        for i in range(0, len(titles), _CHUNK):
            chunk = list(titles[i : i + _CHUNK])
            rows = self._db.execute(
                "SELECT title, sha1, revid FROM pages WHERE removed IS NULL"
                f" AND title IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            found.update((row[0], Revision(*row)) for row in rows)
        return found

    def revisions_after(self, after: str, limit: int) -> list[Revision]:
        """The next `limit` live pages' revisions after the title `after`, in title order
        (keyset paging: no read stays open between calls)."""
        rows = self._db.execute(
            "SELECT title, sha1, revid FROM pages WHERE removed IS NULL AND title > ?"
            " ORDER BY title LIMIT ?",
            (after, limit),
        )
        return [Revision(*row) for row in rows]

    def mark_parsed(self, pages: Iterable[RawPage], parser_version: str) -> int:
        """Record that these pages, *as given*, were parsed by `parser_version`.

        The sha1 of the page object is recorded, not the stored one: a page updated while
        it was being parsed stays in `changed_pages`. Returns the rows marked.
        """
        now = utc_now()
        rows = [(p.sha1 or text_sha1(p.text), p.revid, parser_version, now, p.title) for p in pages]
        with self.transaction():
            cursor = self._db.executemany(
                "UPDATE pages SET parsed_sha1=?, parsed_revid=?, parsed_version=?, parsed_at=?"
                " WHERE title=? AND removed IS NULL",
                rows,
            )
        return cursor.rowcount

    def removed_pages(self) -> list[str]:
        """Deleted or moved-away titles whose parsed entries are still out there."""
        rows = self._db.execute(
            "SELECT title FROM pages WHERE removed IS NOT NULL AND parsed_version IS NOT NULL ORDER BY title"
        )
        return [row[0] for row in rows]

    def mark_unpublished(self, titles: Iterable[str]) -> int:
        """The entries of these removed titles were dropped from the lexicon."""
        with self.transaction():
            cursor = self._db.executemany(
                "UPDATE pages SET parsed_sha1=NULL, parsed_revid=NULL, parsed_version=NULL, parsed_at=NULL"
                " WHERE title=? AND removed IS NOT NULL",
                [(title,) for title in titles],
            )
        return cursor.rowcount


def _filters(namespaces: Collection[int] | None, include_redirects: bool) -> tuple[str, list[Any]]:
    where = ["removed IS NULL"]
    params: list[Any] = []
    if namespaces is not None:
        nss = list(namespaces)
        where.append(f"ns IN ({','.join('?' * len(nss))})" if nss else "0")
        params.extend(nss)
    if not include_redirects:
        where.append("redirect_to IS NULL")
    return " AND ".join(where), params


def _page(row: Sequence[Any]) -> RawPage:
    title, ns, pageid, revid, timestamp, sha1, redirect_to, text = row
    return RawPage(
        title=title,
        text=text,
        ns=ns,
        pageid=pageid,
        revid=revid,
        timestamp=timestamp,
        sha1=sha1,
        redirect_to=redirect_to,
    )


def _status(row: Sequence[Any]) -> PageStatus:
    names = [name.strip() for name in _STATUS_COLUMNS.split(",")]
    return PageStatus(**dict(zip(names, row, strict=True)))
