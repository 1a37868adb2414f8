"""`wiktlex stats`: bare, a report on the lexicon; with PATHS, reports on their pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import wiktlex
from wiktlex.cli import cli
from wiktlex.pipeline import refresh

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "fixtures" / "dumps" / "demo-pages-articles.xml"
PAGES = ROOT / "fixtures" / "pages"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("stats") / "lexicon.sqlite"
    refresh(str(DEMO), db, progress="none")
    return db


def test_bare_stats_reports_on_the_lexicon_in_the_current_directory(
    lexicon: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(lexicon.parent)
    code, out, _ = run("stats")
    assert code == 0
    head = out.split("\n\n")[0].splitlines()
    rows = {line[:15].strip(): line[16:] for line in head}
    assert rows["lexicon"] == "lexicon.sqlite"
    assert rows["parser version"] == wiktlex.PARSER_VERSION
    assert rows["pages"].startswith("14 (") and "ok" in rows["pages"] and "redirect" in rows["pages"]
    assert int(rows["entries"]) > 14 and int(rows["senses"]) > int(rows["entries"])
    assert "Entries by language (top 30):" in out
    assert "English" in out.split("Entries by language")[1]


def test_the_lexicon_report_as_json_and_markdown(lexicon: Path) -> None:
    code, out, _ = run("stats", "--db", str(lexicon), "--format", "json", "--top", "1")
    report = json.loads(out)
    assert code == 0
    assert report["counts"]["pages"] == 14 and sum(report["statuses"].values()) == 14
    assert list(report["languages"]) == ["English"]
    code, out, _ = run("stats", "--db", str(lexicon), "--format", "markdown")
    assert code == 0 and "| pages | 14 (" in out


def test_bare_stats_without_a_lexicon_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run("stats")
    assert code == 1 and out == ""
    assert err.strip().count("\n") == 0
    assert "lexicon not found: lexicon.sqlite" in err and "wiktlex refresh" in err


def test_paths_get_the_template_report_by_default_and_citations_on_demand() -> None:
    code, out, _ = run("stats", str(PAGES / "dog.wikitext"))
    assert code == 0 and out.startswith("1 pages, ") and "Most frequent templates" in out
    code, out, _ = run("stats", "--citations", "--format", "json", str(PAGES))
    assert code == 0 and "Most frequent templates" not in out
    assert json.loads(out)


def test_a_page_report_without_paths_is_a_usage_error() -> None:
    code, _, err = run("stats", "--templates")
    assert code == 2 and "give PATHS" in err
