"""Multistream bz2 dumps: one title by random access, and byte-range shards for workers.

A `pages-articles-multistream.xml.bz2` is a header stream (`<mediawiki><siteinfo>`), then
bz2 streams of 100 pages each, then a trailer stream (`</mediawiki>`). Its index
(`…-index.txt(.bz2)`, lines `offset:pageid:title`) gives the byte offset of the stream
holding each page, so one page costs one stream's decompression, and the dump splits
into byte ranges on stream boundaries that processes read independently.

An index that disagrees with its dump (offsets shifted, another dump's index) must not
cost pages: shard boundaries are moved onto the stream headers really in the file, and
a shard reads every stream that starts in its range, as the sequential reader does
(a damaged stream is dropped, reported, and reading goes on at the next).
"""

from __future__ import annotations

import bz2
import io
import logging
import os
from collections.abc import Collection, Iterator
from typing import IO

import msgspec

from wiktlex.ingest.compressed import next_stream_start, stream_starts_at
from wiktlex.ingest.dump import MAIN_NAMESPACE, OnDiagnostic, Progress, read_dump, read_pages
from wiktlex.ingest.errors import DumpError, DumpIndexError
from wiktlex.ingest.index import IndexEntry, MultistreamIndex, find_index, load_index
from wiktlex.ingest.namespaces import NamespaceMap, english_wiktionary
from wiktlex.ingest.xmlpages import PageReader, split_pages
from wiktlex.model import RawPage

__all__ = [
    "DumpShard",
    "IndexEntry",
    "MultistreamIndex",
    "find_index",
    "plan_shards",
    "read_page",
    "read_shard",
    "read_stream",
]

log = logging.getLogger(__name__)

_CHUNK = 1 << 20


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


def stream_pages(
    xml: bytes,
    ns_map: NamespaceMap | None = None,
    namespaces: Collection[int] | None = None,
    on_diagnostic: OnDiagnostic | None = None,
) -> list[RawPage]:
    """The pages of one decompressed stream (with its header if it is the first)."""
    reader = PageReader(namespaces, on_diagnostic, ns_map)
    has_header = b"<mediawiki" in xml[:4096]
    return list(reader.pages(split_pages(io.BytesIO(xml), header=has_header)))


def header_stream(raw: IO[bytes], path: str) -> tuple[bytes, int]:
    """(the decompressed first stream, its end): `<siteinfo>` for a real multistream."""
    return read_stream(raw, 0, path)


def namespaces_of_header(xml: bytes) -> NamespaceMap:
    """Namespace names from a header stream, for pages lacking `<ns>`."""
    reader = PageReader(None, None)
    if b"<mediawiki" in xml[:4096]:
        list(reader.pages(split_pages(io.BytesIO(xml), header=True)))
    return reader.ns_map


def read_page(
    dump: str | os.PathLike[str],
    title: str,
    *,
    index: MultistreamIndex | str | os.PathLike[str] | None = None,
) -> RawPage | None:
    """One page of a multistream dump by title, or None if the index does not list it."""
    loaded = load_index(dump, index)
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
    pages = stream_pages(xml)
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


class DumpShard(msgspec.Struct, frozen=True, kw_only=True):
    """A byte range `[start, end)` of a dump that one worker reads on its own: the bz2
    streams that start in it.

    `end=None` means "to the end of the file"; a shard of a dump without an index is the
    whole file. `index` names the pages of a damaged stream. Shards pickle, so they can
    be sent to worker processes or Dask.
    """

    path: str
    start: int
    end: int | None
    number: int = 0
    count: int = 1
    header_end: int = 0
    index: str | None = None


def plan_shards(
    dump: str | os.PathLike[str],
    count: int,
    *,
    index: MultistreamIndex | str | os.PathLike[str] | None = None,
) -> list[DumpShard]:
    """Split a dump into at most `count` shards of similar compressed size.

    Boundaries fall on stream starts from the index, checked against the dump: one where
    no stream starts moves to the next stream header really there. Without an index
    (plain, gzip or single-stream dumps) there is one shard, the whole file.
    """
    path = str(dump)
    loaded = load_index(dump, index)
    offsets = loaded.stream_offsets() if loaded is not None else []
    if loaded is None or not offsets:
        return [DumpShard(path=path, start=0, end=None)]
    size = os.path.getsize(path)
    if offsets[-1] >= size:
        raise DumpIndexError(
            f"index offset {offsets[-1]} is past the end of the dump ({size} bytes)",
            path=path,
            offset=offsets[-1],
        )
    with open(path, "rb") as raw:
        xml, header_end = header_stream(raw, path)
        if b"<page" in xml:  # the first stream holds pages: read it with the first shard
            header_end = 0
        wanted = _balanced_starts(offsets, size, max(1, count))[1:]
        starts = [header_end, *_on_stream_headers(raw, wanted, loaded.path, path)]
    starts = sorted({s for s in starts if s < size})
    ends = [*starts[1:], size]
    return [
        DumpShard(
            path=path,
            start=s,
            end=e,
            number=i,
            count=len(starts),
            header_end=header_end,
            index=loaded.path,
        )
        for i, (s, e) in enumerate(zip(starts, ends, strict=True))
    ]


def _on_stream_headers(raw: IO[bytes], wanted: list[int], index: str, path: str) -> list[int]:
    """`wanted` offsets, each moved to the first bz2 stream header at or after it."""
    starts: list[int] = []
    for offset in wanted:
        if stream_starts_at(raw, offset):
            starts.append(offset)
            continue
        found = next_stream_start(raw, offset - 1)
        log.warning(
            "%s disagrees with %s: no bz2 stream starts at byte %d; shard moved to byte %s",
            index,
            path,
            offset,
            found,
        )
        if found is not None:
            starts.append(found)
    return starts


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
    """Yield the pages of the streams starting in one shard, in file order."""
    if shard.start == 0 and shard.end is None:
        yield from read_dump(
            shard.path, namespaces=namespaces, progress=progress, on_diagnostic=on_diagnostic
        )
        return
    with open(shard.path, "rb") as raw:
        end = shard.end if shard.end is not None else os.fstat(raw.fileno()).st_size
        ns_map = _shard_namespaces(raw, shard)
    length = end - shard.start

    def relative(pos: int, _total: int | None) -> None:
        if progress is not None:
            progress(min(max(pos, shard.start), end) - shard.start, length)

    yield from read_pages(
        shard.path,
        namespaces=namespaces,
        progress=relative,
        on_diagnostic=on_diagnostic,
        start=shard.start,
        end=end,
        ns_map=ns_map,
        index=shard.index,
    )
    relative(end, None)


def _shard_namespaces(raw: IO[bytes], shard: DumpShard) -> NamespaceMap:
    if shard.start == 0:
        return english_wiktionary()  # the shard reads the header itself
    try:
        return namespaces_of_header(header_stream(raw, shard.path)[0])
    except DumpError as exc:
        log.warning(
            "%s: unreadable header stream, English Wiktionary namespaces used: %s", shard.path, exc
        )
        return english_wiktionary()
