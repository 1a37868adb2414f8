"""`wiktlex compare WORD1 WORD2`: "WORD1 vs WORD2 - What's the difference?" from the lexicon.

Opens the lexicon, calls `wiktlex.compare.build_comparison` and prints the result in the
chosen format.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from wiktlex.compare.render import FORMATS

if TYPE_CHECKING:
    from wiktlex.lexicon import Lexicon


def db_option(f: Callable[..., None]) -> Callable[..., None]:
    """`--db`: the lexicon a command reads (compare, serve)."""
    return click.option(
        "--db", "db", required=True, type=click.Path(path_type=Path),
        help="The SQLite lexicon written by `wiktlex refresh`.",
    )(f)


def open_or_fail(db: Path) -> Lexicon:
    """The lexicon at `db`, or a one-line error (exit 1) saying why it is not one."""
    from wiktlex.lexicon import LexiconError, open_lexicon

    try:
        return open_lexicon(db)
    except LexiconError as exc:
        raise click.ClickException(str(exc)) from None


@click.command("compare")
@click.argument("word1")
@click.argument("word2")
@db_option
@click.option("--lang", default="en", show_default=True, help="Language code of the entries.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
def command(word1: str, word2: str, db: Path, lang: str, fmt: str) -> None:
    """Compare two words: "WORD1 vs WORD2 - What's the difference?"."""
    from wiktlex.compare.build import WordNotFound, build_comparison
    from wiktlex.compare.render import RendererUnavailable, render

    with open_or_fail(db) as lexicon:
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
