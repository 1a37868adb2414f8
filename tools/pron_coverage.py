"""Share of pronunciation sections that yield an IPA, per language, over a directory of pages.

A language section counts when it holds a Pronunciation heading; it yields an IPA when some
entry of that language on the page has a sound with `ipa`. Run:

    python tools/pron_coverage.py ../shared/corpus/modern/pages [LANG …]
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from wiktlex.model import RawPage
from wiktlex.parse.page import parse_page

_LANGUAGE = re.compile(r"^==\s*([^=].*?)\s*==\s*$", re.M)
_PRONUNCIATION = re.compile(r"^={3,}\s*Pronunciation(?:\s+\d+)?\s*={3,}\s*$", re.M)


def language_sections(text: str) -> dict[str, str]:
    """Language name -> its section's text."""
    marks = list(_LANGUAGE.finditer(text))
    return {
        m.group(1): text[m.end() : marks[i + 1].start() if i + 1 < len(marks) else len(text)]
        for i, m in enumerate(marks)
    }


def title_of(path: Path) -> str:
    return path.stem.replace("%2F", "/").replace("%25", "%")


def coverage(pages: Path) -> tuple[Counter[str], Counter[str]]:
    """(sections with a Pronunciation heading, those that yield an IPA), per language."""
    sections: Counter[str] = Counter()
    with_ipa: Counter[str] = Counter()
    for path in sorted(pages.glob("*.wikitext")):
        text = path.read_text(encoding="utf-8")
        result = parse_page(RawPage(title=title_of(path), text=text))
        voiced = {e.lang for e in result.entries if any(s.ipa for s in e.sounds)}
        for lang, body in language_sections(text).items():
            if _PRONUNCIATION.search(body):
                sections[lang] += 1
                with_ipa[lang] += lang in voiced
    return sections, with_ipa


def table(sections: Counter[str], with_ipa: Counter[str], langs: list[str]) -> str:
    rows = ["| language | sections | with IPA | share |", "| --- | ---: | ---: | ---: |"]
    for lang in langs or sorted(sections, key=lambda x: (-sections[x], x)):
        n, k = sections[lang], with_ipa[lang]
        rows.append(f"| {lang} | {n} | {k} | {k / n:.0%} |" if n else f"| {lang} | 0 | 0 | – |")
    total, hit = sum(sections.values()), sum(with_ipa.values())
    rows.append(f"| all | {total} | {hit} | {hit / total:.0%} |" if total else "| all | 0 | 0 | – |")
    return "\n".join(rows)


if __name__ == "__main__":
    found, voiced = coverage(Path(sys.argv[1]))
    print(table(found, voiced, sys.argv[2:]))
