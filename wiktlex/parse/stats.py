"""Template coverage: which handler took each template occurrence, over many pages.

Built from `parse_page(page, trace=True).trace`, so it counts exactly the templates that
stand inside extracted fields (glosses, examples, etymologies, heads, relations,
translations…), the ones whose rendering matters. A fallback is an occurrence no
specific handler took: rendered as nothing and reported here with where it stood.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from wiktlex.model import RawPage
from wiktlex.parse.page import parse_page

FALLBACK = "fallback"


@dataclass(slots=True)
class TemplateStats:
    """Occurrence counts per template name, per handler, and of fallbacks per place."""

    pages: int = 0
    occurrences: Counter[str] = field(default_factory=Counter)
    handlers: dict[str, Counter[str]] = field(default_factory=dict)
    fallbacks: Counter[str] = field(default_factory=Counter)
    fallback_where: dict[str, Counter[str]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.occurrences.values())

    @property
    def handled(self) -> int:
        return self.total - sum(self.fallbacks.values())

    @property
    def share(self) -> float:
        """Share of occurrences that went to a specific handler (1.0 when none at all)."""
        return self.handled / self.total if self.total else 1.0

    def add(self, template: str, handler: str, where: str) -> None:
        self.occurrences[template] += 1
        self.handlers.setdefault(template, Counter())[handler] += 1
        if handler == FALLBACK:
            self.fallbacks[template] += 1
            self.fallback_where.setdefault(template, Counter())[where] += 1

    def where_totals(self) -> Counter[str]:
        totals: Counter[str] = Counter()
        for counter in self.fallback_where.values():
            totals.update(counter)
        return totals


def template_stats(pages: Iterable[RawPage]) -> TemplateStats:
    """Parse every page with a trace and count template occurrences by handler."""
    stats = TemplateStats()
    for page in pages:
        stats.pages += 1
        result = parse_page(page, trace=True)
        for event in result.trace or []:
            stats.add(event.template, event.handler, event.where)
    return stats


def format_template_stats(stats: TemplateStats, *, top: int = 30, fmt: str = "text") -> str:
    """The report: share handled, then the `top` most frequent fallbacks and templates."""
    if fmt == "json":
        return json.dumps(_as_json(stats, top), ensure_ascii=False, indent=2)
    if fmt == "markdown":
        return _markdown(stats, top)
    return _text(stats, top)


def _summary(stats: TemplateStats) -> str:
    return (
        f"{stats.pages} pages, {stats.total} template occurrences in extracted fields, "
        f"{stats.handled} handled by a specific handler ({stats.share:.2%}), "
        f"{stats.total - stats.handled} to the fallback"
    )


def _where(stats: TemplateStats, template: str) -> str:
    counter = stats.fallback_where.get(template, Counter())
    return ", ".join(f"{where} {count}" for where, count in counter.most_common())


def _main_handler(stats: TemplateStats, template: str) -> str:
    return stats.handlers[template].most_common(1)[0][0]


def _text(stats: TemplateStats, top: int) -> str:
    lines = [_summary(stats), "", f"Most frequent fallbacks (top {top}):"]
    for name, count in stats.fallbacks.most_common(top):
        lines.append(f"  {count:7d}  {name}  [{_where(stats, name)}]")
    where = ", ".join(f"{w} {c}" for w, c in stats.where_totals().most_common())
    lines += ["", f"Fallbacks by place: {where or 'none'}", "", f"Most frequent templates (top {top}):"]
    for name, count in stats.occurrences.most_common(top):
        lines.append(f"  {count:7d}  {name}  -> {_main_handler(stats, name)}")
    return "\n".join(lines) + "\n"


def _markdown(stats: TemplateStats, top: int) -> str:
    lines = [_summary(stats) + ".", "", "| # | template | occurrences | where |", "|---:|---|---:|---|"]
    for rank, (name, count) in enumerate(stats.fallbacks.most_common(top), 1):
        lines.append(f"| {rank} | `{name}` | {count} | {_where(stats, name)} |")
    return "\n".join(lines) + "\n"


def _as_json(stats: TemplateStats, top: int) -> dict[str, object]:
    return {
        "pages": stats.pages,
        "occurrences": stats.total,
        "handled": stats.handled,
        "share": round(stats.share, 6),
        "fallbacks": [
            {"template": name, "count": count, "where": dict(stats.fallback_where[name])}
            for name, count in stats.fallbacks.most_common(top)
        ],
        "templates": [
            {"template": name, "count": count, "handler": _main_handler(stats, name)}
            for name, count in stats.occurrences.most_common(top)
        ],
    }
