"""docs/cli.md is every command's --help as the code has it now."""

from __future__ import annotations

from pathlib import Path

import click

from wiktlex.cli import cli
from wiktlex.cli.docs import main, render

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def commands(group: click.Group, path: str = "wiktlex") -> list[str]:
    found = [path]
    for name, command in sorted(group.commands.items()):
        found += commands(command, f"{path} {name}") if isinstance(command, click.Group) else [f"{path} {name}"]
    return found


def test_docs_cli_md_is_up_to_date() -> None:
    assert DOCS.read_text(encoding="utf-8") == render(), (
        "docs/cli.md is stale: run `python -m wiktlex.cli.docs`"
    )


def test_every_command_has_its_section() -> None:
    sections = [line.removeprefix("## ") for line in render().splitlines() if line.startswith("## ")]
    assert sections == commands(cli)
    assert "wiktlex fixtures check" in sections and "wiktlex stats" in sections


def test_the_generator_writes_the_file(tmp_path: Path) -> None:
    main([str(tmp_path / "cli.md")])
    assert (tmp_path / "cli.md").read_text(encoding="utf-8") == render()


def test_a_command_run_on_its_own_first_keeps_its_help_options() -> None:
    """click keeps a command's help option from its first use: run alone (no group
    settings), a command must still offer -h, in the docs and through the group."""
    from click.testing import CliRunner

    from wiktlex.cli.stats import command

    assert CliRunner().invoke(command, ["-h"]).exit_code == 0
    assert "  -h, --help" in CliRunner().invoke(cli, ["stats", "--help"]).output
    assert DOCS.read_text(encoding="utf-8") == render()
