"""The generic rule engine: spelling -> phonemes -> syllables -> stress -> IPA.

A rule set is data (`wiktlex/parse/data/phonology/CODE.json`); this module only runs it:

- `letters`: what a respelling may contain; anything else is `Undecidable` (no guess).
- `rules`: ordered regex rewrites from the (lower-cased, NFC) spelling to phonemes; a
  stressed vowel is followed by `ˈ` (secondary `ˌ`), `.` is a syllable break. `{X}` in a
  pattern stands for the class `X` of `classes`.
- `syllables`: IPA vowels, the `onset` pattern (maximal onset) and an optional `nucleus`.
- `stress`: `default` [[pattern on the spelling, position]] where no `ˈ` was written
  (position -2 = penult, 1 = first syllable…); no default -> `Undecidable` for words of
  several syllables; `monosyllables`: whether one-syllable words get `ˈ`.
- `unresolved`: [[pattern, message]] on the phonemes: a match means the spelling is
  ambiguous (Italian `z`) and the respelling must say more; `stress.ambiguous`: a pattern
  on a default-stressed syllable that the rules cannot pronounce (Italian e/o quality).
- `after`: rewrites once syllables and stress are known, each `where` one of word,
  stressed, unstressed, pretonic, posttonic, final, initial (syllable-scoped).
- `variants`: accents/dialects ({tags, key, rules, after, minor}); their rules run after
  the main ones (resolving placeholders such as `Θ`); equal results are merged, and a
  `minor` variant is named only where it differs from every other one.
- `hyphenation`: the same splitter on the spelling ({vowels, units, onset, nucleus}).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from wiktlex.parse.phonology.syllables import Segment, segments, stressed_index, syllabify


class Undecidable(ValueError):
    """The rule set cannot decide this pronunciation (the caller reports it; no IPA)."""


class RuleSetError(ValueError):
    """A rule set's data is malformed (a bug in the data: fails loudly at load)."""


Rule = tuple[re.Pattern[str], str]
_CLASS = re.compile(r"\{(\w+)\}")
_WHERE = frozenset({"word", "stressed", "unstressed", "pretonic", "posttonic", "final", "initial"})


@dataclass(frozen=True, slots=True)
class Variant:
    tags: tuple[str, ...]
    key: str
    rules: tuple[Rule, ...]
    after: tuple[tuple[str, tuple[Rule, ...]], ...]
    minor: bool = False


@dataclass(slots=True)
class Result:
    """One pronunciation: the IPA, the variant tags it holds for, and its syllables."""

    ipa: str
    tags: list[str] = field(default_factory=list)
    rhyme: str = ""


def _compile(pattern: str, classes: dict[str, str], where: str) -> re.Pattern[str]:
    def expand(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in classes:
            raise RuleSetError(f"{where}: unknown class {{{name}}} in {pattern!r}")
        return f"[{classes[name]}]"

    try:
        return re.compile(_CLASS.sub(expand, pattern))
    except re.error as exc:
        raise RuleSetError(f"{where}: bad pattern {pattern!r}: {exc}") from exc


def _rules(raw: Any, classes: dict[str, str], where: str) -> tuple[Rule, ...]:
    if not isinstance(raw, list) or not all(isinstance(r, list) and len(r) == 2 for r in raw):
        raise RuleSetError(f"{where}: rules must be [[pattern, replacement], …]")
    return tuple((_compile(p, classes, where), r) for p, r in raw)


def _after(raw: Any, classes: dict[str, str], where: str) -> tuple[tuple[str, tuple[Rule, ...]], ...]:
    stages = []
    for stage in raw or []:
        scope = stage.get("where", "word")
        if scope not in _WHERE:
            raise RuleSetError(f"{where}: unknown scope {scope!r}")
        stages.append((scope, _rules(stage.get("rules", []), classes, where)))
    return tuple(stages)


class RuleSet:
    """One language's rules, compiled once; `transcribe` is pure."""

    def __init__(self, code: str, data: dict[str, Any]) -> None:
        where = f"phonology/{code}"
        try:
            classes = dict(data.get("classes", {}))
            self.code = code
            self.letters = re.compile(f"[{data['letters']}]")
            self.rules = _rules(data["rules"], classes, where)
            syl = data["syllables"]
            self.vowels: str = syl["vowels"]
            self.onset = _compile(syl["onset"], classes, where)
            self.nucleus = _compile(syl["nucleus"], classes, where) if "nucleus" in syl else None
            stress = data.get("stress", {})
            self.default_stress = [(_compile(p, classes, where), int(n)) for p, n in stress.get("default", [])]
            self.monosyllables = bool(stress.get("monosyllables", True))
            self.ambiguous = _compile(stress["ambiguous"], classes, where) if "ambiguous" in stress else None
            self.unresolved = [(_compile(p, classes, where), m) for p, m in data.get("unresolved", [])]
            self.after = _after(data.get("after"), classes, where)
            self.dots = bool(data.get("dots", True))
            self.rhyme_rules = _rules(data.get("rhyme", []), classes, where)
            self.brackets: str = data.get("brackets", "//")
            self.tag_groups = [(str(g), tuple(m)) for g, m in data.get("tag_groups", [])]
            self.variants = tuple(self._variant(v, classes, where) for v in data.get("variants", [{}]))
            self.hyphenation = _Hyphenation(data["hyphenation"], classes, where) if "hyphenation" in data else None
        except (KeyError, TypeError, AttributeError) as exc:
            raise RuleSetError(f"{where}: malformed rule set ({exc!r})") from exc

    @staticmethod
    def _variant(raw: dict[str, Any], classes: dict[str, str], where: str) -> Variant:
        return Variant(
            tuple(raw.get("tags", [])), raw.get("key", ""),
            _rules(raw.get("rules", []), classes, where), _after(raw.get("after"), classes, where),
            bool(raw.get("minor", False)),
        )

    def hyphenate(self, word: str) -> list[str]:
        """The written syllables of `word` (`casa` -> ["ca", "sa"]); [] without hyphenation rules."""
        return self.hyphenation.split(word) if self.hyphenation is not None else []

    def check(self, text: str) -> str:
        """The respelling normalised (NFC, lower case); Undecidable on a foreign symbol."""
        text = unicodedata.normalize("NFC", text).lower().strip()
        if not text:
            raise Undecidable("empty respelling")
        bad = sorted({c for c in text if not self.letters.fullmatch(c)})
        if bad:
            raise Undecidable(f"respelling symbol(s) the {self.code} rules do not know: {' '.join(bad)}")
        return text

    def transcribe(self, text: str, keys: tuple[str, ...] = ()) -> list[Result]:
        """Every distinct pronunciation of `text`, tagged by the variants that give it."""
        spelling = self.check(text)
        chosen = [v for v in self.variants if not keys or v.key in keys] or list(self.variants)
        merged: dict[str, Result] = {}
        for variant in sorted(chosen, key=lambda v: v.minor):
            ipa, rhyme = self._one(spelling, variant)
            if variant.minor and ipa in merged:
                continue
            result = merged.setdefault(ipa, Result(ipa, [], rhyme))
            result.tags.extend(t for t in variant.tags if t not in result.tags)
        results = list(merged.values())
        for result in results:
            for group, members in self.tag_groups:
                if all(m in result.tags for m in members):
                    result.tags = [group, *(t for t in result.tags if t not in members)]
        if len(results) == 1 and not keys:
            results[0].tags = []
        return results

    def _one(self, spelling: str, variant: Variant) -> tuple[str, str]:
        text = spelling
        for pattern, repl in (*self.rules, *variant.rules):
            text = pattern.sub(repl, text)
        for pattern, message in self.unresolved:
            if pattern.search(text):
                raise Undecidable(message)
        words = [w for w in re.split(r"[\s‿]+", text) if w]
        if not words:
            raise Undecidable("nothing to pronounce")
        originals = spelling.split()
        rendered = []
        for index, word in enumerate(words):
            original = originals[index] if index < len(originals) else word
            rendered.append(self._word(word, original, variant))
        ipa = " ".join(rendered)
        rhyme = _rhyme(rendered[-1], self.vowels)
        for pattern, repl in self.rhyme_rules:
            rhyme = pattern.sub(repl, rhyme)
        ipa = ipa if self.dots else ipa.replace(".", "")
        return self.brackets[0] + ipa + self.brackets[-1], rhyme

    def _word(self, word: str, original: str, variant: Variant) -> str:
        syllables = syllabify(segments(word, self.vowels), self.onset, self.nucleus)
        if not syllables:
            raise Undecidable("nothing to pronounce")
        stressed = self._stress(syllables, original)
        hidden = stressed is None and len(syllables) == 1
        stressed = 0 if hidden else stressed
        texts = ["".join(s.text for s in syl) for syl in syllables]
        secondary = {i for i, syl in enumerate(syllables) if any(s.stress == "ˌ" for s in syl)}
        for scope, rules in (*self.after, *variant.after):
            texts = _apply(scope, rules, texts, stressed, secondary)
            texts, stressed, secondary = _reparse(texts, stressed, secondary)
        word = _render(texts, stressed, secondary)
        return word.lstrip("ˈ") if hidden else word

    def _stress(self, syllables: list[list[Segment]], original: str) -> int | None:
        marked = stressed_index(syllables)
        if marked is not None:
            return marked
        if len(syllables) == 1:
            return 0 if self.monosyllables else None
        for pattern, position in self.default_stress:
            if pattern.search(original):
                index = position - 1 if position > 0 else len(syllables) + position
                index = min(max(index, 0), len(syllables) - 1)
                if self.ambiguous and self.ambiguous.search("".join(s.text for s in syllables[index])):
                    raise Undecidable("the stressed vowel's quality is not marked")
                return index
        raise Undecidable("stress is not marked and the rules cannot place it")


class _Hyphenation:
    """Written syllables: spelling units, vowel letters, onsets and nuclei of the spelling."""

    def __init__(self, raw: dict[str, Any], classes: dict[str, str], where: str) -> None:
        self.vowels: str = raw["vowels"]
        self.units = tuple(sorted(raw.get("units", []), key=len, reverse=True))
        self.onset = _compile(raw["onset"], classes, where)
        self.nucleus = _compile(raw["nucleus"], classes, where) if "nucleus" in raw else None

    def split(self, word: str) -> list[str]:
        lower = word.lower()
        if len(lower) != len(word):
            word = lower
        out = []
        for part in re.split(r"([\s-]+)", word):
            if not part or part.isspace() or set(part) <= {"-", " "}:
                continue
            segs = segments(part.lower(), self.vowels, self.units)
            syllables, start = [], 0
            for syl in syllabify(segs, self.onset, self.nucleus):
                size = sum(len(s.text) for s in syl)
                syllables.append(part[start : start + size])
                start += size
            out.extend(syllables)
        return out


def _apply(scope: str, rules: tuple[Rule, ...], texts: list[str], stressed: int | None,
           secondary: set[int]) -> list[str]:
    if scope == "word":
        text = _render(texts, stressed, secondary)
        for pattern, repl in rules:
            text = pattern.sub(repl, text)
        return [text]
    out = []
    for index, syl in enumerate(texts):
        if _in_scope(scope, index, len(texts), stressed):
            for pattern, repl in rules:
                syl = pattern.sub(repl, syl)
        out.append(syl)
    return out


def _in_scope(scope: str, index: int, count: int, stressed: int | None) -> bool:
    tests = {
        "stressed": index == stressed,
        "unstressed": index != stressed,
        "pretonic": stressed is not None and index == stressed - 1,
        "posttonic": stressed is not None and index > stressed,
        "final": index == count - 1,
        "initial": index == 0,
    }
    return tests[scope]


def _render(texts: list[str], stressed: int | None, secondary: set[int]) -> str:
    out = ""
    for index, syl in enumerate(texts):
        mark = "ˈ" if index == stressed else "ˌ" if index in secondary else ("." if index else "")
        out += mark + syl
    return out


def _reparse(texts: list[str], stressed: int | None, secondary: set[int]) -> tuple[list[str], int | None, set[int]]:
    """After a word-scoped rewrite the syllables are read back from the marks."""
    if len(texts) != 1 or not re.search(r"[.ˈˌ]", texts[0]):
        return texts, stressed, secondary
    parts = re.split(r"(?=[.ˈˌ])", texts[0])
    syllables: list[str] = []
    stressed, secondary = None, set()
    for part in parts:
        if not part:
            continue
        if part[0] == "ˈ":
            stressed = len(syllables)
        elif part[0] == "ˌ":
            secondary.add(len(syllables))
        syllables.append(part.lstrip(".ˈˌ"))
    return syllables, stressed, secondary


def _rhyme(word: str, vowels: str) -> str:
    """From the stressed vowel to the end, without syllable marks (`ˈka.sa` -> `asa`)."""
    tail = word.rsplit("ˈ", 1)[-1] if "ˈ" in word else word
    tail = tail.replace(".", "").replace("ˌ", "")
    for index, char in enumerate(tail):
        if char in vowels:
            return tail[index:]
    return ""
