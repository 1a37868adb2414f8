"""`wiktlex refresh`: a thin shell over `wiktlex.pipeline.refresh`.

Every failure a user can cause (missing source, unwritable output, corrupt database,
full disk) ends as one `error: …` line on stderr and exit status 1; an interrupt (Ctrl-C,
exit 130) or a stop signal (SIGTERM 143, SIGHUP 129: `exits.py`) says how to resume and
leaves no temporary file.
"""

from __future__ import annotations

import os
import sqlite3
import sys

import click

from wiktlex.cli.common import first_line
from wiktlex.cli.exits import FAILED, exit_status, stop_signals_interrupt, stopped_by
from wiktlex.cli.fetch import patience_option
from wiktlex.export import ExportError, LexiconError
from wiktlex.ingest.api import DEFAULT_API_URL
from wiktlex.ingest.errors import IngestError
from wiktlex.ingest.sync import LAST
from wiktlex.pipeline import ApiOptions, EngineError, RefreshError
from wiktlex.pipeline import refresh as run_refresh

_USER_ERRORS = (RefreshError, ExportError, LexiconError, EngineError, IngestError, sqlite3.Error, OSError)


@click.command("refresh")
@click.option("--source", required=True, metavar="DUMP|DIR|api",
              help="An XML dump (plain, .gz, .bz2; multistream with its index beside it), a directory "
                   "of .wikitext pages (subfolders included) or one such file, or 'api'.")
@click.option("--db", default="lexicon.sqlite", show_default=True, type=click.Path(dir_okay=False),
              help="The SQLite lexicon to create or update.")
@click.option("--jsonl", type=click.Path(dir_okay=False), help="Also write the lexicon as JSONL (.gz compresses).")
@click.option("--kaikki", type=click.Path(dir_okay=False), help="Also write kaikki/wiktextract-style JSONL.")
@click.option("--workers", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default="CPU count",
              help="Parser processes (1 parses in this process).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: worker processes here; dask: a Dask cluster (pip install 'wiktlex[dask]').")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="--engine dask: the cluster's scheduler [default: a local cluster of --workers].")
@click.option("--raw", type=click.Path(dir_okay=False), help="Raw page store [default: DB.raw.sqlite beside DB].")
@click.option("--api-url", default=DEFAULT_API_URL, show_default=True, help="MediaWiki API for --source api.")
@click.option("--since", default=LAST, show_default=True, metavar="TIME|last",
              help="--source api: fetch changes since TIME (ISO 8601), or since the last API refresh.")
@click.option("--contact", envvar="WIKTLEX_CONTACT", help="E-mail or URL for the User-Agent (Wikimedia asks for one).")
@patience_option
@click.option("--progress", type=click.Choice(["auto", "rich", "log", "none"]), default="auto", show_default=True,
              help="auto: a progress bar on a terminal, log lines otherwise.")
def command(
    source: str, db: str, jsonl: str | None, kaikki: str | None, workers: int, engine: str,
    scheduler: str | None, raw: str | None, api_url: str, since: str, contact: str | None,
    patience: float, progress: str,
) -> None:
    """Refresh the lexicon from SOURCE: store raw pages, parse what changed, export.

    Safe to interrupt (Ctrl-C, SIGTERM): run the same command again and it continues where
    it stopped. Exit status 1 when it failed or read only part of SOURCE (what it committed
    stays), 130 or 143 when stopped; docs/operations.md says what a failed run leaves.
    """
    try:
        with stop_signals_interrupt():
            summary = run_refresh(source, db, jsonl=jsonl, kaikki=kaikki, workers=workers, engine=engine,
                                  progress=progress, raw=raw, scheduler=scheduler,
                                  api=ApiOptions(url=api_url, since=since, contact=contact,
                                                 patience=patience))
    except _USER_ERRORS as exc:
        click.echo(f"error: {first_line(exc)}", err=True)
        sys.exit(FAILED)
    except KeyboardInterrupt as stop:  # Ctrl-C, or SIGTERM/SIGHUP (exits.Terminated)
        click.echo(f"{stopped_by(stop)}: run the same command again to continue", err=True)
        sys.exit(exit_status(stop))
    for line in summary.lines():
        click.echo(line)
    if summary.error:
        click.echo(f"error: {summary.error}", err=True)
        sys.exit(FAILED)
