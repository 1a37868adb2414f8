"""Segments and syllables: one generic splitter for phonemes and for spellings alike.

A word is cut into segments (a base character with its diacritics, tie-barred pairs and
modifier letters, or a spelling unit such as `ch`); vowel segments are nuclei, adjacent
vowels join one nucleus while the language's `nucleus` pattern allows it, and the
consonants between two nuclei go to the next syllable as far as the `onset` pattern
allows (maximal onset). Explicit `.` breaks are kept.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

STRESS_MARKS = "ˈˌ"
_ATTACHED = frozenset("ʲʷːˑʰˠˤ̃ⁿˀ")


@dataclass(slots=True)
class Segment:
    text: str
    vowel: bool
    stress: str = ""  # "ˈ" or "ˌ" when a stress marker followed it


def segments(word: str, vowels: str, units: tuple[str, ...] = ()) -> list[Segment | None]:
    """Segments of `word`; None stands for an explicit syllable break (`.`)."""
    out: list[Segment | None] = []
    index = 0
    while index < len(word):
        char = word[index]
        if char == ".":
            out.append(None)
            index += 1
            continue
        if char in STRESS_MARKS:
            _mark(out, char)
            index += 1
            continue
        unit = next((u for u in units if word.startswith(u, index)), "")
        end = index + max(len(unit), 1)
        while end < len(word) and _attached(word, end):
            end += 2 if word[end] in "\u0361\u035c" and end + 1 < len(word) else 1
        text = word[index:end]
        is_vowel = text[0] in vowels and "\u032f" not in text
        out.append(Segment(text, is_vowel))
        index = end
    return out


def _attached(word: str, index: int) -> bool:
    char = word[index]
    return unicodedata.category(char) == "Mn" or char in _ATTACHED


def _mark(out: list[Segment | None], mark: str) -> None:
    for seg in reversed(out):
        if seg is not None:
            seg.stress = mark
            return


def syllabify(segs: list[Segment | None], onset: re.Pattern[str], nucleus: re.Pattern[str] | None
              ) -> list[list[Segment]]:
    """Group segments into syllables (see the module docstring)."""
    pieces: list[list[Segment]] = [[]]
    for seg in segs:
        if seg is None:
            if pieces[-1]:
                pieces.append([])
        else:
            pieces[-1].append(seg)
    syllables: list[list[Segment]] = []
    for piece in pieces:
        if piece:
            syllables.extend(_split_piece(piece, onset, nucleus))
    return syllables


def _nuclei(piece: list[Segment], nucleus: re.Pattern[str] | None) -> list[tuple[int, int]]:
    """(start, end) spans of the nuclei of a stretch without explicit breaks."""
    spans: list[tuple[int, int]] = []
    for index, seg in enumerate(piece):
        if not seg.vowel:
            continue
        if spans and spans[-1][1] == index and nucleus is not None and not seg.stress:
            start = spans[-1][0]
            joined = "".join(s.text for s in piece[start : index + 1])
            if nucleus.fullmatch(joined):
                spans[-1] = (start, index + 1)
                continue
        spans.append((index, index + 1))
    return spans


def _split_piece(piece: list[Segment], onset: re.Pattern[str], nucleus: re.Pattern[str] | None
                 ) -> list[list[Segment]]:
    spans = _nuclei(piece, nucleus)
    if len(spans) < 2:
        return [piece]
    cuts = []
    for (_, end), (start, _) in itertools.pairwise(spans):
        cut = start
        while cut > end and onset.fullmatch("".join(s.text for s in piece[cut - 1 : start])):
            cut -= 1
        cuts.append(cut)
    bounds = [0, *cuts, len(piece)]
    return [piece[a:b] for a, b in itertools.pairwise(bounds)]


def stressed_index(syllables: list[list[Segment]], mark: str = "ˈ") -> int | None:
    """The syllable holding a segment marked with `mark`, if any."""
    for index, syllable in enumerate(syllables):
        if any(seg.stress == mark for seg in syllable):
            return index
    return None
