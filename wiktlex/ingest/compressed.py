"""Compressed dump bytes as a stream that survives a damaged bz2 stream.

A multistream dump is hundreds of thousands of independent bz2 streams of 100 pages
each. One flipped bit in one of them must cost those 100 pages, not every page after
it: so the output of a bz2 stream is held until the stream ends (its CRC checked), and a
stream that fails to decode is dropped whole, reported (`DamagedStream`: its offset, the
pages the index puts in it, where reading resumed), and reading resumes at the next
stream start: the next offset the index names, else the next bz2 stream header found by
scanning (`BZh1`–`BZh9` then the block magic: 80 bits, no false hits in practice).

A stream too large to hold (a single-stream dump) is handed out as it decodes; a fault
in it, or one with no stream after it (a truncated file), is raised after every byte
decoded before it was handed out, as gzip faults are.
"""

from __future__ import annotations

import bz2
import os
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, NamedTuple

from wiktlex.ingest.errors import DumpError
from wiktlex.ingest.index import scan_index

Progress = Callable[[int, "int | None"], None]
"""Called with (bytes of the file read so far, total bytes or None) as reading advances."""

CHUNK = 1 << 16
HOLD = 32 << 20  # a Wikimedia stream (100 pages) is far smaller; a single-stream dump is not
_LEVELS = b"123456789"
_MAGICS = (bytes.fromhex("314159265359"), bytes.fromhex("177245385090"))  # block, end


class DamagedStream(NamedTuple):
    """A bz2 stream dropped whole: where it started, why, what it held, where reading went on."""

    offset: int
    reason: str
    titles: list[str]
    resumed_at: int


OnDamage = Callable[[DamagedStream], None]


class StreamFault(OSError):
    """The current compressed stream cannot be decoded (corrupt or cut short)."""


def is_stream_header(head: bytes) -> bool:
    """Whether `head` (10 bytes) opens a bz2 stream."""
    return (
        len(head) >= 10
        and head[:3] == b"BZh"
        and head[3] in _LEVELS
        and bytes(head[4:10]) in _MAGICS
    )


def stream_starts_at(raw: IO[bytes], offset: int) -> bool:
    raw.seek(offset)
    return is_stream_header(raw.read(10))


def next_stream_start(raw: IO[bytes], after: int) -> int | None:
    """The first offset past `after` where a bz2 stream header is, or None."""
    pos = after + 1
    while True:
        raw.seek(pos)
        chunk = raw.read(1 << 20)
        if len(chunk) < 10:
            return None
        hit = chunk.find(b"BZh")
        while 0 <= hit <= len(chunk) - 10:
            if is_stream_header(chunk[hit : hit + 10]):
                return pos + hit
            hit = chunk.find(b"BZh", hit + 1)
        pos += len(chunk) - 9


class CountingReader:
    """A binary file that counts the bytes read from disk and reports them."""

    def __init__(self, raw: IO[bytes], total: int | None, progress: Progress | None) -> None:
        self.raw = raw
        self.total = total
        self.progress = progress
        self.pos = raw.tell()

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.pos += len(data)
        if self.progress is not None:
            self.progress(self.pos, self.total)
        return data

    def seek(self, pos: int) -> None:
        self.raw.seek(pos)
        self.pos = pos

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.raw.close()


class DecompressingReader:
    """bz2 or gzip data as a stream, handing out every byte decoded before a fault.

    `bz2.BZ2File` and `gzip.GzipFile` drop the bytes already decoded in a `read()` that
    then meets a fault; here the fault is raised on the call after they were handed out.
    Concatenated streams (multistream bz2, multi-member gzip) are read one after the
    other. `end`: stop at the first stream starting at or after it (a shard's end).
    `index`: the multistream index, to name the pages of a damaged stream.
    """

    def __init__(
        self,
        raw: CountingReader,
        kind: str,
        *,
        end: int | None = None,
        index: str | None = None,
        on_damage: OnDamage | None = None,
    ) -> None:
        self.raw = raw
        self.kind = kind
        self.end = end
        self.index = index
        self.on_damage = on_damage
        self.decoder = self._new()
        self.stream_start = raw.pos
        self.held: list[bytes] = []
        self.held_size = 0
        self.flushed = False  # part of the current stream was handed out already
        self.finished = False
        self.error: Exception | None = None
        self.pending = b""
        self.taken = 0

    def _new(self) -> Any:
        return bz2.BZ2Decompressor() if self.kind == "bz2" else zlib.decompressobj(wbits=31)

    def read(self, size: int = -1) -> bytes:
        if self.taken >= len(self.pending):
            if self.error is not None:
                raise self.error
            self.pending, self.taken = self._next_output(), 0
        end = len(self.pending) if size < 0 else self.taken + size
        out = self.pending[self.taken : end]
        self.taken += len(out)
        return out

    def _next_output(self) -> bytes:
        """The next bytes to hand out; b"" only at the end (or before a pending error)."""
        while True:
            try:
                out = self._decode_step()
            except StreamFault as fault:
                if self._skip_damaged(str(fault)):
                    continue
                self.error = fault
                held = self._release()
                if not held:
                    raise
                return held
            if out is None:
                return self._release()
            if self.kind != "bz2":
                if out:
                    return out
                continue
            self.held.append(out)
            self.held_size += len(out)
            if self.decoder.eof or self.held_size >= HOLD:
                self.flushed = not self.decoder.eof
                released = self._release()
                if released:
                    return released

    def _decode_step(self) -> bytes | None:
        """Decoded bytes of the next compressed chunk (maybe b""); None at a clean end."""
        if self.finished:
            return None
        if self.decoder.eof:
            data = self.decoder.unused_data
            start = self.raw.pos - len(data)
            if self.end is not None and start >= self.end:
                return None
            data = data or self.raw.read(CHUNK)
            if not data:
                return None
            self.decoder, self.stream_start, self.flushed = self._new(), start, False
        else:
            data = self.raw.read(CHUNK)
            if not data:
                raise StreamFault(f"{self.kind} data ended before the end-of-stream marker")
        try:
            out: bytes = self.decoder.decompress(data)
        except (OSError, EOFError, zlib.error, ValueError) as exc:
            raise StreamFault(f"{exc}") from exc
        return out

    def _release(self) -> bytes:
        out = b"".join(self.held)
        self.held, self.held_size = [], 0
        return out

    def _skip_damaged(self, reason: str) -> bool:
        """Drop the current bz2 stream and go on at the next one, if there is one."""
        if self.kind != "bz2" or self.flushed:
            return False
        start = self.stream_start
        resume, titles = self._resume_point(start)
        if resume is None:
            return False
        self.held, self.held_size = [], 0
        if self.on_damage is not None:
            self.on_damage(DamagedStream(start, reason, titles, resume))
        self.raw.seek(resume)
        self.decoder, self.stream_start = self._new(), resume
        self.finished = self.end is not None and resume >= self.end
        return True

    def _resume_point(self, start: int) -> tuple[int | None, list[str]]:
        """(the next stream start after `start`, the titles the index puts at `start`)."""
        file = self.raw.raw
        titles: list[str] = []
        if self.index is not None:
            facts = scan_index(self.index, start, later=1)
            titles = facts.titles
            if facts.later and stream_starts_at(file, facts.later[0]):
                return facts.later[0], titles
        return next_stream_start(file, start), titles

    def close(self) -> None:
        self.raw.close()


def open_dump(
    path: str | os.PathLike[str],
    progress: Progress | None = None,
    *,
    start: int = 0,
    end: int | None = None,
    index: str | None = None,
    on_damage: OnDamage | None = None,
) -> tuple[CountingReader | DecompressingReader, CountingReader]:
    """Open a dump (from byte `start`) for reading decompressed XML; the counter tracks
    the compressed bytes. Compression is sniffed from the magic bytes, not the name."""
    path = Path(path)
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise DumpError(f"cannot open dump: {exc.strerror}", path=str(path)) from exc
    magic = raw.read(3)
    raw.seek(start)
    counter = CountingReader(raw, path.stat().st_size, progress)
    if magic == b"BZh":
        return DecompressingReader(
            counter, "bz2", end=end, index=index, on_damage=on_damage
        ), counter
    if magic[:2] == b"\x1f\x8b":
        return DecompressingReader(counter, "gzip", end=end), counter
    return counter, counter
