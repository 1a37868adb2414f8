"""`make run` (`python -m wiktlex.cli.demo`): the main job, offline, on the bundled fixture dump, into ./lexicon.sqlite.

Shows what a user gets from a refresh: the run summary, then the lexicon answering a
lookup and a misspelling, the way the comparer and `serve` will read it.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from wiktlex.compare.build import build_comparison
from wiktlex.compare.render_text import render_text
from wiktlex.export import open_lexicon
from wiktlex.model import Entry
from wiktlex.pipeline import refresh

FIXTURE_DUMP = Path(__file__).resolve().parents[2] / "fixtures" / "dumps" / "demo-pages-articles.xml"


def describe(entry: Entry, senses: int = 3) -> list[str]:
    """A few lines a person can read: heading, then the first glosses."""
    etym = f" (etymology {entry.etymology_number})" if entry.etymology_number else ""
    lines = [f"{entry.word} — {entry.lang} {entry.pos}{etym}"]
    for i, sense in enumerate(entry.senses[:senses], 1):
        labels = f"({', '.join(sense.labels)}) " if sense.labels else ""
        lines.append(f"  {i}. {labels}{sense.gloss}")
    if len(entry.senses) > senses:
        lines.append(f"  … {len(entry.senses) - senses} more")
    return lines


def main(db: str = "lexicon.sqlite", word: str = "release") -> None:
    summary = refresh(str(FIXTURE_DUMP), db, workers=min(4, os.cpu_count() or 1), progress="log")
    click.echo("\n".join(summary.lines()))
    with open_lexicon(db) as lexicon:
        counts = lexicon.stats()["counts"]
        click.echo(f"\nlexicon: {counts['pages']} pages, {counts['entries']} entries, "
                   f"{counts['senses']} senses")
        click.echo(f"\n$ lookup {word!r}")
        for entry in lexicon.entries(word):
            click.echo("\n".join(describe(entry)))
        click.echo(f"\n$ did you mean … 'relase'? {', '.join(lexicon.suggest('relase'))}")
        click.echo("\n$ wiktlex compare production release\n")
        comparison = build_comparison(lexicon, "production", "release")
        click.echo(render_text(comparison), nl=False)


if __name__ == "__main__":
    main()
