"""`wiktlex fixtures check|update|add`: the golden-file workflow on the command line.

Each command calls one function of `wiktlex.fixtures` and prints its lines as they come,
so a long check shows progress and the first mismatch without waiting for the end.
"""

from __future__ import annotations

from pathlib import Path

import click

from wiktlex import fixtures as lib

_DIRS = click.argument(
    "dirs", nargs=-1, required=True, type=click.Path(path_type=Path, file_okay=False)
)
_ONLY = click.option("--only", metavar="GLOB", help="Only fixtures whose name or title matches.")


@click.group(name="fixtures")
def command() -> None:
    """Golden-file fixtures: check, update and add parser test pages."""


@command.command(name="check")
@_DIRS
@_ONLY
@click.option("--fail-fast", is_flag=True, help="Stop at the first failing fixture.")
def check_cmd(dirs: tuple[Path, ...], only: str | None, fail_fast: bool) -> None:
    """Parse every fixture and compare with its expected JSON; exit 1 on any mismatch."""

    def show(outcome: lib.Outcome) -> None:
        for line in outcome.lines:
            click.echo(line)

    try:
        report = lib.check(dirs, only=only, fail_fast=fail_fast, on_outcome=show)
    except lib.FixtureError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(report.summary())
    if not report.ok:
        raise SystemExit(1)


@command.command(name="update")
@_DIRS
@_ONLY
def update_cmd(dirs: tuple[Path, ...], only: str | None) -> None:
    """Rewrite expected files from the current parser, printing what changed."""

    def show(change: lib.Outcome) -> None:
        for line in change.lines:
            click.echo(line)

    try:
        changes = lib.update(dirs, only=only, on_change=show)
    except lib.FixtureError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(lib.update_summary(changes))
    if any(change.status == "error" for change in changes):
        raise SystemExit(1)


@command.command(name="add")
@click.argument("titles", nargs=-1, required=True)
@click.option("--dir", "directory", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Fixture directory to write into (created if absent).")
@click.option("--api-url", default=None, help="MediaWiki API endpoint (default: en.wiktionary).")
@click.option("--contact", default=None, envvar="WIKTLEX_CONTACT",
              help="E-mail or URL for the User-Agent (required by Wikimedia wikis).")
def add_cmd(titles: tuple[str, ...], directory: Path, api_url: str | None, contact: str | None) -> None:
    """Fetch live pages and write .wikitext, .meta.json and .expected.json for each."""
    try:
        added = lib.add(list(titles), directory, api_url=api_url, contact=contact)
    except lib.FixtureError as exc:
        raise click.ClickException(str(exc)) from None
    for line in added.lines:
        click.echo(line)
    if added.missing:
        raise SystemExit(1)
