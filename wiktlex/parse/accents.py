"""Accent labels (`{{a|GA}}`, `<a:RP>`) as tags: shared by the pronunciation families."""

from __future__ import annotations

from wiktlex.parse.data import load


def accent_tags(labels: list[str]) -> list[str]:
    """Accent labels as tags, with Wiktionary's abbreviations spelt out (`GA`)."""
    table: dict[str, str] = load("accents")
    return [table.get(label, label) for label in labels if label]
