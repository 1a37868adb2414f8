"""Build a Comparison (or a one-word page) from the lexicon.

The lexicon is read only through `Lexicon.entries/suggest/page` so the comparer works on
any lexicon file a refresh produced. A word with no entry at all is an error the caller
reports with suggestions (`WordNotFound`); every other odd case (the same word twice, a
word with entries only in other languages, no shared part of speech) is still a page,
with a note saying what happened.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from wiktlex.compare.hints import LexiconHints
from wiktlex.compare.model import Attribution, Comparison, SourcePage, WordPage, WordView
from wiktlex.compare.summary import phrase, summarize
from wiktlex.compare.views import word_view
from wiktlex.lexicon import Lexicon
from wiktlex.model import Entry
from wiktlex.parse.languages import language_name

WIKI = "https://en.wiktionary.org"
_TITLE_SAFE = "/:'(),!*"  # left as they are in the addresses Wiktionary itself links to


class WordNotFound(LookupError):
    """A word has no entry in the lexicon, in any language."""

    def __init__(self, word: str, suggestions: Sequence[str]) -> None:
        self.word = word
        self.suggestions = list(suggestions)
        super().__init__(self.message)

    @property
    def message(self) -> str:
        hint = f"; did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        return f"“{self.word}” is not in the lexicon{hint}"


class _Word:
    """One word's entries, split into the chosen language and the rest."""

    def __init__(self, lexicon: Lexicon, word: str, lang_code: str) -> None:
        word = " ".join(word.split())
        self.asked = word
        every = lexicon.entries(word)
        if not every:
            found = lexicon.resolve(word)  # Book -> book, a redirect -> its target
            every = lexicon.entries(found) if found else []
            if found is None or not every:
                raise WordNotFound(word, lexicon.suggest(word, limit=5))
            word = found
        self.word = word
        self.lang_code = lang_code
        self.entries: list[Entry] = [e for e in every if e.lang_code == lang_code]
        self.others = list(dict.fromkeys(e.lang for e in every if e.lang_code != lang_code))
        self.lang = (self.entries[0].lang if self.entries
                     else language_name(lang_code) or lang_code)

    def view(self) -> WordView:
        return word_view(self.word, self.lang, self.lang_code, self.entries, self.others)

    def notes(self) -> list[str]:
        landed = ([phrase("resolved").format(asked=self.asked, word=self.word)]
                  if self.asked != self.word else [])
        if self.entries:
            return landed
        if self.others:
            return [*landed, phrase("other_languages").format(
                word=self.word, lang=self.lang, languages=_and_list(self.others))]
        return [*landed, phrase("no_entries").format(word=self.word, lang=self.lang)]


def _and_list(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def wiktionary_url(title: str) -> str:
    """The page's address on Wiktionary (spaces as underscores, as its own links have them)."""
    return f"{WIKI}/wiki/{quote(title.replace(' ', '_'), safe=_TITLE_SAFE)}"


def source_page(lexicon: Lexicon, title: str) -> SourcePage:
    """The page's links: where to read it and where its authors are listed (history)."""
    page = lexicon.page(title)
    query = quote(title.replace(" ", "_"), safe="")
    revid = page.revid if page else None
    return SourcePage(
        title=title,
        url=wiktionary_url(title),
        history_url=f"{WIKI}/w/index.php?title={query}&action=history",
        revid=revid,
        timestamp=page.timestamp if page else None,
        permalink=f"{WIKI}/w/index.php?title={query}&oldid={revid}" if revid else None,
    )


def attribution(lexicon: Lexicon, titles: Sequence[str]) -> Attribution:
    return Attribution(
        licence=phrase("licence"),
        licence_url=phrase("licence_url"),
        text=phrase("attribution"),
        sources=[source_page(lexicon, t) for t in dict.fromkeys(titles)],
    )


def build_comparison(lexicon: Lexicon, word1: str, word2: str, lang: str = "en") -> Comparison:
    """The "WORD1 vs WORD2" page; WordNotFound (with suggestions) if a word has no entry."""
    first = _Word(lexicon, word1, lang)
    second = _Word(lexicon, word2, lang)
    if first.word == second.word:
        return _same_word(lexicon, first)
    summary = summarize(first.word, first.entries, second.word, second.entries,
                        LexiconHints(lexicon, lang))
    notes = first.notes() + second.notes()
    shared = {e.pos for e in first.entries} & {e.pos for e in second.entries}
    if first.entries and second.entries and not shared:
        notes.append(phrase("no_shared_pos").format(word1=first.word, word2=second.word))
    return Comparison(
        title=phrase("title").format(word1=first.word, word2=second.word),
        word1=first.word,
        word2=second.word,
        lang_code=lang,
        summary=summary,
        notes=notes,
        words=[first.view(), second.view()],
        attribution=attribution(lexicon, [first.word, second.word]),
    )


def _same_word(lexicon: Lexicon, word: _Word) -> Comparison:
    """A word compared with itself: its own sentences and entry, shown once."""
    return Comparison(
        title=phrase("title_same").format(word=word.word),
        word1=word.word,
        word2=word.word,
        lang_code=word.lang_code,
        summary=summarize(word.word, word.entries, None, [], LexiconHints(lexicon, word.lang_code)),
        notes=[phrase("same_word").format(word=word.word), *word.notes()],
        words=[word.view()],
        attribution=attribution(lexicon, [word.word]),
    )


def build_word_page(lexicon: Lexicon, word: str, lang: str = "en") -> WordPage:
    """The page of one word; WordNotFound (with suggestions) if it has no entry."""
    found = _Word(lexicon, word, lang)
    return WordPage(
        title=found.word,
        word=found.word,
        lang_code=lang,
        summary=summarize(found.word, found.entries, None, [], LexiconHints(lexicon, lang)),
        notes=found.notes(),
        view=found.view(),
        attribution=attribution(lexicon, [found.word]),
    )
