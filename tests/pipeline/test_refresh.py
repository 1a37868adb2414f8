"""The refresh pipeline on real files: dumps in, SQLite and JSONL out, kills and bad input."""

from __future__ import annotations

import contextlib
import errno
import json
import mmap
import multiprocessing
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from support import big_dump, committed_pages, slowed

import wiktlex
import wiktlex.pipeline.engines.base as engines
from wiktlex.cli.refresh import command as refresh_cli
from wiktlex.export import ExportError, open_lexicon
from wiktlex.export.lines import LineFileExporter
from wiktlex.ingest.dump import read_dump
from wiktlex.lexicon.schema import SECONDARY_INDEXES, TABLES
from wiktlex.model import json_schema
from wiktlex.pipeline import RefreshError, refresh
from wiktlex.pipeline.progress import NullReporter

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "fixtures" / "dumps" / "demo-pages-articles.xml"
CORPUS_DUMP = ROOT.parent / "shared" / "corpus" / "dumps" / "tatuylonen-wiktextract" / "test-pages-articles.xml.bz2"

# Pool workers start by fork here (the default on Linux up to Python 3.13; 3.14 moved to
# forkserver): tests that patch the parser or map memory in this process rely on it.
FORKED_WORKERS = multiprocessing.get_start_method() == "fork"


def counts(db: Path) -> dict[str, int]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}


def index_names(db: Path) -> set[str]:
    with contextlib.closing(sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def entry_ids(db: Path) -> dict[str, list[int]]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        rows = conn.execute("SELECT p.title, e.id FROM entries e JOIN pages p ON p.id = e.page_id")
        out: dict[str, list[int]] = {}
        for title, eid in rows:
            out.setdefault(title, []).append(eid)
        return out


def edit_dump(src: Path, dst: Path, edits: dict[str, tuple[str, str]]) -> None:
    """Copy a dump, bumping the revision of `title` and replacing `old` by `new` in its text."""
    xml = src.read_text(encoding="utf-8")
    for title, (old, new) in edits.items():
        start = xml.index(f"<title>{title}</title>")
        end = xml.index("</page>", start)
        page = xml[start:end]
        page = re.sub(r"<revision>\s*<id>(\d+)</id>",
                      lambda m: m.group(0).replace(m.group(1), str(int(m.group(1)) + 1)), page)
        page = re.sub(r"<sha1>\w+</sha1>", "<sha1 />", page.replace(old, new))
        xml = xml[:start] + page + xml[end:]
    dst.write_text(xml, encoding="utf-8")


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("first")
    refresh(str(DEMO), out / "lex.sqlite", jsonl=out / "lex.jsonl", kaikki=out / "kaikki.jsonl.gz",
            progress="none")
    return out


def test_refresh_of_a_dump_fills_every_output(first_run: Path) -> None:
    db = first_run / "lex.sqlite"
    with open_lexicon(db) as lexicon:
        stats = lexicon.stats()
        assert stats["meta"]["parser_version"] == wiktlex.PARSER_VERSION
        assert stats["counts"]["pages"] == 14  # the Appendix page is not in the main namespace
        assert {e.pos for e in lexicon.entries("release")} == {"noun", "verb"}
        assert lexicon.page("Release") is not None and not lexicon.entries("Release")
        assert lexicon.page_source("production") is not None
        for info, entries in lexicon.iter_pages():
            assert entries or info.title == "Release", info.title
    lines = (first_run / "lex.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == stats["counts"]["entries"]
    validator = jsonschema.Draft202012Validator(json_schema())
    for line in lines:
        validator.validate(json.loads(line))
    assert (first_run / "kaikki.jsonl.gz").stat().st_size > 0


def test_second_refresh_parses_nothing(first_run: Path, tmp_path: Path) -> None:
    db = tmp_path / "lex.sqlite"
    refresh(str(DEMO), db, progress="none")
    before = counts(db)
    summary = refresh(str(DEMO), db, jsonl=tmp_path / "again.jsonl", progress="none")
    assert (summary.parsed, summary.skipped_unchanged, summary.pages_stored) == (0, 14, 0)
    assert counts(db) == before
    assert (tmp_path / "again.jsonl").read_bytes() == (first_run / "lex.jsonl").read_bytes()


def test_changed_revisions_touch_only_those_pages(tmp_path: Path) -> None:
    db = tmp_path / "lex.sqlite"
    refresh(str(DEMO), db, progress="none")
    ids_before = entry_ids(db)
    edited = tmp_path / "edited.xml"
    edit_dump(DEMO, edited, {
        "product": ("a commodity for sale", "a good offered for sale"),
        "lease": ("in exchange for rent", "for rent"),
    })
    summary = refresh(str(edited), db, progress="none")
    assert summary.parsed == 2
    ids_after = entry_ids(db)
    changed = {t for t in ids_before if ids_before[t] != ids_after.get(t)}
    assert changed <= {"product", "lease"}
    with open_lexicon(db) as lexicon:
        assert lexicon.entries("product")[0].senses[0].gloss == "Something that is produced; a good offered for sale."
        assert lexicon.page_source("product").revid == 80000339 + 1  # type: ignore[union-attr]


def test_new_parser_version_reparses_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "lex.sqlite"
    refresh(str(DEMO), db, progress="none")
    monkeypatch.setattr("wiktlex.PARSER_VERSION", "999-test")
    summary = refresh(str(DEMO), db, progress="none")
    assert summary.parsed == 14
    with open_lexicon(db) as lexicon:
        assert lexicon.meta()["parser_version"] == "999-test"


def test_a_page_that_crashes_the_parser_is_recorded_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = wiktlex.parse_page

    def flaky(page: wiktlex.RawPage, **inputs: Any) -> wiktlex.ParseResult:
        if page.title == "product":
            raise ZeroDivisionError("boom")
        return real(page, **inputs)

    monkeypatch.setattr(wiktlex, "parse_page", flaky)
    summary = refresh(str(DEMO), tmp_path / "lex.sqlite", progress="none")
    assert summary.failed == 1 and summary.parsed == 14
    with open_lexicon(tmp_path / "lex.sqlite") as lexicon:
        info = lexicon.page("product")
        assert info is not None and info.status == "error"
        [diag] = lexicon.diagnostics("product")
        assert diag.severity == "error" and "ZeroDivisionError: boom" in diag.message
        assert lexicon.entries("production")


def test_a_page_cut_by_the_work_budget_is_partial_and_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = wiktlex.parse_page

    def tight(page: wiktlex.RawPage) -> wiktlex.ParseResult:
        return real(page, work_budget=300 if page.title == "production" else None)

    monkeypatch.setattr(wiktlex, "parse_page", tight)
    db = tmp_path / "lex.sqlite"
    summary = refresh(str(DEMO), db, progress="none")
    assert summary.partial == 1 and summary.failed == 0
    assert "1 partial" in "\n".join(summary.lines())
    with open_lexicon(db) as lexicon:
        info = lexicon.page("production")
        assert info is not None and info.status == "partial"
        assert any("work budget" in d.message for d in lexicon.diagnostics("production"))
    again = refresh(str(DEMO), db, progress="none")
    assert again.parsed == 1 and again.partial == 1  # never taken for a success
    monkeypatch.setattr(wiktlex, "parse_page", real)
    healed = refresh(str(DEMO), db, progress="none")
    assert healed.parsed == 1 and healed.partial == 0
    with open_lexicon(db) as lexicon:
        info = lexicon.page("production")
        assert info is not None and info.status == "ok"


def _die(page: wiktlex.RawPage) -> None:
    os._exit(3)


def _eat_memory(page: wiktlex.RawPage) -> None:
    bytearray(3 * 1024**3)  # over WORKER_MEMORY_LIMIT: MemoryError, not the machine's RAM


@pytest.mark.skipif(not FORKED_WORKERS, reason="relies on fork to carry the patch into workers")
@pytest.mark.parametrize(
    ("fault", "message"),
    [(_die, "worker process died"), (_eat_memory, "MemoryError")],
    ids=["dying worker", "runaway memory (address-space limit)"],
)
@pytest.mark.parametrize("batch", [256, 3], ids=["one batch", "next batch in flight"])
def test_a_faulting_page_in_a_worker_fails_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: Any, message: str, batch: int
) -> None:
    """A worker that dies, or a page that eats memory, loses only that page."""
    real = wiktlex.parse_page

    def faulty(page: wiktlex.RawPage) -> wiktlex.ParseResult:
        if page.title == "lease":
            fault(page)
        return real(page)

    monkeypatch.setattr(wiktlex, "parse_page", faulty)
    summary = refresh(str(DEMO), tmp_path / "lex.sqlite", workers=2, progress="none", batch=batch)
    assert summary.parsed == 14 and summary.failed == 1
    with open_lexicon(tmp_path / "lex.sqlite") as lexicon:
        assert message in lexicon.diagnostics("lease")[0].message
        assert len(lexicon.entries("release")) == 3



@pytest.mark.skipif(not FORKED_WORKERS, reason="fork carries the parent's address space")
def test_workers_of_a_parent_with_a_large_address_space_still_parse(tmp_path: Path) -> None:
    """The worker memory cap is on top of what the parent already mapped.

    A forked worker inherits its parent's address space: a notebook or test process
    holding 3 GiB of mappings must not leave its workers unable to allocate anything.
    """
    reserved = mmap.mmap(
        -1, 3 * 1024**3, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS,
        prot=mmap.PROT_READ,
    )  # read-only and never touched: address space, no memory
    try:
        summary = refresh(str(DEMO), tmp_path / "lex.sqlite", workers=2, progress="none")
    finally:
        reserved.close()
    assert summary.parsed == 14 and summary.failed == 0



class ReaderDuringRefresh(NullReporter):
    """Starts a long read of the lexicon once the refresh is under way, as `wiktlex serve`
    streaming a result from the live file would."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.reader: sqlite3.Connection | None = None
        self.rows: sqlite3.Cursor | None = None

    def phase(self, name: str, total: int | None) -> None:
        if self.reader is None:
            self.reader = sqlite3.connect(f"{self.db.as_uri()}?mode=ro", uri=True)
            self.rows = self.reader.execute("SELECT title FROM pages ORDER BY title")
            self.rows.fetchone()  # the read transaction stays open while the rest is unread


def test_a_reader_in_the_middle_of_a_query_does_not_fail_the_refresh(tmp_path: Path) -> None:
    """The refresh still ends well; the file stays in WAL mode until it is alone again."""
    db = tmp_path / "lex.sqlite"
    refresh(str(DEMO), db, progress="none")
    edited = tmp_path / "edited.xml"
    edit_dump(DEMO, edited, {"lease": ("in exchange for rent", "for rent")})
    busy = ReaderDuringRefresh(db)
    assert refresh(str(edited), db, progress=busy).parsed == 1
    assert busy.rows is not None and busy.reader is not None
    assert len(busy.rows.fetchall()) == 13  # the reader's snapshot was intact throughout
    busy.reader.close()
    with open_lexicon(db) as lexicon:
        assert "in exchange for rent" not in lexicon.entries("lease")[0].senses[0].gloss
    assert refresh(str(edited), db, progress="none").parsed == 0
    with contextlib.closing(sqlite3.connect(db)) as conn:  # alone again: one file to ship
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_lexicon_locked_by_a_long_read_is_a_one_line_error_not_a_corrupt_file(tmp_path: Path) -> None:
    """A shipped lexicon is in rollback-journal mode: a read in progress keeps a refresh
    from starting. The user must hear that it is busy, not that it is broken."""
    db = tmp_path / "lex.sqlite"
    refresh(str(DEMO), db, progress="none")
    with contextlib.closing(sqlite3.connect(db)) as reader:
        rows = reader.execute("SELECT title FROM pages")
        rows.fetchone()  # the shared lock stays while the rest is unread
        with pytest.raises(ExportError, match="another process is reading it") as raised:
            refresh(str(DEMO), db, progress="none")
        rows.close()  # the read ends
    assert "not a usable lexicon" not in str(raised.value)
    assert refresh(str(DEMO), db, progress="none").parsed == 0  # nothing was harmed

KILLABLE = slowed("""
    from wiktlex.pipeline import refresh
    refresh(sys.argv[1], sys.argv[2], jsonl=sys.argv[3], workers=1, progress="none", batch=8)
""", 0.01)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_killed_run_resumes_to_the_identical_result(tmp_path: Path, sig: signal.Signals) -> None:
    dump = tmp_path / "big.xml"
    big_dump(dump, copies=12)  # 168 pages
    ref, run = tmp_path / "ref", tmp_path / "run"
    ref.mkdir()
    run.mkdir()
    refresh(str(dump), ref / "lex.sqlite", jsonl=ref / "lex.jsonl", progress="none")

    args = [sys.executable, "-c", KILLABLE, str(dump), str(run / "lex.sqlite"), str(run / "lex.jsonl")]
    proc = subprocess.Popen(args, start_new_session=True)
    deadline = time.monotonic() + 30
    while committed_pages(run / "lex.sqlite") < 40 and time.monotonic() < deadline:
        assert proc.poll() is None, "the run ended before it could be killed"
        time.sleep(0.02)
    os.killpg(proc.pid, sig)
    proc.wait(timeout=10)
    killed_at = committed_pages(run / "lex.sqlite")
    assert 40 <= killed_at < 168
    assert not (run / "lex.jsonl").exists()
    assert not index_names(run / "lex.sqlite") & set(SECONDARY_INDEXES)  # deferred to the end

    summary = refresh(str(dump), run / "lex.sqlite", jsonl=run / "lex.jsonl", progress="none")
    assert summary.parsed == 168 - killed_at
    assert (run / "lex.jsonl").read_bytes() == (ref / "lex.jsonl").read_bytes()
    assert counts(run / "lex.sqlite") == counts(ref / "lex.sqlite")
    assert index_names(run / "lex.sqlite") == index_names(ref / "lex.sqlite") >= set(SECONDARY_INDEXES)


# -- bad input -----------------------------------------------------------------------------


def cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(refresh_cli, [*args, "--progress", "none"])
    return result.exit_code, result.output


def test_missing_source_is_a_one_line_error(tmp_path: Path) -> None:
    code, output = cli("--source", str(tmp_path / "nope.xml"), "--db", str(tmp_path / "lex.sqlite"))
    assert code == 1
    assert output.strip() == f"error: source not found: {tmp_path / 'nope.xml'}"
    assert not (tmp_path / "lex.sqlite").exists()


def test_unwritable_output_keeps_the_lexicon(first_run: Path, tmp_path: Path) -> None:
    db = tmp_path / "lex.sqlite"
    db.write_bytes((first_run / "lex.sqlite").read_bytes())
    before = counts(db)
    code, output = cli("--source", str(DEMO), "--db", str(db), "--jsonl", str(tmp_path / "no" / "x.jsonl"))
    assert code == 1
    assert output.count("\n") == 1 and output.startswith("error: cannot write")
    assert counts(db) == before


def test_corrupt_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "lex.sqlite"
    db.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    code, output = cli("--source", str(DEMO), "--db", str(db))
    assert code == 1
    assert output.count("\n") == 1 and "not a usable lexicon" in output
    assert db.read_bytes() == b"SQLite format 3\x00" + b"\xff" * 5000


def test_full_disk_keeps_the_previous_jsonl(
    first_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "lex.jsonl"
    out.write_bytes((first_run / "lex.jsonl").read_bytes())

    def full(self: LineFileExporter, f: object, data: bytes) -> None:
        raise ExportError(f"cannot write {self.path}: {os.strerror(errno.ENOSPC)}")

    monkeypatch.setattr(LineFileExporter, "_write", full)
    with pytest.raises(ExportError, match="No space left"):
        refresh(str(DEMO), tmp_path / "lex.sqlite", jsonl=out, progress="none")
    assert out.read_bytes() == (first_run / "lex.jsonl").read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert counts(tmp_path / "lex.sqlite")["pages"] == 14  # the lexicon itself was finished


def test_missing_source_from_the_library_raises(tmp_path: Path) -> None:
    with pytest.raises(RefreshError, match="source not found"):
        refresh(str(tmp_path / "missing"), tmp_path / "lex.sqlite", progress="none")


def test_a_directory_of_wikitext_pages_is_a_source(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for page in read_dump(DEMO):
        name = page.title.replace("%", "%25").replace("/", "%2F")
        (pages / f"{name}.wikitext").write_text(page.text, encoding="utf-8")
    summary = refresh(str(pages), tmp_path / "lex.sqlite", progress="none")
    assert summary.parsed == 14
    assert refresh(str(pages), tmp_path / "lex.sqlite", progress="none").parsed == 0


# -- the real dump sample ------------------------------------------------------------------

LANGUAGE_HEADING = re.compile(r"^==[^=].*[^=]==\s*$", re.M)
SUBHEADING = re.compile(r"^===+[^=].*===+\s*$", re.M)  # a section with content (POS, …)


@pytest.mark.skipif(not CORPUS_DUMP.exists(), reason="../shared/corpus is not present")
def test_corpus_dump_gives_entries_for_every_page_with_a_language_section(tmp_path: Path) -> None:
    db = tmp_path / "lex.sqlite"
    summary = refresh(str(CORPUS_DUMP), db, workers=os.cpu_count() or 1, progress="none")
    assert summary.failed == 0 and summary.error is None
    expected = {
        p.title for p in read_dump(CORPUS_DUMP)
        if not p.redirect_to and LANGUAGE_HEADING.search(p.text) and SUBHEADING.search(p.text)
    }  # `abnodation` has only `==English==` + `{{no entry}}`: nothing to extract
    assert len(expected) > 1000
    with open_lexicon(db) as lexicon:
        without = sorted(t for t in expected if not lexicon.entries(t))
    assert without == []


def test_api_source_stores_fetched_pages_and_drops_deleted_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wiring only: ingest's fetch_into_store is replaced by a fake that needs no network."""
    from wiktlex.ingest.store import RawStore
    from wiktlex.ingest.sync import FetchReport
    from wiktlex.pipeline import ApiOptions

    db = tmp_path / "lex.sqlite"
    refresh(str(DEMO), db, progress="none")
    calls: list[str] = []

    def fake_fetch(store: RawStore, fetcher: object, *, since: str, **options: Any) -> FetchReport:
        calls.append(since)
        page = store.get("lease")
        assert page is not None
        store.upsert(wiktlex.RawPage(title="lease", text=page.text.replace("for rent", "for a rent"),
                                     revid=(page.revid or 0) + 1))
        store.record_deletion("rilascio")
        return FetchReport(source="fake", fetched=1, changed=1, deleted=["rilascio"])

    monkeypatch.setattr("wiktlex.pipeline.reading.fetch_into_store", fake_fetch)
    summary = refresh("api", db, progress="none", api=ApiOptions(url="http://wiki.invalid/api.php"))
    assert calls == ["last"]
    assert (summary.parsed, summary.removed, summary.error) == (1, 1, None)
    with open_lexicon(db) as lexicon:
        assert lexicon.page("rilascio") is None
        assert "for a rent" in lexicon.entries("lease")[0].senses[0].gloss


def test_api_source_without_a_previous_refresh_says_what_to_do(tmp_path: Path) -> None:
    code, output = cli("--source", "api", "--api-url", "http://wiki.invalid/api.php",
                       "--db", str(tmp_path / "lex.sqlite"))
    assert code == 1
    assert "no completed refresh" in output


def test_dask_engine_gives_the_same_lexicon(first_run: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    refresh(str(DEMO), tmp_path / "lex.sqlite", jsonl=tmp_path / "lex.jsonl", engine="dask",
            workers=2, progress="none")
    assert (tmp_path / "lex.jsonl").read_bytes() == (first_run / "lex.jsonl").read_bytes()



def table_rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}


def test_refresh_leaves_the_callers_gc_thresholds_as_they_were(tmp_path: Path) -> None:
    import gc

    before = gc.get_threshold()
    gc.set_threshold(500, 5, 5)
    try:
        refresh(str(DEMO), tmp_path / "lex.sqlite", progress="none")
        assert gc.get_threshold() == (500, 5, 5)
    finally:
        gc.set_threshold(*before)

def test_worker_pool_gives_the_same_lexicon_row_for_row(first_run: Path, tmp_path: Path) -> None:
    """Pages cross from the workers as msgpack, chunk by chunk, while batches overlap."""
    db = tmp_path / "lex.sqlite"
    refresh(str(DEMO), db, jsonl=tmp_path / "lex.jsonl", workers=2, batch=4, progress="none")
    assert (tmp_path / "lex.jsonl").read_bytes() == (first_run / "lex.jsonl").read_bytes()
    assert table_rows(db) == table_rows(first_run / "lex.sqlite")


def test_the_wire_format_carries_every_field() -> None:
    pages = [
        wiktlex.RawPage(title=path.stem, text=path.read_text(encoding="utf-8"), revid=7)
        for path in sorted((ROOT / "fixtures" / "pages").glob("*.wikitext"))
    ]
    wire = engines.decode_results(engines.parse_encoded(pages, "v1"))
    assert wire == [engines.parse_one(page, "v1") for page in pages]
    assert sum(len(p.entries) for p in wire) > 50

def test_progress_log_lines_name_the_phases(tmp_path: Path) -> None:
    """Reading parses as it goes; pages only the raw store has get a parse phase."""
    import io

    from wiktlex.pipeline.progress import LogReporter

    stream = io.StringIO()
    db = tmp_path / "lex.sqlite"
    refresh(str(DEMO), db, jsonl=tmp_path / "x.jsonl", progress=LogReporter(stream, interval=0))
    text = stream.getvalue()
    assert "read+parse: 14 pages" in text and "pages/s" in text and "\nparse:" not in text
    assert "export: 14/14 pages" in text

    db.unlink()  # rebuilt from the raw store: the (empty) source brings nothing
    (tmp_path / "nothing").mkdir()
    stream = io.StringIO()
    summary = refresh(str(tmp_path / "nothing"), db, raw=tmp_path / "lex.raw.sqlite",
                      progress=LogReporter(stream, interval=0))
    assert summary.parsed == 14 and "parse: 14/14 pages" in stream.getvalue()
