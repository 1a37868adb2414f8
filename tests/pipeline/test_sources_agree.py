"""`wiktlex parse DIR` and `wiktlex refresh --source DIR` read the same pages (one open_source)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from wiktlex.cli import cli
from wiktlex.lexicon import open_lexicon

PAGE = "==English==\n===Noun===\n{{{{en-noun}}}}\n# A {word}.\n"


def page_dir(root: Path) -> Path:
    """Pages at two depths, a companion file, a file that is not a page, one not UTF-8."""
    pages = root / "pages"
    (pages / "more" / "deeper").mkdir(parents=True)
    for rel, title in [("cat", "cat"), ("more/AC%2FDC", "AC/DC"), ("more/deeper/100%25", "100%")]:
        (pages / f"{rel}.wikitext").write_text(PAGE.format(word=title), encoding="utf-8")
    (pages / "cat.expected.json").write_text("[]", encoding="utf-8")
    (pages / "README.txt").write_text("how these pages were chosen", encoding="utf-8")
    (pages / "more" / "latin.wikitext").write_bytes("==English==\n# caf\xe9".encode("latin-1"))
    return pages


def test_parse_and_refresh_of_a_directory_agree(tmp_path: Path) -> None:
    pages = page_dir(tmp_path)
    parsed = CliRunner().invoke(cli, ["parse", str(pages)])
    assert parsed.exit_code == 0, parsed.output
    words = [json.loads(line)["word"] for line in parsed.stdout.splitlines()]
    assert words == ["cat", "AC/DC", "100%"]
    assert "README.txt" in parsed.stderr and "not a page" in parsed.stderr
    assert "latin.wikitext: not UTF-8" in parsed.stderr

    db = tmp_path / "lex.sqlite"
    refreshed = CliRunner().invoke(cli, ["refresh", "--source", str(pages), "--db", str(db),
                                         "--progress", "log", "--workers", "1"])
    assert refreshed.exit_code == 0, refreshed.output
    # README.txt is not a page (a warning, told in the run's log); latin.wikitext is a page
    # that could not be read: the one unreadable.
    assert "pages read    3 (3 new or changed, 1 unreadable)" in refreshed.stdout
    assert "README.txt: " in refreshed.stderr and "not a page" in refreshed.stderr
    with open_lexicon(db) as lexicon:
        assert sorted(info.title for info, _ in lexicon.iter_pages()) == sorted(words)
        assert [e.word for _, entries in lexicon.iter_pages() for e in entries] == sorted(words)


def test_a_file_that_is_neither_page_nor_dump_is_refused_alike(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("just text\n", encoding="utf-8")
    parsed = CliRunner().invoke(cli, ["parse", str(notes)])
    assert parsed.exit_code == 2 and parsed.stdout == ""
    assert parsed.stderr.strip().count("\n") == 0 and f"not a source: {notes}" in parsed.stderr
    refreshed = CliRunner().invoke(cli, ["refresh", "--source", str(notes), "--db",
                                         str(tmp_path / "lex.sqlite"), "--progress", "none"])
    assert refreshed.exit_code == 1
    assert refreshed.stderr.strip() == f"error: not a source: {notes} (a source is a directory of " \
        ".wikitext pages, a .wikitext file, an XML dump (plain, .gz or .bz2) or 'api')"
    assert not (tmp_path / "lex.sqlite").exists()
