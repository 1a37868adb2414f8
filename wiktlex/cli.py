"""The `wiktlex` command: a thin layer, each command calls one library function."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from wiktlex import __version__
from wiktlex.compare.cli import compare, serve
from wiktlex.fixtures_cli import fixtures
from wiktlex.ingest.cli_fetch import fetch
from wiktlex.pipeline_cli import refresh
from wiktlex.stats_cli import stats


class UsageFailure(click.ClickException):
    """Unusable arguments: one line on stderr, exit status 2."""

    exit_code = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wiktlex")
def cli() -> None:
    """wiktlex: English Wiktionary as a clean, structured, always-fresh lexicon."""


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--trace", is_flag=True, help="Show which handler took each template, and diagnostics.")
@click.option("--diagnostics", "diagnostics_path", type=click.Path(path_type=Path),
              help="Write diagnostics as JSONL to this file instead of stderr.")
def parse(files: tuple[Path, ...], trace: bool, diagnostics_path: Path | None) -> None:
    """Parse .wikitext files or XML dumps; one JSON entry per line on stdout."""
    from wiktlex.batch import parse_files

    try:
        parse_files(files, sys.stdout, trace=trace, diagnostics_path=diagnostics_path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UsageFailure(str(exc)) from None


@cli.command()
def schema() -> None:
    """Print the JSON Schema of one lexicon entry."""
    from wiktlex.model import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))


for _command in (fixtures, compare, serve, stats, refresh, fetch):
    cli.add_command(_command)


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
