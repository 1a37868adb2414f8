"""`wiktlex serve`: the comparer as a small web app over one lexicon."""

from __future__ import annotations

from pathlib import Path

import click

from wiktlex.cli.compare import db_option, open_or_fail


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--lang", default="en", show_default=True, help="Language code of the entries.")
def command(db: Path, host: str, port: int, lang: str) -> None:
    """Serve the comparer as a small web app (form, pages, JSON API)."""
    import uvicorn

    from wiktlex.compare.web import create_app

    open_or_fail(db).close()  # a bad path is a one-line error, before the server starts
    app = create_app(db, lang=lang)
    click.echo(f"wiktlex serve: http://{host}:{port}/ (lexicon {db})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
