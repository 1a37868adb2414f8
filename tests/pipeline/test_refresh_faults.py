"""A refresh of a damaged source loses nothing a reader can recover, and counts right.

The pages expected are found independently of wiktlex (`support.recoverable`: the bytes
the standard library decodes, parsed page by page with ElementTree); the raw store and
the lexicon must hold exactly those, the "last complete page" of the error among them.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from support import CORPUS, decodable_prefix, recoverable

from wiktlex.pipeline import default_raw_path, refresh

CORPUS_DUMP = CORPUS / "dumps" / "tatuylonen-wiktextract" / "test-pages-articles.xml.bz2"

HEADER = (
    '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10">\n'
    '<siteinfo><namespaces><namespace key="0" /></namespaces></siteinfo>\n'
)
TEXT = "==English==\\n===Noun===\\n{{en-noun}}\\n\\n# A thing.\\n".replace("\\n", "\n")


def titles(db: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return [r[0] for r in conn.execute("SELECT title FROM pages ORDER BY title")]


def damaged(data: bytes, how: str) -> bytes:
    kind, percent = how[:-2], int(how[-2:]) / 100
    at = int(len(data) * percent)
    if kind == "cut":
        return data[:at]
    flipped = bytearray(data)
    flipped[at] ^= 0x10
    return bytes(flipped)


@pytest.mark.parametrize("how", ["cut30", "cut70", "flip50"])
def test_every_page_read_before_a_fault_is_stored_and_parsed(tmp_path: Path, how: str) -> None:
    if not CORPUS_DUMP.exists():
        pytest.skip("shared corpus not available")
    data = damaged(CORPUS_DUMP.read_bytes(), how)
    dump = tmp_path / "dump.xml.bz2"
    dump.write_bytes(data)
    expected = sorted(recoverable(decodable_prefix(data), namespaces=(0,)))
    assert len(expected) > 400

    summary = refresh(str(dump), tmp_path / "lex.sqlite", progress="none", workers=2)

    assert summary.error is not None and "last complete page" in summary.error
    last = summary.error.rsplit("last complete page: ", 1)[1].rstrip(")").strip("'\"")
    assert last in expected
    assert titles(default_raw_path(tmp_path / "lex.sqlite")) == expected
    assert titles(tmp_path / "lex.sqlite") == expected
    assert summary.pages_read == summary.parsed == len(expected)
    assert summary.source_skipped == 0  # the two sha1 warnings of this dump are kept pages


def page(title: str, *, sha1: str = "", text: str = TEXT) -> str:
    digest = f"<sha1>{sha1}</sha1>" if sha1 else ""
    return (
        f"<page><title>{title}</title><ns>0</ns><id>{abs(hash(title)) % 10**6}</id>"
        f"<revision><id>1</id><timestamp>2020-01-01T00:00:00Z</timestamp>"
        f'<text xml:space="preserve">{text}</text>{digest}</revision></page>\n'
    )


def test_only_pages_not_taken_are_unreadable_and_warnings_reach_the_lexicon(tmp_path: Path) -> None:
    """A page taken with a doubt (text not matching its sha1) is stored and parsed, its
    warning among its diagnostics; only the page the reader could not take counts."""
    dump = tmp_path / "dump.xml"
    broken = page("broken").replace("</title>", "</titel>")
    dump.write_text(
        HEADER + page("alpha") + page("doubted", sha1="0" * 31) + broken + page("omega")
        + "</mediawiki>\n",
        encoding="utf-8",
    )
    db = tmp_path / "lex.sqlite"
    summary = refresh(str(dump), db, progress="none")
    assert summary.error is None
    assert summary.source_skipped == 1
    assert titles(db) == ["alpha", "doubted", "omega"]
    with contextlib.closing(sqlite3.connect(db)) as conn:
        rows = conn.execute(
            "SELECT p.title, d.severity, d.section, d.message FROM diagnostics d "
            "JOIN pages p ON p.id = d.page_id WHERE d.section = 'dump'"
        ).fetchall()
    assert rows == [("doubted", "warning", "dump", "text does not match the sha1 the dump gives")]
    assert summary.diagnostics >= 1


# -- the API source: the fetch command's patience --------------------------------------


def api_refresh(wiki: Any, db: Path, patience: str) -> Any:
    from click.testing import CliRunner

    from wiktlex.cli.refresh import command

    return CliRunner().invoke(command, [
        "--source", "api", "--api-url", wiki.url, "--contact", "t@example.org",
        "--since", "2026-01-01T00:00:00Z", "--db", str(db), "--progress", "none",
        "--patience", patience,
    ])


def test_refresh_waits_out_maxlag_within_its_patience(fake_wiki: Any, tmp_path: Path) -> None:
    fake_wiki.fail("json", times=1, body=fake_wiki.maxlag_body, headers={"Retry-After": "1"})
    started = time.monotonic()
    result = api_refresh(fake_wiki, tmp_path / "lex.sqlite", "5s")
    assert result.exit_code == 0, result.output
    assert 1.0 <= time.monotonic() - started < 4
    assert titles(tmp_path / "lex.sqlite")


def test_refresh_gives_up_when_its_patience_runs_out(fake_wiki: Any, tmp_path: Path) -> None:
    fake_wiki.fail("json", times=float("inf"), body=fake_wiki.maxlag_body,
                   headers={"Retry-After": "1"})
    started = time.monotonic()
    result = api_refresh(fake_wiki, tmp_path / "lex.sqlite", "1500ms")
    assert time.monotonic() - started < 4
    assert result.exit_code == 1
    assert "(patience 1.5s): API error maxlag" in result.stderr
    assert "Traceback" not in result.output
