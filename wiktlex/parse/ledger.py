"""What the parser did with each part of a page, as it went: the parser's side of the
account (account.py sets it against census.py's independent count).

Recorded only when an account is asked for (`parse_page(account=True)`, traces, stats):
- spans: page lines a reader rendered ("read"), or that a rule drops ("drop:RULE", rules
  in data/drops.json) or a diagnostic covers ("diagnosed"), each with its section;
- templates: per (first line of the fragment rendered, template name), how many
  occurrences ended "handled", "drop:RULE", "diagnosed", or "empty" (a handler took it
  and gave nothing, saying nothing);
- items: per list item line, the reader's verdict on it, in the same terms;
- cut_after: where a page that hit its work budget was given up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

HANDLED = "handled"
DIAGNOSED = "diagnosed"
EMPTY = "empty"
READ = "read"


def drop(rule: str) -> str:
    """The outcome of a deliberate drop by `rule` (a key of data/drops.json's rules)."""
    return f"drop:{rule}"


@dataclass(slots=True)
class Span:
    end: int
    fate: str
    section: str = ""


@dataclass(slots=True)
class Ledger:
    spans: dict[int, Span] = field(default_factory=dict)
    templates: dict[tuple[int, str], Counter[str]] = field(default_factory=dict)
    items: dict[int, str] = field(default_factory=dict)
    # The page hit its work budget: lines after this one were not read (its diagnostic
    # says so), unless another fate was set for them before.
    cut_after: int | None = None

    def span(self, start: int, end: int, fate: str, section: str = "") -> None:
        """Lines start..end (page lines from 1) met `fate`; the first word on a line wins."""
        known = self.spans.get(start)
        if known is None:
            self.spans[start] = Span(end, fate, section)
        elif known.fate == fate and end > known.end:
            known.end = end

    def template(self, line: int, name: str, outcome: str) -> None:
        self.templates.setdefault((line, name), Counter())[outcome] += 1

    def templates_of(self, line: int, names: Iterable[str], outcome: str) -> None:
        """Occurrences taken as a whole, without a dispatch (a box's end, a `<ref>`)."""
        for name in names:
            self.template(line, name, outcome)

    def item(self, line: int, outcome: str) -> None:
        """A reader's verdict on a list item; a "handled" one is not overwritten."""
        if self.items.get(line) != HANDLED:
            self.items[line] = outcome
