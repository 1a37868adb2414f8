"""The Dask engine (2 worker processes) gives the same lexicon as the local engine."""

from __future__ import annotations

import bz2
import contextlib
import re
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from support import CORPUS, FIXTURES, recoverable

pytest.importorskip("distributed")

from wiktlex.lexicon import open_lexicon
from wiktlex.pipeline import refresh
from wiktlex.pipeline.engines.cluster import run_dask

MULTISTREAM = CORPUS / "dumps" / "dkpro-jwktl" / "enwiktionary-20150224-pages-articles-multistream.xml.bz2"


def lexicon_dump(db: Path) -> list[tuple[str, bytes]]:
    import msgspec

    with open_lexicon(db) as lexicon:
        return [(info.title, msgspec.json.encode(entries)) for info, entries in lexicon.iter_pages()]


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def _same_as_local(source: Path, tmp_path: Path, scheduler: str) -> None:
    refresh(str(source), tmp_path / "local.sqlite", jsonl=tmp_path / "local.jsonl", progress="none")
    summary = run_dask(source, tmp_path / "dask.sqlite", jsonl=tmp_path / "dask.jsonl",
                       scheduler=scheduler, partitions=3)
    assert summary.partitions >= 2
    local, dask = lexicon_dump(tmp_path / "local.sqlite"), lexicon_dump(tmp_path / "dask.sqlite")
    assert local and dask == local
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()


def test_multistream_dump_split_by_index_byte_ranges(tmp_path: Path, cluster) -> None:  # type: ignore[no-untyped-def]
    if not MULTISTREAM.exists():
        pytest.skip("shared corpus not available")
    dump = tmp_path / MULTISTREAM.name
    shutil.copy(MULTISTREAM, dump)
    shutil.copy(MULTISTREAM.with_name(MULTISTREAM.name.replace(".xml.bz2", "-index.txt.bz2")),
                tmp_path / MULTISTREAM.name.replace(".xml.bz2", "-index.txt.bz2"))
    _same_as_local(dump, tmp_path, cluster.scheduler_address)


def test_page_directory_split_by_page_ranges(tmp_path: Path, cluster, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("wiktlex.pipeline.engines.cluster.PAGES_PER_TASK", 10)
    _same_as_local(FIXTURES / "pages", tmp_path, cluster.scheduler_address)


def test_refresh_cli_on_dask_scheduler_matches_local(tmp_path: Path, cluster) -> None:  # type: ignore[no-untyped-def]
    """`wiktlex refresh --engine dask --scheduler …`: partitions for an indexed dump and for
    a first build from a directory, changed pages only on the next refresh; each run gives
    the local engine's lexicon."""
    from click.testing import CliRunner

    from wiktlex.cli import cli

    def dask_refresh(source: Path, db: Path) -> str:
        result = CliRunner().invoke(cli, [
            "refresh", "--source", str(source), "--db", str(db),
            "--engine", "dask", "--scheduler", cluster.scheduler_address, "--progress", "none",
        ])
        assert result.exit_code == 0, result.output
        return result.output

    pages = tmp_path / "pages"
    pages.mkdir()
    for path in (FIXTURES / "pages").glob("*.wikitext"):
        shutil.copy(path, pages / path.name)
    dump = FIXTURES / "dumps" / "small-multistream.xml.bz2"
    for name, source in (("dump", dump), ("dir", pages)):
        refresh(str(source), tmp_path / f"{name}-local.sqlite", progress="none")
        dask_refresh(source, tmp_path / f"{name}-dask.sqlite")
        assert not (tmp_path / f"{name}-dask.raw.sqlite").exists()  # partitions: no raw store
        assert lexicon_dump(tmp_path / f"{name}-dask.sqlite") == lexicon_dump(tmp_path / f"{name}-local.sqlite")

    edited = pages / "release.wikitext"
    edited.write_text(edited.read_text(encoding="utf-8").replace("release", "relaunch", 1), encoding="utf-8")
    refresh(str(pages), tmp_path / "dir-local.sqlite", progress="none")
    output = dask_refresh(pages, tmp_path / "dir-dask.sqlite")
    assert "parsed        1 " in output  # the edited page only, through the raw store
    assert lexicon_dump(tmp_path / "dir-dask.sqlite") == lexicon_dump(tmp_path / "dir-local.sqlite")


def test_scheduler_without_dask_engine_is_a_one_line_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from wiktlex.cli import cli

    result = CliRunner().invoke(cli, [
        "refresh", "--source", str(FIXTURES / "pages"), "--db", str(tmp_path / "x.sqlite"),
        "--scheduler", "tcp://127.0.0.1:1", "--progress", "none",
    ])
    assert result.exit_code == 1
    assert result.stderr.strip() == "error: --scheduler goes with --engine dask"


def test_a_partition_is_json_lines_and_a_lexicon_of_its_own(tmp_path: Path) -> None:
    """What one task leaves: part-N.jsonl (parsed pages) and part-N.sqlite (a lexicon that
    opens on its own); the driver merges the lexicons."""
    from wiktlex.ingest.files import read_files
    from wiktlex.pipeline.engines.cluster import parse_pages_task

    pages = list(read_files(FIXTURES / "pages"))[:5]
    part = parse_pages_task(pages, str(tmp_path / "part-00000.jsonl"), wiktlex_version())
    db = part.lexicon
    assert part.pages == 5 and db.endswith("part-00000.sqlite") and part.error is None
    assert len((tmp_path / "part-00000.jsonl").read_text(encoding="utf-8").splitlines()) == 5
    with open_lexicon(db) as part:
        merged = list(part.export_pages())
    assert sorted(p.title for p in merged) == sorted(p.title for p in pages)
    assert all(p.sha1 for p in merged)


def wiktlex_version() -> str:
    from wiktlex import PARSER_VERSION

    return PARSER_VERSION


# -- faults: a damaged shard, a failing task, reader warnings -----------------------------

SMALL = FIXTURES / "dumps" / "small-multistream.xml.bz2"


def xml_streams(data: bytes) -> list[bytes]:
    """The XML of each bz2 stream of a multistream dump."""
    out = []
    while data:
        decoder = bz2.BZ2Decompressor()
        out.append(decoder.decompress(data))
        data = decoder.unused_data
    return out


def write_multistream(path: Path, streams: list[bytes]) -> Path:
    """A multistream dump of these XML streams, and its index beside it."""
    compressed = [bz2.compress(s) for s in streams]
    index, offset = [], 0
    for xml, blob in zip(streams, compressed, strict=True):
        for page in re.findall(rb"<page>.*?</page>", xml, flags=re.S):
            title = re.search(rb"<title>(.*?)</title>", page)
            pageid = re.search(rb"<id>(\d+)</id>", page)
            assert title and pageid
            index.append(f"{offset}:{pageid[1].decode()}:{title[1].decode()}\n")
        offset += len(blob)
    path.write_bytes(b"".join(compressed))
    index_path = path.with_name(path.name.replace(".xml.bz2", "-index.txt.bz2"))
    index_path.write_bytes(bz2.compress("".join(index).encode()))
    return path


def diagnostics(db: Path, section: str) -> list[tuple[str, str, str]]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute(
            "SELECT p.title, d.severity, d.message FROM diagnostics d JOIN pages p "
            "ON p.id = d.page_id WHERE d.section = ? ORDER BY p.title, d.idx", (section,)
        ).fetchall()


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The driver's temporary directory, to see what a run leaves in it."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    return tmp


def test_a_truncated_shard_reports_its_own_error_and_keeps_every_other_page(
    tmp_path: Path, cluster, scratch: Path  # type: ignore[no-untyped-def]
) -> None:
    """The last shard's stream is cut: that is the run's error (file, byte offset), and
    every page of the intact streams (found with the standard library alone) is kept."""
    from click.testing import CliRunner

    from wiktlex.cli import cli

    data = SMALL.read_bytes()
    cut = data[: len(data) - 200]  # inside the last stream of pages
    dump = tmp_path / "cut-multistream.xml.bz2"
    dump.write_bytes(cut)
    shutil.copy(SMALL.with_name("small-multistream-index.txt.bz2"), tmp_path / "cut-multistream-index.txt.bz2")
    intact = xml_streams(data[: data.rindex(b"BZh9", 0, len(cut))])  # the streams before the cut
    expected = sorted(recoverable(b"".join(intact), namespaces=(0,)))

    result = CliRunner().invoke(cli, [
        "refresh", "--source", str(dump), "--db", str(tmp_path / "lex.sqlite"), "--engine", "dask",
        "--scheduler", cluster.scheduler_address, "--progress", "none",
    ])
    assert result.exit_code == 1
    error = result.stderr.strip()
    assert error.startswith(f"error: {dump}, byte ") and "truncated" in error, error
    assert "Directory not empty" not in result.output
    assert sorted(title for title, _ in lexicon_dump(tmp_path / "lex.sqlite")) == expected
    assert len(expected) >= 6
    assert list(scratch.iterdir()) == []


def test_a_failing_task_is_listed_and_the_other_shards_are_kept(
    tmp_path: Path, cluster, scratch: Path, monkeypatch: pytest.MonkeyPatch  # type: ignore[no-untyped-def]
) -> None:
    """Shard 1 cannot write its partition (a directory stands where its file goes): it
    is retried, then named with its own error; shards 0 and 2 are merged; the partition
    directory is removed."""
    from wiktlex.ingest.multistream import plan_shards, read_shard

    dump = tmp_path / SMALL.name
    shutil.copy(SMALL, dump)
    shutil.copy(SMALL.with_name("small-multistream-index.txt.bz2"), tmp_path / "small-multistream-index.txt.bz2")
    real_mkdtemp = tempfile.mkdtemp

    def trapped(**options: Any) -> str:
        made = real_mkdtemp(**options)
        (Path(made) / "part-00001.jsonl").mkdir()
        return made

    monkeypatch.setattr("wiktlex.pipeline.engines.cluster.tempfile.mkdtemp", trapped)
    summary = run_dask(dump, tmp_path / "dask.sqlite", scheduler=cluster.scheduler_address, partitions=3)

    shards = plan_shards(dump, 3)
    assert len(shards) == 3
    lost = {p.title for p in read_shard(shards[1])}
    kept = sorted(p.title for s in (shards[0], shards[2]) for p in read_shard(s))
    assert lost and kept
    assert len(summary.errors) == 1
    assert summary.errors[0].startswith(f"shard 1 (bytes {shards[1].start}-{shards[1].end} of {dump}) failed: ")
    assert "IsADirectoryError" in summary.errors[0]
    assert summary.partitions == 2 and summary.pages == len(kept)
    assert sorted(title for title, _ in lexicon_dump(tmp_path / "dask.sqlite")) == kept
    assert list(scratch.iterdir()) == []


def test_reader_warnings_reach_the_lexicon_as_with_the_local_engine(
    tmp_path: Path, cluster  # type: ignore[no-untyped-def]
) -> None:
    """A page whose text does not match the dump's sha1 is kept with a warning: in the
    shard a worker reads, in the pages the driver sends, and locally alike."""
    streams = xml_streams(SMALL.read_bytes())
    streams[2] = re.sub(rb"<sha1>\w+</sha1>", b"<sha1>" + b"1" * 31 + b"</sha1>", streams[2], count=1)
    dump = write_multistream(tmp_path / "doubt-multistream.xml.bz2", streams)
    doubted = re.search(rb"<title>(.*?)</title>", streams[2])
    assert doubted
    expected = [(doubted[1].decode(), "warning", "text does not match the sha1 the dump gives")]

    refresh(str(dump), tmp_path / "local.sqlite", progress="none")
    run_dask(dump, tmp_path / "shards.sqlite", scheduler=cluster.scheduler_address, partitions=3)
    plain = tmp_path / "doubt.xml"
    plain.write_bytes(b"".join(streams))
    run_dask(plain, tmp_path / "pages.sqlite", scheduler=cluster.scheduler_address)
    for name in ("local", "shards", "pages"):
        assert diagnostics(tmp_path / f"{name}.sqlite", "dump") == expected, name
    assert lexicon_dump(tmp_path / "shards.sqlite") == lexicon_dump(tmp_path / "local.sqlite")
