"""The heading tree: languages, etymology groups, parts of speech and where sections go."""

from __future__ import annotations

from wiktlex import parse_page
from wiktlex.model import RawPage
from wiktlex.parse.sections import build_tree, classify, split_sections


def tree(text: str):  # type: ignore[no-untyped-def]
    _, sections, problems = split_sections(text)
    return build_tree(sections), problems


def entries(text: str, title: str = "word"):  # type: ignore[no-untyped-def]
    return parse_page(RawPage(title=title, text=text))


def test_classify_headings() -> None:
    assert classify("Noun").key == "noun"  # type: ignore[union-attr]
    assert classify("Proper noun").key == "name"  # type: ignore[union-attr]
    assert classify("Etymology 2").kind == "etymology"  # type: ignore[union-attr]
    assert classify("Derived terms").key == "derived"  # type: ignore[union-attr]
    assert classify("Noun 2").key == "noun"  # type: ignore[union-attr]
    assert classify("Frobnication") is None


def test_unbalanced_heading_is_read_and_reported() -> None:
    languages, problems = tree("==English==\n===Noun==\n# x\n")
    assert languages[0].groups[0].pos_blocks[0].pos == "noun"
    assert problems and "unbalanced" in problems[0]


def test_linked_language_heading_and_comments() -> None:
    result = entries("==[[English]]== <!-- c -->\n===Noun===\n# a thing\n")
    assert [(e.lang, e.lang_code) for e in result.entries] == [("English", "en")]


def test_numbered_etymologies_make_groups() -> None:
    text = (
        "==English==\n===Etymology 1===\nFrom A.\n====Noun====\n# one\n====Verb====\n# two\n"
        "===Etymology 2===\nFrom B.\n====Noun====\n# three\n"
    )
    result = entries(text)
    assert [(e.pos, e.etymology_number, e.etymology_text) for e in result.entries] == [
        ("noun", 1, "From A."),
        ("verb", 1, "From A."),
        ("noun", 2, "From B."),
    ]


def test_language_wide_pronunciation_applies_to_every_entry() -> None:
    text = (
        "==English==\n===Pronunciation===\n* {{IPA|en|/x/}}\n"
        "===Etymology 1===\n====Noun====\n# one\n===Etymology 2===\n====Verb====\n# two\n"
    )
    languages, _ = tree(text)
    assert [s.title for s, _ in languages[0].shared] == ["Pronunciation"]


def test_subsections_attach_to_their_part_of_speech() -> None:
    text = (
        "==English==\n===Noun===\n# n\n====Synonyms====\n* [[a]]\n"
        "===Verb===\n# v\n====Antonyms====\n* [[b]]\n"
    )
    result = entries(text)
    noun, verb = result.entries
    assert [r.word for r in noun.relations["synonyms"]] == ["a"]
    assert "antonyms" not in noun.relations
    assert [r.word for r in verb.relations["antonyms"]] == ["b"]


def test_translations_at_pos_level_belong_to_previous_pos() -> None:
    languages, _ = tree("==English==\n===Noun===\n# n\n===Translations===\n* x\n")
    block = languages[0].groups[0].pos_blocks[0]
    assert [s.title for s, _ in block.attached] == ["Translations"]


def test_sub_senses_form_a_tree() -> None:
    result = entries("==English==\n===Noun===\n# top\n## sub one\n## sub two\n### deeper\n# next\n")
    senses = result.entries[0].senses
    assert [s.gloss for s in senses] == ["top", "next"]
    assert [s.gloss for s in senses[0].subsenses] == ["sub one", "sub two"]
    assert senses[0].subsenses[1].subsenses[0].gloss == "deeper"
    assert senses[0].subsenses[1].subsenses[0].id == "word/en/noun/1.2.1"


def test_sense_ids_are_unique_across_etymologies_and_repeated_pos() -> None:
    text = (
        "==English==\n===Etymology 1===\n====Verb====\n# a\n===Etymology 2===\n====Verb====\n# b\n"
        "==French==\n===Noun===\n# c\n===Noun===\n# d\n"
    )
    ids = [s.id for e in entries(text).entries for s in e.senses]
    assert ids == ["word/en/verb/e1/1", "word/en/verb/e2/1", "word/fr/noun/1", "word/fr/noun-2/1"]


def test_examples_and_quotation_passages_attach_to_right_sense() -> None:
    text = "==English==\n===Noun===\n# top\n#: Ex one.\n## sub\n##: Ex two.\n#* 1900, A, B:\n#*: Passage.\n"
    sense = entries(text).entries[0].senses[0]
    assert [e.text for e in sense.examples] == ["Ex one."]
    assert [e.text for e in sense.subsenses[0].examples] == ["Ex two."]
    assert sense.quotations[0].text == "Passage."


def test_separators_images_categories_and_also_do_not_confuse() -> None:
    text = (
        "{{also|Word}}\n==English==\n[[Image:X.jpg|thumb|A picture]]\n===Noun===\n# a thing\n"
        "[[Category:Things]]\n\n----\n\n==French==\n===Noun===\n# une chose\n"
    )
    result = entries(text)
    assert [(e.lang, e.senses[0].gloss) for e in result.entries] == [
        ("English", "a thing"),
        ("French", "une chose"),
    ]
    assert "Things" in result.entries[0].categories


def test_redirect_gives_no_entries_and_a_diagnostic() -> None:
    result = parse_page(RawPage(title="Foo", text="#REDIRECT [[foo]]", redirect_to="foo"))
    assert result.entries == []
    assert "redirect" in result.diagnostics[0].message


def test_unknown_heading_and_language_are_diagnosed() -> None:
    result = entries("==Klingonese==\n===Noun===\n# x\n===Frobs===\nstuff\n")
    messages = [d.message for d in result.diagnostics]
    assert any("unknown language" in m for m in messages)
    assert any("Frobs" in m for m in messages)
    assert result.entries[0].lang == "Klingonese"


def test_sections_before_any_language_are_diagnosed() -> None:
    result = entries("===Noun===\n# lost\n==English==\n===Noun===\n# kept\n")
    assert [e.senses[0].gloss for e in result.entries] == ["kept"]
    assert any("before any language heading" in d.message for d in result.diagnostics)


def test_quotation_without_passage_is_diagnosed() -> None:
    text = "==English==\n===Noun===\n# a\n#* 1900, A. Writer, ''Title'':\n# b\n#* 1901, B:\n#*: Passage.\n"
    result = entries(text)
    messages = [d.message for d in result.diagnostics if "without a passage" in d.message]
    assert len(messages) == 1 and "1900" in messages[0]


def test_case_sensitive_template_names() -> None:
    text = "==Latin==\n===Noun===\n# x {{q|informal}}\n#* {{Q|la|Horace|Odes|2|9|quote=Non semper|trans=Not always}}\n"
    sense = entries(text).entries[0].senses[0]
    assert sense.qualifiers == ["informal"]
    assert (sense.quotations[0].authors, sense.quotations[0].text) == (["Horace"], "Non semper")
    assert sense.quotations[0].translation == "Not always"


def test_pronunciation_scoped_by_sense_applies_to_that_part_of_speech() -> None:
    text = (
        "==English==\n===Pronunciation===\n* {{sense|noun}} {{IPA|en|/ˈɹɛkɔːd/}}\n"
        "* {{sense|verb}} {{IPA|en|/ɹɪˈkɔːd/}}\n* {{rhymes|en|ɔː(ɹ)d}}\n"
        "===Noun===\n# a record\n===Verb===\n# to record\n"
    )
    noun, verb = entries(text, "record").entries
    assert [s.ipa for s in noun.sounds if s.ipa] == ["/ˈɹɛkɔːd/"]
    assert [s.ipa for s in verb.sounds if s.ipa] == ["/ɹɪˈkɔːd/"]
    assert any(s.rhymes for s in noun.sounds) and any(s.rhymes for s in verb.sounds)


def test_empty_definition_lines_and_undefined_senses() -> None:
    result = entries("==English==\n===Noun===\n# one\n#\n# {{rfdef|en}}\n")
    senses = result.entries[0].senses
    assert [(s.gloss, s.tags) for s in senses] == [("one", []), ("", ["no-gloss"])]
    assert any(d.message == "empty definition line" for d in result.diagnostics)


def test_categories_describe_the_whole_language_section() -> None:
    text = (
        "==English==\n===Noun===\n# a\n===Verb===\n# b\n[[Category:en:Things]]\n"
        "====References====\n* x\n[[Category:en:Books]]\n"
        "==French==\n===Noun===\n# c\n===Anagrams===\n[[Category:fr:Animaux]] [[:Category:Not this]]\n"
    )
    found = [(e.lang, e.pos, e.categories) for e in entries(text).entries]
    assert found == [
        ("English", "noun", ["en:Things", "en:Books"]),
        ("English", "verb", ["en:Things", "en:Books"]),
        ("French", "noun", ["fr:Animaux"]),
    ]


def test_tags_in_headings_do_not_reach_the_language_name() -> None:
    result = entries("==<ref>=English==\n===Noun===\n# a\n==<span>French</span>==\n===Noun===\n# b\n")
    assert [e.lang for e in result.entries] == ["English", "French"]
