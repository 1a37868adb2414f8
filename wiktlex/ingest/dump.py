"""Stream pages out of a MediaWiki XML dump with lxml, in flat memory.

A full English Wiktionary dump is ~1.5 GB compressed, ~10 GB of XML, so pages are read with
a pull parser and every finished `<page>` is cleared and detached at once. Elements are
matched by local name, which makes one reader serve every export schema from 0.3 (2008,
no `<ns>`, no `<redirect>`) to 0.11. Compression is sniffed from the magic bytes, not the
file name: plain XML, gzip and bzip2 (multistream included, since `bz2` reads
concatenated streams) all go through the same path.

Random access and byte-range shards of multistream dumps live in `multistream.py`.
"""

from __future__ import annotations

import bz2
import logging
import os
import re
import zlib
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import IO, Any

from lxml import etree

from wiktlex.ingest.errors import DumpError
from wiktlex.ingest.namespaces import NamespaceMap, english_wiktionary
from wiktlex.model import Diagnostic, RawPage

log = logging.getLogger(__name__)

Progress = Callable[[int, "int | None"], None]
"""Called with (bytes of the file read so far, total bytes or None) as reading advances."""

OnDiagnostic = Callable[[Diagnostic], None]
"""Receives a diagnostic for one page that could not be taken (e.g. it has no text)."""

MAIN_NAMESPACE: tuple[int, ...] = (0,)
_CHUNK = 1 << 16
_READ_ERRORS = (OSError, EOFError, zlib.error, ValueError)
_REDIRECT_RE = re.compile(r"^\s*#REDIRECT\s*:?\s*\[\[\s*([^\]|#\n]+)", re.IGNORECASE)


def local_name(tag: Any) -> str:
    """`{http://www.mediawiki.org/xml/export-0.10/}page` -> `page` (any schema version)."""
    if not isinstance(tag, str):  # comments and processing instructions
        return ""
    return tag.rpartition("}")[2]


def sha1_base36_to_hex(value: str | None) -> str | None:
    """Dumps write sha1 in base 36, the API in hex; the store compares hex only."""
    if not value:
        return None
    try:
        return f"{int(value, 36):040x}"
    except ValueError:
        return None


def redirect_from_text(text: str) -> str | None:
    """Target of `#REDIRECT [[X]]`, for schemas older than the `<redirect>` element."""
    match = _REDIRECT_RE.match(text)
    return match.group(1).strip() if match else None


def _children(elem: Any) -> dict[str, Any]:
    """Child elements by local name; a later one wins (the newest `<revision>`)."""
    return {local_name(child.tag): child for child in elem}


def _int_or_none(elem: Any) -> int | None:
    if elem is None or not (elem.text or "").strip():
        return None
    return int(elem.text)


def element_text(elem: Any) -> str:
    """The character data of `<text>`, as XML defines it.

    MediaWiki escapes `<` in page text, so real dumps have no child nodes here; a
    hand-made test dump may hold a raw `<!-- comment -->`, which XML drops.
    """
    if len(elem) == 0:
        return elem.text or ""
    return "".join(elem.itertext())


def page_from_element(page: Any, namespaces: NamespaceMap) -> RawPage | str:
    """Build a RawPage from a `<page>` element, or return why it cannot be taken."""
    parts = _children(page)
    title_el = parts.get("title")
    if title_el is None or not title_el.text:
        return "page without a title"
    title: str = title_el.text
    ns_el = parts.get("ns")
    ns = int(ns_el.text) if ns_el is not None and ns_el.text else namespaces.ns_of(title)
    revision = parts.get("revision")
    if revision is None:
        return f"page {title!r} has no <revision>"
    rev = _children(revision)
    text_el = rev.get("text")
    if text_el is None or text_el.get("deleted") is not None:
        return f"page {title!r} has no text (deleted or missing <text>)"
    text = element_text(text_el)
    redirect_el = parts.get("redirect")
    redirect_to = redirect_el.get("title") if redirect_el is not None else None
    if redirect_el is None:
        redirect_to = redirect_from_text(text)
    return RawPage(
        title=title,
        text=text,
        ns=ns,
        pageid=_int_or_none(parts.get("id")),
        revid=_int_or_none(rev.get("id")),
        timestamp=(rev["timestamp"].text if "timestamp" in rev else None),
        sha1=sha1_base36_to_hex(rev["sha1"].text if "sha1" in rev else None),
        redirect_to=redirect_to or None,
    )


class CountingReader:
    """A binary file that counts the bytes read from disk and reports them."""

    def __init__(self, raw: IO[bytes], total: int | None, progress: Progress | None) -> None:
        self.raw = raw
        self.total = total
        self.progress = progress
        self.pos = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.pos += len(data)
        if self.progress is not None:
            self.progress(self.pos, self.total)
        return data

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self.raw.close()


class DecompressingReader:
    """bz2 or gzip data as a stream, handing out every byte decoded before a fault.

    `bz2.BZ2File` and `gzip.GzipFile` read through a BufferedReader, which drops the
    bytes already decoded in a `read()` that then meets a truncated or corrupt stream:
    the pages just before the fault would be lost. Here the fault is raised only on the
    call after those bytes were handed out. Concatenated streams (multistream bz2,
    multi-member gzip) are read one after the other.
    """

    def __init__(self, raw: CountingReader, kind: str) -> None:
        self.raw = raw
        self.kind = kind
        self.decoder = self._new()
        self.pending = b""
        self.taken = 0

    def _new(self) -> Any:
        return bz2.BZ2Decompressor() if self.kind == "bz2" else zlib.decompressobj(wbits=31)

    def _decode_more(self) -> bytes:
        """Decoded bytes from the next compressed chunk; b"" only at a clean end."""
        while True:
            if self.decoder.eof:
                data = self.decoder.unused_data or self.raw.read(_CHUNK)
                if not data:
                    return b""
                self.decoder = self._new()
            else:
                data = self.raw.read(_CHUNK)
                if not data:
                    raise EOFError(f"{self.kind} data ended before the end-of-stream marker")
            out: bytes = self.decoder.decompress(data)
            if out:
                return out

    def read(self, size: int = -1) -> bytes:
        if self.taken >= len(self.pending):
            self.pending, self.taken = self._decode_more(), 0
        end = len(self.pending) if size < 0 else self.taken + size
        out = self.pending[self.taken : end]
        self.taken += len(out)
        return out

    def close(self) -> None:
        self.raw.close()


def open_dump(
    path: str | os.PathLike[str], progress: Progress | None = None
) -> tuple[CountingReader | DecompressingReader, CountingReader]:
    """Open a dump for reading decompressed XML; the counter tracks compressed bytes."""
    path = Path(path)
    try:
        raw = path.open("rb")
    except OSError as exc:
        raise DumpError(f"cannot open dump: {exc.strerror}", path=str(path)) from exc
    magic = raw.read(3)
    raw.seek(0)
    counter = CountingReader(raw, path.stat().st_size, progress)
    if magic == b"BZh":
        return DecompressingReader(counter, "bz2"), counter
    if magic[:2] == b"\x1f\x8b":
        return DecompressingReader(counter, "gzip"), counter
    return counter, counter


def report_skipped(title: str, message: str, on_diagnostic: OnDiagnostic | None) -> None:
    """A page that cannot be taken is one diagnostic, never the end of the dump."""
    diagnostic = Diagnostic(page=title, message=message, section="dump", severity="error")
    if on_diagnostic is not None:
        on_diagnostic(diagnostic)
    else:
        log.warning("skipped page %s: %s", title, message)


def _title_of(page: Any) -> str:
    for child in page:
        if local_name(child.tag) == "title":
            return child.text or ""
    return ""


def _detach(elem: Any) -> None:
    """Free a finished element and everything before it: memory stays flat."""
    elem.clear(keep_tail=True)
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


def iter_page_events(
    events: Iterator[tuple[str, Any]],
    namespaces: Collection[int] | None,
    on_diagnostic: OnDiagnostic | None,
    ns_map: NamespaceMap | None = None,
) -> Iterator[RawPage]:
    """Turn `end` events of `<siteinfo>`/`<page>` into RawPages, detaching as we go."""
    ns_map = ns_map or english_wiktionary()
    for _event, elem in events:
        if local_name(elem.tag) == "siteinfo":
            ns_map = NamespaceMap.from_siteinfo(elem)
            _detach(elem)
            continue
        built = page_from_element(elem, ns_map)
        if isinstance(built, str):
            report_skipped(_title_of(elem), built, on_diagnostic)
        elif namespaces is None or built.ns in namespaces:
            yield built
        _detach(elem)


def pull_events(stream: Any) -> Iterator[tuple[str, Any]]:
    """`end` events of `<page>` and `<siteinfo>`, fed to lxml a chunk at a time.

    A pull parser rather than `iterparse`: when a chunk holds a fault, the pages completed
    before it in that chunk are still handed out (drained after the error), then the
    error is raised. `iterparse` of lxml 6 raises first and loses them.
    """
    parser = etree.XMLPullParser(
        events=("end",),
        tag=("{*}page", "{*}siteinfo"),
        huge_tree=True,
        resolve_entities=False,
        no_network=True,
    )
    while True:
        data = stream.read(_CHUNK)
        try:
            if data:
                parser.feed(data)
            else:
                parser.close()
        except etree.XMLSyntaxError:
            yield from parser.read_events()
            raise
        yield from parser.read_events()
        if not data:
            return


def read_dump(
    path: str | os.PathLike[str],
    *,
    namespaces: Collection[int] | None = MAIN_NAMESPACE,
    progress: Progress | None = None,
    on_diagnostic: OnDiagnostic | None = None,
) -> Iterator[RawPage]:
    """Yield the pages of a dump (plain, .gz, .bz2, multistream .bz2) in file order.

    `namespaces=None` keeps every namespace. Redirect pages are yielded with
    `redirect_to` set. A page without text is reported to `on_diagnostic` and skipped.
    A fault in the file raises DumpError naming the byte offset and the last page read;
    every page before it has been yielded already.
    """
    stream, counter = open_dump(path, progress)
    last_title: str | None = None
    try:
        for page in iter_page_events(pull_events(stream), namespaces, on_diagnostic):
            last_title = page.title
            yield page
    except etree.XMLSyntaxError as exc:
        raise DumpError(
            f"invalid XML: {exc.msg}",
            path=str(path),
            offset=counter.pos,
            last_title=last_title,
            line=exc.lineno,
        ) from exc
    except _READ_ERRORS as exc:
        raise DumpError(
            f"corrupt or truncated data: {exc}",
            path=str(path),
            offset=counter.pos,
            last_title=last_title,
        ) from exc
    finally:
        stream.close()
