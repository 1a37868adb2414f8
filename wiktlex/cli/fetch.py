"""`wiktlex fetch`: pull pages from a MediaWiki API into a raw page store.

A thin shell over `wiktlex.ingest.sync.fetch_into_store`.
"""

from __future__ import annotations

import sys

import click

from wiktlex.ingest.api import CONTACT_ENV, DEFAULT_API_URL, ApiFetcher
from wiktlex.ingest.errors import IngestError
from wiktlex.ingest.store import RawStore
from wiktlex.ingest.sync import FetchReport, fetch_into_store


def _summary(report: FetchReport) -> list[str]:
    lines = [
        f"{report.source}: fetched {report.fetched} page(s), {report.changed} new or changed, "
        f"{report.unchanged} unchanged"
    ]
    if report.since is not None:
        lines.append(f"changes since {report.since}: {report.changes_seen}")
    lines.extend(f"{asked} -> {final}" for asked, final in report.resolved.items())
    if report.missing:
        lines.append("missing: " + ", ".join(report.missing))
    lines.extend(f"invalid: {title} ({why})" for title, why in report.invalid.items())
    if report.deleted:
        lines.append("deleted: " + ", ".join(report.deleted))
    lines.extend(f"moved: {old} -> {new}" for old, new in report.moved)
    if report.failed:
        lines.append("not fetched (no content returned): " + ", ".join(report.failed))
    return lines


@click.command("fetch")
@click.option("--titles", help="Comma-separated titles to fetch, e.g. production,release.")
@click.option(
    "--since", help="Fetch pages changed since this ISO time (or 'last': since the last run)."
)
@click.option(
    "--api-url", default=DEFAULT_API_URL, show_default=True, help="MediaWiki api.php URL."
)
@click.option(
    "--contact", envvar=CONTACT_ENV, help=f"E-mail or URL for the User-Agent (or ${CONTACT_ENV})."
)
@click.option(
    "--store",
    "store_path",
    required=True,
    type=click.Path(dir_okay=False),
    help="Raw page store (SQLite).",
)
@click.option(
    "--namespace",
    "namespaces",
    type=int,
    multiple=True,
    default=(0,),
    show_default=True,
    help="Namespaces followed by --since (repeatable).",
)
def command(
    titles: str | None,
    since: str | None,
    api_url: str,
    contact: str | None,
    store_path: str,
    namespaces: tuple[int, ...],
) -> None:
    """Fetch pages from the API into a raw page store (only newer revisions replace)."""
    if (titles is None) == (since is None):
        raise click.UsageError("give exactly one of --titles or --since")
    wanted = [t.strip() for t in titles.split(",") if t.strip()] if titles is not None else None
    try:
        fetcher = ApiFetcher(api_url, contact=contact)
        with RawStore(store_path) as store:
            report = fetch_into_store(
                store, fetcher, titles=wanted, since=since, namespaces=namespaces
            )
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--since") from exc
    except IngestError as exc:
        raise click.ClickException(str(exc)) from exc
    for line in _summary(report):
        click.echo(line)
    if report.failed:
        sys.exit(1)
