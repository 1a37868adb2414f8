"""Quotations over every real page of ../shared/corpus/pages (skipped when absent)."""

from __future__ import annotations

from support import MARKUP_LEAK

from wiktlex.model import ParseResult, Quotation, RawPage
from wiktlex.parse.citation_stats import CitationStats, add_quotation, origin_of, walk_senses

Results = list[tuple[RawPage, ParseResult]]


def _quotations(results: Results) -> list[tuple[str, Quotation]]:
    return [
        (page.title, quotation)
        for page, result in results
        for entry in result.entries
        for sense in walk_senses(entry.senses)
        for quotation in sense.quotations
    ]


def _stats(results: Results) -> CitationStats:
    stats = CitationStats()
    for title, quotation in _quotations(results):
        add_quotation(stats, quotation, title)
    return stats


def test_quotations_have_text(corpus_results: Results) -> None:
    stats = _stats(corpus_results)
    assert stats.total.total > 2000
    assert stats.total.share("text") >= 0.98


def test_template_quotations_have_year_and_title(corpus_results: Results) -> None:
    """The corpus floor: ~8% of quote-* calls (Webster 1913 imports) give neither year nor title."""
    templates = _stats(corpus_results).origins["template"]
    assert templates.share("year") >= 0.90
    assert templates.share("title") >= 0.90


def test_no_markup_in_any_quotation_field(corpus_results: Results) -> None:
    leaks = [
        (title, name, value)
        for title, quotation in _quotations(corpus_results)
        for name in ("text", "translation", "ref", "year", "date", "title", "work", "publisher",
                     "location", "volume", "issue", "page", "chapter")
        for value in [getattr(quotation, name)]
        if value and MARKUP_LEAK.search(value)
    ] + [
        (title, "authors", author)
        for title, quotation in _quotations(corpus_results)
        for author in quotation.authors
        if MARKUP_LEAK.search(author)
    ]
    assert leaks == []


def test_every_quotation_template_is_understood(corpus_results: Results) -> None:
    stats = _stats(corpus_results)
    assert dict(stats.not_understood) == {}
    assert sum(1 for _, q in _quotations(corpus_results) if origin_of(q) == "rq") > 100


def test_every_year_and_title_a_quote_call_gives_is_extracted(corpus_pages: list[RawPage]) -> None:
    """The share above is the corpus' own ceiling: whenever a quote-*/cite-* call names a
    year (or date) or a title (or work), the Quotation built from it has one."""
    import mwparserfromhell

    from wiktlex.parse.citation_ref import year_of
    from wiktlex.parse.context import Context
    from wiktlex.parse.page import new_state
    from wiktlex.parse.registry import canonical_name
    from wiktlex.parse.templates.quotations import spec_for

    calls, missed = 0, []
    for page in corpus_pages:
        if "{{quote-" not in page.text and "{{cite-" not in page.text:
            continue
        for node in mwparserfromhell.parse(page.text).filter_templates(recursive=False):
            name = canonical_name(str(node.name))
            if not name.startswith(("quote-", "cite-")):
                continue
            spec = spec_for(name)
            given = {str(p.name).strip() for p in node.params if p.showkey and str(p.value).strip()}
            dated = {
                param for param in given & set(spec.fields.get("date", ("date",)))
                if year_of(str(node.get(param).value))  # `date=24 Dec 89` names no year
            }
            wants = {
                "year": (given & set(spec.fields.get("year", ("year",)))) | dated,
                "title": given & {*spec.fields.get("title", ("title",)), *spec.fields.get("work", ("work",))},
            }
            ctx = Context(page=new_state(page.title), where="quotation")
            ctx.render(str(node))
            if not ctx.collected.quotations:
                missed.append((page.title, name, "no quotation"))
                continue
            calls += 1
            quotation = ctx.collected.quotations[-1]
            if wants["year"] and not quotation.year:
                missed.append((page.title, name, "year"))
            if wants["title"] and not (quotation.title or quotation.work):
                missed.append((page.title, name, "title"))
    assert calls > 1000
    assert missed == []
