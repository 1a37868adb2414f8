"""A refresh on a disk that fills up, on a real small file system (tmpfs; root only).

The contract (docs/operations.md): every batch is one transaction, committed whole or
rolled back; a failed refresh leaves each page as the previous lexicon had it or as the
new source gives it, never half of one; the JSONL files stay as they were; a re-run with
room continues and ends exactly where an uninterrupted refresh ends.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest
from click.testing import CliRunner
from support import DEMO, big_dump

from wiktlex.cli.refresh import command as refresh_cli
from wiktlex.lexicon import open_lexicon
from wiktlex.pipeline import refresh

KEPT = {"lex.sqlite", "lex.raw.sqlite", "lex.jsonl"}  # and their -wal/-shm


def mount(path: Path, size: str, *, remount: bool = False) -> bool:
    options = f"remount,size={size}" if remount else f"size={size}"
    args = ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)]
    return subprocess.run(args, capture_output=True, check=False).returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB file system of its own, where the machine lets this process mount one."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None or not mount(disk, "3M"):
        pytest.skip("cannot mount a small tmpfs here (needs root and mount permission)")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True, check=False)


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("src") / "big.xml"
    big_dump(path, copies=40)  # 560 pages: ~3 MB of lexicon, ~1.4 MB of JSONL
    return path


@pytest.fixture(scope="module")
def reference(big: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo refreshed, then the big dump: with room enough."""
    out = tmp_path_factory.mktemp("ref")
    for source in (DEMO, big):
        refresh(str(source), out / "lex.sqlite", jsonl=out / "lex.jsonl", progress="none")
    return out


def pages(db: Path) -> dict[str, bytes]:
    with open_lexicon(db) as lexicon:
        return {page.title: msgspec.json.encode(page) for page in lexicon.export_pages()}


def integrity(db: Path) -> str:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def run(source: Path, disk: Path) -> tuple[int, str]:
    result = CliRunner().invoke(refresh_cli, [
        "--source", str(source), "--db", str(disk / "lex.sqlite"), "--jsonl", str(disk / "lex.jsonl"),
        "--workers", "1", "--progress", "none",
    ])
    return result.exit_code, result.stderr


def leftovers(disk: Path) -> list[str]:
    return sorted(p.name for p in disk.iterdir() if p.name.removesuffix("-wal").removesuffix("-shm") not in KEPT)


def test_a_refresh_that_fills_the_disk_commits_whole_batches_and_resumes(
    small_disk: Path, big: Path, reference: Path
) -> None:
    assert run(DEMO, small_disk)[0] == 0
    before, before_jsonl = pages(small_disk / "lex.sqlite"), (small_disk / "lex.jsonl").read_bytes()

    code, stderr = run(big, small_disk)

    assert code == 1
    assert stderr.count("\n") == 1 and stderr.startswith("error: ")
    assert "disk is full" in stderr or "No space left" in stderr, stderr
    assert (small_disk / "lex.jsonl").read_bytes() == before_jsonl
    assert leftovers(small_disk) == []
    assert integrity(small_disk / "lex.sqlite") == "ok"
    after, done = pages(small_disk / "lex.sqlite"), pages(reference / "lex.sqlite")
    assert before.items() <= after.items()  # the previous pages, untouched
    assert after.items() <= done.items()  # every page the run committed, whole
    assert len(before) < len(after) < len(done)

    assert mount(small_disk, "64M", remount=True)
    assert run(big, small_disk)[0] == 0
    assert pages(small_disk / "lex.sqlite") == done
    assert (small_disk / "lex.jsonl").read_bytes() == (reference / "lex.jsonl").read_bytes()


def test_no_room_for_the_jsonl_leaves_the_previous_one_and_the_lexicon(small_disk: Path, big: Path) -> None:
    assert mount(small_disk, "64M", remount=True)
    assert run(big, small_disk)[0] == 0
    before = pages(small_disk / "lex.sqlite")
    (small_disk / "lex.jsonl").write_bytes(b'{"an older": "file"}\n')
    room = shutil.disk_usage(small_disk).used + 256 * 1024  # the lexicon's commits fit, the JSONL not
    assert mount(small_disk, f"{room // 4096 * 4}k", remount=True)

    code, stderr = run(big, small_disk)

    assert code == 1 and stderr.count("\n") == 1
    assert "No space left" in stderr or "disk is full" in stderr, stderr
    assert (small_disk / "lex.jsonl").read_bytes() == b'{"an older": "file"}\n'
    assert leftovers(small_disk) == []
    assert pages(small_disk / "lex.sqlite") == before
