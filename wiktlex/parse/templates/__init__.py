"""Template handlers, one module per family, and the default registry built from them.

Importing a family registers nothing: `default_registry()` builds one Registry instance
from FAMILIES, in this order (a name two families claim fails loudly, naming both).
A new family is a module here and an entry in FAMILIES.
"""

from __future__ import annotations

from functools import cache

from wiktlex.parse.registry import Registry
from wiktlex.parse.templates import (
    codes,
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
    names,
    parserfunctions,
    places,
    pronunciation,
    quotations,
    relations,
    rq,
    translations,
)

FAMILIES = (
    codes,
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
    names,
    parserfunctions,
    places,
    pronunciation,
    quotations,
    relations,
    rq,
    translations,
)


@cache
def default_registry() -> Registry:
    """The registry of every family in FAMILIES (built once per process)."""
    return Registry.from_modules(FAMILIES)
