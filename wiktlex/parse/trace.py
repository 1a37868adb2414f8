"""`wiktlex parse --trace`: which handler took each template, what it made, what went wrong.

The tool one reaches for when a gloss looks wrong: every template occurrence in reading
order (a template before the ones nested in its arguments), grouped under the section
and the place it stands (head line, gloss, etymology…), with the handler that took it
(or the fallback), the text it rendered and the data it attached. Each diagnostic is
shown beneath the first template occurrence it names, the rest at the end, so every
diagnostic appears exactly once. The page's account (account.py) closes the trace: what
became of every template occurrence and list item, and what was lost without a word.
"""

from __future__ import annotations

import json
from typing import Any

from wiktlex.model import Account, Diagnostic, ParseResult, Tally, TraceEvent

MAX_ITEM = 200
_SEVERITY_MARK = {"error": "✗", "warning": "!", "info": "·"}


def format_trace(title: str, result: ParseResult) -> str:
    """The trace of one parsed page as terminal text, ending with a newline."""
    events = reading_order(result.trace or [])
    pending = list(result.diagnostics)
    lines = [_headline(title, result, events), *_entries_line(result)]
    place: tuple[str, str] | None = None
    for number, event in enumerate(events, start=1):
        if (event.section, event.where) != place:
            place = (event.section, event.where)
            lines.append(f"── {event.section or '(page)'} · {event.where} ──")
        lines.extend(_event_lines(number, event))
        lines.extend(f"      {line}" for line in _take_diagnostics(event, pending))
    if pending:
        lines.append("── diagnostics not tied to a template ──")
        lines.extend(f"  {_diagnostic(d)}" for d in pending)
    if result.trace is None:
        lines.append("(no trace recorded: parse with trace=True)")
    if result.account is not None:
        lines.extend(account_lines(result.account))
    return "\n".join(lines) + "\n\n"


def account_lines(account: Account) -> list[str]:
    """The account: each kind's outcomes, then every unaccounted thing with its place."""
    lines = ["── account ──"]
    for label, tally in (("templates", account.templates), ("list items", account.items)):
        lines.append(f"  {label}: {tally_text(tally)}")
    for lost in account.lost:
        name = f"{{{{{lost.name}}}}}" if lost.kind == "template" else _quote(lost.name)
        where = f" [{lost.section}]" if lost.section else ""
        lines.append(f"  ✗ unaccounted {lost.kind} {name} line {lost.line}{where}: {lost.reason}")
    return lines


def tally_text(tally: Tally) -> str:
    """`689 found: 653 handled, 35 dropped (layout 17, …), 0 diagnosed, 1 unaccounted`."""
    dropped = sum(tally.dropped.values())
    rules = ", ".join(f"{rule} {count}" for rule, count in
                      sorted(tally.dropped.items(), key=lambda item: (-item[1], item[0])))
    return (f"{tally.found} found: {tally.handled} handled, {dropped} dropped"
            f"{f' ({rules})' if rules else ''}, {tally.diagnosed} diagnosed, "
            f"{tally.unaccounted} unaccounted")


def reading_order(events: list[TraceEvent]) -> list[TraceEvent]:
    """Events as the page reads: a POS section's head line before its senses.

    The parser renders a head line once it has seen the whole section (senses.py), so
    its templates come last in the raw trace; within each run of one section they are
    moved to the front. Everything else already follows the page.
    """
    ordered: list[TraceEvent] = []
    run: list[TraceEvent] = []
    for event in [*events, None]:
        if run and (event is None or event.section != run[0].section):
            ordered.extend(e for e in run if e.where == "head")
            ordered.extend(e for e in run if e.where != "head")
            run = []
        if event is not None:
            run.append(event)
    return ordered


def _headline(title: str, result: ParseResult, events: list[TraceEvent]) -> str:
    fallbacks = sum(e.handler == "fallback" for e in events)
    counts = f"{len(events)} templates ({fallbacks} to the fallback)"
    return f"═══ {title}: {counts}, {len(result.diagnostics)} diagnostics ═══"


def _entries_line(result: ParseResult) -> list[str]:
    if not result.entries:
        return ["entries: none"]
    names = []
    for entry in result.entries:
        etym = f" etym {entry.etymology_number}" if entry.etymology_number is not None else ""
        names.append(f"{entry.lang} {entry.pos}{etym} ({len(entry.senses)} senses)")
    return [f"entries: {'; '.join(names)}"]


def _event_lines(number: int, event: TraceEvent) -> list[str]:
    """A template's lines, indented by nesting (a template inside another's argument)."""
    handler = "fallback (unknown template, rendered nothing)" if event.handler == "fallback" else event.handler
    pad = "    " * event.depth
    at = f"  (line {event.line})" if event.line else ""
    lines = [f"  {pad}{number:>3}. {{{{{event.template}}}}} → {handler}{at}"]
    lines.append(f"       {pad}rendered: {_quote(event.rendered) if event.rendered else '(nothing)'}")
    for field_name, items in event.attached.items():
        if field_name == "unknown":
            continue  # the fallback line already says so
        shown = ", ".join(_item(item) for item in items)
        lines.append(f"       {pad}attached {field_name}: {shown}")
    return lines


def _take_diagnostics(event: TraceEvent, pending: list[Diagnostic]) -> list[str]:
    """Diagnostics naming this template in this section, removed from `pending`."""
    taken = [
        d for d in pending
        if d.template == event.template and (d.section == event.section or not d.section)
    ]
    for diagnostic in taken:
        pending.remove(diagnostic)
    return [_diagnostic(d, brief=True) for d in taken]


def _diagnostic(diagnostic: Diagnostic, brief: bool = False) -> str:
    mark = _SEVERITY_MARK.get(diagnostic.severity, "!")
    if brief:
        return f"{mark} {diagnostic.severity}: {diagnostic.message}"
    where = f" [{diagnostic.section}]" if diagnostic.section else ""
    template = f" {{{{{diagnostic.template}}}}}" if diagnostic.template else ""
    return f"{mark} {diagnostic.severity}{where}{template}: {diagnostic.message}"


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _item(item: Any) -> str:
    """One attached item, compact: empty fields dropped, long values shortened."""
    if isinstance(item, str):
        text = _quote(item)
    else:
        text = json.dumps(_compact(item), ensure_ascii=False, separators=(", ", ": "))
    return text if len(text) <= MAX_ITEM else text[: MAX_ITEM - 1] + "…"


def _compact(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _compact(v) for k, v in value.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_compact(v) for v in value]
    return value
