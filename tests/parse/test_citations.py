"""Hand-written `#*` citation lines and their `#*:` passages read into Quotation fields."""

from __future__ import annotations

import pytest
from support import MARKUP_LEAK

from wiktlex.model import Quotation
from wiktlex.parse.citations import (
    add_passage,
    add_passage_translation,
    parse_line,
    quotation_from_line,
    split_top_level,
)
from wiktlex.parse.context import Context
from wiktlex.parse.page import new_state


def context() -> Context:
    return Context(page=new_state("production"), lang_code="en", lang="English")


def line(raw: str) -> Quotation:
    quotation = quotation_from_line(raw, context())
    assert quotation is not None
    return quotation


def test_the_seed_line_keeps_its_author() -> None:
    q = line("'''1910''', [[w:Saki|Saki]], \"The Lost Sanjak\", ''Reginald in Russia'':")
    assert (q.year, q.authors, q.title, q.work) == ("1910", ["Saki"], "The Lost Sanjak", "Reginald in Russia")
    assert q.ref == "1910, Saki, “The Lost Sanjak”, in Reginald in Russia:"  # as quote-book prints it
    assert q.template is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Shakespeare", {"authors": ["Shakespeare"], "year": None, "title": None}),
        ("{{w|John Milton}}:", {"authors": ["John Milton"], "ref": "John Milton:"}),
        ("'''1884''', {{w|Mark Twain}}, ''{{w|Adventures of Huckleberry Finn}}'', chapter 3:",
         {"year": "1884", "authors": ["Mark Twain"], "title": "Adventures of Huckleberry Finn", "chapter": "3"}),
        ("'''c. 1600''', {{w|William Shakespeare}}, ''The Merry Wives of Windsor'':", {"year": "c. 1600"}),
        ("c. '''1600''', Shakespeare, ''Hamlet'':", {"year": "c. 1600", "authors": ["Shakespeare"]}),
        ("{{circa|1719}} {{w|Daniel Defoe}}, ''{{w|Robinson Crusoe}}'':", {"year": "c. 1719", "authors": ["Daniel Defoe"]}),
        ("'''1898–1900''', Joseph Conrad, ''Lord Jim'', page 45:", {"year": "1898–1900", "page": "45"}),
        ("'''2014 September 25''', M. Heise, \"[http://wsj.example/a The Myth]\" in the ''Wall Street Journal'':",
         {"year": "2014", "date": "September 25", "title": "The Myth", "work": "Wall Street Journal", "url": "http://wsj.example/a"}),
        ("'''1905''', M. Swift, ''Human Submission'', Philadelphia: The Liberty Press, Chapter 5, p. 37:",
         {"publisher": "The Liberty Press", "location": "Philadelphia", "chapter": "5", "page": "37"}),
        ("'''1927''', Virginia Woolf, ''To the Lighthouse'', [http://books.example/?pg=PA5 page 5]:",
         {"page": "5", "url": "http://books.example/?pg=PA5"}),
        ("'''1957''', {{w|Sam Cooke}}, [[w:You Send Me|\"You Send Me\"]]:", {"title": "You Send Me", "authors": ["Sam Cooke"]}),
        ("'''2007''', ''Clinical Pathology'' {{ISBN|0198569467}}, page 50:", {"title": "Clinical Pathology", "authors": [], "page": "50"}),
        ("'''1996''', Jan Pettman, ''Worlding Women: A feminist politics'', pages ix-x:",
         {"title": "Worlding Women: A feminist politics", "page": "ix-x"}),
        ("'''2011''', Tom Smith and Jane Doe, ''Book'':", {"authors": ["Tom Smith", "Jane Doe"]}),
        ("'''1892''', Carl Deite translating W. Brannt as ''A Treatise'', p. 230:", {"authors": ["Carl Deite translating W. Brannt"], "title": "A Treatise"}),
    ],
)
def test_handwritten_lines(raw: str, expected: dict[str, object]) -> None:
    q = line(raw)
    for name, value in expected.items():
        assert getattr(q, name) == value, name


def test_passage_on_the_citation_line() -> None:
    q = line("'''1892''', Mark Twain, ''The American Claimant'': Sellers watched the '''production''' with pride.")
    assert q.text == "Sellers watched the production with pride."
    assert q.ref == "1892, Mark Twain, The American Claimant:"


def test_a_line_that_is_only_a_passage() -> None:
    q = line("\"The '''production''' was halted,\" said the manager.")
    assert q.text == '"The production was halted," said the manager.' and q.ref == ""


def test_passage_split_across_lines_and_translation() -> None:
    ctx = context()
    q = line("'''1921''', Hans Müller, ''Die Fabrik'':")
    add_passage(q, "Die '''Produktion'''", ctx)
    add_passage(q, "stieg.", ctx)
    add_passage_translation(q, "The '''production''' rose.", ctx)
    assert (q.text, q.translation) == ("Die Produktion stieg.", "The production rose.")


def test_quote_template_on_a_passage_line_fills_the_quotation() -> None:
    ctx = context()
    q = line("'''1999''', Someone:")
    add_passage(q, "{{quote-book|en|title=The Book|passage=The '''word'''.}}", ctx)
    assert (q.title, q.text, q.year) == ("The Book", "The word.", "1999")


def test_missing_fields_are_diagnosed() -> None:
    ctx = context()
    quotation_from_line("Shakespeare", ctx)
    assert any("without year, title" in d.message for d in ctx.page.diagnostics)


@pytest.mark.parametrize(
    "raw",
    ["'''", "''", "\"", "“", "[[", "{{", "'''1910''', \"unclosed, ''also", ", , ,", "'''''A.''' I. '''A.'''",
     "[http://x.example", "'''1910'''", ": : :", "{{w|}}", "[[w:|]]"],
)
def test_bad_lines_never_raise_nor_leak_markup(raw: str) -> None:
    ctx = context()
    q = quotation_from_line(raw, ctx)
    assert not any(d.severity == "error" for d in ctx.page.diagnostics)
    if q is not None:
        for value in (q.text, q.ref, q.year, q.title, q.work, q.date, *q.authors):
            assert value is None or not MARKUP_LEAK.search(value)


def test_structure_before_rendering() -> None:
    assert split_top_level("'''1910''', A, \"B, C\", ''D, E'', [[F|G, H]], {{w|I, J}}") == [
        "'''1910'''", "A", '"B, C"', "''D, E''", "[[F|G, H]]", "{{w|I, J}}"]
    parts = parse_line("'''1910''', Saki, \"Sanjak\", in ''Reginald'':")
    assert parts.year == "1910" and [p.kind for p in parts.pieces] == ["plain", "quoted", "italic"]
    assert parts.pieces[2].after_in


@pytest.mark.parametrize(
    ("line", "ref"),
    [
        # Fully understood: printed the way a quote template prints the same fields.
        ("'''1910''', [[w:Saki|Saki]], \"The Lost Sanjak\", ''Reginald in Russia'':",
         "1910, Saki, “The Lost Sanjak”, in Reginald in Russia:"),
        # A quoted title on its own, and free-form lines: kept as the reader sees them.
        ("'''1957''', Sam Cooke, \"You Send Me\":", "1957, Sam Cooke, \"You Send Me\":"),
        ("'''1877''', ''Chicago Times'', July 8, 1877:", "1877, Chicago Times, July 8, 1877:"),
    ],
)
def test_hand_written_ref_is_normalised_only_when_nothing_is_lost(line: str, ref: str) -> None:
    from wiktlex import RawPage, parse_page

    page = f"==English==\n===Noun===\n# g\n#* {line}\n#*: Passage.\n"
    quotation = parse_page(RawPage(title="x", text=page)).entries[0].senses[0].quotations[0]
    assert quotation.ref == ref
    assert quotation.text == "Passage."
