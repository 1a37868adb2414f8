"""PARSER_VERSION follows the parser's code and data, so upgrades re-parse what they change."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import wiktlex
import wiktlex.parse.version as parser_version_module
from wiktlex.parse.version import parser_version

PACKAGE = Path(wiktlex.__file__).resolve().parent


def copy_of_the_parser(tmp_path: Path) -> Path:
    package = tmp_path / "wiktlex"
    shutil.copytree(PACKAGE / "parse", package / "parse", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PACKAGE / "model.py", package / "model.py")
    return package


def test_the_running_version_is_the_package_version_and_a_digest() -> None:
    assert re.fullmatch(rf"{re.escape(wiktlex.__version__)}\+[0-9a-f]{{12}}", wiktlex.PARSER_VERSION)


def test_it_changes_with_parser_data_and_code_and_nothing_else(tmp_path: Path) -> None:
    package = copy_of_the_parser(tmp_path)
    original = parser_version("1.0", package)
    assert original == wiktlex.PARSER_VERSION.replace(wiktlex.__version__, "1.0")

    (package / "parse" / "__pycache__").mkdir(exist_ok=True)
    (package / "parse" / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    (package / "cli.py").write_text("# not the parser\n")
    assert parser_version("1.0", package) == original

    labels = package / "parse" / "data" / "labels.json"
    labels.write_bytes(labels.read_bytes().replace(b"\n", b"\r\n"))  # a Windows checkout
    assert parser_version("1.0", package) == original

    labels.write_bytes(labels.read_bytes() + b" ")
    changed = parser_version("1.0", package)
    assert changed != original
    (package / "model.py").write_text((package / "model.py").read_text() + "\n# x\n")
    assert parser_version("1.0", package) not in (original, changed)


def test_without_readable_sources_it_is_the_package_version(tmp_path: Path) -> None:
    assert parser_version("1.0", tmp_path / "nowhere") == "1.0"


def test_it_changes_with_the_installed_tokenizer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = copy_of_the_parser(tmp_path)
    original = parser_version("1.0", package)
    monkeypatch.setattr(parser_version_module.metadata, "version", lambda name: "99.0")
    assert parser_version("1.0", package) != original


def test_it_is_computed_on_first_use_only_and_once() -> None:
    """`import wiktlex` and parsing never hash the parser's files (every parse worker
    imports wiktlex); the first `wiktlex.PARSER_VERSION` does, and only that one."""
    import subprocess
    import sys

    code = (
        "import wiktlex\n"
        "from wiktlex.parse.version import current\n"
        "wiktlex.parse_page(wiktlex.RawPage(title='x', text='==English==\\n===Noun===\\n# A thing.'))\n"
        "import wiktlex.pipeline, wiktlex.cli\n"
        "assert current.cache_info().misses == 0, 'computed at import'\n"
        "first = wiktlex.PARSER_VERSION\n"
        "assert wiktlex.PARSER_VERSION is first and current.cache_info().misses == 1\n"
        "print(first)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == wiktlex.PARSER_VERSION
