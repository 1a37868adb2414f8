"""quote-*/cite-*/RQ: templates -> structured Quotations with a Module:quote-style ref."""

from __future__ import annotations

import pytest
from support import MARKUP_LEAK

from wiktlex.model import Quotation
from wiktlex.parse.citation_ref import normalise_date, numbered, year_of
from wiktlex.parse.context import Collected, Context
from wiktlex.parse.page import new_state
from wiktlex.parse.templates.quotations import is_understood, split_people


def quote(wikitext: str, lang: str = "en") -> tuple[Quotation, Context]:
    ctx = Context(page=new_state("release"), lang_code=lang, where="quotation")
    collected = Collected()
    rendered = ctx.child("quotation", collected).render(wikitext)
    assert rendered.strip() == ""
    assert len(collected.quotations) == 1
    return collected.quotations[0], ctx


def test_seed_magazine_quotation_gives_every_field() -> None:
    q, _ = quote(
        "{{quote-magazine|year=2013|month=May–June|author=[[w:Charles T. Ambrose|Charles T. Ambrose]]\n"
        "|title=Alzheimer’s Disease|volume=101|issue=3|page=200|magazine={{w|American Scientist}}\n"
        "|passage=Similar studies of slow sustained '''release''' systems.}}"
    )
    assert q.ref == ("2013 May–June, Charles T. Ambrose, “Alzheimer’s Disease”, in American Scientist, "
                     "volume 101, number 3, page 200:")
    assert (q.year, q.date, q.authors) == ("2013", "May–June", ["Charles T. Ambrose"])
    assert (q.title, q.work, q.kind, q.template) == ("Alzheimer’s Disease", "American Scientist", "magazine", "quote-magazine")
    assert (q.volume, q.issue, q.page) == ("101", "3", "200")
    assert q.text == "Similar studies of slow sustained release systems."


def test_book_with_chapter_publisher_and_location() -> None:
    q, _ = quote("{{quote-book|en|year=1910|author={{w|Saki}}|chapter=The Lost Sanjak|title=Reginald in Russia"
                 "|location=London|publisher=Methuen|page=12|passage=the '''production''' of a few shillings}}")
    assert q.ref == "1910, Saki, “The Lost Sanjak”, in Reginald in Russia, London: Methuen, page 12:"
    assert (q.chapter, q.title, q.publisher, q.location) == ("The Lost Sanjak", "Reginald in Russia", "Methuen", "London")


def test_positional_arguments_of_the_current_form() -> None:
    q, _ = quote("{{quote-book|en|1846|W. M. Buchanan|A Technological Dictionary||151|Joiners '''bone''' their work.}}")
    assert (q.year, q.authors, q.title, q.page) == ("1846", ["W. M. Buchanan"], "A Technological Dictionary", "151")
    assert q.text == "Joiners bone their work."


def test_old_form_without_language_code() -> None:
    q, _ = quote("{{quote-news|year=2011|date=September 13|author=Sam Lyon|work=BBC|title=Dortmund 1-1 Arsenal|passage=x}}")
    assert q.ref == "2011 September 13, Sam Lyon, “Dortmund 1-1 Arsenal”, in BBC:"
    assert (q.year, q.date, q.kind) == ("2011", "September 13", "news")


def test_lang_parameter_and_text_and_translation() -> None:
    q, _ = quote("{{quote-book|lang=de|year=1921|author=H. Schmidt|title=Die Freilassung|text=Die '''Freilassung'''.|t=The '''release'''.}}", "de")
    assert (q.text, q.translation) == ("Die Freilassung.", "The release.")


@pytest.mark.parametrize(
    ("wikitext", "authors"),
    [
        ("{{quote-book|en|year=1|title=T|last=Smith|first=Jane|last2=Doe|first2=John}}", ["Jane Smith", "John Doe"]),
        ("{{quote-book|en|year=1|title=T|author=A. One|author2=[[w:B. Two|B. Two]]}}", ["A. One", "B. Two"]),
        ("{{quote-book|en|year=1|title=T|authors=Katie Brick; J. Cody Nielsen}}", ["Katie Brick", "J. Cody Nielsen"]),
        ("{{quote-book|en|year=1|title=T|author=&#91;{{w|Gilbert Clerke}}&#93;}}", ["Gilbert Clerke"]),
        ("{{quote-book|en|year=1|title=T|author=zh:王晰宁<t:Wang Xining>}}", ["王晰宁"]),
        ("{{quote-song|en|year=1977|title=Exodus|lyricist=Bob Marley}}", ["Bob Marley"]),
    ],
)
def test_authors(wikitext: str, authors: list[str]) -> None:
    assert quote(wikitext)[0].authors == authors


@pytest.mark.parametrize(
    ("wikitext", "url", "title"),
    [
        ("{{quote-web|en|date=2015-06-04|title=Notes|site=Blog|url=https://b.example/1|text=x}}", "https://b.example/1", "Notes"),
        ("{{quote-book|en|year=1|title=T|pageurl=https://p.example/12|page=12}}", "https://p.example/12", "T"),
        ("{{quote-book|en|year=1|title=T|chapter=C|chapterurl=https://c.example}}", "https://c.example", "T"),
        ("{{quote-journal|en|year=1|title=[http://x.example/a Article]|journal=J}}", "http://x.example/a", "Article"),
    ],
)
def test_urls(wikitext: str, url: str, title: str) -> None:
    q = quote(wikitext)[0]
    assert (q.url, q.title) == (url, title)


@pytest.mark.parametrize(
    ("name", "kind", "work_param"),
    [
        ("quote-journal", "journal", "journal"), ("quote-news", "news", "newspaper"),
        ("quote-magazine", "magazine", "magazine"), ("quote-web", "web", "site"),
        ("quote-newsgroup", "newsgroup", "newsgroup"), ("quote-mailing list", "mailing list", "list"),
        ("quote-song", "song", "album"), ("cite-journal", "journal", "journal"), ("cite-web", "web", "work"),
    ],
)
def test_periodicals_print_article_in_work(name: str, kind: str, work_param: str) -> None:
    q = quote(f"{{{{{name}|en|year=2000|author=A|title=Piece|{work_param}=Venue|text=x}}}}")[0]
    assert (q.kind, q.title, q.work) == (kind, "Piece", "Venue")
    assert "“Piece”, in Venue" in q.ref


@pytest.mark.parametrize("name", ["quote-text", "quote-av", "quote-video game", "quote-us-patent",
                                  "quote-hansard", "quote-wikipedia", "cite-book", "quote-poem"])
def test_every_family_member_attaches_a_quotation(name: str) -> None:
    q = quote(f"{{{{{name}|en|year=1999|title=T|text=The '''word'''.}}}}")[0]
    assert (q.year, q.title, q.text, q.template) == ("1999", "T", "The word.", name)


def test_unlisted_quote_template_is_read_with_defaults_and_reported() -> None:
    q = quote("{{quote-scroll|en|year=100|author=A|title=T|passage=p}}")[0]
    assert (q.kind, q.year, q.title) == ("scroll", "100", "T")
    assert not is_understood("quote-scroll") and is_understood("quote-book")


def test_missing_fields_give_a_diagnostic_not_an_exception() -> None:
    q, ctx = quote("{{quote-book|en|author=Geoffrey Chaucer|passage=Therewith '''aback''' she started.}}")
    assert q.year is None and q.title is None and q.ref == "Geoffrey Chaucer:"
    assert any("without year, title" in d.message for d in ctx.page.diagnostics)


@pytest.mark.parametrize(
    ("year", "shown"),
    [("{{circa2|1596|short=yes}}", "c. 1596"), ("c. 1600", "c. 1600"), ("1898–1900", "1898–1900")],
)
def test_odd_years_are_kept_as_given(year: str, shown: str) -> None:
    q = quote(f"{{{{quote-book|en|year={year}|title=T}}}}")[0]
    assert q.year == shown and q.ref.startswith(shown)


def test_year_published_is_the_fallback_year() -> None:
    q = quote("{{quote-book|en|title=T|year_published=1804}}")[0]
    assert q.year == "1804" and q.ref == "T, published 1804:"


def test_no_markup_in_any_field() -> None:
    q = quote("{{quote-book|en|year=[[1910]]|author=[[w:Saki|''Saki'']]|title=''[[Reginald]]''<ref>x</ref>"
              "|passage='''A''' [[b|B]] {{w|C}} <!-- d -->}}")[0]
    for value in (q.text, q.ref, q.year, q.title, *q.authors):
        assert value and not MARKUP_LEAK.search(value)
    assert (q.text, q.title, q.authors) == ("A B C", "Reginald", ["Saki"])


@pytest.mark.parametrize(
    ("given", "shown"),
    [("September 13, 2011", "2011 September 13"), ("13 September 2011", "2011 September 13"),
     ("2011-09-13", "2011 September 13"), ("2011 Sep 13", "2011 September 13"),
     ("March 2009", "2009 March"), ("Summer 1990", "Summer 1990")],
)
def test_dates_print_year_first(given: str, shown: str) -> None:
    assert normalise_date(given) == shown


def test_small_helpers() -> None:
    assert year_of("Oct 21 2011") == "2011" and year_of("undated") is None
    assert numbered("page", "12") == "page 12" and numbered("page", "12–14") == "pages 12–14"
    assert numbered("page", "unnumbered") == "unnumbered page"
    assert split_people("A; B [pseudonym; C]") == ["A", "B [pseudonym; C]"]


def test_month_range_reads_with_an_en_dash() -> None:
    """The issue's own example: `month=May-June` is printed "2013 May–June"."""
    from wiktlex.parse.citation_ref import month_range

    assert month_range("May-June") == "May–June"
    assert month_range("Nov/Dec") == "Nov/Dec"
    assert month_range("Spring-Summer") == "Spring-Summer"
