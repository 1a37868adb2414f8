"""The summary sentences: "As nouns the difference between A and B is that A is … while B is …".

These are the sentences users know from the old comparison pages, so their shapes are
fixed (phrases.json) and every rule is one small function: which sense speaks for an
etymology, how a gloss is bent to sit inside a sentence, how a part of speech is named.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from wiktlex.compare.data import load
from wiktlex.compare.model import SummarySentence
from wiktlex.compare.wording import Hints, NoHints, lower_first, sentence_part, tidy
from wiktlex.model import Entry, Sense


def phrase(key: str) -> str:
    """A fixed wording of the page (data/phrases.json)."""
    text: str = load("phrases")[key]
    return text


@dataclass(frozen=True, slots=True)
class PosName:
    singular: str
    plural: str
    article: str


def pos_name(pos: str, pos_title: str = "") -> PosName:
    """How a sentence names a part of speech ("Initialism" by its heading, which says more
    than its key, abbrev); unknown keys fall back to the heading."""
    table = load("pos_names")
    known = table.get(pos_title.lower()) if pos_title.lower() in table else table.get(pos)
    if isinstance(known, dict):
        return PosName(known["singular"], known["plural"], known["article"])
    singular = (pos_title or pos).lower()
    plural = singular + ("es" if singular.endswith(("s", "x", "ch", "sh")) else "s")
    return PosName(singular, plural, "an" if singular[:1] in "aeiou" else "a")


def _normal(text: str) -> str:
    return text.strip().rstrip(".").strip().casefold()


def is_real_sense(sense: Sense, word: str) -> bool:
    """A sense that can speak for the word: not empty, not a form-of, not just the word."""
    gloss = sense.gloss.strip()
    if not gloss or sense.form_of:
        return False
    return _normal(gloss) != _normal(word)


def _walk(senses: Sequence[Sense]) -> list[Sense]:
    """Senses depth first, so a heading sense with only sub-senses yields its first child."""
    found: list[Sense] = []
    for sense in senses:
        found.append(sense)
        found.extend(_walk(sense.subsenses))
    return found


def first_sense(entry: Entry) -> Sense | None:
    """The sense that speaks for an entry: its first real sense, else its first gloss."""
    senses = _walk(entry.senses)
    for sense in senses:
        if is_real_sense(sense, entry.word):
            return sense
    for sense in senses:
        if sense.gloss.strip() and _normal(sense.gloss) != _normal(entry.word):
            return sense
    return None


def first_gloss(entry: Entry) -> str | None:
    sense = first_sense(entry)
    return sense.gloss.strip() if sense else None


def sentence_gloss(gloss: str) -> str:
    """A gloss bent to sit inside a sentence: first letter lower-cased, final period dropped.

    Acronyms and mixed-case words ("DNA", "McJob") keep their capitals, and so does "I";
    an ellipsis or a final "etc." keeps its dots.
    """
    return lower_first(tidy(gloss), NoHints())


Speaker = tuple[Entry, Sense]


def senses_by_pos(entries: Sequence[Entry]) -> dict[str, list[Speaker]]:
    """pos -> the sense that speaks for each etymology with that part of speech, in order."""
    found: dict[str, list[Speaker]] = {}
    seen: set[tuple[str, int | None]] = set()
    for entry in entries:
        key = (entry.pos, entry.etymology_number)
        if key in seen:
            continue
        sense = first_sense(entry)
        if sense is None:
            continue
        seen.add(key)
        found.setdefault(entry.pos, []).append((entry, sense))
    return found


def _alternatives(word: str, speakers: list[Speaker], hints: Hints, short: bool) -> str:
    """ "is A or WORD can be B", "stands for A": each gloss as the sentence needs it.

    With more than one alternative, or when the sentence goes on, each gloss keeps only
    its first clause, so "or WORD can be" never lands in the middle of another's list."""
    short = short or len(speakers) > 1
    parts = [sentence_part(sense, entry, hints, short) for entry, sense in speakers]
    first, rest = parts[0], parts[1:]
    texts = [phrase("first_expansion" if first.expansion else "first_gloss").format(
        gloss=first.text)]
    texts += [phrase("more_expansion" if p.expansion else "more_gloss").format(
        word=word, gloss=p.text) for p in rest]
    return " ".join(texts)


def _finish(sentence: str) -> str:
    """One final stop, even when the last gloss kept its own ("etc.", "!"); no doubled
    punctuation or spaces where two pieces meet."""
    sentence = re.sub(r"\s{2,}", " ", sentence)
    sentence = re.sub(r"([!?])\.$", r"\1", sentence)
    sentence = re.sub(r"(?<!\.)\.\.$", ".", sentence)
    return re.sub(r"([,;:])\.$", ".", sentence)


def connective(word1: str, word2: str) -> str:
    """ "while", unless one of the words is "while" itself (the sentence would stumble)."""
    if "while" in (word1.casefold(), word2.casefold()):
        return phrase("connective_when_while")
    return phrase("connective")


def both_sentence(pos: str, pos_title: str, word1: str, speakers1: list[Speaker],
                  word2: str, speakers2: list[Speaker], hints: Hints) -> str:
    name = pos_name(pos, pos_title)
    return _finish(phrase("both").format(
        plural=name.plural, word1=word1, word2=word2,
        glosses1=_alternatives(word1, speakers1, hints, short=True),
        glosses2=_alternatives(word2, speakers2, hints, short=True),
        connective=connective(word1, word2),
    ))


def one_sentence(pos: str, pos_title: str, word: str, speakers: list[Speaker],
                 hints: Hints) -> str:
    name = pos_name(pos, pos_title)
    return _finish(phrase("one").format(
        article=name.article, singular=name.singular, word=word,
        glosses=_alternatives(word, speakers, hints, short=False),
    ))


def _pos_titles(entries: Sequence[Entry]) -> dict[str, str]:
    titles: dict[str, str] = {}
    for entry in entries:
        titles.setdefault(entry.pos, entry.pos_title)
    return titles


def summarize(word1: str, entries1: Sequence[Entry],
              word2: str | None, entries2: Sequence[Entry],
              hints: Hints | None = None) -> list[SummarySentence]:
    """One sentence per part of speech, in the order the parts first appear (word1 first).

    `word2` None means a one-word page (the same word twice): one-word sentences only.
    `hints` (what the lexicon knows about the words glosses use) improve the articles.
    """
    hints = hints or NoHints()
    by1 = senses_by_pos(entries1)
    by2 = senses_by_pos(entries2) if word2 is not None else {}
    titles = _pos_titles(entries2) | _pos_titles(entries1)
    sentences: list[SummarySentence] = []
    for pos in list(dict.fromkeys([*by1, *by2])):
        title = titles.get(pos, pos)
        if pos in by1 and pos in by2 and word2 is not None:
            text = both_sentence(pos, title, word1, by1[pos], word2, by2[pos], hints)
            sentences.append(SummarySentence(pos=pos, words=[word1, word2], text=text))
        elif pos in by1:
            text = one_sentence(pos, title, word1, by1[pos], hints)
            sentences.append(SummarySentence(pos=pos, words=[word1], text=text))
        elif word2 is not None:
            text = one_sentence(pos, title, word2, by2[pos], hints)
            sentences.append(SummarySentence(pos=pos, words=[word2], text=text))
    return sentences
