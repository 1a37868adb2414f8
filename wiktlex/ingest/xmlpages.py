"""Pages out of the XML of a MediaWiki dump, each `<page>` on its own.

The bytes are cut into `<page>…</page>` pieces before any XML parsing, and every piece
is parsed alone (lxml, local names, so one reader serves every export schema from 0.3 to
0.11). MediaWiki escapes `<` in page text, so a literal `<page` or `</page>` is always a
tag: the cut is exact on real dumps, and one page of broken XML, invalid UTF-8, a
non-numeric `<ns>` or `<id>` costs that page (a diagnostic), never the rest of the dump.
Memory stays flat: at most one page (and a read chunk) is held.

Nothing is skipped quietly: text between pages other than whitespace and the closing
`</mediawiki>` is reported, and a dump that ends inside a page or without
`</mediawiki>` is reported as truncated by the caller (`PageReader.ending`).
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Collection, Iterator
from typing import Any, NamedTuple

from lxml import etree

from wiktlex.ingest.digest import sha1_base36_to_hex, text_sha1
from wiktlex.ingest.namespaces import NamespaceMap, english_wiktionary
from wiktlex.model import Diagnostic, RawPage

log = logging.getLogger(__name__)

OnDiagnostic = Callable[[Diagnostic], None]
"""Receives a diagnostic for one page that could not be taken (e.g. it has no text)."""

CHUNK = 1 << 16
_PAGE_OPEN = re.compile(rb"<page[\s>]")
_PAGE_CLOSE = b"</page>"
_ROOT_CLOSE = b"</mediawiki>"
_TITLE_RE = re.compile(rb"<title>([^<]*)<")
_SITEINFO_RE = re.compile(rb"<siteinfo[\s>].*?</siteinfo>", re.DOTALL)
_ALLOWED_GAP = re.compile(rb"\s*(?:</mediawiki>\s*)?")
_MAX_GAP = 1 << 20
_REDIRECT_RE = re.compile(r"^\s*#REDIRECT\s*:?\s*\[\[\s*([^\]|#\n]+)", re.IGNORECASE)


def local_name(tag: Any) -> str:
    """`{http://www.mediawiki.org/xml/export-0.10/}page` -> `page` (any schema version)."""
    if not isinstance(tag, str):  # comments and processing instructions
        return ""
    return tag.rpartition("}")[2]


def redirect_from_text(text: str) -> str | None:
    """Target of `#REDIRECT [[X]]`, for schemas older than the `<redirect>` element."""
    match = _REDIRECT_RE.match(text)
    return match.group(1).strip() if match else None


def _children(elem: Any) -> dict[str, Any]:
    """Child elements by local name; a later one wins (the newest `<revision>`)."""
    return {local_name(child.tag): child for child in elem}


def element_text(elem: Any) -> str:
    """The character data of `<text>`, as XML defines it.

    MediaWiki escapes `<` in page text, so real dumps have no child nodes here; a
    hand-made test dump may hold a raw `<!-- comment -->`, which XML drops.
    """
    if len(elem) == 0:
        return elem.text or ""
    return "".join(elem.itertext())


def _number(elem: Any, what: str, problems: list[str]) -> int | None:
    """The integer in `elem`, None if absent; a non-number is noted in `problems`."""
    if elem is None or not (elem.text or "").strip():
        return None
    try:
        return int(elem.text)
    except ValueError:
        problems.append(f"{what} is not a number: {elem.text.strip()[:40]!r}")
        return None


def page_from_element(
    page: Any, namespaces: NamespaceMap, problems: list[str] | None = None
) -> RawPage | str:
    """Build a RawPage from a `<page>` element, or return why it cannot be taken.

    A field that cannot be read (a non-numeric `<ns>` or `<id>`) is left unset (the
    namespace then comes from the title) and described in `problems`: the text is there.
    """
    problems = problems if problems is not None else []
    parts = _children(page)
    title_el = parts.get("title")
    if title_el is None or not title_el.text:
        return "page without a title"
    title: str = title_el.text
    ns = _number(parts.get("ns"), "<ns>", problems)
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
        ns=ns if ns is not None else namespaces.ns_of(title),
        pageid=_number(parts.get("id"), "page <id>", problems),
        revid=_number(rev.get("id"), "revision <id>", problems),
        timestamp=(rev["timestamp"].text if "timestamp" in rev else None),
        sha1=sha1_base36_to_hex(rev["sha1"].text if "sha1" in rev else None),
        redirect_to=redirect_to or None,
    )


class Piece(NamedTuple):
    kind: str  # "header", "gap" (between pages), "page", "cut" (the dump ends inside it)
    data: bytes


def split_pages(stream: Any, *, header: bool = True) -> Iterator[Piece]:
    """Cut decompressed dump bytes into the header, `<page>` pieces and the gaps between.

    A `<page>` opened again before it closes is cut there (the broken one will fail to
    parse). `searched` (bytes of an unfinished page already searched for its end) keeps
    a long page from being searched over again with every chunk.
    """
    buf = bytearray()
    searched = 0
    first = header
    while True:
        data = stream.read(CHUNK)
        buf += data
        pos = 0
        while (opened := _PAGE_OPEN.search(buf, pos)) is not None:
            start = opened.start()
            if start > pos or first:
                yield Piece("header" if first else "gap", bytes(buf[pos:start]))
                first = False
            begin = start + max(5, searched)
            close = buf.find(_PAGE_CLOSE, begin)
            reopened = _PAGE_OPEN.search(buf, begin, close if close >= 0 else len(buf))
            searched = 0
            if reopened is not None:
                yield Piece("page", bytes(buf[start : reopened.start()]))
                pos = reopened.start()
            elif close < 0:
                pos, searched = start, max(5, len(buf) - start - 8)
                break
            else:
                pos = close + len(_PAGE_CLOSE)
                yield Piece("page", bytes(buf[start:pos]))
        else:
            if len(buf) - pos > _MAX_GAP:  # junk, not whitespace: hand it on
                yield Piece("header" if first else "gap", bytes(buf[pos:-8]))
                pos, first = len(buf) - 8, False
        del buf[:pos]
        if not data:
            if buf or first:
                kind = "cut" if _PAGE_OPEN.match(buf) else ("header" if first else "gap")
                yield Piece(kind, bytes(buf))
            return


def report_skipped(
    title: str, message: str, on_diagnostic: OnDiagnostic | None, severity: str = "error"
) -> None:
    """A page that cannot be taken (or is taken with a doubt) is one diagnostic, never
    the end of the dump; without a receiver it is a line in the log."""
    diagnostic = Diagnostic(page=title, message=message, section="dump", severity=severity)
    if on_diagnostic is not None:
        on_diagnostic(diagnostic)
    else:
        log.warning("%s %s: %s", "skipped page" if severity == "error" else "page", title, message)


class NotADump(ValueError):
    """The data does not begin like a MediaWiki XML dump."""


def title_in(data: bytes) -> str | None:
    """The `<title>` of a piece that could not be parsed, as well as it can be read."""
    match = _TITLE_RE.search(data)
    if match is None:
        return None
    return html.unescape(match.group(1).decode("utf-8", errors="replace")).strip() or None


def why_unparsable(data: bytes, exc: etree.XMLSyntaxError) -> str:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as bad:
        return f"not valid UTF-8 (byte 0x{data[bad.start]:02x} at byte {bad.start} of the page)"
    return f"invalid XML: {exc.msg}"


class PageReader:
    """RawPages from the pieces of a dump; every page it cannot take is a diagnostic.

    `last_title` is the last page read completely (any namespace), so an error can say
    which pages before it are safe.
    """

    def __init__(
        self,
        namespaces: Collection[int] | None,
        on_diagnostic: OnDiagnostic | None,
        ns_map: NamespaceMap | None = None,
    ) -> None:
        self.namespaces = namespaces
        self.on_diagnostic = on_diagnostic
        self.ns_map = ns_map or english_wiktionary()
        self.parser = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)
        self.last_title: str | None = None
        self.seen_end = False
        self.cut: bytes | None = None

    def pages(self, pieces: Iterator[Piece]) -> Iterator[RawPage]:
        for kind, data in pieces:
            if kind == "page":
                page = self._take(data)
                if page is not None:
                    yield page
            elif kind == "header":
                self._header(data)
            elif kind == "gap":
                self._gap(data)
            else:
                self.cut = data

    def report(self, title: str, message: str, severity: str = "error") -> None:
        report_skipped(title, message, self.on_diagnostic, severity)

    def ending(self) -> str | None:
        """Why the data read does not end like a whole dump (None if it does)."""
        if self.cut is not None:
            return f"the dump ends inside page {title_in(self.cut) or '(untitled)'!r}"
        if not self.seen_end:
            return "the dump ends without </mediawiki> (truncated?)"
        return None

    def _unnamed(self) -> str:
        after = f"after {self.last_title!r}" if self.last_title is not None else "first"
        return f"(untitled page {after})"

    def _take(self, data: bytes) -> RawPage | None:
        problems: list[str] = []
        try:
            built = page_from_element(etree.fromstring(data, self.parser), self.ns_map, problems)
        except etree.XMLSyntaxError as exc:
            built = why_unparsable(data, exc)
        title = built.title if isinstance(built, RawPage) else title_in(data) or self._unnamed()
        for problem in problems:
            self.report(title, problem, "warning")
        if isinstance(built, str):
            self.report(title, built)
            return None
        self.last_title = built.title
        if self.namespaces is not None and built.ns not in self.namespaces:
            return None
        if built.sha1 is not None and text_sha1(built.text) != built.sha1:
            self.report(title, "text does not match the sha1 the dump gives", "warning")
        return built

    def _header(self, data: bytes) -> None:
        if b"<mediawiki" not in data:
            raise NotADump("not a MediaWiki XML dump (no <mediawiki> element)")
        siteinfo = _SITEINFO_RE.search(data)
        if siteinfo is None:
            return
        try:
            self.ns_map = NamespaceMap.from_siteinfo(
                etree.fromstring(siteinfo.group(), self.parser)
            )
        except (etree.XMLSyntaxError, ValueError) as exc:
            self.report(
                "(siteinfo)",
                f"unreadable <siteinfo>, English Wiktionary namespaces used: {exc}",
                "warning",
            )

    def _gap(self, data: bytes) -> None:
        self.seen_end = self.seen_end or _ROOT_CLOSE in data
        if _ALLOWED_GAP.fullmatch(data) is None:
            title = title_in(data) or f"(between {self.last_title!r} and the next page)"
            shown = data.strip()[:60]
            self.report(title, f"{len(data)} bytes outside any <page> skipped: {shown!r}")
