"""Relation sections and inline relations: links, sense groups, column lists, boxes."""

from __future__ import annotations

from wiktlex.model import Entry, RawPage
from wiktlex.parse.page import parse_page


def entry(body: str, heading: str = "Synonyms") -> Entry:
    page = f"==English==\n===Noun===\n{{{{en-noun}}}}\n\n# gloss\n\n===={heading}====\n{body}\n"
    return parse_page(RawPage(title="dog", text=page)).entries[0]


def words(found: Entry, key: str) -> list[tuple[str, str | None, list[str]]]:
    return [(r.word, r.sense, r.qualifiers) for r in found.relations.get(key, [])]


def test_bullet_links_with_sense_and_qualifiers() -> None:
    found = entry("* {{sense|animal}} {{l|en|hound}}, [[canine]] {{q|formal}}\n* {{s|person}} [[mutt]]")
    assert words(found, "synonyms") == [
        ("hound", "animal", []),
        ("canine", "animal", ["formal"]),
        ("mutt", "person", []),
    ]


def test_column_lists_old_and_new() -> None:
    found = entry("{{der3|en|doghouse|hot dog<q:food>}}\n{{der4|lang=en|dogcatcher|[[sea]] [[dog]]}}", "Derived terms")
    assert words(found, "derived") == [
        ("doghouse", None, []),
        ("hot dog", None, ["food"]),
        ("dogcatcher", None, []),
        ("sea dog", None, []),
    ]
    found = entry("{{col-auto|en|puppy|Thesaurus:dog}}", "Hyponyms")
    assert words(found, "hyponyms") == [("puppy", None, [])]


def test_box_sense_lasts_until_its_bottom() -> None:
    found = entry("{{rel-top|feet}}\n* [[dogs]]\n{{rel-bottom}}\n* [[underdog]]", "Related terms")
    assert words(found, "related") == [("dogs", "feet", []), ("underdog", None, [])]


def test_thesaurus_pointers_are_not_relations() -> None:
    found = entry("* See also [[Thesaurus:dog]]\n* {{seeSynonyms|en|dog}}")
    assert found.relations == {}


def test_inline_relations_under_a_sense() -> None:
    page = (
        "==English==\n===Adjective===\n{{en-adj}}\n\n# joyful\n"
        "#: {{syn|en|glad|cheerful<q:informal>}}\n#: {{ant|en|sad}}\n"
    )
    sense = parse_page(RawPage(title="happy", text=page)).entries[0].senses[0]
    assert [(r.word, r.qualifiers) for r in sense.synonyms] == [("glad", []), ("cheerful", ["informal"])]
    assert [r.word for r in sense.antonyms] == ["sad"]
    assert sense.examples == []


def test_alternative_forms_with_labels() -> None:
    found = entry("* {{alter|en|colour|color||US}}", "Alternative forms")
    assert [(r.word, r.qualifiers) for r in found.alternative_forms] == [("colour", ["US"]), ("color", ["US"])]


def test_descendants_carry_their_language_and_romanisation() -> None:
    from wiktlex import RawPage, parse_page

    text = "==Latin==\n===Verb===\n# x\n====Descendants====\n* {{desc|it|amare}}\n* {{desc|ar|أَبْرِيل|tr=ʾabrīl|bor=1}}\n"
    relations = parse_page(RawPage(title="amo", text=text)).entries[0].relations["descendants"]
    assert [(r.word, r.lang, r.lang_code, r.roman, r.qualifiers) for r in relations] == [
        ("amare", "Italian", "it", None, []),
        ("أَبْرِيل", "Arabic", "ar", "ʾabrīl", []),
    ]
