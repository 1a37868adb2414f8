"""Pages replaced and removed inside one writer transaction keep the lexicon consistent.

A refresh commits hundreds of pages at once, some of them replacing pages written
earlier in the same transaction; every reference (entry → page, sense → entry,
sub-sense → sense, gloss index → sense) must still point at the right row.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

from wiktlex.lexicon import LexiconWriter, open_lexicon
from wiktlex.lexicon.schema import SECONDARY_INDEXES
from wiktlex.model import ExportPage


def test_references_hold_through_replacements_in_one_transaction(
    tmp_path: Path, make_page: Callable[..., ExportPage]
) -> None:
    db = tmp_path / "lex.sqlite"
    with LexiconWriter(db, commit_every=1000) as ex:  # everything in one transaction
        for title in ["alpha", "beta", "gamma"]:
            ex.export(make_page(title))
        ex.export(make_page("gamma", revid=2, gloss="a changed thing"))  # its rows were the newest
        ex.export(make_page("beta", revid=2, gloss="a reworded thing"))
        ex.remove("alpha")
        ex.export(make_page("delta"))
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        indexed = conn.execute(
            "SELECT f.gloss, s.gloss, e.word FROM glosses_fts f "
            "JOIN senses s ON s.id = f.rowid JOIN entries e ON e.id = s.entry_id"
        ).fetchall()
        assert len(indexed) == conn.execute("SELECT COUNT(*) FROM senses WHERE gloss != ''").fetchone()[0]
        assert all(fts_gloss == gloss for fts_gloss, gloss, _ in indexed)
        orphans = conn.execute(
            "SELECT COUNT(*) FROM senses s LEFT JOIN senses p ON p.id = s.parent_id "
            "WHERE s.parent_id IS NOT NULL AND p.entry_id IS NOT s.entry_id"
        ).fetchone()[0]
        assert orphans == 0  # a sub-sense hangs under a sense of its own entry
    with open_lexicon(db) as lexicon:
        assert {w for w, _ in lexicon.search_glosses("changed")} == {"gamma"}
        assert {w for w, _ in lexicon.search_glosses("reworded")} == {"beta"}
        assert lexicon.entries("gamma") == make_page("gamma", revid=2, gloss="a changed thing").entries
        assert lexicon.entries("alpha") == []



def indexes(db: Path) -> set[str]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def test_a_first_build_indexes_at_the_end_and_a_later_one_keeps_its_indexes(
    tmp_path: Path, make_page: Callable[..., ExportPage]
) -> None:
    db = tmp_path / "lex.sqlite"
    ex = LexiconWriter(db)
    ex.start()
    assert ex.defer_indexes()
    ex.export(make_page("alpha"))
    ex.commit()
    assert not indexes(db) & set(SECONDARY_INDEXES)
    ex.finish()
    assert indexes(db) >= set(SECONDARY_INDEXES)
    with LexiconWriter(db) as again:
        assert not again.defer_indexes()  # it has pages: replacing them deletes via indexes
        again.export(make_page("alpha", revid=2))
    assert indexes(db) >= set(SECONDARY_INDEXES)
