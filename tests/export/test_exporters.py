"""One test class run against every exporter of the name → class map."""

from __future__ import annotations

import errno
import gzip
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from wiktlex.export import EXPORTERS, Exporter, ExportError, exporter_class, make_exporter
from wiktlex.export.lines import LineFileExporter
from wiktlex.lexicon import LexiconWriter, open_lexicon
from wiktlex.model import ExportPage, json_schema

SUFFIX = {"jsonl": ".jsonl", "kaikki": ".jsonl", "sqlite": ".sqlite"}


def read_back(name: str, path: Path) -> list[tuple[str, str, str]]:
    """(word, lang, first gloss) of every entry, in output order, whatever the format."""
    if name == "sqlite":
        with open_lexicon(path) as lx:
            return [
                (e.word, e.lang, e.senses[0].gloss if e.senses else "")
                for _, entries in lx.iter_pages()
                for e in entries
            ]
    opener: Callable[..., Any] = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    if name == "kaikki":
        return [(r["word"], r["lang"], r["senses"][0].get("glosses", [""])[-1]) for r in rows]
    return [(r["word"], r["lang"], r["senses"][0]["gloss"] if r["senses"] else "") for r in rows]


def snapshot(path: Path) -> bytes:
    return path.read_bytes() if path.exists() else b""


@pytest.fixture(params=sorted(EXPORTERS))
def name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def out(tmp_path: Path, name: str) -> Path:
    return tmp_path / f"out{SUFFIX[name]}"


def run(name: str, path: Path, pages: list[ExportPage]) -> Exporter:
    with make_exporter(name, path) as ex:
        ex.export_all(pages)
    return ex


class TestEveryExporter:
    def test_entries_in_page_order(self, name: str, out: Path, pages: list[ExportPage]) -> None:
        ex = run(name, out, pages)
        rows = read_back(name, out)
        expected = [(e.word, e.lang, e.senses[0].gloss) for p in pages for e in p.entries]
        assert rows == expected
        assert ex.pages == len(pages)
        assert ex.entries == len(expected)

    def test_replaced_page_keeps_its_place(
        self, name: str, out: Path, make_page: Callable[..., ExportPage]
    ) -> None:
        run(name, out, [make_page("a"), make_page("b"), make_page("a", revid=2, n=1, gloss="new")])
        assert read_back(name, out) == [
            ("a", "English", "new"), ("b", "English", "a thing"), ("b", "French", "faire")
        ]

    def test_removed_page_is_gone(
        self, name: str, out: Path, make_page: Callable[..., ExportPage]
    ) -> None:
        with make_exporter(name, out) as ex:
            ex.export_all([make_page("a"), make_page("b", n=1)])
            ex.remove("a")
            ex.remove("never-seen")
        assert read_back(name, out) == [("b", "English", "a thing")]

    def test_same_input_same_bytes(self, name: str, tmp_path: Path, pages: list[ExportPage]) -> None:
        a, b = tmp_path / f"a{SUFFIX[name]}", tmp_path / f"b{SUFFIX[name]}"
        run(name, a, pages)
        run(name, b, pages)
        if name == "sqlite":
            assert read_back(name, a) == read_back(name, b)
        else:
            assert a.read_bytes() == b.read_bytes()

    def test_abort_keeps_previous_output(self, name: str, out: Path, pages: list[ExportPage]) -> None:
        run(name, out, pages[:1])
        before = read_back(name, out)
        with pytest.raises(RuntimeError), make_exporter(name, out) as ex:
            ex.export_all(pages[1:])
            raise RuntimeError("killed")
        assert read_back(name, out) == before
        assert not [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]

    @pytest.mark.parametrize("where", ["missing-dir/x", "is-a-dir", "a-file/x"])
    def test_unwritable_path_is_one_line_error(self, name: str, tmp_path: Path, where: str) -> None:
        (tmp_path / "is-a-dir").mkdir()
        (tmp_path / "a-file").write_text("keep me")
        with pytest.raises(ExportError) as err:
            make_exporter(name, tmp_path / where).start()
        assert "\n" not in str(err.value)
        assert str(tmp_path) in str(err.value)
        assert (tmp_path / "a-file").read_text() == "keep me"

    def test_full_disk_loses_nothing_already_written(
        self, name: str, out: Path, pages: list[ExportPage]
    ) -> None:
        run(name, out, pages[:1])
        before, before_rows = snapshot(out), read_back(name, out)
        ex = make_exporter(name, out)
        ex.start()
        fill_disk(ex)
        with pytest.raises(ExportError) as err:
            for _ in range(50):
                ex.export_all(pages)
            ex.finish()
        ex.abort()
        assert "full" in str(err.value).lower()
        assert "\n" not in str(err.value)
        assert read_back(name, out)[: len(before_rows)] == before_rows
        if name != "sqlite":
            assert snapshot(out) == before


def fill_disk(ex: Exporter) -> None:
    """Make the next writes fail the way a full disk does."""
    if isinstance(ex, LexiconWriter):
        conn = ex._conn
        assert conn is not None
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 2}")
        return
    assert isinstance(ex, LineFileExporter)

    class FullDisk:
        def __init__(self, real: Any) -> None:
            self.real = real

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, attr: str) -> Any:
            return getattr(self.real, attr)

    ex._spool = FullDisk(ex._spool)  # type: ignore[assignment]


def test_unknown_exporter_fails_loudly() -> None:
    with pytest.raises(KeyError, match=r"unknown exporter 'xml'.*jsonl"):
        exporter_class("xml")


def test_names_match_classes() -> None:
    assert set(EXPORTERS) >= {"jsonl", "sqlite", "kaikki"}
    assert all(cls.name == key for key, cls in EXPORTERS.items())


def test_jsonl_validates_against_schema(tmp_path: Path, pages: list[ExportPage]) -> None:
    out = tmp_path / "x.jsonl.gz"
    run("jsonl", out, pages)
    validator = jsonschema.Draft202012Validator(json_schema())
    with gzip.open(out, "rt", encoding="utf-8") as f:
        for line in f:
            validator.validate(json.loads(line))


def test_gzip_is_deterministic(tmp_path: Path, pages: list[ExportPage]) -> None:
    run("jsonl", tmp_path / "a.jsonl.gz", pages)
    run("jsonl", tmp_path / "b.jsonl.gz", pages)
    assert (tmp_path / "a.jsonl.gz").read_bytes() == (tmp_path / "b.jsonl.gz").read_bytes()


def test_flat_jsonl_has_no_subsenses(tmp_path: Path, pages: list[ExportPage]) -> None:
    out = tmp_path / "flat.jsonl"
    with make_exporter("jsonl", out, flat=True) as ex:
        ex.export_all(pages)
    first = json.loads(out.read_text().splitlines()[0])
    assert [s["id"] for s in first["senses"]] == ["1", "1.1", "2"]
    assert all(s["subsenses"] == [] for s in first["senses"])


def test_corrupt_database_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "lexicon.sqlite"
    db.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ExportError, match="not a usable lexicon"):
        LexiconWriter(db).start()
    assert db.read_bytes() == b"this is not sqlite" * 100


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "other.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE t (x)")
    with pytest.raises(ExportError, match="not a wiktlex lexicon"):
        LexiconWriter(db).start()


def test_temp_files_of_killed_runs_are_cleaned_up(tmp_path: Path, pages: list[ExportPage]) -> None:
    dead = tmp_path / ".out.jsonl.999999999.abc.tmp"
    alive = tmp_path / f".out.jsonl.{os.getpid()}.abc.tmp"
    dead.write_text("left by a killed run")
    alive.write_text("another run, still going")
    run("jsonl", tmp_path / "out.jsonl", pages)
    assert not dead.exists() and alive.exists()
