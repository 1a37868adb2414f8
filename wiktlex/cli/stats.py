"""`wiktlex stats`: reports on the lexicon, or on pages in files, directories or dumps.

Bare, it reports on the lexicon at --db (wiktlex.lexicon.report). Given PATHS, it parses
them and reports which handler took each template (`--templates`, the default:
wiktlex.parse.stats) and/or how quotations were extracted (`--citations`:
wiktlex.parse.citation_stats). More reports are more flags.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from wiktlex.cli.common import UsageFailure, first_line


@click.command("stats")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--templates", "templates", is_flag=True,
              help="Template occurrences by handler; the most frequent fallbacks (the default with PATHS).")
@click.option("--citations", "citations", is_flag=True,
              help="Quotation/citation extraction report.")
@click.option("--db", default="lexicon.sqlite", show_default=True, type=click.Path(path_type=Path),
              help="The lexicon reported on when no PATHS are given.")
@click.option("--top", default=30, show_default=True, help="Rows in each table.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True)
def command(paths: tuple[Path, ...], templates: bool, citations: bool, db: Path, top: int,
            fmt: str) -> None:
    """Coverage statistics of the lexicon, or of .wikitext files, directories or XML dumps.

    A bare `wiktlex stats` reports on the lexicon at --db: its parser and schema versions,
    pages by how their parse ended (ok, empty, redirect, partial, error), the count of
    every table (entries, senses, quotations, translations, diagnostics, ...) and the
    languages with the most entries. Given PATHS, it parses them and reports on templates
    (the default) or citations.
    """
    if not paths:
        if templates or citations:
            raise UsageFailure("--templates and --citations report on pages: give PATHS")
        _lexicon(db, top, fmt)
        return
    from wiktlex.ingest.errors import IngestError
    from wiktlex.pipeline.batch import page_reports

    try:
        for report in page_reports(paths, templates=templates or not citations,
                                   citations=citations, top=top, fmt=fmt):
            sys.stdout.write(report)
    except (IngestError, OSError, ValueError) as exc:
        raise UsageFailure(first_line(exc)) from None


def _lexicon(db: Path, top: int, fmt: str) -> None:
    from wiktlex.lexicon import LexiconError
    from wiktlex.lexicon.report import lexicon_report

    try:
        sys.stdout.write(lexicon_report(db, top=top, fmt=fmt))
    except LexiconError as exc:
        raise click.ClickException(f"{exc} (run `wiktlex refresh`, or give PATHS)") from None
