"""Pronunciation sections: IPA in both argument styles, accents and qualifiers as tags, scoping."""

from __future__ import annotations

from typing import Any

import msgspec

from wiktlex.model import RawPage
from wiktlex.parse.page import parse_page


def sounds(lines: str, title: str = "house") -> tuple[list[dict[str, Any]], list[str]]:
    page = f"==English==\n===Pronunciation===\n{lines}\n\n===Noun===\n{{{{en-noun}}}}\n\n# gloss\n"
    result = parse_page(RawPage(title=title, text=page))
    entry = result.entries[0]
    found = [{k: v for k, v in msgspec.to_builtins(s).items() if v} for s in entry.sounds]
    return found, entry.hyphenation


def test_ipa_new_and_old_style() -> None:
    assert sounds("* {{IPA|en|/haʊs/|/hæʊs/}}")[0] == [{"ipa": "/haʊs/"}, {"ipa": "/hæʊs/"}]
    assert sounds("* {{IPA|/haʊs/|lang=en}}")[0] == [{"ipa": "/haʊs/"}]


def test_accents_and_qualifiers_become_tags() -> None:
    found, _ = sounds("* {{a|UK}} {{IPA|en|/təˈmɑːtəʊ/}}\n* {{accent|GA}} {{IPA|en|/təˈmeɪtoʊ/}} {{qualifier|rare}}")
    assert found == [
        {"ipa": "/təˈmɑːtəʊ/", "tags": ["UK"]},
        {"ipa": "/təˈmeɪtoʊ/", "tags": ["General American", "rare"]},
    ]
    found, _ = sounds("* {{IPA|en|/x/|a=RP}}")
    assert found == [{"ipa": "/x/", "tags": ["Received Pronunciation"]}]


def test_sense_scopes_the_lines_below_it() -> None:
    found, _ = sounds("* {{sense|noun}}\n** {{IPA|en|/haʊs/}}\n* {{sense|verb}}\n** {{IPA|en|/haʊz/}}\n* {{rhymes|en|aʊs}}")
    # The page's only entry is a noun: the verb's pronunciation is scoped away from it.
    assert found == [
        {"ipa": "/haʊs/", "tags": ["noun"]},
        {"rhymes": "-aʊs"},
    ]


def test_enpr_audio_rhymes_homophones_hyphenation() -> None:
    found, hyphenation = sounds(
        "* {{enPR|hous}}\n"
        "* {{audio|en-us-house.ogg|Audio (US)|lang=en}}\n"
        "* {{audio|en|En-uk-house.ogg|Audio (UK)}}\n"
        "* {{rhymes|aʊs|aʊz|lang=en}}\n"
        "* {{homophones|en|how's}}\n"
        "* {{hyphenation|en|hou|se||house}}"
    )
    assert found == [
        {"enpr": "hous"},
        {"audio": "en-us-house.ogg", "tags": ["US"]},
        {"audio": "En-uk-house.ogg", "tags": ["UK"]},
        {"rhymes": "-aʊs"},
        {"rhymes": "-aʊz"},
        {"homophone": "how's"},
    ]
    assert hyphenation == ["hou‧se", "house"]


def test_old_hyphenation_without_language() -> None:
    assert sounds("* {{hyphenation|dic|tion|ar|y}}", "dictionary")[1] == ["dic‧tion‧ar‧y"]


def test_sampa_is_shown_not_kept_and_bad_input_is_quiet() -> None:
    found, _ = sounds("* {{SAMPA|/haUs/}}\n* {{IPA}}\n* {{audio}}\n* {{IPA|en|/x/<q:rare>}}")
    assert found == [{"ipa": "/x/", "tags": ["rare"]}] or found == [{"ipa": "/x/"}]
