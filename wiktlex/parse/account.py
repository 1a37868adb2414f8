"""The conservation account of a page: every template occurrence and list item the census
finds (census.py, an independent scan of the wikitext) set against what the parser
recorded (ledger.py), so that each ends in exactly one of: handled (a field of an entry),
dropped by a rule (data/drops.json, with its reason), diagnosed (a diagnostic names it),
or unaccounted — and unaccounted ones are listed, not assumed away.

Occurrences are matched by the fragment that holds them (the page lines a reader rendered
as one, keyed by its first line) and by template name: the parser does not keep an
occurrence's offset, and one occurrence may be dispatched more than once (an argument
rendered twice), so per fragment and name the recorded outcomes cover at most as many
occurrences as the census found there; the rest are unaccounted.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from wiktlex.model import Account, Lost, Tally
from wiktlex.parse.census import Census
from wiktlex.parse.ledger import DIAGNOSED, EMPTY, HANDLED, READ, Ledger, Span

_LOOK_BACK = 8  # spans nest only shallowly (a wrapper line inside a section read whole)
HEADING_FATE = "drop:heading"
MAX_LOST = 200  # lost things listed per page (all are counted)
_NOT_READ = "on a line no reader took"
_NOT_REACHED = "in a fragment that was read, but never dispatched (an argument not rendered?)"
_EMPTY = "a handler took it and gave nothing, without a diagnostic"
_ITEM_SILENT = "read, but its reader gave no verdict on it"


@dataclass(slots=True)
class _Spans:
    """Which span holds a line: the one starting last at or before it, if it reaches it."""

    starts: list[int]
    spans: dict[int, Span]
    cut_after: int | None = None

    @classmethod
    def of(cls, ledger: Ledger) -> _Spans:
        return cls(sorted(ledger.spans), ledger.spans, ledger.cut_after)

    def holding(self, line: int) -> tuple[int, Span] | None:
        found = self._holding(line)
        cut = self.cut_after is not None and line > self.cut_after
        if cut and (found is None or found[1].fate in (READ, HEADING_FATE)):
            return line, Span(line, DIAGNOSED)  # given up: the budget's diagnostic says so
        return found

    def _holding(self, line: int) -> tuple[int, Span] | None:
        index = bisect_right(self.starts, line) - 1
        for candidate in range(index, max(index - _LOOK_BACK, -1), -1):
            start = self.starts[candidate]
            if self.spans[start].end >= line:
                return start, self.spans[start]
        return None


def account(census: Census, ledger: Ledger, text: str) -> Account:
    """The account of one page (`text`: the wikitext the census and the parse read)."""
    spans = _Spans.of(ledger)
    lost: list[Lost] = []
    templates = _templates(census, ledger, spans, lost)
    items = _items(census, ledger, spans, lost, text.splitlines())
    lost.sort(key=lambda item: item.line)
    return Account(templates=templates, items=items, lost=lost[:MAX_LOST])


def _templates(census: Census, ledger: Ledger, spans: _Spans, lost: list[Lost]) -> Tally:
    tally = Tally(found=len(census.templates))
    groups: dict[tuple[int, str], list[int]] = {}
    for line, name in census.templates:
        held = spans.holding(line)
        if held is None:
            _count(tally, "", lost, Lost(kind="template", name=name, line=line, reason=_NOT_READ))
            continue
        start, span = held
        if span.fate != READ:
            _count(tally, span.fate, lost, None)
            continue
        groups.setdefault((start, name), []).append(line)
    for (start, name), lines in groups.items():
        recorded = ledger.templates.get((start, name), Counter())
        outcomes = _spread(recorded, len(lines))
        section = spans.spans[start].section
        for line, outcome in zip(lines, outcomes, strict=True):
            reason = _EMPTY if outcome == EMPTY else _NOT_REACHED
            lost_one = Lost(kind="template", name=name, line=line, section=section, reason=reason)
            _count(tally, outcome, lost, lost_one)
    return tally


def _spread(recorded: Counter[str], found: int) -> list[str]:
    """`found` outcomes from the recorded ones, the better first (handled, dropped,
    diagnosed, empty); "" for each occurrence nothing was recorded for."""
    order = sorted(recorded, key=lambda o: (0 if o == HANDLED else 1 if o.startswith("drop:")
                                            else 2 if o == DIAGNOSED else 3, o))
    outcomes = [o for o in order for _ in range(recorded[o])][:found]
    return outcomes + [""] * (found - len(outcomes))


def _count(tally: Tally, outcome: str, lost: list[Lost], lost_one: Lost | None) -> None:
    if outcome == HANDLED:
        tally.handled += 1
    elif outcome.startswith("drop:"):
        rule = outcome[5:]
        tally.dropped[rule] = tally.dropped.get(rule, 0) + 1
    elif outcome == DIAGNOSED:
        tally.diagnosed += 1
    else:
        tally.unaccounted += 1
        if lost_one is not None:
            lost.append(lost_one)


def _items(census: Census, ledger: Ledger, spans: _Spans, lost: list[Lost],
           lines: list[str]) -> Tally:
    tally = Tally(found=len(census.items))
    for line in census.items:
        text = lines[line - 1].strip()[:60] if 0 < line <= len(lines) else ""
        held = spans.holding(line)
        outcome = ledger.items.get(line, "")
        reason = _NOT_READ
        if not outcome and held is not None:
            start, span = held
            # A list-looking line inside a construct read whole takes the construct's verdict.
            outcome = span.fate if span.fate != READ else ledger.items.get(start, "")
            reason = _ITEM_SILENT
        section = held[1].section if held is not None else ""
        _count(tally, outcome, lost, Lost(kind="item", name=text, line=line, section=section,
                                          reason=reason))
    return tally
