"""Quotations under a sense: the `#*` citation line and its `#*:` passage lines.

A quote template on the line (`{{quote-book|…}}`, `{{RQ:…}}`) attaches a structured
Quotation through its handler. A hand-written line (`'''1910''', [[w:Saki|Saki]], "The
Lost Sanjak", ''Reginald in Russia'':`) is read here from its raw wikitext: its shape
(bold year, quoted and italic titles, plain names, `page 12` locators) says what each
piece is, and only then is each piece rendered to clean text. Rendering first would lose
exactly the markup that tells a title from an author.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wiktlex.model import Quotation
from wiktlex.parse.citation_ref import RefParts, build_ref, scripture, year_of
from wiktlex.parse.context import Collected, Context
from wiktlex.parse.render import fold

_REF_TAG = re.compile(r"<ref[^>/]*/>|<ref[^>]*>.*?</ref\s*>|<!--.*?-->", re.S | re.I)
_LEADING_YEAR = re.compile(r"^\s*((?:c\.|ca\.|circa|a\.|p\.)?\s*\d{3,4}s?(?:\s*[–—-]\s*\d{2,4})?)\b\s*,?")
_LOCATOR = re.compile(
    r"^(?P<kind>pages?|pp?|pg|pgs|chapters?|ch|chap|vol|volumes?|no|nos|numbers?|issues?|"
    r"seite|s|folios?|fol|sections?|sect?|§|columns?|col|books?|part|act|scene|lines?|verses?|canto|stanza)"
    r"\.?\s+(?P<value>[0-9ivxlcdmIVXLCDM][^,]*)$",
    re.I,
)
_LOCATOR_FIELD = {"p": "page", "seite": "page", "s": "page", "pp": "page", "pg": "page", "pgs": "page", "page": "page", "pages": "page",
                  "folio": "page", "folios": "page", "fol": "page", "ch": "chapter", "chap": "chapter",
                  "chapter": "chapter", "chapters": "chapter", "vol": "volume", "volume": "volume",
                  "volumes": "volume", "no": "issue", "nos": "issue", "number": "issue",
                  "numbers": "issue", "issue": "issue", "issues": "issue"}
_MONTHS = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATE_TEXT = re.compile(rf"^(?:{_MONTHS}(?:\s*[–—-]\s*{_MONTHS})?\s*\d{{0,2}}(?:,?\s*\d{{4}})?|\d{{1,2}}\s+{_MONTHS}(?:\s+\d{{4}})?)$")
_PUBLISHER_WORDS = re.compile(
    r"\b(?:Press|Publish\w*|Books|Verlag|Company|Co\.|Ltd|Inc|University|& Sons|Sons|House|"
    r"Penguin|Macmillan|Harper\w*|Random|Routledge|Longman\w*|Methuen|Scribner\w*|Knopf|"
    r"Doubleday|Bantam|Vintage|Wiley|Springer|Elsevier|Blackwell|Hachette|Constable)\b"
)
_URL_IN = re.compile(r"\[\s*((?:https?:)?//[^\s\]]+)\s*([^\]]*)\]")
_ISBN = re.compile(r"\{\{\s*(?:ISBN|gbooks|google books|isbn)\b[^{}]*\}\}", re.I)
_INLINE_PASSAGE_MIN = 60
_YEAR_TEMPLATE = re.compile(r"^\{\{\s*(circa2?|c\.|ca\.|a\.|ante|post)\s*\|\s*([^|{}]+)[^{}]*\}\}", re.I)
_CIRCA = re.compile(r"^(?:c\.|ca\.|circa|a\.|ante|post)\s*(?=''')", re.I)
_PAGE_ANYWHERE = re.compile(r"\b(?:pages?|pp?\.|pg\.)\s*([0-9ivxlcdm]+(?:\s*[–—-]\s*[0-9ivxlcdm]+)?)\b", re.I)
_TRAILING_LINK_WORD = re.compile(r"\s+(?:as|in|of|of the|from|by|trans\.?|translating)$")
_WRAPPED_QUOTES = re.compile(r'^["“](.+)["”]$')


@dataclass(slots=True)
class Piece:
    """One comma-separated piece of a citation line, with what its markup says it is."""

    kind: str  # year, quoted, italic, plain
    raw: str
    after_in: bool = False


@dataclass(slots=True)
class LineParts:
    year: str = ""
    pieces: list[Piece] = field(default_factory=list)
    passage: str = ""


def split_top_level(raw: str) -> list[str]:
    """Split at commas outside templates, links, quotes and ''italic''/'''bold''' spans."""
    parts: list[str] = []
    start = depth = 0
    quoted = italic = bold = False
    index = 0
    while index < len(raw):
        two = raw[index : index + 2]
        if two in ("{{", "[["):
            depth += 1
            index += 2
            continue
        if two in ("}}", "]]") and depth:
            depth -= 1
            index += 2
            continue
        if raw.startswith("'''''", index):
            italic, bold, index = not italic, not bold, index + 5
            continue
        if raw.startswith("'''", index):
            bold, index = not bold, index + 3
            continue
        if two == "''":
            italic, index = not italic, index + 2
            continue
        char = raw[index]
        if char == "[":
            depth += 1
        elif char == "]" and depth:
            depth -= 1
        elif depth == 0 and char in '"“”':
            quoted = char == "“" or (char == '"' and not quoted)
        elif depth == 0 and char == "," and not (quoted or italic or bold):
            parts.append(raw[start:index])
            start = index + 1
        index += 1
    parts.append(raw[start:])
    return [p.strip() for p in parts if p.strip()]


def _split_passage(raw: str) -> tuple[str, str]:
    """`…, ''Title'': passage text` -> (citation, passage) when a passage follows the colon."""
    for match in re.finditer(r":\s+", raw):
        before, after = raw[: match.start()], raw[match.end() :]
        if before.count("{{") != before.count("}}") or before.count("[[") != before.count("]]"):
            continue
        if before.count("''") % 2 or before.count('"') % 2:
            continue
        if "[http" in after or "<sup" in after or "{{ISBN" in after:
            continue
        if "'''" in after or len(after) >= 2 * _INLINE_PASSAGE_MIN:
            return before, after
    return raw, ""


def _leading_year(raw: str) -> tuple[str, str]:
    """The bold (or bare) year opening the line, and the rest of the line."""
    stripped = raw.lstrip()
    template = _YEAR_TEMPLATE.match(stripped)
    if template:
        mark = "p." if template.group(1).lower() == "post" else "a." if template.group(1).lower() in ("a.", "ante") else "c."
        return f"{mark} {template.group(2).strip()}", stripped[template.end() :].lstrip(" ,.:;—–-")
    circa = _CIRCA.match(stripped)
    prefix = circa.group(0).replace("'''", "").strip() + " " if circa else ""
    if circa:
        stripped = stripped[circa.end() :]
    if stripped.startswith("'''") and not stripped.startswith("''''''"):
        end = stripped.find("'''", 3)
        year = stripped[3:end]
        if end > 3 and re.search(r"\d|centur", year):
            return prefix + year, stripped[end + 3 :].lstrip(" ,.:;—–-").lstrip()
    match = _LEADING_YEAR.match(stripped)
    if match and not stripped.startswith("'"):
        return match.group(1), stripped[match.end() :].lstrip(" ,:;—–-")
    return "", stripped


def _classify(raw: str) -> list[Piece]:
    """A piece's kind; `"Title" in ''Work''` and `''Title'' {{ISBN}}` split into two."""
    raw = _ISBN.sub("", raw).strip()
    after_in = False
    if raw.startswith("''in''"):
        raw = "in " + raw[6:].lstrip()
    if re.match(r"^in\s+(?=''|\")", raw):
        raw, after_in = raw[2:].lstrip(), True
    if not raw:
        return []
    if raw[0] in '"“':
        close = raw.find("”" if raw[0] == "“" else '"', 1)
        if close > 0:
            rest = raw[close + 1 :].strip()
            return [Piece("quoted", raw[1:close], after_in), *(_classify(rest) if rest else [])]
    if raw.startswith("''") and not raw.startswith("'''"):
        close = _italic_end(raw)
        if close > 0:
            rest = raw[close + 2 :].strip()
            return [Piece("italic", raw[2:close], after_in), *(_classify(rest) if rest else [])]
    middle = re.search(r"(?<!')''(?!')", raw)
    if middle and middle.start() > 0 and _italic_end(raw[middle.start() :]) > 0:
        before = raw[: middle.start()].strip()
        tail = _classify(raw[middle.start() :])
        if tail and re.search(r"\bin$", before):
            before = before[:-2].strip()
            tail[0].after_in = True
        return [*([Piece("plain", before)] if before.strip(" :;.") else []), *tail]
    return [Piece("plain", raw)] if raw.strip(" :;.") else []


def _italic_end(raw: str) -> int:
    index = 2
    while True:
        index = raw.find("''", index)
        if index < 0:
            return -1
        if raw.startswith("'''", index) and not raw.startswith("''''", index):
            index += 3  # bold inside an italic title
            continue
        return index


def parse_line(raw: str) -> LineParts:
    """The structure of a hand-written citation line (raw wikitext in, raw pieces out)."""
    raw = _REF_TAG.sub("", raw).strip()
    citation, passage = _split_passage(raw)
    year, rest = _leading_year(citation)
    pieces: list[Piece] = []
    for segment in split_top_level(rest.rstrip().rstrip(":").rstrip()):
        pieces.extend(_classify(segment))
    return LineParts(year=year, pieces=pieces, passage=passage)


class _Assembler:
    """Turns the raw pieces of a line into Quotation fields, rendering each piece."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx.child("quotation")
        self.quotation = Quotation(kind=None)
        self.seen_title = False
        self.before_title: list[str] = []
        self.in_scripture = False  # `Bible, Acts x. 2`: the next plain piece is the section

    def text(self, raw: str) -> str:
        return fold(self.ctx.render(raw)).strip(" ,;:") if raw else ""

    def take_url(self, raw: str) -> str:
        """Record the first external link's URL; return the raw text with the link as text."""
        match = _URL_IN.search(raw)
        if match is None:
            return raw
        if self.quotation.url is None:
            self.quotation.url = match.group(1)
        return raw.replace(match.group(0), match.group(2))

    def year(self, raw: str) -> None:
        shown = self.text(raw)
        if not shown:
            return
        found = year_of(shown)
        if re.search(_MONTHS, shown) and found:
            self.quotation.year = found
            self.quotation.date = shown.replace(found, "").strip(" ,") or None
        else:
            self.quotation.year = shown

    def add(self, piece: Piece) -> None:
        raw = self.take_url(piece.raw)
        if piece.kind == "quoted":
            self._title(self.text(raw), quoted=True)
        elif piece.kind == "italic":
            self._italic(self.text(raw), piece.after_in)
        else:
            self._plain(raw)

    def _title(self, text: str, *, quoted: bool) -> None:
        q = self.quotation
        if not text:
            return
        if q.title is None:
            q.title = text
        elif q.work is None:
            q.work = text
        self.seen_title = True

    def _italic(self, text: str, after_in: bool) -> None:
        q = self.quotation
        if after_in and q.title is not None and q.work is None:
            q.work = text
            self.seen_title = True
            return
        self._title(text, quoted=False)

    def _plain(self, raw: str) -> None:
        text = self.text(raw)
        if not text:
            return
        holy = scripture(text) if not self.seen_title else None
        if holy is not None:
            self._scripture(*holy)
            return
        locator = _LOCATOR.match(text)
        if self.in_scripture and self.quotation.section is None and locator is None:
            self.quotation.section = text
        elif locator is not None:
            self._locator(locator.group("kind").lower(), locator.group("value").strip())
        elif _DATE_TEXT.match(text) and self.quotation.date is None:
            self.quotation.date = text
        elif _WRAPPED_QUOTES.match(text):
            self._title(_WRAPPED_QUOTES.sub(r"\1", text), quoted=True)
        elif not self.seen_title:
            self.before_title.append(text)
        elif self.quotation.page is None and _PAGE_ANYWHERE.search(text):
            self.quotation.page = _PAGE_ANYWHERE.search(text).group(1)  # type: ignore[union-attr]
        elif self.quotation.publisher is None and _PUBLISHER_WORDS.search(text):
            location, sep, publisher = text.rpartition(": ")
            self.quotation.publisher = publisher
            self.quotation.location = location if sep else None

    def _scripture(self, name: str, rest: str) -> None:
        """A scripture where an author goes is the work cited; what follows, its place."""
        self._title(name, quoted=False)
        self.in_scripture = True
        if rest:
            self.quotation.section = rest

    def _locator(self, kind: str, value: str) -> None:
        name = _LOCATOR_FIELD.get(kind)
        if value.endswith(")") and "(" not in value:
            value = value[:-1].strip()
        if name is not None and getattr(self.quotation, name) is None:
            setattr(self.quotation, name, value)

    def finish(self) -> Quotation:
        """Plain pieces before the title are authors; with no title, only the first is."""
        texts = self.before_title if self.seen_title else self.before_title[:1]
        for text in texts:
            self._authors(text)
        return self.quotation

    def _authors(self, text: str) -> None:
        if re.fullmatch(r"[\d\s.–—-]+", text):
            return
        text = _TRAILING_LINK_WORD.sub("", text)
        for name in re.split(r";\s*|\s+(?:and|&)\s+(?=[A-Z])", text):
            name = name.strip(" .:") if name.endswith(":") else name.strip()
            if name and name not in self.quotation.authors:
                self.quotation.authors = [*self.quotation.authors, name]


def _passage_only(raw: str, rendered: str) -> bool:
    """An old-style `#*` line that is itself a passage: a bold headword inside, no year."""
    stripped = raw.strip().rstrip(".")
    if "'''" not in stripped[3:] or stripped.startswith("'''"):
        return False
    wrapped = stripped[:1] in "\"“" or (stripped.startswith("''") and stripped.endswith("''"))
    return wrapped or len(rendered.split()) >= 3


_REF_WORD = re.compile(r"\w+")
_QUOTE_MARK = re.compile(r"[\"“”]")
_LOCATOR_WORDS = frozenset({"in", "p", "pp", "page", "pages", "vol", "volume", "ch", "chapter"})


def _words(text: str) -> set[str]:
    return {w for w in _REF_WORD.findall(text.lower()) if w not in _LOCATOR_WORDS}


def normalised_ref(quotation: Quotation, shown: str) -> str:
    """The line a quote template would print for these fields (“Title”, in Work…), so that
    hand-written and template citations read alike — but only when it keeps every word of
    the line as written; a free-form line stays as the reader sees it."""
    if not quotation.year or not (quotation.title or quotation.work):
        return shown
    if not quotation.work and _QUOTE_MARK.search(shown):
        return shown  # a quoted title on its own (a song, a poem) reads best as written
    rebuilt = build_ref(RefParts(
        date=quotation.year,
        authors=list(quotation.authors),
        article=quotation.title or "" if quotation.work else "",
        title=quotation.work or quotation.title or "",
        volume=f"volume {quotation.volume}" if quotation.volume else "",
        location=quotation.location or "",
        publisher=quotation.publisher or "",
        section=f"chapter {quotation.chapter}" if quotation.chapter else "",
        page=f"page {quotation.page}" if quotation.page else "",
    ))
    return rebuilt if _words(shown) <= _words(rebuilt) else shown


def quotation_from_handwritten(raw: str, rendered: str, ctx: Context) -> Quotation:
    """Best-effort fields of a hand-written citation line (diagnostics name what is missing)."""
    line = parse_line(raw)
    if not line.year and _passage_only(raw, rendered):
        ctx.warn("quotation line without a source (passage only)", severity="info")
        return Quotation(text=rendered)
    assembler = _Assembler(ctx)
    assembler.year(line.year)
    for piece in line.pieces:
        assembler.add(piece)
    quotation = assembler.finish()
    if line.passage:
        quotation.text = assembler.text(line.passage)
        cut = fold(ctx.child("quotation").render(raw[: len(raw) - len(line.passage)]))
        quotation.ref = normalised_ref(quotation, cut.rstrip())
    else:
        quotation.ref = normalised_ref(quotation, rendered)
    missing = [name for name in ("year", "title") if not getattr(quotation, name)]
    if not quotation.authors and scripture(quotation.title or "") is None:
        missing.append("author")
    if missing:
        ctx.warn(f"hand-written quotation without {', '.join(missing)}", severity="info")
    return quotation


def quotation_from_line(text: str, ctx: Context) -> Quotation | None:
    """The Quotation a `#*` line starts (None for lines that render to nothing)."""
    collected = Collected()
    rendered = fold(ctx.child("quotation", collected).render(text))
    if collected.quotations:
        return collected.quotations[-1]
    if not rendered:
        return None
    try:
        return quotation_from_handwritten(text, rendered, ctx)
    except Exception as exc:  # a heuristic's bug must not lose the page: report it, keep the line
        ctx.warn(f"hand-written quotation reader failed: {exc!r}", severity="error")
        return Quotation(ref=rendered)


_MERGED = ("translation", "year", "date", "title", "work", "kind", "publisher", "location",
           "volume", "issue", "page", "chapter", "url", "template")


def _merge(target: Quotation, source: Quotation) -> None:
    """A quote template on a passage line: its fields fill what the citation line lacked."""
    for name in _MERGED:
        if getattr(target, name) is None and getattr(source, name) is not None:
            setattr(target, name, getattr(source, name))
    if not target.authors:
        target.authors = list(source.authors)
    if not target.ref:
        target.ref = source.ref
    if source.text:
        target.text = f"{target.text} {source.text}".strip() if target.text else source.text


def add_passage(quotation: Quotation, text: str, ctx: Context) -> None:
    """A `#*:` line: (more of) the quoted passage; lines of one passage join with a space."""
    collected = Collected()
    rendered = fold(ctx.child("quotation", collected).render(text))
    if collected.quotations:
        _merge(quotation, collected.quotations[-1])
        return
    if rendered:
        quotation.text = f"{quotation.text} {rendered}".strip() if quotation.text else rendered


def add_passage_translation(quotation: Quotation, text: str, ctx: Context) -> None:
    """A `#*::` line: the translation of a non-English passage."""
    rendered = fold(ctx.child("quotation").render(text))
    if rendered:
        current = quotation.translation
        quotation.translation = f"{current} {rendered}" if current else rendered
