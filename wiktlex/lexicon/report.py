"""What a lexicon holds, as a report: the default of a bare `wiktlex stats`.

After a refresh the first question is "what did I get": how many pages, how they ended
(ok, empty, redirect, partial, error), how many entries and senses, which languages,
built by which parser. That is this report, from `Lexicon.stats()`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from wiktlex.lexicon.reader import open_lexicon


def lexicon_report(path: str | Path, *, top: int = 30, fmt: str = "text") -> str:
    """The report on the lexicon at `path` (text, markdown or json); LexiconError if it
    is not one."""
    with open_lexicon(path) as lexicon:
        stats = lexicon.stats()
    if fmt == "json":
        return json.dumps(_top_languages(stats, top), ensure_ascii=False, indent=2) + "\n"
    rows = _rows(stats)
    languages = list(stats["languages"].items())
    if fmt == "markdown":
        return _markdown(rows, languages, top)
    return _text(rows, languages, top)


def _top_languages(stats: dict[str, Any], top: int) -> dict[str, Any]:
    return {**stats, "languages": dict(list(stats["languages"].items())[:top])}


def _rows(stats: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) lines: where, which versions, then the counts."""
    meta, counts = stats["meta"], stats["counts"]
    statuses = ", ".join(f"{n:,} {status}" for status, n in stats["statuses"].items())
    rows = [
        ("lexicon", stats["path"]),
        ("parser version", meta.get("parser_version", "?")),
        ("schema version", meta.get("schema_version", "?")),
        ("pages", f"{counts['pages']:,}" + (f" ({statuses})" if statuses else "")),
    ]
    rows += [(table, f"{n:,}") for table, n in counts.items() if table != "pages"]
    rows.append(("languages", f"{len(stats['languages']):,}"))
    return rows


def _text(rows: list[tuple[str, str]], languages: list[tuple[str, int]], top: int) -> str:
    lines = [f"{label:<15} {value}" for label, value in rows]
    if languages:
        lines += ["", f"Entries by language (top {top}):"]
        lines += [f"  {n:9,}  {lang}" for lang, n in languages[:top]]
    return "\n".join(lines) + "\n"


def _markdown(rows: list[tuple[str, str]], languages: list[tuple[str, int]], top: int) -> str:
    lines = ["| | |", "|---|---:|", *(f"| {label} | {value} |" for label, value in rows)]
    if languages:
        lines += ["", f"Entries by language (top {top}):", "", "| language | entries |", "|---|---:|"]
        lines += [f"| {lang} | {n:,} |" for lang, n in languages[:top]]
    return "\n".join(lines) + "\n"
