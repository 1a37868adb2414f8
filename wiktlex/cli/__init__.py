"""The `wiktlex` command: the click group, one module per command.

Each command module is a thin shell over one library function: it parses options, calls
the function and turns its result or its error into output and an exit status. Heavy
imports (the parser, Starlette, Dask) wait until a command runs, so `wiktlex --help`
stays fast.
"""

from __future__ import annotations

import click

from wiktlex import __version__
from wiktlex.cli import compare, fetch, fixtures, parse, refresh, schema, serve, stats

#: Every command module, in the order `wiktlex --help` does not use (it sorts by name).
COMMANDS = (parse, schema, fetch, refresh, compare, serve, stats, fixtures)
#: `-h` as well as `--help`, on every command: set on each one, not only inherited from the
#: group, because click keeps a command's help option from its first use (a command run
#: on its own, as tests and embedding programs do, would otherwise lose `-h`).
SETTINGS = {"help_option_names": ["-h", "--help"]}


def _with_settings(command: click.Command) -> click.Command:
    command.context_settings = {**SETTINGS, **command.context_settings}
    for sub in getattr(command, "commands", {}).values():
        _with_settings(sub)
    return command


@click.group(context_settings=SETTINGS)
@click.version_option(__version__, prog_name="wiktlex")
def cli() -> None:
    """wiktlex: English Wiktionary as a clean, structured, always-fresh lexicon."""


for _module in COMMANDS:
    cli.add_command(_with_settings(_module.command))


def main() -> None:
    cli()


__all__ = ["cli", "main"]
