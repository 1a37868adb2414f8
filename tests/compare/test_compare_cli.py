"""`wiktlex compare` through the real command group: output, formats, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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
    assert lines[0] == "production vs release - What's the difference?"
    assert lines[2].startswith(NOUNS_START)
    assert lines[4].startswith("As a verb release is to let go (of)")
    assert "    2. (software) The distribution of an initial" in out
    assert "https://en.wiktionary.org/w/index.php?title=release&action=history" in out


def test_each_format(lexicon_path: Path) -> None:
    for fmt, marker in (("markdown", "# production vs release"), ("html", "<!doctype html>"),
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
    assert code == 0 and "As a noun pomme is an apple." in out


def test_missing_lexicon_is_one_line_error(tmp_path: Path) -> None:
    code, _, err = run("compare", "a", "b", "--db", str(tmp_path / "nope.sqlite"))
    assert code == 1
    assert "lexicon not found" in err


def test_serve_rejects_missing_lexicon(tmp_path: Path) -> None:
    code, _, err = run("serve", "--db", str(tmp_path / "nope.sqlite"))
    assert code == 1 and "lexicon not found" in err


_WITHOUT = """
import sys
from importlib.abc import MetaPathFinder

class Absent(MetaPathFinder):
    '''As on a core install: the web extra and Jinja2 are not there.'''
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('jinja2', 'markupsafe', 'starlette', 'uvicorn'):
            raise ModuleNotFoundError(f"No module named '{name}'", name=name)
        return None

sys.meta_path.insert(0, Absent())
from wiktlex.cli import main
sys.argv[0] = 'wiktlex'
main()
"""


def _without_extras(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, "-c", _WITHOUT, *args], capture_output=True,
                          text=True, env=env, timeout=60)


def test_text_markdown_json_need_no_jinja2(lexicon_path: Path) -> None:
    for fmt, marker in (("text", "production vs release"), ("markdown", "# production"),
                        ("json", '"schema_version"')):
        done = _without_extras("compare", "production", "release", "--db", str(lexicon_path),
                               "--format", fmt)
        assert done.returncode == 0, done.stderr
        assert marker in done.stdout and done.stderr == ""


def test_html_without_jinja2_is_one_line(lexicon_path: Path) -> None:
    done = _without_extras("compare", "production", "release", "--db", str(lexicon_path),
                           "--format", "html")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert done.stderr.startswith("wiktlex compare: --format html needs jinja2: pip install")
