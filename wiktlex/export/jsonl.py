"""JSONL: one entry per line, in page order, exactly the schema of `wiktlex schema`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from msgspec.structs import replace

from wiktlex.export.lines import LineFileExporter
from wiktlex.model import Entry, ExportPage, Sense, entry_to_json


def flatten_senses(senses: list[Sense]) -> list[Sense]:
    """The sense tree as a list (parents before their sub-senses, `subsenses` emptied)."""
    def walk(items: list[Sense]) -> Iterator[Sense]:
        for s in items:
            yield replace(s, subsenses=[])
            yield from walk(s.subsenses)

    return list(walk(senses))


class JsonlExporter(LineFileExporter):
    """Writes `out.jsonl` (or `out.jsonl.gz`); `flat=True` flattens sub-senses."""

    name = "jsonl"
    suffixes = (".jsonl", ".jsonl.gz")

    def __init__(self, path: str | Path, flat: bool = False) -> None:
        super().__init__(path)
        self.flat = flat

    def lines(self, page: ExportPage) -> Iterable[bytes]:
        for entry in page.entries:
            yield entry_to_json(self._shape(entry))

    def _shape(self, entry: Entry) -> Entry:
        if not self.flat:
            return entry
        return replace(entry, senses=flatten_senses(entry.senses))
