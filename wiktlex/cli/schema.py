"""`wiktlex schema`: the JSON Schema of one lexicon entry."""

from __future__ import annotations

import json

import click


@click.command("schema")
def command() -> None:
    """Print the JSON Schema of one lexicon entry."""
    from wiktlex.model import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))
