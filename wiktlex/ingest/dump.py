"""Stream pages out of a MediaWiki XML dump, in flat memory, losing only what is damaged.

A full English Wiktionary dump is ~1.5 GB compressed, ~10 GB of XML. The bytes are
decompressed as a stream (`compressed.py`: plain XML, gzip and bzip2 sniffed from the
magic bytes; a damaged stream of a multistream bz2 is dropped and reported, reading goes
on at the next stream) and cut into `<page>` pieces parsed one by one (`xmlpages.py`):
a malformed page is a diagnostic on that page, and the dump goes on.

Random access and byte-range shards of multistream dumps live in `multistream.py`.
"""

from __future__ import annotations

import logging
import os
import zlib
from collections.abc import Collection, Iterator
from typing import Any

from wiktlex.ingest.compressed import (
    CountingReader,
    DamagedStream,
    DecompressingReader,
    Progress,
    open_dump,
)
from wiktlex.ingest.digest import sha1_base36_to_hex
from wiktlex.ingest.errors import DumpError
from wiktlex.ingest.index import find_index
from wiktlex.ingest.namespaces import NamespaceMap
from wiktlex.ingest.xmlpages import (
    NotADump,
    OnDiagnostic,
    PageReader,
    local_name,
    page_from_element,
    redirect_from_text,
    report_skipped,
    split_pages,
)
from wiktlex.model import RawPage

__all__ = [
    "MAIN_NAMESPACE",
    "CountingReader",
    "DecompressingReader",
    "OnDiagnostic",
    "Progress",
    "local_name",
    "open_dump",
    "page_from_element",
    "read_dump",
    "read_pages",
    "redirect_from_text",
    "report_skipped",
    "sha1_base36_to_hex",
]

log = logging.getLogger(__name__)

MAIN_NAMESPACE: tuple[int, ...] = (0,)
_READ_ERRORS = (OSError, EOFError, zlib.error, ValueError)


def damage_reporter(reader: PageReader, path: str) -> Any:
    """A callback telling the loss of a damaged bz2 stream: one line in the log and one
    diagnostic per page the index puts in it (one for the stream if there is no index)."""

    def report(damage: DamagedStream) -> None:
        held = f"{len(damage.titles)} page(s)" if damage.titles else "its pages (no index)"
        line = (
            f"{path}: damaged bz2 stream at byte {damage.offset} ({damage.reason}): "
            f"{held} lost, reading resumed at byte {damage.resumed_at}"
        )
        log.warning("%s", line)
        message = f"lost with the damaged bz2 stream at byte {damage.offset} ({damage.reason})"
        for title in damage.titles or [f"(pages of the bz2 stream at byte {damage.offset})"]:
            reader.report(title, message)

    return report


def read_pages(
    path: str | os.PathLike[str],
    *,
    namespaces: Collection[int] | None = MAIN_NAMESPACE,
    progress: Progress | None = None,
    on_diagnostic: OnDiagnostic | None = None,
    start: int = 0,
    end: int | None = None,
    ns_map: NamespaceMap | None = None,
    index: str | None = None,
) -> Iterator[RawPage]:
    """The pages of the dump, or of the bz2 streams starting in `[start, end)`.

    A byte range other than the whole file has no header: `ns_map` names its namespaces.
    A fault that cannot be read past raises DumpError naming the byte offset and the
    last page read; every page before it has been yielded already.
    """
    path = os.fspath(path)
    whole = start == 0
    reader = PageReader(namespaces, on_diagnostic, ns_map)
    if index is None and whole:
        found = find_index(path)
        index = str(found) if found is not None else None
    stream, counter = open_dump(
        path, progress, start=start, end=end, index=index, on_damage=damage_reporter(reader, path)
    )
    try:
        yield from reader.pages(split_pages(stream, header=whole))
        why = reader.ending()
        if why is not None and (end is None or reader.cut is not None):
            raise DumpError(why, path=path, offset=counter.pos, last_title=reader.last_title)
    except NotADump as exc:
        raise DumpError(str(exc), path=path, offset=counter.pos) from exc
    except _READ_ERRORS as exc:
        raise DumpError(
            f"corrupt or truncated data: {exc}",
            path=path,
            offset=counter.pos,
            last_title=reader.last_title,
        ) from exc
    finally:
        stream.close()


def read_dump(
    path: str | os.PathLike[str],
    *,
    namespaces: Collection[int] | None = MAIN_NAMESPACE,
    progress: Progress | None = None,
    on_diagnostic: OnDiagnostic | None = None,
) -> Iterator[RawPage]:
    """Yield the pages of a dump (plain, .gz, .bz2, multistream .bz2) in file order.

    `namespaces=None` keeps every namespace. Redirect pages are yielded with
    `redirect_to` set. A page that cannot be taken (no text, broken XML, not UTF-8) is
    reported to `on_diagnostic` and skipped; so is a damaged stream of a multistream dump
    (its pages named from the index beside the dump, if there is one). A fault that
    cannot be read past (a truncated file) raises DumpError naming the byte offset and
    the last page read, after every page before it.
    """
    return read_pages(path, namespaces=namespaces, progress=progress, on_diagnostic=on_diagnostic)
