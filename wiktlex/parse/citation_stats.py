"""How well quotations are extracted over a set of pages (`wiktlex stats --citations`).

Counts every quotation under every sense (sub-senses included), split by origin —
a quote-*/cite-* template, an RQ: template, or a hand-written line — with the share
that has text, year, author and title (a title or, for a periodical cited without an
article title, its work: the quotation names its source), the quotation templates the data table does not
describe, and any field that still carries wiki markup (which must never happen).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from wiktlex.model import Quotation, RawPage, Sense
from wiktlex.parse.templates.quotations import CLASSICAL_SOURCE, is_understood

FIELDS = ("text", "year", "authors", "title")
ORIGINS = ("template", "rq", "handwritten")
_MARKUP = re.compile(r"\{\{|\}\}|\[\[|\]\]|'''|<ref|</")
_QUOTE_NAME = re.compile(r"^(?:quote-|cite-|rq:)", re.I)


@dataclass(slots=True)
class OriginStats:
    total: int = 0
    filled: Counter[str] = field(default_factory=Counter)

    def share(self, name: str) -> float:
        return self.filled[name] / self.total if self.total else 0.0


@dataclass(slots=True)
class CitationStats:
    pages: int = 0
    examples: int = 0
    origins: dict[str, OriginStats] = field(default_factory=lambda: {o: OriginStats() for o in ORIGINS})
    not_understood: Counter[str] = field(default_factory=Counter)
    with_markup: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def total(self) -> OriginStats:
        merged = OriginStats()
        for stats in self.origins.values():
            merged.total += stats.total
            merged.filled.update(stats.filled)
        return merged

    def to_dict(self) -> dict[str, Any]:
        def block(stats: OriginStats) -> dict[str, Any]:
            return {"quotations": stats.total, **{f"with_{f}": round(stats.share(f), 4) for f in FIELDS}}

        return {
            "pages": self.pages,
            "examples": self.examples,
            "all": block(self.total),
            **{origin: block(stats) for origin, stats in self.origins.items()},
            "templates_not_understood": dict(self.not_understood.most_common()),
            "fields_with_markup": [list(x) for x in self.with_markup[:50]],
        }

    def to_text(self) -> str:
        lines = [f"pages: {self.pages}   usage examples: {self.examples}", ""]
        lines.append(f"{'quotations':<14}{'count':>7}" + "".join(f"{f:>9}" for f in FIELDS))
        for name, stats in [("all", self.total), *self.origins.items()]:
            shares = "".join(f"{stats.share(f):>9.1%}" for f in FIELDS)
            lines.append(f"{name:<14}{stats.total:>7}{shares}")
        lines.append("")
        lines.append("quotation templates not understood: " + (
            ", ".join(f"{n} ({c})" for n, c in self.not_understood.most_common(30)) or "none"))
        lines.append(f"fields with wiki markup: {len(self.with_markup)}")
        lines.extend(f"  {page}: {name} = {value[:80]!r}" for page, name, value in self.with_markup[:20])
        return "\n".join(lines)


def origin_of(quotation: Quotation) -> str:
    """handwritten, rq (a named source: `RQ:…`, classical `{{Q}}`), or template (quote-*)."""
    name = quotation.template or ""
    if not name:
        return "handwritten"
    return "rq" if name.lower().startswith("rq:") or name == CLASSICAL_SOURCE else "template"


def walk_senses(senses: list[Sense]) -> Iterator[Sense]:
    for sense in senses:
        yield sense
        yield from walk_senses(sense.subsenses)


def markup_fields(quotation: Quotation) -> Iterator[tuple[str, str]]:
    """(field, value) pairs that still hold wiki markup."""
    for name in Quotation.__struct_fields__:
        value = getattr(quotation, name)
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, str) and name != "url" and _MARKUP.search(item):
                yield name, item


def add_quotation(stats: CitationStats, quotation: Quotation, page: str) -> None:
    bucket = stats.origins[origin_of(quotation)]
    bucket.total += 1
    for name in FIELDS:
        if getattr(quotation, name) or (name == "title" and quotation.work):
            bucket.filled[name] += 1
    if quotation.template and not is_understood(quotation.template):
        stats.not_understood[quotation.template] += 1
    stats.with_markup.extend((page, name, value) for name, value in markup_fields(quotation))


def citation_stats(pages: Iterable[RawPage]) -> CitationStats:
    """Parse every page and count its quotations (see the module docstring)."""
    from wiktlex.parse import parse_page

    stats = CitationStats()
    for page in pages:
        stats.pages += 1
        result = parse_page(page)
        for entry in result.entries:
            for sense in walk_senses(entry.senses):
                stats.examples += len(sense.examples)
                for quotation in sense.quotations:
                    add_quotation(stats, quotation, page.title)
        for diagnostic in result.diagnostics:
            if diagnostic.message == "unknown template" and _QUOTE_NAME.match(diagnostic.template):
                stats.not_understood[diagnostic.template] += 1
    return stats


def format_citation_stats(stats: CitationStats, fmt: str = "text") -> str:
    """The report as text, markdown (a table) or JSON, ending with a newline."""
    if fmt == "json":
        import json

        return json.dumps(stats.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        rows = ["| quotations | count | " + " | ".join(FIELDS) + " |", "|---|---:|" + "---:|" * len(FIELDS)]
        for name, bucket in [("all", stats.total), *stats.origins.items()]:
            shares = " | ".join(f"{bucket.share(f):.1%}" for f in FIELDS)
            rows.append(f"| {name} | {bucket.total} | {shares} |")
        lines = [f"{stats.pages} pages, {stats.examples} usage examples", "", *rows, ""]
        lines.append("Quotation templates not understood: " + (
            ", ".join(f"`{n}` ({c})" for n, c in stats.not_understood.most_common(30)) or "none"))
        lines.append(f"Fields with wiki markup: {len(stats.with_markup)}")
        return "\n".join(lines) + "\n"
    return stats.to_text() + "\n"
