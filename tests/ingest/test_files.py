"""Pages from .wikitext files: titles from file names, ns from the title, text as is."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from wiktlex.ingest.files import (
    filename_for_title,
    read_file,
    read_files,
    stem_for_title,
    title_from_filename,
    title_from_stem,
)
from wiktlex.model import Diagnostic


def test_titles_from_file_names() -> None:
    assert title_from_filename("Appendix:Lojban%2Fbongu.wikitext") == "Appendix:Lojban/bongu"
    assert title_from_filename("100%25.wikitext") == "100%"
    assert title_from_filename("%252F.wikitext") == "%2F"  # one pass: %25 then 2F stays
    assert title_from_filename("it's a dog's life.wikitext") == "it's a dog's life"
    assert title_from_filename("水.wikitext") == "水"


@settings(max_examples=50)
@given(st.text(alphabet="a/%25Ff: 水", min_size=1))
def test_file_names_round_trip(title: str) -> None:
    assert title_from_filename(filename_for_title(title)) == title


@given(st.text(min_size=1))
def test_any_title_is_one_file_name_and_comes_back(title: str) -> None:
    stem = stem_for_title(title)
    assert "/" not in stem
    assert title_from_stem(stem) == title
    assert title_from_filename(filename_for_title(title)) == title


def test_only_2f_and_25_are_escapes() -> None:
    """Any other `%XX` is part of the title as written (no `unquote`)."""
    assert title_from_stem("Appendix%3AFoo") == "Appendix%3AFoo"
    assert title_from_stem("a%2fb") == "a/b"  # either case of the hex digits
    assert stem_for_title("50%3A/x") == "50%253A%2Fx"


def test_read_files_of_a_directory(tmp_path: Path) -> None:
    (tmp_path / "AC%2FDC.wikitext").write_text("==English==\n", "utf-8")
    (tmp_path / "Wiktionary:About.wikitext").write_text("About\n", "utf-8")
    (tmp_path / "colour.wikitext").write_bytes(b"#REDIRECT [[color]]\r\n")
    (tmp_path / "broken.wikitext").write_bytes(b"\xff\xfe not utf-8")
    (tmp_path / "notes.txt").write_text("ignored", "utf-8")
    diagnostics: list[Diagnostic] = []
    pages = list(read_files(tmp_path, on_diagnostic=diagnostics.append))
    assert [(p.title, p.ns, p.redirect_to) for p in pages] == [
        ("AC/DC", 0, None),
        ("Wiktionary:About", 4, None),
        ("colour", 0, "color"),
    ]
    assert pages[2].text == "#REDIRECT [[color]]\r\n"  # byte for byte
    assert pages[0].sha1 == hashlib.sha1(b"==English==\n").hexdigest()
    assert [d.page for d in diagnostics] == ["broken"] and "broken.wikitext" in diagnostics[
        0
    ].message


def test_read_file_and_recursive(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deep.wikitext").write_text("x", "utf-8")
    assert [p.title for p in read_files(tmp_path)] == []
    assert [p.title for p in read_files(tmp_path, recursive=True)] == ["deep"]
    assert read_file(tmp_path / "sub" / "deep.wikitext", title="Other").title == "Other"


def test_fixture_pages_directory(dumps_dir: Path) -> None:
    pages = list(read_files(dumps_dir.parent / "pages"))
    assert pages and all(p.text for p in pages if p.title != "empty")


def test_corpus_files_match_index(corpus: Path) -> None:
    with (corpus / "index.tsv").open(encoding="utf-8", newline="") as handle:
        rows = [
            r
            for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            if r["file"].startswith(("pages/", "other_ns/"))
        ]
    pages = {p.title: p for p in read_files([corpus / "pages", corpus / "other_ns"])}
    assert len(pages) == len(rows)
    for row in rows:
        page = pages[row["title"]]
        if row["ns"] != "-1":  # -1: the index does not know; the prefix still names one
            assert page.ns == int(row["ns"]), row["title"]
        else:
            assert page.ns > 0, row["title"]
        assert (page.redirect_to is not None) == (row["redirect"] == "1"), row["title"]
        assert page.sha1 == row["sha1"]
