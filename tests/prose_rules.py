"""Rules a summary sentence must meet, checked independently of how the comparer writes it.

Each rule returns a short reason or None. They look at the finished text (and, for the
articles, at what the lexicon says about a word), never at the comparer's own word lists,
so a rule is evidence, not a restatement of the code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

from support import MARKUP_LEAK

from wiktlex.lexicon import Lexicon
from wiktlex.parse.data import load

#: Nouns a gloss often opens with; each needs an article when it stands bare and singular.
_COUNT_NOUN_TEXT = """
    country city town village river island mountain region state province county person
    man woman child officer member type kind sort piece device tool instrument unit group
    animal plant bird fish tree insect flower word term name place building vessel ship
    container machine book letter number line point system method process act event
    frame valve transfer magpie character doctor teacher player follower supporter company
    organization organisation representative variety species breed game sport dance song
    drink dish meal fruit vegetable weapon vehicle boat room house road street school
"""
COUNT_NOUNS = frozenset(_COUNT_NOUN_TEXT.split())

_ABBREVIATIONS = frozenset(["etc", "i.e", "e.g", "al", "jr", "sr", "st", "vs", "cf", "viz"])
_AFTER = (r"(?P<first>[a-z]+)(?P<after>[,;.]| (?:of|in|on|for|with|that|which|who|used|from|"
          r"by|at|to|or|and|while|whereas)\b|$)")


@cache
def form_of_phrases() -> tuple[str, ...]:
    texts = {v["text"].lower() for v in load("formof")["templates"].values() if v["text"]}
    return tuple(sorted(texts, key=len, reverse=True))


def no_markup(text: str) -> str | None:
    return "wiki markup" if MARKUP_LEAK.search(text) or re.search(r"<[a-z/]", text) else None


def no_doubled(text: str) -> str | None:
    if "  " in text:
        return "doubled space"
    if re.search(r"\s[,;:.!?](?!\.\.)", text):
        return "space before punctuation"
    if re.search(r"[,;:][,;:!?.]|(?<!\.)\.\.(?!\.)", text):
        return "doubled punctuation"
    for match in re.finditer(r"(\S+)\.[,;:]", text):  # "etc.," is one stop, "word.," two
        if match.group(1).lower().strip("(") not in _ABBREVIATIONS:
            return "doubled punctuation"
    return None


def shape(text: str) -> str | None:
    if not text.startswith("As "):
        return "does not open with 'As …'"
    if not re.search(r"[.!?]$", text) or re.search(r"\.\.$|[,;:]$", text):
        return "does not end with one full stop"
    return None


def no_bare_form_of(text: str) -> str | None:
    """ "is present participle of" / "can be alternative form of": the article is missing."""
    lowered = text.lower()
    for phrase in form_of_phrases():
        if re.search(rf"\b(?:is|can be) {re.escape(phrase)} of\b", lowered):
            return f"bare form-of: {phrase} of"
    return None


def lexicon_count_nouns(lexicon: Lexicon, words: Iterable[str]) -> set[str]:
    """Of `words`, those the lexicon has only as an English countable noun (a plural form,
    no other part of speech, no "uncountable" in the head line)."""
    found = set()
    for word in words:
        entries = [e for e in lexicon.entries(word, "en")]
        if not entries or any(e.pos != "noun" for e in entries):
            continue
        heads = " ".join(t.text for e in entries for t in e.head_templates)
        if "uncountable" in heads or any(s.form_of for e in entries for s in e.senses):
            continue
        if any("plural" in f.tags for e in entries for f in e.forms):
            found.add(word)
    return found


def no_bare_noun(text: str, pos: str, words: list[str],
                 count_nouns: Callable[[str], bool]) -> str | None:
    """A noun sentence where "WORD is" or "WORD can be" is followed by a bare singular
    countable noun ("Cameroon is country in …", "pie can be magpie")."""
    if pos not in ("noun", "name"):
        return None
    for word in words:
        pattern = rf"\b{re.escape(word)} (?:is|can be) {_AFTER}"
        for match in re.finditer(pattern, text):
            if count_nouns(match.group("first")):
                return f"no article in “{match.group(0)}”"
    return None


PLAIN_RULES = (no_markup, no_doubled, shape, no_bare_form_of)


def violations(text: str, pos: str, words: list[str],
               count_nouns: Callable[[str], bool]) -> list[str]:
    """Every rule the sentence breaks (empty when it reads as it should)."""
    found = [r for rule in PLAIN_RULES if (r := rule(text))]
    article = no_bare_noun(text, pos, words, count_nouns)
    return [*found, article] if article else found
