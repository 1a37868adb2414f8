"""open_source: the one decision of what a path or `api` is, on real files of each kind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wiktlex.ingest.errors import IngestError
from wiktlex.ingest.sources import (
    ApiOptions,
    ApiSource,
    DirectorySource,
    DumpSource,
    FileSource,
    SourceError,
    SourceNotFound,
    open_page_source,
    open_source,
)
from wiktlex.model import Diagnostic

PAGE = "==English==\n===Noun===\n# A thing.\n"


def titles(source: object, diagnostics: list[Diagnostic] | None = None) -> list[str]:
    assert isinstance(source, DirectorySource | FileSource | DumpSource)
    return [p.title for p in source.pages(on_diagnostic=None if diagnostics is None else diagnostics.append)]


@pytest.mark.parametrize("name", ["small.xml", "small.xml.gz", "small.xml.bz2", "export-0.3.xml"])
def test_dumps_plain_gzip_and_bzip2(dumps_dir: Path, name: str) -> None:
    source = open_source(dumps_dir / name)
    assert isinstance(source, DumpSource) and source.kind == "dump" and source.index is None
    assert source.key == f"dump:{(dumps_dir / name).resolve()}"
    assert titles(source)


def test_a_dump_is_known_by_its_bytes_not_its_name(dumps_dir: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "download"
    shutil.copy(dumps_dir / "small.xml.bz2", renamed)
    source = open_source(renamed)
    assert isinstance(source, DumpSource)
    assert titles(source) == titles(open_source(dumps_dir / "small.xml.bz2"))


def test_a_multistream_dump_with_its_index(dumps_dir: Path, tmp_path: Path) -> None:
    source = open_source(dumps_dir / "small-multistream.xml.bz2")
    assert isinstance(source, DumpSource) and source.kind == "multistream"
    assert source.index == dumps_dir / "small-multistream-index.txt.bz2"
    alone = tmp_path / "small-multistream.xml.bz2"
    shutil.copy(dumps_dir / "small-multistream.xml.bz2", alone)
    assert open_source(alone).kind == "dump"  # without its index: a plain bzip2 dump


def test_a_wikitext_file_is_one_page_titled_by_the_codec(tmp_path: Path) -> None:
    path = tmp_path / "Appendix:Foo%2Fbar%25.wikitext"
    path.write_text(PAGE, encoding="utf-8")
    source = open_source(path)
    assert isinstance(source, FileSource) and source.kind == "file"
    assert titles(source) == ["Appendix:Foo/bar%"]


def test_a_wikitext_file_that_is_not_utf8_is_a_source_error(tmp_path: Path) -> None:
    path = tmp_path / "latin.wikitext"
    path.write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(SourceError, match=r"latin.wikitext: not UTF-8"):
        titles(open_source(path))


def test_a_directory_recurses_and_names_what_is_not_a_page(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "b.wikitext").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.expected.json").write_text("[]", encoding="utf-8")  # b's companions
    (tmp_path / "b.meta.json").write_text("{}", encoding="utf-8")
    (tmp_path / "orphan.meta.json").write_text("{}", encoding="utf-8")  # no page beside it
    (tmp_path / "sub" / "a%2Fz.wikitext").write_text(PAGE, encoding="utf-8")
    (tmp_path / "sub" / "deeper" / "c.wikitext").write_text(PAGE, encoding="utf-8")
    (tmp_path / "sub" / "broken.wikitext").write_bytes(b"\xff not utf-8")
    (tmp_path / "notes.txt").write_text("not a page", encoding="utf-8")
    (tmp_path / ".hidden.wikitext").write_text(PAGE, encoding="utf-8")
    (tmp_path / ".git" / "x.wikitext").write_text(PAGE, encoding="utf-8")
    source = open_source(tmp_path)
    assert isinstance(source, DirectorySource) and source.kind == "dir"
    diagnostics: list[Diagnostic] = []
    assert titles(source, diagnostics) == ["b", "a/z", "c"]  # path order: b, sub/a%2Fz, sub/deeper/c
    assert sorted((d.page, d.severity) for d in diagnostics) == [
        ("broken", "error"), ("notes.txt", "warning"), ("orphan.meta.json", "warning"),
    ]
    assert all(str(tmp_path) in d.message for d in diagnostics)


def test_api_is_the_word_api_with_its_options() -> None:
    source = open_source("api", api=ApiOptions(url="http://127.0.0.1:1/api.php", since="2024-01-01"))
    assert isinstance(source, ApiSource) and source.kind == "api"
    assert source.key == "http://127.0.0.1:1/api.php" and source.options.since == "2024-01-01"
    assert open_source("api").key == ApiOptions().url
    with pytest.raises(SourceError, match="use `wiktlex fetch` or `wiktlex refresh`"):
        open_page_source("api")


@pytest.mark.parametrize(
    ("spec", "says"),
    [
        ("missing.xml", "source not found: {tmp}/missing.xml"),
        ("notes.txt", "not a source: {tmp}/notes.txt (a source is a directory of .wikitext pages"),
        ("empty", "not a source: {tmp}/empty"),
        ("https://en.wiktionary.org/w/api.php", "not a source: https://en.wiktionary.org/w/api.php (for a wiki's API"),
    ],
)
def test_bad_specs_are_one_line_errors(tmp_path: Path, spec: str, says: str) -> None:
    (tmp_path / "notes.txt").write_text("just text\n", encoding="utf-8")
    (tmp_path / "empty").write_bytes(b"")
    full = spec if "://" in spec else str(tmp_path / spec)
    with pytest.raises(SourceError) as raised:
        open_source(full)
    message = str(raised.value)
    assert message.startswith(says.format(tmp=tmp_path)) and "\n" not in message
    assert isinstance(raised.value, IngestError)  # what the refresh command reports in one line
    if spec == "missing.xml":
        assert isinstance(raised.value, SourceNotFound) and raised.value.path == full
