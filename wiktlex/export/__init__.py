"""wiktlex export: every output of a refresh, reachable by name through EXPORTERS.

The file formats live here, one class a format (`jsonl.py`, `kaikki.py`), all writing
through `storage.py`; the SQLite lexicon is its own package (`wiktlex.lexicon`) and is
the `sqlite` entry of the map. `export` never imports `ingest` (house rule); the
pipeline wires the two.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wiktlex.export.jsonl import JsonlExporter
from wiktlex.export.kaikki import KaikkiExporter
from wiktlex.lexicon import Lexicon, LexiconError, open_lexicon
from wiktlex.lexicon import LexiconWriter as SqliteExporter
from wiktlex.model import Exporter, ExportError, ExportPage

#: The file formats, by name.
FORMATS: dict[str, type[Exporter]] = {cls.name: cls for cls in (JsonlExporter, KaikkiExporter)}

#: Every output, by name: the file formats and the SQLite lexicon.
EXPORTERS: dict[str, type[Exporter]] = {**FORMATS, SqliteExporter.name: SqliteExporter}


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
    "FORMATS",
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
