"""Wikitext -> lexicon entries. Imports neither ingest nor export."""

from __future__ import annotations

from wiktlex.parse.page import parse_page
from wiktlex.parse.template_library import TemplateLibrary

__all__ = ["TemplateLibrary", "parse_page"]
