"""{{RQ:…}} citations: the source's own template pages (a TemplateLibrary given to
parse_page), the data table otherwise, a diagnostic when neither knows the source."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from wiktlex import parse_page
from wiktlex.ingest.files import read_files
from wiktlex.model import Quotation, RawPage
from wiktlex.parse.citation_stats import walk_senses
from wiktlex.parse.context import Collected, Context
from wiktlex.parse.page import new_state
from wiktlex.parse.template_library import (
    EMPTY_LIBRARY,
    TemplateLibrary,
    is_template_page,
    template_key,
)
from wiktlex.parse.templates.rq import source_name
from wiktlex.parse.transclude import included_text, select_branches, substitute, transclude

TEMPLATE_PAGES = Path(__file__).resolve().parents[2] / "fixtures" / "template_pages"
LIBRARY = TemplateLibrary.from_pages(read_files(TEMPLATE_PAGES))


def quote(wikitext: str, library: TemplateLibrary = LIBRARY) -> tuple[Quotation, Context]:
    ctx = Context(page=new_state("house", templates=library), lang_code="en", where="quotation")
    collected = Collected()
    ctx.child("quotation", collected).render(wikitext)
    assert len(collected.quotations) == 1
    return collected.quotations[0], ctx


def page(text: str) -> RawPage:
    return RawPage(title="house", text=f"==English==\n\n===Noun===\n{{{{en-noun}}}}\n\n# A building.\n{text}\n")


def quotations(result_entries: list) -> list[Quotation]:  # type: ignore[type-arg]
    return [q for e in result_entries for s in walk_senses(e.senses) for q in s.quotations]


# -- the library -----------------------------------------------------------------------


def test_library_keeps_the_rq_template_pages_and_follows_redirects() -> None:
    pages = [
        RawPage(title="Template:RQ:A", text="{{quote-book|en|title=A}}", ns=10),
        RawPage(title="Template:RQ:B", text="#REDIRECT [[Template:RQ:A]]", ns=10, redirect_to="Template:RQ:A"),
        RawPage(title="Template:RQ:Loop", text="", ns=10, redirect_to="Template:RQ:Loop"),
        RawPage(title="Template:quote-book", text="{{#invoke:quote|quote_t}}", ns=10),
        RawPage(title="RQ:A", text="a main-namespace page", ns=0),
    ]
    library = TemplateLibrary.from_pages(pages)
    assert library.body("RQ:A") == library.body("Template:RQ:A") == library.body("rQ:A") == "{{quote-book|en|title=A}}"
    assert library.body("RQ:B") == library.body("RQ:A")
    assert library.body("RQ:Loop") is None and library.body("quote-book") is None
    assert len(library) == 3
    assert template_key("Template:RQ:Mrxl_SqrsDghtr ") == "RQ:Mrxl SqrsDghtr"
    assert is_template_page("Template:RQ:X", 10) and not is_template_page("Template:RQ:X", 0)
    assert not is_template_page("Template:en-noun", 10)


def test_library_travels_to_workers_and_fingerprints_its_pages() -> None:
    assert pickle.loads(pickle.dumps(LIBRARY)) == LIBRARY
    other = TemplateLibrary(bodies={**LIBRARY.bodies, "RQ:New": "x"}, redirects=LIBRARY.redirects)
    assert LIBRARY.digest() != other.digest() != EMPTY_LIBRARY.digest()
    assert LIBRARY.digest() == TemplateLibrary.from_pages(read_files(TEMPLATE_PAGES)).digest()


def test_parse_page_is_a_function_of_the_page_and_the_library() -> None:
    raw = page("#* {{RQ:Orwell Animal Farm|1|All animals are '''equal'''.}}")
    before = LIBRARY.digest()
    with_pages = [quotations(parse_page(raw, templates=LIBRARY).entries) for _ in range(2)]
    assert with_pages[0] == with_pages[1]
    assert (with_pages[0][0].publisher, with_pages[0][0].chapter) == ("Secker & Warburg", "1")
    from_data = quotations(parse_page(raw).entries)[0]
    assert (from_data.title, from_data.year, from_data.publisher) == ("Animal Farm", "1945", None)
    assert LIBRARY.digest() == before


# -- the three shapes of a template page -------------------------------------------------


def test_call_quote_template_takes_text_page_and_propagated_parameters() -> None:
    body = ("{{#invoke:quote|call_quote_template|template=quote-journal|1=en|title=T|journal=J|year=1999"
            "|textparam=3,2|pageparam=pg|propagateparams=volume}}")
    library = TemplateLibrary(bodies={"RQ:J": body})
    q, _ = quote("{{RQ:J|x|The '''word'''.|pg=4|volume=2|issue=9}}", library)
    assert (q.kind, q.title, q.work, q.text, q.page, q.volume, q.issue) == ("journal", "T", "J", "The word.", "4", "2", None)
    no_text = TemplateLibrary(bodies={"RQ:J": body.replace("textparam=3,2", "textparam=-")})
    assert quote("{{RQ:J|x|The word.|text=y}}", no_text)[0].text == ""


def test_a_wrapper_page_and_its_redirect_give_the_same_citation() -> None:
    direct, _ = quote("{{RQ:Marshall Squire's Daughter|III|passage=The big '''houses'''.}}")
    redirected, _ = quote("{{RQ:Mrxl SqrsDghtr|III|passage=The big '''houses'''.}}")
    assert (direct.ref, direct.text) == (redirected.ref, redirected.text)
    assert (redirected.authors, redirected.title, redirected.year) == (["Archibald Marshall"], "The Squire's Daughter", "1912")
    assert redirected.template == "RQ:Mrxl SqrsDghtr"


def test_a_hand_written_page_is_read_as_a_citation_line() -> None:
    q, _ = quote("{{RQ:RJfrs AmtrPqr|II|71|passage=Orion hit a rabbit '''once'''.}}")
    assert (q.year, q.authors, q.title, q.chapter, q.page) == ("1879", ["Richard Jefferies"], "The Amateur Poacher", "II", "71")
    assert q.text == "Orion hit a rabbit once."


def test_a_page_that_renders_nothing_is_a_diagnostic() -> None:
    q, ctx = quote("{{RQ:Empty}}", TemplateLibrary(bodies={"RQ:Empty": "<noinclude>doc</noinclude>"}))
    assert q.title is None and q.template == "RQ:Empty"
    assert any("renders nothing" in d.message for d in ctx.page.diagnostics)


# -- data, and nothing ------------------------------------------------------------------


def test_known_source_keeps_what_the_call_gives() -> None:
    q, _ = quote("{{RQ:Tyndale NT|year=1534|passage=all '''equall'''}}", EMPTY_LIBRARY)
    assert (q.year, q.authors, q.title, q.text, q.template) == ("1534", ["William Tyndale"], "The New Testament", "all equall", "RQ:Tyndale NT")
    q, _ = quote("{{RQ:Orwell Animal Farm|10}}", EMPTY_LIBRARY)
    assert (q.year, q.title, q.text, q.ref) == ("1945", "Animal Farm", "", "1945, George Orwell, Animal Farm:")


def test_unknown_source_is_a_diagnostic_never_a_title() -> None:
    q, ctx = quote("{{RQ:dum:Schepenbrief|Descepenen quedden alle degene '''die''' dese lettren.|All '''who''' see this.}}")
    assert (q.title, q.authors, q.year, q.template) == (None, [], None, "RQ:dum:Schepenbrief")
    assert (q.text, q.translation) == ("Descepenen quedden alle degene die dese lettren.", "All who see this.")
    assert "Schepenbrief" not in q.ref
    assert any("RQ:dum:Schepenbrief unresolved" in d.message for d in ctx.page.diagnostics)


def test_source_names() -> None:
    assert source_name("Template:RQ:mul:Rowling Harry Potter") == "Rowling Harry Potter"
    assert source_name("RQ:sga-gloss") == "sga-gloss"


# -- transclusion -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "args", "expected"),
    [
        ("a{{{1}}}b", {"1": "X"}, "aXb"),
        ("{{{title|{{{2|none}}}}}}", {"2": "two"}, "two"),
        ("{{{title|{{{2|none}}}}}}", {}, "none"),
        ("{{{title|d}}}", {"title": ""}, ""),  # given empty is given (MediaWiki)
        ("[[w:{{{1}}}|{{{1}}}]] {{{missing}}}", {"1": "Saki"}, "[[w:Saki|Saki]] "),
        ("{{quote-book|en|title={{{t|T}}}}}", {}, "{{quote-book|en|title=T}}"),
    ],
)
def test_parameters_are_substituted_as_mediawiki_does(body: str, args: dict[str, str], expected: str) -> None:
    assert substitute(body, args) == expected


def test_what_a_transclusion_includes() -> None:
    assert included_text("A<noinclude>doc</noinclude><includeonly>B</includeonly><!-- c -->") == "AB"
    assert included_text("x<onlyinclude>A</onlyinclude>y<onlyinclude>B</onlyinclude>z") == "AB"
    assert transclude("<includeonly>{{{1}}}</includeonly><noinclude>{{{1}}}", {"1": "v"}) == "v"


def test_parser_function_branches_on_the_wikitext() -> None:
    assert select_branches("a{{#if: x |''yes''|no}}b") == "a''yes''b"
    assert select_branches("{{#if:x|k=v|no}}{{#ifeq: a | a |same|diff}}") == "k=vsame"
    assert select_branches("{{#switch:b|a=A|b|c=C|#default=D}}{{#switch:z|a=A}}") == "C"
