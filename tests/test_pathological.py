"""Pathological pages end in bounded time, with what could be extracted and a diagnostic.

These are correctness guarantees, not benchmarks: any page up to 2 MB is parsed within
its work budget (page.PAGE_WORK_BUDGET, about 2-3 s of work on an idle machine, plus the
linear work around it) or gives up as partial with an error diagnostic; nothing hangs a
worker. The bound asserted is generous (the machine running the tests may be busy) but
real: without the guards these inputs take minutes.
"""

from __future__ import annotations

import time

import pytest
from support import FIXTURES

from wiktlex import parse_page
from wiktlex.model import ParseResult, RawPage
from wiktlex.parse.guard import is_pathological, neutralise

BOUND = 8.0  # seconds; the budget is 2-3 s of work, doubled for a loaded test machine

HEAD = "==English==\n\n===Noun===\n{{en-noun}}\n\n# A normal sense.\n"


def timed_parse(text: str, title: str = "test") -> tuple[ParseResult, float]:
    started = time.monotonic()
    result = parse_page(RawPage(title=title, text=text))
    return result, time.monotonic() - started


def assert_bounded(text: str) -> ParseResult:
    result, seconds = timed_parse(text)
    assert seconds < BOUND, f"{seconds:.1f} s"
    return result


CASES = {
    "unclosed templates": "{{a|" * 8000,
    "unclosed templates and links": "{{a|[[b|" * 6000,
    "unclosed links": "[[a|" * 50000,
    "one huge unclosed link": "[[" + "a" * 1_000_000,
    "unclosed external links": "[http://example.com/ x " * 20000,
    "unclosed tags": "<div>" * 50000,
    "unclosed refs": "<ref>" * 50000,
    "unclosed comments": "<!--" * 50000,
    "unclosed tables": "{|\n" * 20000,
    "deeply nested templates": "{{a|" * 5000 + "x" + "}}" * 5000,
    "deeply nested links in templates": "{{a|[[b|" * 3000 + "x" + "]]}}" * 3000,
    "renderer markers": "\x01" * 500_000 + "\x02",
}


@pytest.mark.parametrize("name", list(CASES))
def test_sense_line_with_pathological_markup(name: str) -> None:
    result = assert_bounded(HEAD + "# " + CASES[name] + "\n# Another sense.\n")
    assert result.entries, "the entry around the bad line is still extracted"
    glosses = [s.gloss for s in result.entries[0].senses]
    assert "A normal sense." in glosses


@pytest.mark.parametrize("name", ["unclosed templates", "unclosed links", "unclosed tags"])
def test_pathological_markup_across_many_lines(name: str) -> None:
    line = CASES[name][:4000]
    assert_bounded(HEAD + "".join(f"# {line}\n" for _ in range(400)))


def test_heading_line_with_many_comments() -> None:
    assert_bounded(HEAD + "====Synonyms====" + "<!-- x -->" * 30000 + "b\n* [[a]]\n")


def test_two_megabyte_page_of_real_entries() -> None:
    """A real page repeated to 2 MB: done in time, or cut with a diagnostic."""
    sample = (FIXTURES / "pages" / "dog.wikitext").read_text(encoding="utf-8")
    text = (sample + "\n") * (2_000_000 // (len(sample) + 1))
    result = assert_bounded(text)
    assert result.entries
    cut = [d for d in result.diagnostics if "work budget" in d.message]
    assert len(cut) == int(result.partial)


def test_two_megabyte_single_line() -> None:
    result = assert_bounded(HEAD + "# " + "{{l|en|word}} [[link]] <b>x</b> " * 60000 + "\n")
    assert result.entries


def test_oversized_page_is_truncated_not_hung() -> None:
    result = assert_bounded(HEAD + "# " + "{{a|" * 2000 + "\n" + "# x\n" * 600_000)
    assert any("truncated" in d.message for d in result.diagnostics)


def test_guard_leaves_balanced_markup_alone() -> None:
    text = "{{a|b}} [[c|d]] <ref>e</ref> [http://f g] <!-- h --> {|\n|i\n|}"
    assert not is_pathological(text)
    assert neutralise(text) == (text, 0)


def test_guard_neutralises_only_unclosed_openers() -> None:
    text, count = neutralise("{{a|b}} {{c| [[d]] [[e <div>f</div> <span>")
    assert count == 3
    assert text == "{{a|b}} &#123;{c| [[d]] &#91;[e <div>f</div> &lt;span>"


def test_pathological_line_gets_a_diagnostic() -> None:
    result = assert_bounded(HEAD + "# " + "{{a|" * 8000 + "\n")
    assert any("unclosed markup" in d.message for d in result.diagnostics)
