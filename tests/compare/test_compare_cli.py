"""`wiktlex compare` through the real command group: output, formats, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from wiktlex.cli import cli

NOUNS_START = "As nouns the difference between production and release is that production is"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_text_comparison(lexicon_path: Path) -> None:
    code, out, _ = run("compare", "production", "release", "--db", str(lexicon_path))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Production vs Release - What's the difference?"
    assert lines[2].startswith(NOUNS_START)
    assert lines[4].startswith("As a verb release is to let go (of)")
    assert "    2. (software) The distribution of an initial" in out
    assert "https://en.wiktionary.org/w/index.php?title=release&action=history" in out


def test_each_format(lexicon_path: Path) -> None:
    for fmt, marker in (("markdown", "# Production vs Release"), ("html", "<!doctype html>"),
                        ("json", '"schema_version"')):
        code, out, _ = run("compare", "production", "release", "--db", str(lexicon_path),
                           "--format", fmt)
        assert code == 0 and marker in out
    data = json.loads(run("compare", "production", "release", "--db", str(lexicon_path),
                          "--format", "json")[1])
    assert data["summary"][0]["text"].startswith(NOUNS_START)


def test_unknown_word_exits_1_with_suggestions(lexicon_path: Path) -> None:
    code, out, err = run("compare", "prodution", "release", "--db", str(lexicon_path))
    assert code == 1
    assert out == ""
    assert err.strip().count("\n") == 0
    assert "prodution" in err and "did you mean: production" in err


def test_unknown_word_without_suggestions(lexicon_path: Path) -> None:
    code, _, err = run("compare", "zzzzqqq", "release", "--db", str(lexicon_path))
    assert code == 1
    assert "is not in the lexicon" in err and "did you mean" not in err


def test_lang_option(lexicon_path: Path) -> None:
    code, out, _ = run("compare", "pomme", "pomme", "--db", str(lexicon_path), "--lang", "fr")
    assert code == 0 and "As a noun pomme is apple." in out


def test_missing_lexicon_is_one_line_error(tmp_path: Path) -> None:
    code, _, err = run("compare", "a", "b", "--db", str(tmp_path / "nope.sqlite"))
    assert code == 1
    assert "lexicon not found" in err


def test_serve_rejects_missing_lexicon(tmp_path: Path) -> None:
    code, _, err = run("serve", "--db", str(tmp_path / "nope.sqlite"))
    assert code == 1 and "lexicon not found" in err
