"""The `wiktlex compare` and `wiktlex serve` commands (registered in wiktlex/cli.py).

Thin by design: each command opens the lexicon, calls one library function and prints
or serves the result. Heavy imports (Jinja2, Starlette, uvicorn) wait until a command
runs, so `wiktlex --help` stays fast.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from wiktlex.compare.render import FORMATS, RendererUnavailable, render

if TYPE_CHECKING:
    from wiktlex.export.lexicon import Lexicon

def _db_option(f: Callable[..., None]) -> Callable[..., None]:
    return click.option(
        "--db", "db", required=True, type=click.Path(path_type=Path),
        help="The SQLite lexicon written by `wiktlex refresh`.",
    )(f)


def _open(db: Path) -> Lexicon:
    from wiktlex.export.lexicon import LexiconError, open_lexicon

    try:
        return open_lexicon(db)
    except LexiconError as exc:
        raise click.ClickException(str(exc)) from None


@click.command()
@click.argument("word1")
@click.argument("word2")
@_db_option
@click.option("--lang", default="en", show_default=True, help="Language code of the entries.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
def compare(word1: str, word2: str, db: Path, lang: str, fmt: str) -> None:
    """Compare two words: "WORD1 vs WORD2 - What's the difference?"."""
    from wiktlex.compare.build import WordNotFound, build_comparison

    with _open(db) as lexicon:
        try:
            comparison = build_comparison(lexicon, word1, word2, lang=lang)
        except WordNotFound as exc:
            click.echo(f"wiktlex compare: {exc.message}", err=True)
            raise SystemExit(1) from None
    try:
        click.echo(render(comparison, fmt), nl=False)
    except RendererUnavailable as exc:
        click.echo(f"wiktlex compare: {exc}", err=True)
        raise SystemExit(1) from None


@click.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--lang", default="en", show_default=True, help="Language code of the entries.")
def serve(db: Path, host: str, port: int, lang: str) -> None:
    """Serve the comparer as a small web app (form, pages, JSON API)."""
    import uvicorn

    from wiktlex.compare.web import create_app

    _open(db).close()  # a bad path is a one-line error, before the server starts
    app = create_app(db, lang=lang)
    click.echo(f"wiktlex serve: http://{host}:{port}/ (lexicon {db})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
