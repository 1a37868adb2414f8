"""Template handlers, one module per family. Importing this package registers them all."""

from __future__ import annotations

from wiktlex.parse.templates import (  # noqa: F401
    etymology,
    examples,
    formatting,
    formof,
    headwords,
    labels,
    links,
    maintenance,
    pronunciation,
    quotations,
    relations,
    translations,
)
