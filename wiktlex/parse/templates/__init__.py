"""Template handlers, one module per family. Importing this package registers them all."""

from __future__ import annotations

from wiktlex.parse.templates import (  # noqa: F401
    definitions,
    etymology,
    examples,
    formatting,
    formof,
    generators,
    headwords,
    labels,
    links,
    maintenance,
    parserfunctions,
    pronunciation,
    quotations,
    relations,
    translations,
)
