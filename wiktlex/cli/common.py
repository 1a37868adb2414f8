"""What every command shares: how a user's mistake ends (one line, an exit status)."""

from __future__ import annotations

import click


class UsageFailure(click.ClickException):
    """Unusable arguments: one line on stderr, exit status 2."""

    exit_code = 2


def first_line(exc: BaseException) -> str:
    """An exception as the one line a user reads (its type when it has no message)."""
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
