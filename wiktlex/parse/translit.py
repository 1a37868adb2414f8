"""Automatic transliteration, as Wiktionary's Module:xx-translit gives it, for the languages
whose tables are data (data/translit.json; Russian for now).

A mention of `{{m|ru|ру́сский}}` without `tr=` reads "ру́сский (rússkij)" on Wiktionary
because the module transliterates it; the lexicon's text should read the same. Languages
without a table get no transliteration (and a given `tr=` always wins).
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

from wiktlex.parse.data import load

_MARKS = frozenset("\u0301\u0300")  # stress marks, carried over to the Latin vowel


@cache
def _table(lang: str) -> dict[str, Any] | None:
    table: dict[str, Any] | None = load("translit").get(lang)
    return table


def can_transliterate(lang: str) -> bool:
    return _table(lang) is not None


def transliterate(text: str, lang: str) -> str:
    """`ру́сский` -> `rússkij`; "" when the language has no table or the text is Latin."""
    table = _table(lang)
    if table is None or not any(ch.lower() in table["letters"] for ch in text):
        return ""
    out: list[str] = []
    previous = ""
    for char in unicodedata.normalize("NFC", text):  # й, ё stay letters; stress marks combine
        if char in _MARKS:
            out.append(char)
            continue
        lower = char.lower()
        latin = _letter(table, lower, previous)
        if latin is None:
            out.append(char)
        else:
            out.append(latin[:1].upper() + latin[1:] if char != lower else latin)
        previous = lower
    return unicodedata.normalize("NFC", "".join(out))


def _letter(table: dict[str, Any], char: str, previous: str) -> str | None:
    letters: dict[str, str] = table["letters"]
    if char not in letters:
        return None
    if previous and previous in table["hushing"] and char in table["after_hushing"]:
        return str(table["after_hushing"][char])
    starts_word = previous == "" or not (previous in letters or previous.isalpha())
    after = bool(previous) and (previous in table["vowels"] or previous in table["after_sign"])
    if char in table["initial"] and (starts_word or after):
        return str(table["initial"][char])
    return letters[char]
