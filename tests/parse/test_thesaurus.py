"""Thesaurus pages read into blocks of terms: today's layout and the old Wikisaurus one."""

from __future__ import annotations

from support import corpus_or_skip

from wiktlex.ingest.files import read_file
from wiktlex.model import RawPage
from wiktlex.parse.thesaurus import headword, parse_thesaurus

TODAY = """{{ws header|en}}
==English==

===Noun===

===={{ws sense|en|a structure serving as an abode}}====
=====Synonyms=====
{{ws beginlist}}
{{ws|en|abode}}
{{ws|en|dwelling|q=formal}}
{{ws endlist}}

=====Hyponyms=====
{{col|en|bungalow|cottage}}

====Sense: a family lineage====
=====Synonyms=====
* [[dynasty]], {{l|en|lineage}}
"""


def blocks(text: str, title: str = "Thesaurus:house") -> list[tuple[str, str, str | None, str, list[str]]]:
    found, diagnostics = parse_thesaurus(RawPage(title=title, text=text, ns=110))
    assert [d for d in diagnostics if d.severity != "info"] == []
    return [(b.lang_code, b.pos, b.sense, b.kind, [t.word for t in b.terms]) for b in found]


def test_todays_layout_gives_sense_kind_and_terms() -> None:
    assert blocks(TODAY) == [
        ("en", "noun", "a structure serving as an abode", "synonyms", ["abode", "dwelling"]),
        ("en", "noun", "a structure serving as an abode", "hyponyms", ["bungalow", "cottage"]),
        ("en", "noun", "a family lineage", "synonyms", ["dynasty", "lineage"]),
    ]
    first = parse_thesaurus(RawPage(title="Thesaurus:house", text=TODAY, ns=110))[0][0]
    assert first.terms[1].qualifiers == ["formal"]
    assert headword("Thesaurus:house") == "house"


def test_the_old_layout_lists_synonyms_under_the_sense() -> None:
    page = read_file(corpus_or_skip("other_ns", "Thesaurus:hieno.wikitext"))
    found = blocks(page.text, page.title)
    assert [(lang, pos, sense, kind) for lang, pos, sense, kind, _ in found] == [
        ("fi", "adj", "good looking, fine", "synonyms"), ("fi", "adj", "good looking, fine", "antonyms")]
    assert len(found[0][4]) == 16 and found[1][4] == ["ruma"]


def test_a_page_without_terms_gives_no_blocks() -> None:
    assert blocks("==English==\n\n===Noun===\n\n====Sense: x====\n") == []
