"""Multistream bz2 dumps: one title by random access, and byte-range shards for workers.

A `pages-articles-multistream.xml.bz2` is a header stream (`<mediawiki><siteinfo>`), then
bz2 streams of 100 pages each, then a trailer stream (`</mediawiki>`). Its index
(`…-index.txt(.bz2)`, lines `offset:pageid:title`) gives the byte offset of the stream
holding each page, so one page costs one stream's decompression, and the dump splits
into byte ranges on stream boundaries that processes read independently.
"""

from __future__ import annotations

import bz2
import os
import re
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import IO, Any, NamedTuple

import msgspec
from lxml import etree

from wiktlex.ingest.dump import (
    MAIN_NAMESPACE,
    OnDiagnostic,
    Progress,
    iter_page_events,
    read_dump,
)
from wiktlex.ingest.errors import DumpError, DumpIndexError
from wiktlex.ingest.namespaces import NamespaceMap, english_wiktionary
from wiktlex.model import RawPage

_CHUNK = 1 << 20
_HEADER_END_RE = re.compile(rb"</siteinfo>\s*|<mediawiki\b[^>]*>\s*")


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
        path = Path(path)
        opener: Any = bz2.open if path.read_bytes()[:3] == b"BZh" else open
        entries: list[IndexEntry] = []
        try:
            with opener(path, "rt", encoding="utf-8") as lines:
                for number, line in enumerate(lines, 1):
                    entries.append(_parse_index_line(line, str(path), number))
        except (OSError, EOFError, UnicodeDecodeError) as exc:
            raise DumpIndexError(f"unreadable index: {exc}", path=str(path)) from exc
        return cls(str(path), entries)

    def offset_of(self, title: str) -> int | None:
        entry = self._by_title.get(title)
        return entry.offset if entry is not None else None

    def stream_offsets(self) -> list[int]:
        """Start of every stream that holds pages, ascending."""
        return sorted({entry.offset for entry in self.entries})

    def __len__(self) -> int:
        return len(self.entries)


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


def find_index(dump: str | os.PathLike[str]) -> Path | None:
    """The index beside a multistream dump (`X.xml.bz2` -> `X-index.txt.bz2` or `.txt`)."""
    dump = Path(dump)
    stem = dump.name.removesuffix(".bz2").removesuffix(".xml")
    for suffix in ("-index.txt.bz2", "-index.txt"):
        candidate = dump.with_name(stem + suffix)
        if candidate.exists():
            return candidate
    return None


def _load_index(
    dump: str | os.PathLike[str], index: MultistreamIndex | str | os.PathLike[str] | None
) -> MultistreamIndex | None:
    if isinstance(index, MultistreamIndex):
        return index
    if index is None:
        index = find_index(dump)
    return MultistreamIndex.load(index) if index is not None else None


def read_stream(
    raw: IO[bytes], offset: int, path: str, limit: int | None = None
) -> tuple[bytes, int]:
    """Decompress the one bz2 stream starting at `offset`; return (xml, its end offset)."""
    raw.seek(offset)
    decompressor = bz2.BZ2Decompressor()
    parts: list[bytes] = []
    pos = offset
    while not decompressor.eof:
        chunk = raw.read(_CHUNK if limit is None else min(_CHUNK, limit - pos))
        if not chunk:
            raise DumpError(
                f"bz2 stream starting at byte {offset} is truncated", path=path, offset=pos
            )
        try:
            parts.append(decompressor.decompress(chunk))
        except OSError as exc:
            what = "no bz2 stream starts here" if pos == offset else "corrupt bz2 stream"
            raise DumpError(
                f"{what} (stream at byte {offset}): {exc}", path=path, offset=pos
            ) from exc
        pos += len(chunk)
    return b"".join(parts), pos - len(decompressor.unused_data)


def split_header(xml: bytes) -> tuple[bytes, bytes]:
    """Split (`<mediawiki …><siteinfo>…</siteinfo>`, pages) and drop a `</mediawiki>` tail."""
    body = xml
    header = b""
    if b"<mediawiki" in xml[:2048]:
        ends = list(_HEADER_END_RE.finditer(xml))
        cut = next((m.end() for m in ends if m.group().startswith(b"</siteinfo>")), ends[0].end())
        header, body = xml[:cut], xml[cut:]
    stripped = body.rstrip()
    if stripped.endswith(b"</mediawiki>"):
        body = stripped[: -len(b"</mediawiki>")]
    return header, body


def namespaces_of_header(header: bytes) -> NamespaceMap:
    """Namespace names from a header stream, for pages lacking `<ns>`."""
    if b"<siteinfo" not in header:
        return english_wiktionary()
    start = header.index(b"<siteinfo")
    end = header.index(b"</siteinfo>") + len(b"</siteinfo>")
    siteinfo = etree.fromstring(header[start:end], etree.XMLParser(recover=True))
    return NamespaceMap.from_siteinfo(siteinfo)


def parse_pages(
    body: bytes,
    ns_map: NamespaceMap,
    namespaces: Collection[int] | None,
    on_diagnostic: OnDiagnostic | None,
) -> list[RawPage]:
    """Pages of one stream (a run of `<page>` elements without a root)."""
    parser = etree.XMLPullParser(
        events=("end",), tag="{*}page", huge_tree=True, resolve_entities=False
    )
    parser.feed(b"<wiktlex-stream>")
    parser.feed(body)
    parser.feed(b"</wiktlex-stream>")
    parser.close()
    return list(iter_page_events(iter(parser.read_events()), namespaces, on_diagnostic, ns_map))


def read_page(
    dump: str | os.PathLike[str],
    title: str,
    *,
    index: MultistreamIndex | str | os.PathLike[str] | None = None,
) -> RawPage | None:
    """One page of a multistream dump by title, or None if the index does not list it."""
    loaded = _load_index(dump, index)
    if loaded is None:
        raise DumpError("random access needs a multistream index beside the dump", path=str(dump))
    offset = loaded.offset_of(title)
    if offset is None:
        return None
    with open(dump, "rb") as raw:
        if offset >= os.fstat(raw.fileno()).st_size:
            raise DumpIndexError(
                f"index {loaded.path} puts {title!r} at byte {offset}, past the end of the dump",
                path=str(dump),
                offset=offset,
            )
        xml = _stream_for_index(raw, offset, str(dump), loaded.path)
    pages = _parse_stream(xml, str(dump), offset)
    for page in pages:
        if page.title == title:
            return page
    held = f"{pages[0].title!r} … {pages[-1].title!r}" if pages else "no pages"
    raise DumpIndexError(
        f"index {loaded.path} puts {title!r} in the stream at byte {offset}, which holds {held}",
        path=str(dump),
        offset=offset,
    )


def _stream_for_index(raw: IO[bytes], offset: int, path: str, index_path: str) -> bytes:
    try:
        return read_stream(raw, offset, path)[0]
    except DumpError as exc:
        raise DumpIndexError(
            f"{exc.reason} (is {index_path} the index of this dump?)",
            path=path,
            offset=offset,
        ) from exc


def _parse_stream(
    xml: bytes,
    path: str,
    offset: int,
    ns_map: NamespaceMap | None = None,
    namespaces: Collection[int] | None = None,
    on_diagnostic: OnDiagnostic | None = None,
) -> list[RawPage]:
    header, body = split_header(xml)
    ns_map = namespaces_of_header(header) if header else (ns_map or english_wiktionary())
    try:
        return parse_pages(body, ns_map, namespaces, on_diagnostic)
    except etree.XMLSyntaxError as exc:
        raise DumpError(
            f"invalid XML in the bz2 stream at byte {offset}: {exc.msg}", path=path, offset=offset
        ) from exc


class DumpShard(msgspec.Struct, frozen=True, kw_only=True):
    """A byte range `[start, end)` of a dump that one worker reads on its own.

    `end=None` means "to the end of the file"; a shard of a dump without an index is the
    whole file. Shards pickle, so they can be sent to worker processes or Dask.
    """

    path: str
    start: int
    end: int | None
    number: int = 0
    count: int = 1
    header_end: int = 0


def plan_shards(
    dump: str | os.PathLike[str],
    count: int,
    *,
    index: MultistreamIndex | str | os.PathLike[str] | None = None,
) -> list[DumpShard]:
    """Split a dump into at most `count` shards of similar compressed size.

    Boundaries fall on stream starts from the index; without an index (plain, gzip or
    single-stream dumps) there is one shard, the whole file.
    """
    path = str(dump)
    loaded = _load_index(dump, index)
    offsets = loaded.stream_offsets() if loaded is not None else []
    if not offsets:
        return [DumpShard(path=path, start=0, end=None)]
    size = os.path.getsize(path)
    if offsets[-1] >= size:
        raise DumpIndexError(
            f"index offset {offsets[-1]} is past the end of the dump ({size} bytes)",
            path=path,
            offset=offsets[-1],
        )
    starts = _balanced_starts(offsets, size, max(1, count))
    ends = [*starts[1:], size]
    return [
        DumpShard(path=path, start=s, end=e, number=i, count=len(starts), header_end=offsets[0])
        for i, (s, e) in enumerate(zip(starts, ends, strict=True))
    ]


def _balanced_starts(offsets: list[int], size: int, count: int) -> list[int]:
    """The stream starts nearest to equal divisions of the compressed bytes."""
    first = offsets[0]
    step = (size - first) / count
    starts = [first]
    for k in range(1, count):
        target = first + k * step
        start = min(offsets, key=lambda o: abs(o - target))
        if start > starts[-1]:
            starts.append(start)
    return starts


def read_shard(
    shard: DumpShard,
    *,
    namespaces: Collection[int] | None = MAIN_NAMESPACE,
    progress: Progress | None = None,
    on_diagnostic: OnDiagnostic | None = None,
) -> Iterator[RawPage]:
    """Yield the pages of one shard, stream by stream, in file order."""
    if shard.start == 0 and shard.end is None:
        yield from read_dump(
            shard.path, namespaces=namespaces, progress=progress, on_diagnostic=on_diagnostic
        )
        return
    with open(shard.path, "rb") as raw:
        end = shard.end if shard.end is not None else os.fstat(raw.fileno()).st_size
        ns_map = _shard_namespaces(raw, shard)
        pos = shard.start
        last_title: str | None = None
        while pos < end:
            try:
                xml, next_pos = read_stream(raw, pos, shard.path, limit=end)
                pages = _parse_stream(xml, shard.path, pos, ns_map, namespaces, on_diagnostic)
            except DumpError as exc:
                raise exc.after(last_title) from exc
            for page in pages:
                last_title = page.title
                yield page
            pos = next_pos
            if progress is not None:
                progress(pos - shard.start, end - shard.start)


def _shard_namespaces(raw: IO[bytes], shard: DumpShard) -> NamespaceMap:
    if shard.header_end <= 0:
        return english_wiktionary()
    header, _ = split_header(read_stream(raw, 0, shard.path, limit=shard.header_end)[0])
    return namespaces_of_header(header)
