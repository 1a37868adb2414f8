"""The Dask engine (2 worker processes) gives the same lexicon as the local engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import CORPUS, FIXTURES

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
    db, count = parse_pages_task(pages, str(tmp_path / "part-00000.jsonl"), wiktlex_version())
    assert count == 5 and db.endswith("part-00000.sqlite")
    assert len((tmp_path / "part-00000.jsonl").read_text(encoding="utf-8").splitlines()) == 5
    with open_lexicon(db) as part:
        merged = list(part.export_pages())
    assert sorted(p.title for p in merged) == sorted(p.title for p in pages)
    assert all(p.sha1 for p in merged)


def wiktlex_version() -> str:
    from wiktlex import PARSER_VERSION

    return PARSER_VERSION
