"""DDL of the SQLite lexicon, shared by the writer (writer.py) and the reader (reader.py).

Kept apart from both so that reading a lexicon never pulls in writer code and the
schema has one home. `LEXICON_FORMAT` changes whenever this DDL changes; an existing
file with another format is refused rather than silently mixed.
"""

from __future__ import annotations

import re

LEXICON_FORMAT = "1"

# Page order is title order (code points, SQLite's BINARY collation, through the UNIQUE
# index on title): it does not depend on the order pages arrived in, so a lexicon built
# by many incremental refreshes reads back exactly like one built in a single run.
#
# List-valued columns (labels, tags, authors, ...) hold JSON arrays: they are only ever
# read whole, and datasette shows JSON nicely. Everything queried by value is a column.
DDL = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pages (
    id             INTEGER PRIMARY KEY,
    title          TEXT NOT NULL UNIQUE,
    ns             INTEGER NOT NULL DEFAULT 0,
    pageid         INTEGER,
    revid          INTEGER,
    timestamp      TEXT,
    sha1           TEXT,
    redirect_to    TEXT,
    parser_version TEXT NOT NULL,
    status         TEXT NOT NULL,
    n_entries      INTEGER NOT NULL,
    n_diagnostics  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS entries (
    id               INTEGER PRIMARY KEY,
    page_id          INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
    idx              INTEGER NOT NULL,
    word             TEXT NOT NULL,
    lang             TEXT NOT NULL,
    lang_code        TEXT NOT NULL,
    pos              TEXT NOT NULL,
    pos_title        TEXT NOT NULL,
    etymology_number INTEGER,
    etymology_text   TEXT NOT NULL,
    usage_notes      TEXT NOT NULL,
    hyphenation      TEXT NOT NULL,
    categories       TEXT NOT NULL,
    head_templates   TEXT NOT NULL,
    etymology_templates TEXT NOT NULL,
    data             TEXT NOT NULL,
    UNIQUE (page_id, idx)
);
CREATE INDEX IF NOT EXISTS entries_word ON entries(word);
CREATE INDEX IF NOT EXISTS entries_word_nocase ON entries(word COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS entries_lang_pos ON entries(lang_code, pos);
CREATE TABLE IF NOT EXISTS senses (
    id         INTEGER PRIMARY KEY,
    entry_id   INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    parent_id  INTEGER REFERENCES senses(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    depth      INTEGER NOT NULL,
    sense_key  TEXT NOT NULL,
    senseid    TEXT,
    gloss      TEXT NOT NULL,
    raw_gloss  TEXT NOT NULL,
    labels     TEXT NOT NULL,
    tags       TEXT NOT NULL,
    qualifiers TEXT NOT NULL,
    form_of    TEXT NOT NULL,
    categories TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS senses_entry ON senses(entry_id);
CREATE INDEX IF NOT EXISTS senses_parent ON senses(parent_id);
CREATE TABLE IF NOT EXISTS examples (
    id          INTEGER PRIMARY KEY,
    sense_id    INTEGER NOT NULL REFERENCES senses(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    translation TEXT,
    roman       TEXT
);
CREATE INDEX IF NOT EXISTS examples_sense ON examples(sense_id);
CREATE TABLE IF NOT EXISTS quotations (
    id          INTEGER PRIMARY KEY,
    sense_id    INTEGER NOT NULL REFERENCES senses(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    translation TEXT,
    ref         TEXT NOT NULL,
    year        TEXT,
    date        TEXT,
    authors     TEXT NOT NULL,
    title       TEXT,
    work        TEXT,
    kind        TEXT,
    publisher   TEXT,
    location    TEXT,
    volume      TEXT,
    issue       TEXT,
    page        TEXT,
    chapter     TEXT,
    url         TEXT,
    template    TEXT
);
CREATE INDEX IF NOT EXISTS quotations_sense ON quotations(sense_id);
CREATE TABLE IF NOT EXISTS forms (
    id       INTEGER PRIMARY KEY,
    entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,
    form     TEXT NOT NULL,
    tags     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS forms_entry ON forms(entry_id);
CREATE INDEX IF NOT EXISTS forms_form ON forms(form);
CREATE TABLE IF NOT EXISTS sounds (
    id        INTEGER PRIMARY KEY,
    entry_id  INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    ipa       TEXT,
    enpr      TEXT,
    audio     TEXT,
    rhymes    TEXT,
    homophone TEXT,
    tags      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sounds_entry ON sounds(entry_id);
CREATE TABLE IF NOT EXISTS relations (
    id         INTEGER PRIMARY KEY,
    entry_id   INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    sense_id   INTEGER REFERENCES senses(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    idx        INTEGER NOT NULL,
    word       TEXT NOT NULL,
    sense      TEXT,
    qualifiers TEXT NOT NULL,
    tags       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS relations_entry ON relations(entry_id);
CREATE INDEX IF NOT EXISTS relations_sense ON relations(sense_id);
CREATE INDEX IF NOT EXISTS relations_word ON relations(word);
CREATE TABLE IF NOT EXISTS translations (
    id        INTEGER PRIMARY KEY,
    entry_id  INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    sense     TEXT,
    lang      TEXT NOT NULL,
    lang_code TEXT NOT NULL,
    word      TEXT NOT NULL,
    tags      TEXT NOT NULL,
    roman     TEXT
);
CREATE INDEX IF NOT EXISTS translations_entry ON translations(entry_id);
CREATE INDEX IF NOT EXISTS translations_lang_word ON translations(lang_code, word);
CREATE TABLE IF NOT EXISTS diagnostics (
    id       INTEGER PRIMARY KEY,
    page_id  INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
    idx      INTEGER NOT NULL,
    severity TEXT NOT NULL,
    section  TEXT NOT NULL,
    template TEXT NOT NULL,
    message  TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS diagnostics_page ON diagnostics(page_id);
-- The other pages of the source a page's entries were made with (its translations
-- subpage, a thesaurus page, RQ template pages) and their sha1 then ('' when absent):
-- a refresh parses the page again when one of them has changed.
CREATE TABLE IF NOT EXISTS dependencies (
    id         INTEGER PRIMARY KEY,
    page_id    INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
    dependency TEXT NOT NULL,
    sha1       TEXT NOT NULL,
    UNIQUE (page_id, dependency)
);
-- Full-text search: glosses (rowid = senses.id) and page titles by trigram
-- (rowid = pages.id) for "did you mean" suggestions.
CREATE VIRTUAL TABLE IF NOT EXISTS glosses_fts USING fts5(
    word, gloss, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE IF NOT EXISTS titles_fts USING fts5(title, tokenize = 'trigram');
"""

#: Secondary (non-unique) indexes: a first build may create them after loading, which
#: sorts once instead of inserting into every B-tree row by row.
SECONDARY_INDEXES = tuple(re.findall(r"CREATE INDEX IF NOT EXISTS (\w+)", DDL))

#: The normalised tables, for counts and stats.
TABLES = (
    "pages",
    "entries",
    "senses",
    "examples",
    "quotations",
    "forms",
    "sounds",
    "relations",
    "translations",
    "diagnostics",
    "dependencies",
)
