"""`wiktlex fetch`: pull pages from a MediaWiki API into a raw page store.

A thin shell over `wiktlex.ingest.sync.fetch_into_store`.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from wiktlex.ingest.api import CONTACT_ENV, DEFAULT_API_URL, ApiFetcher
from wiktlex.ingest.errors import FetchError, IngestError
from wiktlex.ingest.retry import RetryPolicy, parse_duration
from wiktlex.ingest.store import RawStore
from wiktlex.ingest.sync import FetchReport, fetch_into_store


def patience_option(function: Any) -> Any:
    """`--patience 10m`: how long one request may keep failing (maxlag, 429, 503…)."""

    def convert(_ctx: Any, _param: Any, value: str) -> float:
        try:
            return parse_duration(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc)) from exc

    return click.option(
        "--patience",
        default="5m",
        show_default=True,
        callback=convert,
        help="How long one request may keep being retried (e.g. 90s, 10m, 2h), "
        "honouring Retry-After and maxlag.",
    )(function)


def _not_fetched(report: FetchReport) -> list[str]:
    """The titles not fetched, grouped by why: all of them, so a re-run can take them."""
    by_reason: dict[str, list[str]] = {}
    for title in report.failed:
        by_reason.setdefault(report.reasons.get(title, "no content returned"), []).append(title)
    if report.unfetched:
        by_reason.setdefault("gave up", []).extend(report.unfetched)
    return [
        f"not fetched ({why}; {len(titles)}): " + ", ".join(titles)
        for why, titles in by_reason.items()
    ]


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
    if report.unverified:
        lines.append(
            "stored unverified (the same text on every fetch, not the server's sha1): "
            + ", ".join(report.unverified)
        )
    return lines + _not_fetched(report)


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
@patience_option
def command(
    titles: str | None,
    since: str | None,
    api_url: str,
    contact: str | None,
    store_path: str,
    namespaces: tuple[int, ...],
    patience: float,
) -> None:
    """Fetch pages from the API into a raw page store (only newer revisions replace).

    Exit code 1 when some titles were not fetched (all listed); what was fetched is stored.
    """
    if (titles is None) == (since is None):
        raise click.UsageError("give exactly one of --titles or --since")
    wanted = [t.strip() for t in titles.split(",") if t.strip()] if titles is not None else None
    try:
        fetcher = ApiFetcher(api_url, contact=contact, retry=RetryPolicy(patience=patience))
        with RawStore(store_path) as store:
            report = fetch_into_store(
                store, fetcher, titles=wanted, since=since, namespaces=namespaces
            )
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--since") from exc
    except FetchError as exc:
        if not isinstance(exc.report, FetchReport):
            raise click.ClickException(str(exc)) from exc
        for line in _summary(exc.report):
            click.echo(line)
        raise click.ClickException(
            f"{exc.reason}; {len(exc.titles)} title(s) not fetched (listed above)"
        ) from exc
    except IngestError as exc:
        raise click.ClickException(str(exc)) from exc
    for line in _summary(report):
        click.echo(line)
    if not report.complete:
        sys.exit(1)
