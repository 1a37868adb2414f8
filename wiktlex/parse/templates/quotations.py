"""Template handlers: the quotations family (`quote-*`, `cite-*`, `{{Q}}`, dates).

Each handler reads its template's parameters into a structured `Quotation` (fields as
clean text), builds the citation line (`ref`) the way Module:quote prints it, attaches
the quotation to `ctx.collected.quotations` and renders nothing: the caller (the `#*`
line reader) owns where the quotation goes. Which parameter means what is data
(data/quote_templates.json), not code. `{{RQ:…}}` calls become quote calls (templates/rq.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from wiktlex.model import Quotation
from wiktlex.parse.call import Call
from wiktlex.parse.citation_ref import (
    RefParts,
    build_ref,
    month_range,
    normalise_date,
    numbered,
    scripture,
    year_of,
)
from wiktlex.parse.context import Context
from wiktlex.parse.data import load
from wiktlex.parse.languages import language_name
from wiktlex.parse.registry import Registry, template, template_exact, template_prefix
from wiktlex.parse.render import fold
from wiktlex.parse.urls import clean_url

FAMILY = "quotations"
CLASSICAL_SOURCE = "Q"  # `{{Q|la|Horace|Odes|…}}`; case matters: `{{q}}` is a qualifier
_MODIFIER = re.compile(r"<(?:t|tr|ts|sc|q|qq|gloss|alt|lit|pos|id):[^<>]*>")
_WIKIPEDIA_PREFIX = re.compile(r"(?:^|(?<=;)|(?<=; ))(?:w|wikipedia):(?=\S)")
_LANG_PREFIX = re.compile(r"^[a-z]{2,3}(?:-[a-z]{2,3})*:(?=[^\s/])")
_BRACKET_URL = re.compile(r"\[\s*((?:https?:)?//[^\s\]]+)\s*([^\]]*)\]")
_LANG_CODE = re.compile(r"^[a-z]{2,3}(?:-[a-z]{2,3}){0,3}$")
_DATE_LIKE = re.compile(r"[A-Za-z]{3}|\d{4}-\d")
_YEARISH = re.compile(r"^(?:c\.|ca\.|circa|a\.|p\.)?\s*\d{3,4}s?(?:\s*[–—-]\s*\d{2,4})?$")


@dataclass(frozen=True, slots=True)
class Spec:
    """What one quotation template's parameters mean (from data/quote_templates.json)."""

    kind: str
    positional: tuple[str, ...]
    fields: dict[str, tuple[str, ...]]
    authors: tuple[str, ...]
    title_is_article: bool = False
    default_work: str = ""
    work_suffix: str = ""


def _merge_fields(defaults: dict[str, list[str]], own: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    merged = {key: tuple(values) for key, values in defaults.items()}
    for key, values in own.items():
        rest = [v for v in merged.get(key, ()) if v not in values]
        merged[key] = tuple(values) + tuple(rest)
    return merged


def _spec_from(entry: dict[str, Any], defaults: dict[str, Any]) -> Spec:
    own_authors = [a for a in entry.get("authors", []) if a not in defaults["authors"]]
    return Spec(
        kind=entry["kind"],
        positional=tuple(entry.get("positional", defaults["positional"])),
        fields=_merge_fields(defaults["fields"], entry.get("fields", {})),
        authors=tuple(defaults["authors"]) + tuple(own_authors),
        title_is_article=bool(entry.get("title_is_article", False)),
        default_work=entry.get("default_work", ""),
        work_suffix=entry.get("work_suffix", ""),
    )


@cache
def specs() -> dict[str, Spec]:
    """Template name (and alias) -> Spec, for every quotation template we understand."""
    table = load("quote_templates")
    result: dict[str, Spec] = {}
    for name, entry in table["templates"].items():
        spec = _spec_from(entry, table["defaults"])
        for key in (name, *entry.get("aliases", [])):
            result[key] = spec
    return result


def spec_for(name: str) -> Spec:
    """The Spec of a template; an unlisted `quote-X` is read with the defaults, kind X."""
    known = specs().get(name)
    if known is not None:
        return known
    table = load("quote_templates")
    kind = name.split("-", 1)[1] if "-" in name else name
    return _spec_from({"kind": kind}, table["defaults"])


def is_understood(name: str) -> bool:
    """Whether a quotation template is one the data table describes (for coverage stats)."""
    lowered = name.lower()
    return lowered in specs() or lowered.startswith("rq:") or name == CLASSICAL_SOURCE


def clean_raw(raw: str) -> str:
    """Drop Module:quote's inline modifiers (`<t:…>`), Wikipedia-link and language prefixes."""
    if "<" in raw:
        raw = _MODIFIER.sub("", raw)
    if "w:" in raw or "wikipedia:" in raw:
        raw = _WIKIPEDIA_PREFIX.sub("", raw)  # `author=w:Kathryn Parsons` links the name
    return _LANG_PREFIX.sub("", raw.strip())


def split_people(text: str) -> list[str]:
    """`A; B` -> [A, B], not splitting inside brackets or parentheses; `[Name]` -> Name."""
    people: list[str] = []
    depth = 0
    current: list[str] = []
    for char in text:
        if char in "([":
            depth += 1
        elif char in ")]" and depth:
            depth -= 1
        if char == ";" and depth == 0:
            people.append("".join(current))
            current = []
        else:
            current.append(char)
    people.append("".join(current))
    cleaned = [p.strip().strip(",").strip() for p in people]
    return [p[1:-1].strip() if p.startswith("[") and p.endswith("]") else p for p in cleaned if p]


class Reader:
    """A template's parameters as fields: positional slots mapped, values rendered clean."""

    def __init__(self, call: Call, ctx: Context, spec: Spec) -> None:
        self.call = call
        self.spec = spec
        self.ctx = ctx.child("quotation")
        self.raw: dict[str, str] = {k: v for k, v in call.args.items() if not k.isdigit() and v}
        self.positional_field: dict[str, str] = {}
        self._map_positional()

    def _map_positional(self) -> None:
        # Current form: 1 = language code. Old forms have no code (or give it as lang=).
        first = self.call.get(1)
        base = 1 if first and not _is_lang(first) else 2
        for index, name in enumerate(self.spec.positional):
            value = self.call.get(base + index)
            if value:
                self.positional_field.setdefault(name, value)

    def raw_field(self, name: str) -> tuple[str, str]:
        """(raw value, parameter it came from) of a field: named parameters, then positional."""
        for param in self.spec.fields.get(name, (name,)):
            value = self.raw.get(param)
            if value:
                return value, param
        value = self.positional_field.get(name, "")
        return value, (name if value else "")

    def text(self, raw: str) -> str:
        return fold(self.ctx.render(clean_raw(raw))) if raw else ""

    def field(self, name: str) -> str:
        return self.text(self.raw_field(name)[0])

    def people(self, params: tuple[str, ...], *, authors: bool = False) -> list[str]:
        """Names from `params` (numbered: author, author2…); authors also last/first, slot 3."""
        found: list[str] = []
        raws = self._authors_raw(params) if authors else [v for p in params for v in self.call.numbered(p)]
        for raw in raws:
            for person in split_people(self.text(raw)):
                if person not in found:
                    found.append(person)
        return found

    def _authors_raw(self, params: tuple[str, ...]) -> list[str]:
        values: list[str] = []
        for stem in params:
            values.extend(self.call.numbered(stem))
        names = self._first_last()
        values[0:0] = names if not self.raw.get("author") else []
        if not values and self.positional_field.get("author"):
            values.append(self.positional_field["author"])
        return values

    def _first_last(self) -> list[str]:
        names = []
        for index in ["", *map(str, range(2, 10))]:
            last, first = self.raw.get(f"last{index}", ""), self.raw.get(f"first{index}", "")
            if last or first:
                names.append(f"{first} {last}".strip())
        return names


def _is_lang(value: str) -> bool:
    codes = [c.strip() for c in value.split(",")]
    return all(_LANG_CODE.match(c) and (language_name(c) is not None or len(c) <= 3) for c in codes)


@dataclass(slots=True)
class Dates:
    year: str | None = None
    date: str | None = None
    shown: str = ""


def read_dates(reader: Reader) -> Dates:
    """year=/date=/month= (or positional 2): the year, the date as given, the shown date."""
    year, date, month = reader.field("year"), reader.field("date"), reader.field("month")
    if year and reader.raw_field("year")[1] != "year" and _DATE_LIKE.search(year) and not _YEARISH.match(year):
        year, date = "", date or year  # positional 2 holds a full date
    if date and year and not year_of(date):
        # Old pages give year=2011|date=September 13: the date without its year.
        return Dates(year=year, date=date, shown=normalise_date(f"{date}, {year}"))
    if date:
        return Dates(year=year or year_of(date), date=date, shown=normalise_date(date))
    if year:
        shown = f"{year} {month_range(month)}".strip()
        return Dates(year=year, date=month or None, shown=shown)
    # Only the publication date is known: it is the best year the citation gives.
    return Dates(year=year_of(reader.field("year_published")))


def _url(reader: Reader) -> tuple[str | None, str]:
    """The quotation's URL and the title with any bracketed link around it removed."""
    raw_title = reader.raw_field("title")[0]
    match = _BRACKET_URL.search(raw_title) if raw_title else None
    if match:
        return match.group(1), raw_title.replace(match.group(0), match.group(2))
    return clean_url(reader.raw_field("url")[0]), raw_title


def _identifiers(reader: Reader) -> dict[str, str]:
    """isbn=/issn=/oclc=/doi= as given. Wiktionary shows each as a bare "→ISBN" link; in
    text the number is the information, so the line shows `ISBN 978-…` (data: labels)."""
    found = {}
    for name in load("quote_templates")["identifiers"]:
        value = reader.field(name)
        if value:
            found[name] = value
    return found


def _shown_identifiers(found: dict[str, str]) -> list[str]:
    labels: dict[str, str] = load("quote_templates")["identifiers"]
    return [f"{labels[name]} {value}" for name, value in found.items()]


def _numbers(reader: Reader, name: str, desc: str) -> tuple[str, str]:
    raw, param = reader.raw_field(name)
    value = reader.text(raw)
    return value, numbered(desc, value, plain=param.endswith("_plain"))


@dataclass(slots=True)
class Built:
    quotation: Quotation
    parts: RefParts = field(default_factory=RefParts)


def build_quotation(call: Call, ctx: Context, spec: Spec) -> Built:
    """Every field of a quote-* call, and the pieces of its citation line."""
    reader = Reader(call, ctx, spec)
    dates = read_dates(reader)
    url, raw_title = _url(reader)
    title = reader.text(raw_title)
    work = reader.field("work") or spec.default_work
    page, page_shown = _numbers(reader, "page", "page")
    volume, volume_shown = _numbers(reader, "volume", "volume")
    issue, issue_shown = _numbers(reader, "issue", "number")
    identifiers = _identifiers(reader)
    quotation = Quotation(
        text=reader.field("passage"),
        translation=reader.field("translation") or None,
        year=dates.year or None,
        date=dates.date or None,
        authors=reader.people(spec.authors, authors=True),
        title=title or None,
        work=work or reader.field("series") or None,
        kind=spec.kind,
        publisher=reader.field("publisher") or None,
        location=reader.field("location") or None,
        volume=volume or None,
        issue=issue or None,
        page=page or None,
        chapter=reader.field("chapter") or None,
        url=url,
        template=call.name,
        section=reader.field("section") or None,
        isbn=identifiers.get("isbn"),
        issn=identifiers.get("issn"),
        oclc=identifiers.get("oclc"),
        doi=identifiers.get("doi"),
    )
    parts = RefParts(
        date=dates.shown,
        origdate=normalise_date(reader.field("origyear")),
        authors=list(quotation.authors),
        quotee=reader.field("quotee"),
        chapter=quotation.chapter or "",
        editor=", ".join(reader.people(("editor", "editors"))),
        translator=", ".join(reader.people(("tlr", "translator", "translators"))),
        edition=_edition(reader),
        volume=volume_shown,
        issue=issue_shown,
        location=quotation.location or "",
        publisher=quotation.publisher or "",
        published=normalise_date(reader.field("year_published")),
        identifiers=_shown_identifiers(identifiers),
        section=quotation.section or "",
        line=_numbers(reader, "line", "line")[1],
        page=page_shown,
        column=_numbers(reader, "column", "column")[1],
        work_suffix=spec.work_suffix,
    )
    _place_titles(parts, spec, title, work, reader.field("series"))
    _scripture_is_not_an_author(quotation)
    return Built(quotation, parts)


def _scripture_is_not_an_author(quotation: Quotation) -> None:
    """`author=Bible`: the line shows it where the author goes (as Wiktionary does), but a
    scripture is the work cited — the title when there is none, never an author."""
    people = []
    for person in quotation.authors:
        holy = scripture(person)
        if holy is None:
            people.append(person)
        elif quotation.title is None:
            quotation.title = holy[0]
            quotation.section = quotation.section or holy[1] or None
    quotation.authors = people


def _edition(reader: Reader) -> str:
    raw, param = reader.raw_field("edition")
    value = reader.text(raw)
    return value if not value or param.endswith("_plain") or "edition" in value else f"{value} edition"


def _place_titles(parts: RefParts, spec: Spec, title: str, work: str, series: str) -> None:
    """Periodicals print “article”, in Work; books print “chapter”, in Title (Series)."""
    if spec.title_is_article:
        parts.article, parts.title = title, work
        parts.series = series if series != work else ""
    else:
        parts.title, parts.series = title, series or work


def _warn_missing(quotation: Quotation, ctx: Context, name: str) -> None:
    missing = [f for f in ("year", "title") if not getattr(quotation, f)]
    if not quotation.authors and not quotation.work and scripture(quotation.title or "") is None:
        missing.append("author")
    if missing:
        ctx.warn(f"quotation without {', '.join(missing)}", template=name, severity="info")


def register_templates(registry: Registry) -> None:
    """The quotation templates of data/quote_templates.json, one handler for all."""
    names: list[str] = []
    for name, entry in load("quote_templates")["templates"].items():
        names.extend([name, *entry.get("aliases", [])])
    registry.register(tuple(names), FAMILY, quote_template)


@template_prefix("quote-", "cite-", family=FAMILY)
def quote_template(call: Call, ctx: Context) -> str:
    """`{{quote-book|en|…}}` and kin: attach a structured Quotation; render nothing."""
    built = build_quotation(call, ctx, spec_for(call.name))
    built.quotation.ref = build_ref(built.parts)
    ctx.collected.quotations.append(built.quotation)
    _warn_missing(built.quotation, ctx, call.name)
    return ""


@template("circa", "circa2", "c.", "ca.", family=FAMILY)
def circa(call: Call, ctx: Context) -> str:
    """`{{circa2|1596|short=yes}}` -> "c. 1596": the approximate dates of citations."""
    years = [ctx.arg(call, i) for i in (1, 2) if call.get(i)]
    return f"c. {'–'.join(years)}" if years else "c."


def _dated(mark: str, call: Call, ctx: Context) -> str:
    year = ctx.arg(call, 1)
    return f"{mark} {year}" if year else mark


@template("ante", "a.", family=FAMILY)
def ante(call: Call, ctx: Context) -> str:
    """`{{a.|1600}}` -> "a. 1600": before that year."""
    return _dated("a.", call, ctx)


@template("post", family=FAMILY)
def post(call: Call, ctx: Context) -> str:
    """`{{post|1600}}` -> "p. 1600": after that year."""
    return _dated("p.", call, ctx)


@template_exact(CLASSICAL_SOURCE, family=FAMILY)
def classical_quote(call: Call, ctx: Context) -> str:
    """`{{Q|la|Horace|Odes|2|9|quote=…|trans=…}}`: a classical source cited by book/section."""
    author, work = ctx.arg(call, 2), ctx.arg(call, 3)
    locators = [ctx.arg(call, i) for i in range(4, len(call.positional()) + 1)]
    locator = ".".join(x for x in locators if x)
    quotation = Quotation(
        text=ctx.arg(call, "quote"),
        translation=ctx.arg(call, "trans") or None,
        authors=[author] if author else [],
        title=work or None,
        kind="text",
        template=CLASSICAL_SOURCE,
    )
    quotation.ref = build_ref(RefParts(authors=list(quotation.authors), title=work, section=locator))
    ctx.collected.quotations.append(quotation)
    return ""
