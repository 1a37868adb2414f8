"""Data tables of the comparer (part-of-speech names, relation headings) as JSON files."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> Any:
    """The parsed content of `wiktlex/compare/data/NAME.json` (cached, never mutated)."""
    text = resources.files(__package__).joinpath(f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text)
