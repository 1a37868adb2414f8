"""The `offset:pageid:title` index of a multistream dump.

`…-index.txt(.bz2)` beside a `pages-articles-multistream.xml.bz2` names, for every page,
the byte offset of the bz2 stream holding it. Random access and shards load it whole;
the sequential reader needs it only when a stream is damaged (which pages were lost,
where the next stream starts), so `scan_index` answers that in one pass without keeping
millions of entries in memory.
"""

from __future__ import annotations

import bz2
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from wiktlex.ingest.errors import DumpIndexError


class IndexEntry(NamedTuple):
    offset: int
    pageid: int | None
    title: str


class MultistreamIndex:
    """The `offset:pageid:title` index of a multistream dump, loaded in memory."""

    def __init__(self, path: str, entries: list[IndexEntry]) -> None:
        self.path = path
        self.entries = entries
        self._by_title = {entry.title: entry for entry in entries}

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> MultistreamIndex:
        """Read a plain or bz2 index; a malformed line is an error naming its number."""
        return cls(str(path), list(iter_index(path)))

    def offset_of(self, title: str) -> int | None:
        entry = self._by_title.get(title)
        return entry.offset if entry is not None else None

    def stream_offsets(self) -> list[int]:
        """Start of every stream that holds pages, ascending."""
        return sorted({entry.offset for entry in self.entries})

    def __len__(self) -> int:
        return len(self.entries)


def iter_index(path: str | os.PathLike[str]) -> Iterator[IndexEntry]:
    """The entries of a plain or bz2 index, in file order."""
    path = Path(path)
    try:
        with path.open("rb") as probe:
            compressed = probe.read(3) == b"BZh"
        opener: Any = bz2.open if compressed else open
        with opener(path, "rt", encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                yield _parse_index_line(line, str(path), number)
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise DumpIndexError(f"unreadable index: {exc}", path=str(path)) from exc


def _parse_index_line(line: str, path: str, number: int) -> IndexEntry:
    offset, sep1, rest = line.rstrip("\n").partition(":")
    pageid, sep2, title = rest.partition(":")
    if not (sep1 and sep2 and offset.isdigit() and pageid.isdigit() and title):
        raise DumpIndexError(
            f"index line {number} is not 'offset:pageid:title': {line[:80]!r}",
            path=path,
            line=number,
        )
    return IndexEntry(int(offset), int(pageid), title)


class StreamFacts(NamedTuple):
    """What an index says about one stream: its pages, and the offsets of later streams."""

    titles: list[str]
    later: list[int]


def scan_index(path: str | os.PathLike[str], offset: int, *, later: int = 8) -> StreamFacts:
    """The titles the index puts in the stream at `offset`, and up to `later` stream
    offsets after it (ascending), read in one pass over the index."""
    titles: list[str] = []
    after: set[int] = set()
    for entry in iter_index(path):
        if entry.offset == offset:
            titles.append(entry.title)
        elif entry.offset > offset:
            after.add(entry.offset)
            if len(after) > later:
                after.discard(max(after))
    return StreamFacts(titles, sorted(after))


def find_index(dump: str | os.PathLike[str]) -> Path | None:
    """The index beside a multistream dump (`X.xml.bz2` -> `X-index.txt.bz2` or `.txt`)."""
    dump = Path(dump)
    stem = dump.name.removesuffix(".bz2").removesuffix(".xml")
    for suffix in ("-index.txt.bz2", "-index.txt"):
        candidate = dump.with_name(stem + suffix)
        if candidate.exists():
            return candidate
    return None


def load_index(
    dump: str | os.PathLike[str], index: MultistreamIndex | str | os.PathLike[str] | None
) -> MultistreamIndex | None:
    """`index` as given, loaded, or the one found beside `dump` (None if there is none)."""
    if isinstance(index, MultistreamIndex):
        return index
    if index is None:
        index = find_index(dump)
    return MultistreamIndex.load(index) if index is not None else None
