"""Old and quoted forms keep their text, over ../shared/corpus/pages and the 2018 dump
(skipped when absent): RQ: citations never titled by their template's name, identifiers
with their number, scriptures never authors, old-style form-of lines never empty,
defdate dates as the reader sees them, translation subpages never a page called "Noun"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from support import corpus_or_skip

from wiktlex import parse_page
from wiktlex.model import Entry, ParseResult, Quotation, RawPage
from wiktlex.parse.citation_ref import scripture
from wiktlex.parse.citation_stats import walk_senses
from wiktlex.parse.context import Context
from wiktlex.parse.data import load
from wiktlex.parse.languages import language_code
from wiktlex.parse.page import new_state
from wiktlex.parse.registry import canonical_name
from wiktlex.parse.senses import build_sense
from wiktlex.parse.templates import default_registry
from wiktlex.parse.templates.rq import source_name

Results = list[tuple[RawPage, ParseResult]]
DUMP_2018 = ("dumps", "tatuylonen-wiktextract", "test-pages-articles.xml.bz2")
# What the checks below look at: only pages holding one of these are parsed from the dump.
_RELEVANT = re.compile(r"\{\{\s*RQ:|isbn|issn|Bible|lang=|defdate|translation subpage", re.I)
_PLACEHOLDER = re.compile(r"→\s*(?:ISBN|ISSN|OCLC|DOI)|\b(?:ISBN|ISSN|OCLC|DOI)\b(?!\s*[\dX])")
_GLUED_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)c\.")


@pytest.fixture(scope="module")
def dump_results() -> Results:
    from wiktlex.ingest.dump import read_dump

    path = corpus_or_skip(*DUMP_2018)
    pages = [p for p in read_dump(path, on_diagnostic=lambda *_: None) if _RELEVANT.search(p.text)]
    return [(p, parse_page(p)) for p in pages]


@pytest.fixture(scope="module", params=["pages", "dump2018"])
def results(request: pytest.FixtureRequest) -> Results:
    name = "corpus_results" if request.param == "pages" else "dump_results"
    found: Results = request.getfixturevalue(name)
    return found


def _entries(results: Results) -> Iterator[tuple[str, Entry]]:
    for page, result in results:
        for entry in result.entries:
            yield page.title, entry


def _quotations(results: Results) -> Iterator[tuple[str, Quotation]]:
    for title, entry in _entries(results):
        for sense in walk_senses(entry.senses):
            for quotation in sense.quotations:
                yield title, quotation


def test_no_rq_quotation_is_titled_by_its_template(results: Results) -> None:
    """A title equal to (or holding) the template's source name must be the one the data
    table gives that source (`RQ:Vulgate` is the Vulgate) — never the name as a fallback."""
    sources: dict[str, dict[str, str]] = load("rq_sources")["sources"]
    wrong = []
    rq = 0
    for title, q in _quotations(results):
        if not (q.template or "").lower().startswith("rq:"):
            continue
        rq += 1
        name = source_name(q.template or "")
        named = q.title and (name.lower() in q.title.lower() or q.title.lower() in (q.template or "").lower())
        if named and q.title not in _declared_titles(sources.get(name.lower(), {})):
            wrong.append((title, q.template, q.title))
    assert rq > 100
    assert wrong == []


def _declared_titles(entry: dict[str, Any]) -> set[str]:
    titles = {entry.get("title")}
    titles.update(v.get("title") for v in entry.get("variants", {}).get("values", {}).values())
    return {t for t in titles if t}


def test_identifiers_carry_their_number(results: Results) -> None:
    assert [(t, q.ref) for t, q in _quotations(results) if _PLACEHOLDER.search(q.ref)] == []


def test_no_scripture_is_an_author(results: Results) -> None:
    authors = [(t, a) for t, q in _quotations(results) for a in q.authors if scripture(a) is not None]
    assert authors == []
    bibles = [q for _, q in _quotations(results) if q.title and q.title.endswith("Bible") and q.section]
    assert len(bibles) >= 10  # `Bible, Genesis ii. 19`: the work and its place in it


def test_defdate_dates_read_as_the_reader_sees_them(results: Results) -> None:
    glued = [(t, s.raw_gloss) for t, e in _entries(results) for s in walk_senses(e.senses)
             if _GLUED_ORDINAL.search(s.raw_gloss)]
    assert glued == []
    dated = [a.date for _, e in _entries(results) for s in walk_senses(e.senses) for a in s.attestations]
    assert len(dated) > 20 and all(d and "[" not in d for d in dated)


def test_translation_subpages_are_pages_with_a_section(results: Results) -> None:
    headings = set(load("pos")["titles"])
    seen = [(t, see) for t, e in _entries(results) for see in e.translations_see if see.sense is None]
    assert [(t, see) for t, see in seen if any(p.lower() in headings for p in see.pages)] == []
    subpages = [see for _, see in seen if see.pages and see.pages[0].endswith("/translations")]
    assert all(see.section for see in subpages)


def _form_of_lines(page: RawPage) -> Iterator[tuple[str, str]]:
    """(language code, definition line) for each `# {{… of|…}}` line of the old syntax."""
    code = ""
    for line in page.text.splitlines():
        heading = re.match(r"^==\s*([^=]+?)\s*==\s*$", line)
        if heading:
            code = language_code(heading.group(1)) or ""
            continue
        match = re.match(r"^#+\s*\{\{\s*([^|{}]+)\|([^\n]*)$", line)
        if not match:
            continue
        info = default_registry().lookup(canonical_name(match.group(1)))
        if info is not None and info.family == "formof" and "lang=" in match.group(2):
            yield code, line.lstrip("#").strip()


def test_no_old_style_form_of_line_has_an_empty_gloss(corpus_pages: list[RawPage]) -> None:
    from wiktlex.ingest.dump import read_dump

    dump = read_dump(corpus_or_skip(*DUMP_2018), on_diagnostic=lambda *_: None)
    empty, lines = [], 0
    for page in [*corpus_pages, *dump]:
        for code, line in _form_of_lines(page):
            lines += 1
            ctx = Context(page=new_state(page.title), lang_code=code, section="x", where="gloss")
            if not build_sense(line, ctx).gloss:
                empty.append((page.title, line))
    assert lines > 100
    assert empty == []
