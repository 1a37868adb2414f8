"""wiktlex export: one exporter a file, all reachable by name through EXPORTERS.

`export` never imports `ingest` (house rule); the pipeline wires the two.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wiktlex.export.base import Exporter, ExportError, ExportPage
from wiktlex.export.jsonl import JsonlExporter
from wiktlex.export.kaikki import KaikkiExporter
from wiktlex.export.lexicon import Lexicon, LexiconError, open_lexicon
from wiktlex.export.sqlite import SqliteExporter

EXPORTERS: dict[str, type[Exporter]] = {
    cls.name: cls for cls in (JsonlExporter, SqliteExporter, KaikkiExporter)
}


def exporter_class(name: str) -> type[Exporter]:
    """The exporter registered as `name`; a KeyError naming the known ones otherwise."""
    try:
        return EXPORTERS[name]
    except KeyError:
        known = ", ".join(sorted(EXPORTERS))
        raise KeyError(f"unknown exporter {name!r} (known: {known})") from None


def make_exporter(name: str, path: str | Path, **options: Any) -> Exporter:
    return exporter_class(name)(path, **options)


__all__ = [
    "EXPORTERS",
    "ExportError",
    "ExportPage",
    "Exporter",
    "JsonlExporter",
    "KaikkiExporter",
    "Lexicon",
    "LexiconError",
    "SqliteExporter",
    "exporter_class",
    "make_exporter",
    "open_lexicon",
]
