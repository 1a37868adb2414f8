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
