"""`wiktlex parse FILE...`: pages of files, directories or dumps → JSONL entries on stdout."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from wiktlex.cli.common import UsageFailure, first_line


@click.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--trace", is_flag=True, help="Show which handler took each template, and diagnostics.")
@click.option("--diagnostics", "diagnostics_path", type=click.Path(path_type=Path),
              help="Write diagnostics as JSONL to this file instead of stderr.")
def command(files: tuple[Path, ...], trace: bool, diagnostics_path: Path | None) -> None:
    """Parse .wikitext files, directories or XML dumps; one JSON entry per line on stdout.

    A page's title is its file name with %2F read as / and %25 as %. A directory is read
    as `wiktlex refresh --source DIR` reads it: every *.wikitext file under it, subfolders
    included; any other file in it is named in a diagnostic.
    """
    from wiktlex.ingest.errors import IngestError
    from wiktlex.ingest.sources import SourceNotFound
    from wiktlex.pipeline.batch import parse_files

    try:
        parse_files(files, sys.stdout, trace=trace, diagnostics_path=diagnostics_path)
    except SourceNotFound as exc:
        raise UsageFailure(f"no such file: {exc.path}") from None
    except (IngestError, OSError, ValueError) as exc:
        raise UsageFailure(first_line(exc)) from None
