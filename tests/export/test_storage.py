"""Every file wiktlex writes: whole or not at all, with the mode the umask asks for."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from wiktlex.export import EXPORTERS, FORMATS, storage
from wiktlex.fixtures import update
from wiktlex.model import ExportPage


@pytest.fixture
def umask_022() -> Iterator[None]:
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_umask_is_read_without_changing_it(umask_022: None) -> None:
    assert storage.umask() == 0o022
    os.umask(0o027)
    assert storage.umask() == 0o027


@pytest.mark.parametrize("name", sorted(FORMATS))
@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_file_formats_are_written_0644_under_umask_022(
    umask_022: None, tmp_path: Path, pages: list[ExportPage], name: str, suffix: str
) -> None:
    """Not mkstemp's 0600 (issue #13): the file is for other users and programs too,
    both when the spool is renamed as it is and when it is copied (gzip)."""
    out = tmp_path / f"out{suffix}"
    with EXPORTERS[name](out) as ex:
        ex.export_all(pages)
    assert mode(out) == 0o644


def test_the_lexicon_is_0644_under_umask_022(
    umask_022: None, tmp_path: Path, pages: list[ExportPage]
) -> None:
    with EXPORTERS["sqlite"](tmp_path / "lex.sqlite") as ex:
        ex.export_all(pages)
    assert mode(tmp_path / "lex.sqlite") == 0o644


def test_a_replaced_file_keeps_its_mode_and_a_stricter_umask_is_respected(tmp_path: Path) -> None:
    kept = tmp_path / "private.jsonl"
    kept.write_bytes(b"old\n")
    kept.chmod(0o600)
    storage.write_text(kept, "new\n")
    assert (kept.read_text(), mode(kept)) == ("new\n", 0o600)
    before = os.umask(0o077)
    try:
        storage.write_bytes(tmp_path / "fresh.jsonl", b"x\n")
    finally:
        os.umask(before)
    assert mode(tmp_path / "fresh.jsonl") == 0o600


def test_fixture_files_are_written_through_storage(umask_022: None, tmp_path: Path) -> None:
    (tmp_path / "mouse.wikitext").write_text("==English==\n===Noun===\n# A rodent.\n", encoding="utf-8")
    update([tmp_path])
    assert mode(tmp_path / "mouse.expected.json") == 0o644


def test_a_failed_write_keeps_the_previous_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("before", encoding="utf-8")
    with pytest.raises(RuntimeError), storage.atomic_write(target) as handle:
        handle.write(b"half")
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_orphaned_temp_files_of_dead_processes_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    dead = tmp_path / ".out.jsonl.999999999.abc.tmp"  # no such pid
    alive = tmp_path / f".out.jsonl.{os.getpid()}.abc.tmp"
    for path in (dead, alive):
        path.write_bytes(b"")
    storage.remove_orphans(target)
    assert not dead.exists() and alive.exists()
