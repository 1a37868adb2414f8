"""What the web app needs from the lexicon around a page: links that land, examples.

A related word the lexicon lacks is linked to its Wiktionary page (marked external), so
no link on a page ends in "not found"; the home page offers comparisons the lexicon can
really make, of the words it mentions most.
"""

from __future__ import annotations

from collections.abc import Iterator

from wiktlex.compare.build import wiktionary_url
from wiktlex.compare.model import Comparison, SenseView, WordPage, WordView
from wiktlex.compare.render_html import Link, LinkFor, web_word_url
from wiktlex.lexicon import Lexicon


def _sense_words(sense: SenseView) -> Iterator[str]:
    yield from sense.synonyms
    yield from sense.antonyms
    for sub in sense.subsenses:
        yield from _sense_words(sub)


def linked_words(view: WordView) -> Iterator[str]:
    """Every word a word section links to: its own heading, sense and entry relations."""
    yield view.word
    for ety in view.etymologies:
        for entry in ety.entries:
            for sense in entry.senses:
                yield from _sense_words(sense)
            for section in entry.relations:
                for group in section.groups:
                    yield from group.words


def page_links(lexicon: Lexicon, page: Comparison | WordPage) -> LinkFor:
    """Links for one page: this app's page for words a lookup finds, Wiktionary's for the
    rest (one look-up for the whole page, not one per link)."""
    words = {w for view in page.views for w in linked_words(view)}
    known = lexicon.known(words)

    def link(word: str) -> Link:
        if word in known:
            return Link(web_word_url(word))
        return Link(wiktionary_url(word), external=True)

    return link


def example_pairs(lexicon: Lexicon, lang: str = "en", limit: int = 4,
                  preferred: tuple[tuple[str, str], ...] = (("production", "release"),),
                  ) -> list[tuple[str, str]]:
    """A few comparisons to offer: the preferred ones the lexicon has, then synonyms of one
    part of speech, the most mentioned words first, no word twice."""
    chosen = [(a, b) for a, b in preferred if lexicon.entries(a, lang) and lexicon.entries(b, lang)]
    pairs = lexicon.related_pairs(lang)
    mentions = lexicon.mentions({w for pair in pairs for w in pair})
    pairs.sort(key=lambda p: (-min(mentions[p[0]], mentions[p[1]]), p))
    used = {w.casefold() for pair in chosen for w in pair}
    for a, b in pairs:
        if len(chosen) >= limit:
            break
        if a.casefold() not in used and b.casefold() not in used:
            chosen.append((a, b))
            used |= {a.casefold(), b.casefold()}
    return chosen
