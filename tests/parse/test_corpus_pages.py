"""Properties over every real page of ../shared/corpus/pages (skipped when absent)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from support import iter_text_fields, markup_leaks, to_data

from wiktlex.model import ParseResult, RawPage
from wiktlex.parse.sections import build_tree, split_sections

Results = list[tuple[RawPage, ParseResult]]


def _has_part_of_speech(page: RawPage) -> bool:
    _, sections, _ = split_sections(page.text)
    return any(group.pos_blocks for lang in build_tree(sections) for group in lang.groups)


def test_no_page_raises_and_nothing_fails(corpus_results: Results) -> None:
    """Caught bugs (a handler, the citation reader) and given-up pages are `error`
    diagnostics; real pages must produce none."""
    failures = [
        (page.title, d.message)
        for page, result in corpus_results
        for d in result.diagnostics
        if d.severity == "error"
    ]
    assert failures == []


def test_every_language_page_gives_entries(corpus_results: Results) -> None:
    missing = [
        page.title
        for page, result in corpus_results
        if re.search(r"^==[^=]", page.text, re.M) and _has_part_of_speech(page) and not result.entries
    ]
    assert missing == []


def test_entries_validate_against_schema(corpus_results: Results, entry_validator: Any) -> None:
    invalid = []
    for page, result in corpus_results:
        for entry in result.entries:
            errors = list(entry_validator.iter_errors(to_data(entry)))
            if errors:
                invalid.append((page.title, errors[0].message))
    assert invalid == []


@pytest.mark.parametrize("results", ["corpus_results", "modern_results"])
def test_no_markup_leaks_into_text_fields(results: str, request: pytest.FixtureRequest) -> None:
    """No wiki markup, inline modifier (`<t:…>`), HTML entity or `Template:` in any text
    field, on the 2008–2025 pages and on the present-day ones."""
    leaks = [
        (page.title, path, text[:80])
        for page, result in request.getfixturevalue(results)
        for entry in result.entries
        for path, text in markup_leaks(to_data(entry))
    ]
    assert leaks == []


def test_no_annotation_markers_survive(corpus_results: Results) -> None:
    marked = [
        (page.title, path)
        for page, result in corpus_results
        for entry in result.entries
        for path, text in iter_text_fields(to_data(entry))
        if any(c in text for c in "\x01\x02\x03")
    ]
    assert marked == []


def test_house_has_every_language_section(corpus_results: Results) -> None:
    house = next((r for p, r in corpus_results if p.title == "house"), None)
    assert house is not None
    summary = [(e.lang, e.pos, e.etymology_number) for e in house.entries]
    assert summary[:3] == [("English", "noun", 1), ("English", "verb", 1), ("English", "noun", 2)]
    languages = [lang for lang, _, _ in summary]
    assert languages[3] == "Czech" and languages[-1] == "Swedish"
    assert "Spanish" in languages
