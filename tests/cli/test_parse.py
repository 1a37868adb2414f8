"""`wiktlex parse` as a user runs it: exit codes, titles from file names, diagnostics."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from wiktlex.cli import cli

PAGE = "==English==\n===Noun===\n{{en-noun}}\n# A [[thing]].\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_parse_writes_one_json_entry_per_line(tmp_path: Path) -> None:
    (tmp_path / "Appendix:Foo%2Fbar%25.wikitext").write_text(PAGE, encoding="utf-8")
    code, out, _ = run("parse", str(tmp_path / "Appendix:Foo%2Fbar%25.wikitext"))
    assert code == 0
    [entry] = [json.loads(line) for line in out.splitlines()]
    assert entry["word"] == "Appendix:Foo/bar%"
    assert entry["senses"][0]["gloss"] == "A thing."


def test_batch_with_bad_pages_exits_zero_and_reports(tmp_path: Path) -> None:
    good = tmp_path / "good.wikitext"
    bad = tmp_path / "bad.wikitext"
    good.write_text(PAGE, encoding="utf-8")
    bad.write_text("==English==\n===Noun===\n# {{l|en|x\n##broken }} [[", encoding="utf-8")
    diagnostics = tmp_path / "diag.jsonl"
    code, out, _ = run("parse", str(bad), str(good), "--diagnostics", str(diagnostics))
    assert code == 0
    assert [json.loads(line)["word"] for line in out.splitlines()] == ["bad", "good"]
    assert all(json.loads(line)["page"] for line in diagnostics.read_text().splitlines())


def test_missing_file_is_a_one_line_error(tmp_path: Path) -> None:
    code, out, err = run("parse", str(tmp_path / "nope.wikitext"))
    assert code == 2
    assert out == ""
    assert err.strip().count("\n") == 0 and "no such file" in err


def test_unreadable_encoding_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "latin.wikitext"
    path.write_bytes("==English==\n# caf\xe9".encode("latin-1"))
    code, _, err = run("parse", str(path))
    assert code == 2
    assert "not UTF-8" in err and err.strip().count("\n") == 0


def test_schema_command_prints_the_json_schema() -> None:
    code, out, _ = run("schema")
    schema = json.loads(out)
    assert code == 0
    assert "Entry" in json.dumps(schema)
