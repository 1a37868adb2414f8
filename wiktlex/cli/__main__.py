"""`python -m wiktlex.cli`: the `wiktlex` command without the installed script."""

from __future__ import annotations

from wiktlex.cli import main

main()
