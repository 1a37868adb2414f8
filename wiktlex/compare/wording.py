"""A gloss set inside a sentence the way a lexicographer would write it.

Wiktionary glosses are written to stand alone under a numbered sense: "Country in
Central Africa.", "present participle of absorb", "Magpie.", "Return on investment.".
Inside "X is …" each needs something: an article before a bare singular noun phrase
("a country in Central Africa"), the article a form-of phrase takes ("the present
participle of absorb", "an alternative form of O"), "stands for" before an expansion
("ROI stands for return on investment"), its own capitals where they are not just the
start of a sentence, and nothing after its first sentence. The word lists are data
(data/grammar.json); what the lexicon knows about a word (is it countable? is it only
ever capitalised?) comes in through `Hints`, so a full lexicon reads better than a small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from wiktlex.compare.data import load
from wiktlex.model import Entry, Sense
from wiktlex.parse.data import load as load_parse_data


class Hints(Protocol):
    """What the lexicon knows about a word that a gloss uses."""

    def noun_kind(self, word: str) -> str | None:
        """ "count", "mass", "both", "plural", or None when the lexicon does not say."""

    def proper(self, word: str) -> bool:
        """True when the lexicon has `Word` with a capital and no `word` without one."""


class NoHints:
    """Hints from the word lists alone (a lexicon too small to know, or none at all)."""

    def noun_kind(self, word: str) -> str | None:
        return None

    def proper(self, word: str) -> bool:
        return False


@dataclass(frozen=True, slots=True)
class Part:
    """A gloss ready for "X is {text}" (or "X stands for {text}" when `expansion`)."""

    text: str
    expansion: bool = False


@cache
def _words(key: str) -> frozenset[str]:
    return frozenset(load("grammar")[key])


@cache
def _form_of_phrases() -> tuple[str, ...]:
    """ "present participle of", …: every form-of template's text, longest first."""
    texts = {v["text"].lower() for v in load_parse_data("formof")["templates"].values()}
    return tuple(sorted((f"{t} of " for t in texts if t), key=len, reverse=True))


_TRAILING = re.compile(r"[\s,;:]+$")
_DOUBLED = re.compile(r"([,;:])\1+|\s+([,;:.])")


def first_sentence(text: str) -> str:
    """The gloss up to its first full stop that ends a sentence (not "e.g.", "St.", "J."),
    or its first semicolon that starts one ("alternative form of Jul.; Abbreviation of …")."""
    for match in re.finditer(r"(?:\.|;)\s+(?=[A-Z0-9“\"(])", text):
        if text[match.start()] == ";":
            if text[match.end():][:1].isupper():
                return text[: match.start()]
            continue
        before = text[: match.start()].rsplit(" ", 1)[-1].lower()
        initial = len(before) == 1 and before.isalpha()
        if not initial and before.rstrip(".") not in _words("abbreviations_with_period"):
            return text[: match.start()]
    return text


def drop_dangling(text: str) -> str:
    """ "any of various plants, especially:" -> "any of various plants" (the list it
    announced is in the sub-senses, not in the sentence)."""
    text = text.rstrip()
    if not text.endswith(":"):
        return text
    text = _TRAILING.sub("", text)
    lowered = text.lower()
    for word in sorted(_words("dangling"), key=len, reverse=True):
        if lowered.endswith(" " + word) or lowered == word:
            text = _TRAILING.sub("", text[: len(text) - len(word)])
            break
    return text


def first_clause(text: str) -> str:
    """The gloss up to its first ";" outside brackets: what one alternative of a longer
    sentence can carry without the reader losing the thread."""
    depth = 0
    for i, char in enumerate(text):
        depth += (char in "([") - (char in ")]")
        if char == ";" and depth <= 0:
            return text[:i].rstrip()
    return text


def tidy(gloss: str) -> str:
    """Whitespace collapsed, no stray punctuation in front, no final period (an ellipsis
    or "etc." keeps its dots)."""
    text = " ".join(gloss.split()).lstrip(":;,. ")
    if text.endswith(".") and not text.endswith(("...", "etc.")):
        text = text[:-1].rstrip()
    return _DOUBLED.sub(lambda m: m.group(1) or m.group(2), text)


def _title_case(text: str) -> bool:
    """ "Officer of the Order of the British Empire": a name, whose capitals stay."""
    words = [w for w in re.findall(r"[\w'’-]+", text) if w.lower() not in _words("title_case_minor")]
    return len(words) >= 2 and all(w[:1].isupper() or w[:1].isdigit() for w in words)


def starts_with_name(text: str, hints: Hints) -> bool:
    """The capital of the first word is its own: a name ("Latin", "Abu Dhabi", a word the
    lexicon has only with its capital), not just the start of a sentence ("Country in
    Western Africa", "The Central European state")."""
    words = text.split(" ", 2)
    bare = words[0].strip(".,;:()\"'“”")
    if not bare[:1].isupper() or bare.lower() in _words("determiners"):
        return False
    following = words[1] if len(words) > 1 else ""
    return (bare.lower() in _words("proper_starts") or hints.proper(bare)
            or (following[:1].isupper() and following.lower() not in _words("determiners")))


def lower_first(text: str, hints: Hints) -> str:
    """The first letter lower-cased when it is only a sentence's capital: not in acronyms
    or mixed-case words ("DNA", "McJob"), "I", or names (see `starts_with_name`)."""
    first = text.split(" ", 1)[0]
    if (first == "I" or not first[:1].isupper() or any(c.isupper() for c in first[1:])
            or starts_with_name(text, hints)):
        return text
    return first[:1].lower() + text[1:]


def article(phrase: str) -> str:
    """ "a" or "an", by the sound of the phrase's first word."""
    word = phrase.split(" ", 1)[0].strip("\"'“(")
    lowered = word.lower()
    letters = load("grammar")["an_letters"]
    if len(word) > 1 and (word.isupper() or word[1:2] == "-") and word[:1].isalpha():
        return "an" if lowered[0] in letters else "a"  # read letter by letter: an MRI
    if any(lowered.startswith(p) for p in _words("an_before")):
        return "an"
    if any(lowered.startswith(p) for p in _words("a_before")):
        return "a"
    if lowered[:1].isdigit():
        return "an" if lowered.startswith(("8", "11", "18")) else "a"
    return "an" if lowered[:1] in "aeiou" else "a"


def _bare(word: str) -> str:
    return word.strip(".,;:()[]\"'“”").lower()


def head_noun(text: str) -> str | None:
    """The noun a bare noun phrase is about: the word before the first preposition,
    conjunction, relative word, participle or punctuation ("cloth-covered frame used for
    …" -> "frame"); None when the gloss does not open with a noun phrase."""
    words = text.split()
    if not words or _bare(words[0]) in _words("not_a_noun_start"):
        return None
    for i, word in enumerate(words):
        bare = _bare(word)
        ends = word.endswith((",", ";", ":")) or (i + 1 < len(words) and words[i + 1][:1] == "(")
        if i > 0 and (bare in _words("head_stops") or (
                "-" not in bare and len(bare) > 4 and bare.endswith(("ed", "ing")))):
            return _bare(words[i - 1])
        if ends:
            return bare
    return _bare(words[-1])


def noun_kind(noun: str, hints: Hints) -> str:
    """ "count", "mass" or "plural": the lexicon's word first, then the word lists."""
    known = hints.noun_kind(noun)
    if known in ("count", "mass", "plural"):
        return known
    if noun in _words("plurals"):
        return "plural"
    if noun in _words("mass_nouns") or noun.endswith(tuple(_words("mass_suffixes"))):
        return "mass"
    if known == "both":
        return "count"
    if (len(noun) > 3 and noun.endswith("s") and noun not in _words("singular_s")
            and not noun.endswith(("ss", "us", "is", "ous"))):
        return "plural"
    return "count"


def needs_article(text: str, hints: Hints) -> bool:
    """A bare singular countable noun phrase: "country in Central Africa", "magpie"; not
    a name, a possessive, or an adverb before a determiner ("traditionally the third …")."""
    words = text.split(" ", 2)
    first, bare = words[0], _bare(words[0])
    second = _bare(words[1]) if len(words) > 1 else ""
    if (not bare or not first[:1].isalpha() or bare in _words("determiners")
            or bare in _words("pronouns") or bare.endswith(("'s", "’s", "s'"))
            or bare.endswith(tuple(_words("adverb_endings"))) or second in _words("determiners")
            or starts_with_name(text, hints)):
        return False
    head = head_noun(text)
    return head is not None and noun_kind(head, hints) == "count"


def form_of_phrase(text: str, sense: Sense) -> str | None:
    """ "present participle of" when the gloss says what form of another word it is."""
    lowered = text.lower()
    for phrase in _form_of_phrases():
        if lowered.startswith(phrase):
            return phrase.strip()
    if sense.form_of and " of " in lowered:
        head = lowered.split(" of ", 1)[0]
        if len(head.split()) <= 5:
            return f"{head} of"
    return None


def form_of_article(phrase: str) -> str:
    """ "the" for the one form a word has (its plural, its past participle), "a"/"an" for
    one of several (an alternative form, a misspelling, an initialism)."""
    words = set(re.split(r"[\s-]+", phrase))
    if words & _words("indefinite_form_of"):
        return article(phrase)
    if words & _words("definite_form_of"):
        return "the"
    return article(phrase)


def is_expansion(text: str, sense: Sense, entry: Entry) -> bool:
    """An abbreviation's sense that spells it out ("Return on investment"), which reads as
    "stands for", not as "is"."""
    abbreviation = entry.pos == "abbrev" or bool(set(sense.tags) & _words("abbreviation_tags"))
    if not abbreviation or sense.form_of:
        return False
    first = _bare(text.split(" ", 1)[0]) if text else ""
    return bool(first) and first not in _words("determiners") and first not in _words("pronouns")


def sentence_part(sense: Sense, entry: Entry, hints: Hints, short: bool = False) -> Part:
    """The sense's gloss ready to follow "X is"; `short` keeps only its first clause (for
    a sentence that goes on after it)."""
    text = tidy(drop_dangling(first_sentence(" ".join(sense.gloss.split()))))
    if short:
        text = first_clause(text)
    text = tidy(text)
    if is_expansion(text, sense, entry):
        return Part(text if _title_case(text) else lower_first(text, hints), expansion=True)
    phrase = form_of_phrase(text, sense)
    if phrase is not None:  # "Initialism of International …": only the phrase is lowered
        return Part(f"{form_of_article(phrase)} {phrase}{text[len(phrase):]}")
    text = lower_first(text, hints)
    if entry.pos in _words("noun_pos") and needs_article(text, hints):
        return Part(f"{article(text)} {text}")
    return Part(text)
