"""The exporter contract: start(), export(one page), remove(title), finish() or abort().

Exporters receive whole pages, not single entries, because a page is the unit that
changes: a new revision replaces all of a page's entries at once, and a page that now
yields no entries must still erase what it yielded before.

File exporters never write the target file in place: they spool to a temporary file in
the same directory and rename it over the target in finish(). An interrupted run, a
full disk or an exception therefore leaves the previous file intact, never a half-file.
"""

from __future__ import annotations

import contextlib
import glob
import gzip
import os
import shutil
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import IO, ClassVar

import msgspec

from wiktlex.model import Diagnostic, Entry, ParseResult, RawPage, Source


class ExportError(Exception):
    """An output cannot be written; the message is one line a user can act on."""


class ExportPage(msgspec.Struct, kw_only=True):
    """One page's parse outcome, as exporters need it (the wikitext is not carried)."""

    title: str
    entries: list[Entry] = []
    diagnostics: list[Diagnostic] = []
    ns: int = 0
    pageid: int | None = None
    revid: int | None = None
    timestamp: str | None = None
    sha1: str | None = None
    redirect_to: str | None = None
    parser_version: str = ""
    status: str = "ok"  # ok | empty | redirect | error | partial (cut by the work budget)

    @classmethod
    def from_parse(cls, raw: RawPage, result: ParseResult, parser_version: str) -> ExportPage:
        status = "ok" if result.entries else ("redirect" if raw.redirect_to else "empty")
        if any(d.severity == "error" for d in result.diagnostics) and not result.entries:
            status = "error"
        if result.partial:
            status = "partial"  # never a success: the next refresh parses it again
        return cls(
            title=raw.title,
            entries=list(result.entries),
            diagnostics=list(result.diagnostics),
            ns=raw.ns,
            pageid=raw.pageid,
            revid=raw.revid,
            timestamp=raw.timestamp,
            sha1=raw.sha1,
            redirect_to=raw.redirect_to,
            parser_version=parser_version,
            status=status,
        )

    @property
    def source(self) -> Source:
        return Source(title=self.title, pageid=self.pageid, revid=self.revid, timestamp=self.timestamp)


def one_line(exc: BaseException) -> str:
    """An OSError or similar as one readable line (strerror plus file name)."""
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror}{where}"
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


class Exporter(ABC):
    """Base of every exporter. Use as a context manager, or call start/finish yourself."""

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]] = ()

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.pages = 0
        self.entries = 0

    @abstractmethod
    def start(self) -> None:
        """Check the output can be written and open it; raise ExportError if not."""

    @abstractmethod
    def export(self, page: ExportPage) -> None:
        """Write one page's entries; a title seen before replaces the earlier one."""

    @abstractmethod
    def remove(self, title: str) -> None:
        """Forget a page (deleted upstream)."""

    @abstractmethod
    def finish(self) -> None:
        """Make the output complete and durable."""

    @abstractmethod
    def abort(self) -> None:
        """Give up: keep what was there before start(), release resources."""

    def export_all(self, pages: Iterable[ExportPage]) -> None:
        for page in pages:
            self.export(page)

    def __enter__(self) -> Exporter:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.finish()
        else:
            self.abort()


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
        _remove_orphans(self.path)
        try:
            fd, name = tempfile.mkstemp(prefix=_temp_prefix(self.path), suffix=".tmp", dir=target_dir)
        except OSError as exc:
            raise ExportError(f"cannot write {self.path}: {one_line(exc)}") from None
        self._spool_path = Path(name)
        self._spool = os.fdopen(fd, "w+b")

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
            raise ExportError(f"cannot write {self.path}: {one_line(exc)}") from None

    def _require_spool(self) -> IO[bytes]:
        if self._spool is None:
            raise RuntimeError(f"{type(self).__name__}.start() was not called")
        return self._spool

    def finish(self) -> None:
        spool = self._require_spool()
        assert self._spool_path is not None
        try:
            if not self._dirty and not self.compressed:
                spool.flush()
                os.fsync(spool.fileno())
                spool.close()
                self._spool = None
                os.replace(self._spool_path, self.path)
                return
            self._copy_live(spool)
        except OSError as exc:
            self.abort()
            raise ExportError(f"cannot write {self.path}: {one_line(exc)}") from None
        except BaseException:
            self.abort()
            raise
        self.abort()  # the spool is no longer needed

    def _copy_live(self, spool: IO[bytes]) -> None:
        """Write the live blocks, in first-seen order, to a new temp file; rename it."""
        fd, name = tempfile.mkstemp(prefix=_temp_prefix(self.path), suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "wb") as raw:
                out: IO[bytes] = raw
                if self.compressed:  # mtime=0, no name: identical input, identical bytes
                    out = gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0)  # type: ignore[assignment]
                spool.flush()
                for offset, length, _ in self._blocks.values():
                    spool.seek(offset)
                    shutil.copyfileobj(_Limited(spool, length), out)
                if out is not raw:
                    out.close()
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(name, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise

    def abort(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None
        if self._spool_path is not None:
            with contextlib.suppress(OSError):
                self._spool_path.unlink()
            self._spool_path = None


def _temp_prefix(path: Path) -> str:
    """`.out.jsonl.<pid>.`: hidden, and says which process may still be writing it."""
    return f".{path.name}.{os.getpid()}."


def _remove_orphans(path: Path) -> None:
    """Delete temp files left by killed runs (their process is gone) next to `path`."""
    for temp in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        pid = temp.name[len(path.name) + 2 :].split(".", 1)[0]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                temp.unlink()
        except OSError:  # alive but not ours (EPERM): leave it
            pass


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
