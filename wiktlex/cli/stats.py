"""`wiktlex stats`: coverage reports over files, directories or dumps.

`--templates`: which handler took each template occurrence (wiktlex.parse.stats).
`--citations`: the quotations report (wiktlex.parse.citation_stats). More reports are
more flags.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.command("stats")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--templates", "templates", is_flag=True,
              help="Template occurrences by handler; the most frequent fallbacks.")
@click.option("--citations", "citations", is_flag=True,
              help="Quotation/citation extraction report (when available).")
@click.option("--top", default=30, show_default=True, help="Rows in each table.")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              show_default=True)
def command(paths: tuple[Path, ...], templates: bool, citations: bool, top: int, fmt: str) -> None:
    """Coverage statistics over .wikitext files, directories of them or XML dumps."""
    from wiktlex.batch import iter_pages
    from wiktlex.parse import stats as parse_stats

    if not templates and not citations:
        raise click.UsageError("choose a report: --templates or --citations")
    try:
        if templates:
            report = parse_stats.template_stats(iter_pages(paths))
            sys.stdout.write(parse_stats.format_template_stats(report, top=top, fmt=fmt))
        if citations:
            from wiktlex.parse.citation_stats import citation_stats, format_citation_stats

            sys.stdout.write(format_citation_stats(citation_stats(iter_pages(paths)), fmt=fmt))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise click.UsageError(str(exc)) from None
