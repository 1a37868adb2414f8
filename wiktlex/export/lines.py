"""Files of JSON lines, one page's lines at a time: what the JSONL and kaikki formats share.

The target file is never written in place: lines are spooled to a temporary file beside it
and renamed over it in finish() (`wiktlex.export.storage`), so an interrupted run, a full
disk or an exception leaves the previous file intact, never a half-file.
"""

from __future__ import annotations

import gzip
import os
import shutil
from abc import abstractmethod
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from wiktlex.export import storage
from wiktlex.model import Exporter, ExportError, ExportPage


class LineFileExporter(Exporter):
    """A file of JSON lines, page by page, replaced atomically; `.gz` compresses.

    Lines are spooled uncompressed with a per-page index. A replaced page keeps its
    first position and a removed one is dropped when finish() copies the live blocks;
    when nothing was replaced or removed the spool is the result as it is.
    """

    def __init__(self, path: str | Path) -> None:
        super().__init__(path)
        self._spool: IO[bytes] | None = None
        self._spool_path: Path | None = None
        self._blocks: dict[str, tuple[int, int, int]] = {}  # title -> (offset, length, n)
        self._dirty = False

    @abstractmethod
    def lines(self, page: ExportPage) -> Iterable[bytes]:
        """The JSON lines (without newline) of one page."""

    @property
    def compressed(self) -> bool:
        return self.path.suffix == ".gz"

    def start(self) -> None:
        target_dir = self.path.parent
        if self.path.is_dir():
            raise ExportError(f"cannot write {self.path}: it is a directory")
        if not target_dir.is_dir():
            raise ExportError(f"cannot write {self.path}: directory {target_dir} does not exist")
        storage.remove_orphans(self.path)
        try:
            self._spool, self._spool_path = storage.open_temp(self.path)
        except OSError as exc:
            raise ExportError.cannot_write(self.path, exc) from None

    def export(self, page: ExportPage) -> None:
        spool = self._require_spool()
        data = b"".join(line + b"\n" for line in self.lines(page))
        offset = spool.seek(0, os.SEEK_END)
        self._write(spool, data)
        n = data.count(b"\n")
        old = self._blocks.get(page.title)  # overwriting keeps the dict position
        if old is not None:
            self._dirty = True
            self.entries -= old[2]
            self.pages -= 1
        self._blocks[page.title] = (offset, len(data), n)
        self.pages += 1
        self.entries += n

    def remove(self, title: str) -> None:
        old = self._blocks.pop(title, None)
        if old is not None:
            self._dirty = True
            self.pages -= 1
            self.entries -= old[2]

    def _write(self, f: IO[bytes], data: bytes) -> None:
        try:
            f.write(data)
        except OSError as exc:
            raise ExportError.cannot_write(self.path, exc) from None

    def _require_spool(self) -> IO[bytes]:
        if self._spool is None:
            raise RuntimeError(f"{type(self).__name__}.start() was not called")
        return self._spool

    def finish(self) -> None:
        spool = self._require_spool()
        assert self._spool_path is not None
        try:
            if not self._dirty and not self.compressed:
                storage.commit(spool, self._spool_path, self.path)
                self._spool = self._spool_path = None
                return
            self._copy_live(spool)
        except OSError as exc:
            self.abort()
            raise ExportError.cannot_write(self.path, exc) from None
        except BaseException:
            self.abort()
            raise
        self.abort()  # the spool is no longer needed

    def _copy_live(self, spool: IO[bytes]) -> None:
        """Write the live blocks, in first-seen order, to a new temp file; rename it."""
        spool.flush()
        with storage.atomic_write(self.path) as raw:
            out: IO[bytes] = raw
            if self.compressed:  # mtime=0, no name: identical input, identical bytes
                out = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0)  # type: ignore[assignment]
            for offset, length, _ in self._blocks.values():
                spool.seek(offset)
                shutil.copyfileobj(_Limited(spool, length), out)
            if out is not raw:
                out.close()

    def abort(self) -> None:
        storage.discard(self._spool, self._spool_path)
        self._spool = self._spool_path = None


class _Limited:
    """A read-only view of the next `n` bytes of a file, for shutil.copyfileobj."""

    def __init__(self, f: IO[bytes], n: int) -> None:
        self._f = f
        self._left = n

    def read(self, size: int = -1) -> bytes:
        if self._left <= 0:
            return b""
        size = self._left if size < 0 else min(size, self._left)
        data = self._f.read(size)
        self._left -= len(data)
        return data
