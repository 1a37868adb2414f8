"""`wording.Hints` answered by the lexicon: the dictionary tells the summary how its own
words behave (is "pie" countable? is "Venus" only ever capitalised?)."""

from __future__ import annotations

from wiktlex.lexicon import Lexicon
from wiktlex.model import Entry


def _kind(nouns: list[Entry]) -> str | None:
    """What the head lines and forms of a word's English nouns say about counting it."""
    senses = [s for e in nouns for s in e.senses]
    if senses and all(any(f.kind == "plural" for f in s.form_of) for s in senses):
        return "plural"
    heads = " ".join(t.text for e in nouns for t in e.head_templates).lower()
    if "plural only" in heads or "plurale tantum" in heads:
        return "plural"
    countable = any("plural" in f.tags for e in nouns for f in e.forms)
    if "usually uncountable" in heads or ("uncountable" in heads and not countable):
        return "mass"
    if "uncountable" in heads:
        return "both"
    return "count" if countable else None


class LexiconHints:
    """Hints from one lexicon, each word looked up once."""

    def __init__(self, lexicon: Lexicon, lang_code: str = "en") -> None:
        self.lexicon = lexicon
        self.lang_code = lang_code
        self._kinds: dict[str, str | None] = {}
        self._proper: dict[str, bool] = {}

    def noun_kind(self, word: str) -> str | None:
        if word not in self._kinds:
            nouns = [e for e in self.lexicon.entries(word, self.lang_code) if e.pos == "noun"]
            self._kinds[word] = _kind(nouns) if nouns else None
        return self._kinds[word]

    def proper(self, word: str) -> bool:
        if word not in self._proper:
            lower = word[:1].lower() + word[1:]
            self._proper[word] = (word != lower and bool(self.lexicon.entries(word, "en"))
                                  and not self.lexicon.entries(lower, "en"))
        return self._proper[word]
