"""Wikitext -> lexicon entries. Imports neither ingest nor export."""

from __future__ import annotations

from wiktlex.parse.page import parse_page

__all__ = ["parse_page"]
