"""Template coverage on the real pages of ../shared/corpus/pages (skipped when absent).

Counted from the parse traces, i.e. the templates inside extracted fields. The README's
coverage section shows the same figure: `wiktlex stats --templates ../shared/corpus/pages`.
Markup in entry text fields is checked page-wide by test_corpus_pages.py; here, in what
each template rendered.
"""

from __future__ import annotations

from support import markup_leaks

from wiktlex.model import ParseResult, RawPage
from wiktlex.parse.stats import TemplateStats

Results = list[tuple[RawPage, ParseResult]]
REQUIRED_SHARE = 0.99


def _stats(results: Results) -> TemplateStats:
    stats = TemplateStats(pages=len(results))
    for _, result in results:
        for event in result.trace or []:
            stats.add(event.template, event.handler, event.where)
    return stats


def test_share_of_templates_with_a_specific_handler(corpus_results: Results) -> None:
    stats = _stats(corpus_results)
    worst = stats.fallbacks.most_common(15)
    assert stats.share >= REQUIRED_SHARE, f"{stats.share:.2%} handled; top fallbacks: {worst}"


def test_rendered_templates_leak_no_markup(corpus_results: Results) -> None:
    leaks = [
        (page.title, event.template, event.rendered)
        for page, result in corpus_results
        for event in result.trace or []
        if markup_leaks([event.rendered])
    ]
    assert leaks[:20] == []

