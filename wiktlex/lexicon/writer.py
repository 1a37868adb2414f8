"""The SQLite lexicon writer: normalised tables plus each entry's full JSON.

The lexicon file is also the pipeline's memory: `pages` records the revision, content
hash and parser version each page was parsed from, so a refresh parses only what
changed and a killed refresh resumes where its last commit ended. A page's rows are
deleted and re-inserted inside one transaction (several pages may share one, for
speed); a crash rolls back whole pages, never half of one.

The read API lives in `reader.py`.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any

import msgspec

from wiktlex.lexicon.reader import LexiconError
from wiktlex.lexicon.schema import DDL, LEXICON_FORMAT, SECONDARY_INDEXES
from wiktlex.model import (
    SCHEMA_VERSION,
    Entry,
    Exporter,
    ExportError,
    ExportPage,
    Relation,
    Sense,
    entry_to_json,
)

__all__ = ["LexiconWriter"]


_JSON = msgspec.json.Encoder()


def _j(value: Any) -> str:
    """Compact JSON of a small column value (lists of tags, labels…); most are empty."""
    return _JSON.encode(value).decode("utf-8") if value else "[]"


def _tags(items: list[Any]) -> str:
    """JSON of a list of Structs (form_of, head templates, …)."""
    return _j(items)


def _insert_rows(conn: sqlite3.Connection, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """executemany, skipped for no rows (most senses have no quotations, relations…)."""
    if rows:
        conn.executemany(sql, rows)


class LexiconWriter(Exporter):
    """Writes (or updates) a lexicon file. `commit_every` pages share a transaction."""

    name = "sqlite"
    suffixes = (".sqlite", ".sqlite3", ".db")

    def __init__(
        self, path: str | Path, parser_version: str = "", commit_every: int = 200
    ) -> None:
        super().__init__(path)
        self.parser_version = parser_version
        self.commit_every = max(1, commit_every)
        self._conn: sqlite3.Connection | None = None
        self._pending = 0

    # -- lifecycle -----------------------------------------------------------------
    def start(self) -> None:
        if self.path.is_dir():
            raise ExportError(f"cannot write {self.path}: it is a directory")
        if not self.path.parent.is_dir():
            raise ExportError(f"cannot write {self.path}: directory {self.path.parent} does not exist")
        try:
            conn = sqlite3.connect(self.path, isolation_level=None)
        except sqlite3.Error as exc:
            raise ExportError(f"cannot open {self.path}: {exc}") from None
        try:
            self._prepare(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            if "locked" in str(exc):  # a reader held it past the busy timeout: not corrupt
                raise ExportError(
                    f"cannot write {self.path}: another process is reading it (database is "
                    "locked); try again when that read ends"
                ) from None
            raise ExportError(f"{self.path} is not a usable lexicon: {exc}") from None
        except LexiconError as exc:
            conn.close()
            raise ExportError(str(exc)) from None
        self._conn = conn

    def _prepare(self, conn: sqlite3.Connection) -> None:
        """Check an existing file is a lexicon of our format, then create what is missing."""
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and "meta" not in tables:
            raise LexiconError(f"{self.path} is an SQLite file but not a wiktlex lexicon; refusing to touch it")
        if "meta" in tables:
            row = conn.execute("SELECT value FROM meta WHERE key='lexicon_format'").fetchone()
            if row is None or row[0] != LEXICON_FORMAT:
                found = row[0] if row else "none"
                raise LexiconError(
                    f"{self.path} has lexicon format {found}, expected {LEXICON_FORMAT}; "
                    "refresh into a new file"
                )
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.executescript(f"BEGIN; {DDL} COMMIT;")
        self._set_meta(conn, {
            "lexicon_format": LEXICON_FORMAT,
            "schema_version": SCHEMA_VERSION,
        })

    def _set_meta(self, conn: sqlite3.Connection, values: dict[str, str]) -> None:
        conn.executemany(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            sorted(values.items()),
        )

    def set_meta(self, **values: str) -> None:
        """Record run facts (parser version, last API timestamp, …) in `meta`."""
        conn = self._require()
        self._begin()
        self._set_meta(conn, values)

    def _require(self) -> sqlite3.Connection:
        if self._conn is None:
            raise RuntimeError("LexiconWriter.start() was not called")
        return self._conn

    def _begin(self) -> None:
        conn = self._require()
        if not conn.in_transaction:
            conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        """Make every page exported so far durable (the resume point)."""
        conn = self._require()
        if conn.in_transaction:
            try:
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self.abort()
                raise ExportError(f"cannot write {self.path}: {exc}") from None
        self._pending = 0

    def is_empty(self) -> bool:
        """No page stored yet: a first build."""
        return self._require().execute("SELECT 1 FROM pages LIMIT 1").fetchone() is None

    def defer_indexes(self) -> bool:
        """Before a first build: drop the secondary indexes, for `finish` to build at once.

        Only while the lexicon holds no page: replacing a page deletes through those
        indexes, so a lexicon with pages keeps them. Building an index from a full table
        is one sort; keeping it up to date row by row cost over a quarter of the writer's
        time on the corpus, and grows with the table. A run killed before `finish` leaves
        them missing until the next `start`, which creates whatever the schema lacks.
        """
        conn = self._require()
        self.commit()
        if not self.is_empty():
            return False
        conn.executescript("".join(f"DROP INDEX IF EXISTS {name};" for name in SECONDARY_INDEXES))
        return True

    def finish(self) -> None:
        conn = self._require()
        if self.parser_version:
            self.set_meta(parser_version=self.parser_version)
        self.commit()
        try:
            conn.executescript(f"BEGIN; {DDL} COMMIT;")  # indexes deferred by defer_indexes
            conn.execute("PRAGMA optimize")
            self._leave_wal(conn)
        except sqlite3.Error as exc:
            raise ExportError(f"cannot finish {self.path}: {exc}") from None
        finally:
            conn.close()
            self._conn = None

    @staticmethod
    def _leave_wal(conn: sqlite3.Connection) -> None:
        """Make the lexicon one self-contained file to ship, when nobody else has it open.

        Leaving WAL mode needs the file to itself. A reader (`wiktlex serve`, datasette)
        may hold it for as long as it likes, and everything is committed already, so the
        lexicon then simply stays in WAL mode rather than failing the refresh.
        """
        conn.execute("PRAGMA busy_timeout = 200")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # with readers: partial, not an error
        with contextlib.suppress(sqlite3.OperationalError):  # "database is locked"
            conn.execute("PRAGMA journal_mode = DELETE")

    def abort(self) -> None:
        """Roll back the open transaction; pages committed before stay."""
        if self._conn is not None:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            self._conn.close()
            self._conn = None

    # -- writing -------------------------------------------------------------------
    def export(self, page: ExportPage) -> None:
        conn = self._require()
        self._begin()
        try:
            conn.execute("SAVEPOINT page")
            page_id = self._replace_page_row(conn, page)
            for idx, entry in enumerate(page.entries):
                _EntryWriter(conn, page_id, idx, entry).write()
            _insert_rows(
                conn,
                "INSERT INTO diagnostics(page_id, idx, severity, section, template, message) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (page_id, i, d.severity, d.section, d.template, d.message)
                    for i, d in enumerate(page.diagnostics)
                ],
            )
            _insert_rows(
                conn,
                "INSERT INTO dependencies(page_id, dependency, sha1) VALUES (?, ?, ?)",
                [(page_id, title, sha1) for title, sha1 in sorted(page.dependencies.items())],
            )
            conn.execute("RELEASE page")
        except sqlite3.Error as exc:
            self._keep_earlier_pages()
            raise ExportError.cannot_write(self.path, exc) from None
        self.pages += 1
        self.entries += len(page.entries)
        self._pending += 1
        if self._pending >= self.commit_every:
            self.commit()

    def _replace_page_row(self, conn: sqlite3.Connection, page: ExportPage) -> int:
        """Clear the page's old rows and keep its id; or add it."""
        row = conn.execute("SELECT id FROM pages WHERE title = ?", (page.title,)).fetchone()
        values = (
            page.ns, page.pageid, page.revid, page.timestamp, page.sha1, page.redirect_to,
            page.parser_version, page.status, len(page.entries), len(page.diagnostics),
        )
        if row is not None:
            page_id: int = row[0]
            self._clear_page(conn, page_id)
            conn.execute(
                "UPDATE pages SET ns=?, pageid=?, revid=?, timestamp=?, sha1=?, redirect_to=?, "
                "parser_version=?, status=?, n_entries=?, n_diagnostics=? WHERE id=?",
                (*values, page_id),
            )
            return page_id
        cur = conn.execute(
            "INSERT INTO pages(title, ns, pageid, revid, timestamp, sha1, redirect_to, "
            "parser_version, status, n_entries, n_diagnostics) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (page.title, *values),
        )
        assert cur.lastrowid is not None
        conn.execute("INSERT INTO titles_fts(rowid, title) VALUES (?, ?)", (cur.lastrowid, page.title))
        return cur.lastrowid

    def _clear_page(self, conn: sqlite3.Connection, page_id: int) -> None:
        conn.execute(
            "DELETE FROM glosses_fts WHERE rowid IN (SELECT s.id FROM senses s "
            "JOIN entries e ON e.id = s.entry_id WHERE e.page_id = ?)",
            (page_id,),
        )
        conn.execute("DELETE FROM entries WHERE page_id = ?", (page_id,))  # cascades
        conn.execute("DELETE FROM diagnostics WHERE page_id = ?", (page_id,))
        conn.execute("DELETE FROM dependencies WHERE page_id = ?", (page_id,))

    def _keep_earlier_pages(self) -> None:
        """After a failed page: drop only it, try to commit the pages before it, close."""
        conn = self._require()
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK TO page")
            conn.execute("RELEASE page")
            conn.execute("COMMIT")
        self.abort()

    def remove(self, title: str) -> None:
        conn = self._require()
        row = conn.execute("SELECT id FROM pages WHERE title = ?", (title,)).fetchone()
        if row is None:
            return
        self._begin()
        self._clear_page(conn, row[0])
        conn.execute("DELETE FROM titles_fts WHERE rowid = ?", (row[0],))
        conn.execute("DELETE FROM pages WHERE id = ?", (row[0],))
        self._pending += 1


class _EntryWriter:
    """Inserts one entry and its children; one small method per table."""

    def __init__(self, conn: sqlite3.Connection, page_id: int, idx: int, entry: Entry) -> None:
        self.conn = conn
        self.page_id = page_id
        self.idx = idx
        self.entry = entry
        self.entry_id = 0
        self.sense_idx = 0

    def write(self) -> None:
        e = self.entry
        cur = self.conn.execute(
            "INSERT INTO entries(page_id, idx, word, lang, lang_code, pos, pos_title, "
            "etymology_number, etymology_text, usage_notes, hyphenation, categories, "
            "head_templates, etymology_templates, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self.page_id, self.idx, e.word, e.lang, e.lang_code, e.pos, e.pos_title,
                e.etymology_number, e.etymology_text, e.usage_notes, _j(e.hyphenation),
                _j(e.categories), _tags(e.head_templates), _tags(e.etymology_templates),
                entry_to_json(e).decode("utf-8"),
            ),
        )
        assert cur.lastrowid is not None
        self.entry_id = cur.lastrowid
        for sense in e.senses:
            self._sense(sense, None, 0)
        self._forms()
        self._sounds()
        self._relations()
        self._translations()

    def _sense(self, s: Sense, parent: int | None, depth: int) -> None:
        cur = self.conn.execute(
            "INSERT INTO senses(entry_id, parent_id, idx, depth, sense_key, senseid, gloss, "
            "raw_gloss, labels, tags, qualifiers, form_of, categories) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self.entry_id, parent, self.sense_idx, depth, s.id, s.senseid, s.gloss,
                s.raw_gloss, _j(s.labels), _j(s.tags), _j(s.qualifiers), _tags(s.form_of),
                _j(s.categories),
            ),
        )
        self.sense_idx += 1
        sense_id = cur.lastrowid
        assert sense_id is not None
        if s.gloss:
            self.conn.execute(
                "INSERT INTO glosses_fts(rowid, word, gloss) VALUES (?, ?, ?)",
                (sense_id, self.entry.word, s.gloss),
            )
        _insert_rows(
            self.conn,
            "INSERT INTO examples(sense_id, idx, text, translation, roman) VALUES (?, ?, ?, ?, ?)",
            [(sense_id, i, x.text, x.translation, x.roman) for i, x in enumerate(s.examples)],
        )
        _insert_rows(
            self.conn,
            "INSERT INTO quotations(sense_id, idx, text, translation, ref, year, date, authors, "
            "title, work, kind, publisher, location, volume, issue, page, chapter, url, template) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    sense_id, i, q.text, q.translation, q.ref, q.year, q.date, _j(q.authors),
                    q.title, q.work, q.kind, q.publisher, q.location, q.volume, q.issue,
                    q.page, q.chapter, q.url, q.template,
                )
                for i, q in enumerate(s.quotations)
            ],
        )
        self._relation_rows("synonyms", s.synonyms, sense_id)
        self._relation_rows("antonyms", s.antonyms, sense_id)
        for sub in s.subsenses:
            self._sense(sub, sense_id, depth + 1)

    def _forms(self) -> None:
        _insert_rows(
            self.conn,
            "INSERT INTO forms(entry_id, idx, form, tags) VALUES (?, ?, ?, ?)",
            [(self.entry_id, i, f.form, _j(f.tags)) for i, f in enumerate(self.entry.forms)],
        )

    def _sounds(self) -> None:
        _insert_rows(
            self.conn,
            "INSERT INTO sounds(entry_id, idx, ipa, enpr, audio, rhymes, homophone, tags) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (self.entry_id, i, s.ipa, s.enpr, s.audio, s.rhymes, s.homophone, _j(s.tags))
                for i, s in enumerate(self.entry.sounds)
            ],
        )

    def _relations(self) -> None:
        for kind, rels in self.entry.relations.items():
            self._relation_rows(kind, rels, None)
        self._relation_rows("alternative_forms", self.entry.alternative_forms, None)

    def _relation_rows(self, kind: str, rels: list[Relation], sense_id: int | None) -> None:
        _insert_rows(
            self.conn,
            "INSERT INTO relations(entry_id, sense_id, kind, idx, word, sense, qualifiers, tags) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (self.entry_id, sense_id, kind, i, r.word, r.sense, _j(r.qualifiers), _j(r.tags))
                for i, r in enumerate(rels)
            ],
        )

    def _translations(self) -> None:
        _insert_rows(
            self.conn,
            "INSERT INTO translations(entry_id, idx, sense, lang, lang_code, word, tags, roman) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (self.entry_id, i, t.sense, t.lang, t.lang_code, t.word, _j(t.tags), t.roman)
                for i, t in enumerate(self.entry.translations)
            ],
        )
