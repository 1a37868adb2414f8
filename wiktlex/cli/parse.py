"""`wiktlex parse FILE...`: pages of files, directories or dumps → JSONL entries on stdout."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from wiktlex.cli.common import UsageFailure


@click.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--trace", is_flag=True, help="Show which handler took each template, and diagnostics.")
@click.option("--diagnostics", "diagnostics_path", type=click.Path(path_type=Path),
              help="Write diagnostics as JSONL to this file instead of stderr.")
def command(files: tuple[Path, ...], trace: bool, diagnostics_path: Path | None) -> None:
    """Parse .wikitext files or XML dumps; one JSON entry per line on stdout."""
    from wiktlex.batch import parse_files

    try:
        parse_files(files, sys.stdout, trace=trace, diagnostics_path=diagnostics_path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UsageFailure(str(exc)) from None
