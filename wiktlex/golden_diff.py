"""Readable per-field differences between expected and produced lexicon entries.

A golden file that no longer matches is only useful if a developer sees at once *what*
changed: `house: entry 2 (English noun, etym 2) → senses[0].subsenses[1].gloss: expected
"…" got "…"`. Entries are paired by (language, etymology, part of speech) rather than by
position, so one new entry reads as "unexpected entry", not as every later entry changed.
"""

from __future__ import annotations

import difflib
import json
from typing import Any

ARROW = "→"
MAX_VALUE = 160
MAX_LINES = 60
_CONTEXT_BEFORE = 30


def entry_label(index: int, entry: Any) -> str:
    """`entry 2 (English noun, etym 2)`: 1-based, as a reader counts them."""
    if not isinstance(entry, dict):
        return f"entry {index + 1}"
    parts = [str(entry.get("lang", "?")), str(entry.get("pos", "?"))]
    label = " ".join(parts)
    number = entry.get("etymology_number")
    if number is not None:
        label += f", etym {number}"
    return f"entry {index + 1} ({label})"


def _entry_key(entry: Any) -> tuple[str, ...]:
    if not isinstance(entry, dict):
        return (repr(entry),)
    keys = ("lang", "etymology_number", "pos", "pos_title")
    return tuple(str(entry.get(k)) for k in keys)


def diff_entries(title: str, expected: list[Any], got: list[Any]) -> list[str]:
    """Every difference as one line `TITLE: entry N (…) → path: expected X got Y`."""
    lines: list[str] = []
    matcher = difflib.SequenceMatcher(
        a=[_entry_key(e) for e in expected], b=[_entry_key(e) for e in got], autojunk=False
    )
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal" or (op == "replace" and a1 - a0 == b1 - b0):
            for i, j in zip(range(a0, a1), range(b0, b1), strict=True):
                prefix = f"{title}: {entry_label(j, got[j])} {ARROW} "
                lines.extend(prefix + line for line in diff_values("", expected[i], got[j]))
            continue
        for i in range(a0, a1):
            lines.append(
                f"{title}: {entry_label(i, expected[i])}: missing (expected, not produced)"
                f"{_senses_note(expected[i])}"
            )
        for j in range(b0, b1):
            lines.append(
                f"{title}: {entry_label(j, got[j])}: unexpected (produced, not expected)"
                f"{_senses_note(got[j])}"
            )
    return _cap(lines)


def _senses_note(entry: Any) -> str:
    """`; 2 senses, first gloss "…"`: enough to recognise a whole missing entry."""
    senses = entry.get("senses") if isinstance(entry, dict) else None
    if not isinstance(senses, list) or not senses:
        return ""
    first = senses[0].get("gloss", "") if isinstance(senses[0], dict) else ""
    count = f"{len(senses)} sense" + ("s" if len(senses) != 1 else "")
    return f"; {count}, first gloss {show(first)}" if first else f"; {count}"


def _cap(lines: list[str]) -> list[str]:
    if len(lines) <= MAX_LINES:
        return lines
    return [*lines[:MAX_LINES], f"… and {len(lines) - MAX_LINES} more differences"]


def diff_values(path: str, expected: Any, got: Any) -> list[str]:
    """Differences below `path`; dicts by key, lists of records by index, scalars whole."""
    if expected == got:
        return []
    if isinstance(expected, dict) and isinstance(got, dict):
        return _diff_dicts(path, expected, got)
    if isinstance(expected, list) and isinstance(got, list) and _records(expected, got):
        return _diff_record_lists(path, expected, got)
    return [f"{path or '(value)'}: {describe_change(expected, got)}"]


def _records(*lists: list[Any]) -> bool:
    return any(isinstance(item, dict) for items in lists for item in items)


def _diff_dicts(path: str, expected: dict[str, Any], got: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    keys = list(expected) + [k for k in got if k not in expected]
    for key in keys:
        sub = f"{path}.{key}" if path else key
        if key not in got:
            lines.append(f"{sub}: expected {show(expected[key])}, field missing")
        elif key not in expected:
            lines.append(f"{sub}: unexpected field, got {show(got[key])}")
        else:
            lines.extend(diff_values(sub, expected[key], got[key]))
    return lines


def _diff_record_lists(path: str, expected: list[Any], got: list[Any]) -> list[str]:
    lines: list[str] = []
    for index in range(max(len(expected), len(got))):
        sub = f"{path}[{index}]"
        if index >= len(got):
            lines.append(f"{sub}: missing, expected {summary(expected[index])}")
        elif index >= len(expected):
            lines.append(f"{sub}: unexpected, got {summary(got[index])}")
        else:
            lines.extend(diff_values(sub, expected[index], got[index]))
    return lines


def summary(record: Any) -> str:
    """A record in a few words: its most telling field (gloss, word, text…) or JSON."""
    if isinstance(record, dict):
        for key in ("gloss", "word", "form", "text", "ipa", "name", "ref"):
            if record.get(key):
                return f"{key} {show(record[key])}"
    return show(record)


def describe_change(expected: Any, got: Any) -> str:
    """`expected "…" got "…"`; long strings are cut around where they first differ."""
    if isinstance(expected, str) and isinstance(got, str):
        expected, got = _around_difference(expected, got)
        return f"expected {expected} got {got}"
    return f"expected {show(expected)} got {show(got)}"


def _around_difference(a: str, b: str) -> tuple[str, str]:
    if len(a) <= MAX_VALUE and len(b) <= MAX_VALUE:
        return show(a), show(b)
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    start = max(0, start - _CONTEXT_BEFORE)
    return _excerpt(a, start), _excerpt(b, start)


def _excerpt(text: str, start: int) -> str:
    piece = text[start : start + MAX_VALUE]
    head = "…" if start else ""
    tail = "…" if start + MAX_VALUE < len(text) else ""
    return head + json.dumps(piece, ensure_ascii=False) + tail


def show(value: Any) -> str:
    """JSON as one line, shortened past MAX_VALUE characters."""
    text = json.dumps(value, ensure_ascii=False)
    if len(text) > MAX_VALUE:
        return text[: MAX_VALUE - 1] + "…"
    return text
