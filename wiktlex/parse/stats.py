"""Template coverage: which handler took each template occurrence, over many pages.

Two views. Handled: from `parse_page(page, trace=True).trace`, the templates that stand
inside extracted fields (glosses, examples, etymologies, heads, relations,
translations…), the ones whose rendering matters; a fallback is an occurrence no specific
handler took, rendered as nothing and reported with where it stood. Accounted: from the
pages' accounts (account.py), every template occurrence and list item an independent
scan finds on the pages, each handled, dropped by a rule (with its reason), diagnosed or
unaccounted — so what the parser never reached is counted too.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from wiktlex.model import Account, RawPage, Tally
from wiktlex.parse.data import load
from wiktlex.parse.loose import LOOSE_PLACES
from wiktlex.parse.page import parse_page
from wiktlex.parse.trace import tally_text

FALLBACK = "fallback"


@dataclass(slots=True)
class Totals:
    """Tallies of many pages added up, and what was lost most often."""

    templates: Tally = field(default_factory=Tally)
    items: Tally = field(default_factory=Tally)
    lost: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # kind, name, reason

    def add(self, account: Account) -> None:
        for total, tally in ((self.templates, account.templates), (self.items, account.items)):
            total.found += tally.found
            total.handled += tally.handled
            total.diagnosed += tally.diagnosed
            total.unaccounted += tally.unaccounted
            for rule, count in tally.dropped.items():
                total.dropped[rule] = total.dropped.get(rule, 0) + count
        for lost in account.lost:
            name = lost.name if lost.kind == "template" else lost.section.rpartition("/")[2]
            self.lost[(lost.kind, name, lost.reason)] += 1


def share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


@dataclass(slots=True)
class TemplateStats:
    """Occurrence counts per template name, per handler, and of fallbacks per place."""

    pages: int = 0
    occurrences: Counter[str] = field(default_factory=Counter)
    handlers: dict[str, Counter[str]] = field(default_factory=dict)
    fallbacks: Counter[str] = field(default_factory=Counter)
    fallback_where: dict[str, Counter[str]] = field(default_factory=dict)
    accounts: Totals = field(default_factory=Totals)

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
        if where in LOOSE_PLACES:
            return  # outside every entry: only the account counts it
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
        if result.account is not None:
            stats.accounts.add(result.account)
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


def account_summary(totals: Totals) -> list[str]:
    """The accounted view: all occurrences and list items found on the pages."""
    lines = []
    for label, tally in (("template occurrences", totals.templates), ("list items", totals.items)):
        lines.append(f"All {label} on the pages: {tally_text(tally)}; accounted "
                     f"{share(tally.accounted, tally.found):.2%}, handled "
                     f"{share(tally.handled, tally.found):.2%}")
    return lines


def _drop_lines(totals: Totals) -> list[str]:
    reasons: dict[str, str] = load("drops")["rules"]
    counts: Counter[str] = Counter(totals.templates.dropped)
    lines = ["Template occurrences dropped by rule:"]
    for rule, count in counts.most_common():
        lines.append(f"  {count:7d}  {rule}: {reasons.get(rule, '?')}")
    return lines


def _lost_lines(totals: Totals, top: int) -> list[str]:
    lines = [f"Most frequent unaccounted (top {top}):"]
    for (kind, name, reason), count in totals.lost.most_common(top):
        shown = f"{{{{{name}}}}}" if kind == "template" else f"item in {name or '?'}"
        lines.append(f"  {count:7d}  {shown}: {reason}")
    return lines


def _text(stats: TemplateStats, top: int) -> str:
    lines = [_summary(stats), *account_summary(stats.accounts), "",
             *_drop_lines(stats.accounts), "", *_lost_lines(stats.accounts, top), "",
             f"Most frequent fallbacks (top {top}):"]
    for name, count in stats.fallbacks.most_common(top):
        lines.append(f"  {count:7d}  {name}  [{_where(stats, name)}]")
    where = ", ".join(f"{w} {c}" for w, c in stats.where_totals().most_common())
    lines += ["", f"Fallbacks by place: {where or 'none'}", "", f"Most frequent templates (top {top}):"]
    for name, count in stats.occurrences.most_common(top):
        lines.append(f"  {count:7d}  {name}  -> {_main_handler(stats, name)}")
    return "\n".join(lines) + "\n"


def _markdown(stats: TemplateStats, top: int) -> str:
    lines = [_summary(stats) + ".", "", *(f"{line}." for line in account_summary(stats.accounts)),
             "", "| # | template | occurrences | where |", "|---:|---|---:|---|"]
    for rank, (name, count) in enumerate(stats.fallbacks.most_common(top), 1):
        lines.append(f"| {rank} | `{name}` | {count} | {_where(stats, name)} |")
    return "\n".join(lines) + "\n"


def _as_json(stats: TemplateStats, top: int) -> dict[str, object]:
    return {
        "pages": stats.pages,
        "occurrences": stats.total,
        "handled": stats.handled,
        "share": round(stats.share, 6),
        "accounted": {"templates": _tally_json(stats.accounts.templates),
                      "items": _tally_json(stats.accounts.items),
                      "unaccounted": [{"kind": k, "name": n, "reason": r, "count": c}
                                      for (k, n, r), c in stats.accounts.lost.most_common(top)]},
        "fallbacks": [
            {"template": name, "count": count, "where": dict(stats.fallback_where[name])}
            for name, count in stats.fallbacks.most_common(top)
        ],
        "templates": [
            {"template": name, "count": count, "handler": _main_handler(stats, name)}
            for name, count in stats.occurrences.most_common(top)
        ],
    }


def _tally_json(tally: Tally) -> dict[str, object]:
    return {"found": tally.found, "handled": tally.handled, "dropped": dict(tally.dropped),
            "diagnosed": tally.diagnosed, "unaccounted": tally.unaccounted,
            "accounted_share": round(share(tally.accounted, tally.found), 6)}
