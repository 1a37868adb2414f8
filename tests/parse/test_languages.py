"""Language data (data/languages.json, built from ipanema): the names fixtures rely on."""

from __future__ import annotations

import pytest

from wiktlex.parse.languages import is_family, language_code, language_name

PINNED = {
    "en": "English", "enm": "Middle English", "ang": "Old English", "fro": "Old French",
    "fr": "French", "la": "Latin", "LL.": "Late Latin", "la-lat": "Late Latin",
    "gem-pro": "Proto-Germanic", "ine-pro": "Proto-Indo-European", "grc": "Ancient Greek",
    "de": "German", "nl": "Dutch", "fy": "West Frisian", "nds": "Low German", "da": "Danish",
    "nb": "Norwegian Bokmål", "ru": "Russian", "zh": "Chinese", "cmn": "Mandarin",
    "ja": "Japanese", "es": "Spanish", "ca": "Catalan", "gem": "Germanic",
}


@pytest.mark.parametrize(("code", "name"), sorted(PINNED.items()))
def test_pinned_names(code: str, name: str) -> None:
    assert language_name(code) == name


@pytest.mark.parametrize("name", ["English", "Middle English", "Old French", "Latin", "Translingual"])
def test_heading_names_map_back(name: str) -> None:
    code = language_code(name)
    assert code is not None and language_name(code) == name


def test_unknown_code_is_none() -> None:
    assert language_name("xx-nonsense") is None


def test_families() -> None:
    assert is_family("gem") and not is_family("en")
