"""The Comparison built from a fixture lexicon: sentences word for word, layout, edge cases."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from support import PRODUCTION_RELEASE_NOUNS as NOUNS
from support import RELEASE_VERB as VERB

from wiktlex.compare.build import WordNotFound, build_comparison, build_word_page
from wiktlex.compare.model import Comparison, EntryView, SenseView, comparison_json_schema
from wiktlex.compare.render import FORMATS, render
from wiktlex.lexicon import Lexicon

MARKUP = re.compile(r"\{\{|\}\}|\[\[|\]\]|'''|<ref|\(en noun\)|\(etyl\)|quote-(magazine|news)")


def entry(c: Comparison, word: str, pos: str, etymology: int | None = None) -> EntryView:
    view = next(w for w in c.words if w.word == word)
    for ety in view.etymologies:
        if etymology is None or ety.number == etymology:
            for e in ety.entries:
                if e.pos == pos:
                    return e
    raise AssertionError(f"no {pos} of {word}")


def sense(e: EntryView, text_start: str) -> SenseView:
    return next(s for s in e.senses if s.text.startswith(text_start))


@pytest.fixture
def comparison(lexicon: Lexicon) -> Comparison:
    return build_comparison(lexicon, "production", "release")


def test_title_and_summary_sentences_word_for_word(comparison: Comparison) -> None:
    assert comparison.title == "production vs release - What's the difference?"
    assert [s.text for s in comparison.summary] == [NOUNS, VERB]
    assert [s.pos for s in comparison.summary] == ["noun", "verb"]
    assert comparison.summary[1].words == ["release"]
    assert comparison.notes == []


def test_release_is_laid_out_by_etymology(comparison: Comparison) -> None:
    release = comparison.words[1]
    assert [e.number for e in release.etymologies] == [1, 2]
    assert [[x.pos for x in e.entries] for e in release.etymologies] == [["noun", "verb"], ["verb"]]
    verb2 = entry(comparison, "release", "verb", 2)
    assert verb2.senses[0].text == "To lease again; to grant a new lease of; to let back."


def test_senses_keep_labels_in_parentheses(comparison: Comparison) -> None:
    noun = entry(comparison, "release", "noun")
    software = sense(noun, "(software)")
    assert software.text.startswith("(software) The distribution of an initial or new")
    assert software.labels == ["software"]
    verb = entry(comparison, "release", "verb", 1)
    assert any(s.text.endswith("(of a call) To hang up.") for s in verb.senses)


def test_examples_relations_and_numbering(comparison: Comparison) -> None:
    production = entry(comparison, "production", "noun")
    assert [s.number for s in production.senses] == [str(i) for i in range(1, 9)]
    assert production.senses[0].examples[0].text == (
        "The widget making machine is being used for production now."
    )
    release_noun = entry(comparison, "release", "noun")
    derived = next(r for r in release_noun.relations if r.kind == "derived")
    assert derived.title == "Derived terms"
    assert [w for g in derived.groups for w in g.words] == [
        "prerelease", "release notes", "release from requirement", "software release",
        "release process",
    ]
    antonyms = next(r for r in entry(comparison, "release", "verb", 1).relations
                    if r.kind == "antonyms")
    assert antonyms.groups[0].words == ["hold"]
    assert antonyms.groups[0].sense == "to let go"


def test_hand_written_quotation_keeps_author_and_passage(comparison: Comparison) -> None:
    production = entry(comparison, "production", "noun")
    quote = production.senses[1].quotations[0]
    assert "Saki" in quote.ref and "1910" in quote.ref and "Reginald in Russia" in quote.ref
    assert quote.text.startswith("I tramped to a neighbouring market-town")


def test_hand_written_quotation_ref_as_wiktionary_shows_it(comparison: Comparison) -> None:
    quote = entry(comparison, "production", "noun").senses[1].quotations[0]
    assert quote.ref == "1910, Saki, “The Lost Sanjak”, in Reginald in Russia:"


def test_quote_templates_become_ref_and_passage(comparison: Comparison) -> None:
    magazine = entry(comparison, "release", "noun").senses[0].quotations[0]
    assert magazine.ref.startswith("2013")
    for part in ("Charles T. Ambrose", "“Alzheimer’s Disease”", "American Scientist", "101"):
        assert part in magazine.ref
    assert magazine.text.startswith("Similar studies of rats have employed")
    news = sense(entry(comparison, "release", "verb", 1), "(soccer)").quotations[0]
    for part in ("2011", "Sam Lyon", "“Borussia Dortmund 1-1 Arsenal”", "BBC"):
        assert part in news.ref
    assert news.text.startswith("With the Gunners far too lightweight in midfield")


def test_head_lines_rendered_like_wiktionary(comparison: Comparison) -> None:
    assert entry(comparison, "release", "noun").head == "release (plural releases)"
    assert entry(comparison, "production", "noun").head == (
        "production (countable and uncountable, plural productions)"
    )
    assert entry(comparison, "release", "verb", 1).head == (
        "release (third-person singular simple present releases, present participle "
        "releasing, simple past and past participle released)"
    )


def test_etymology_names_languages(comparison: Comparison) -> None:
    assert comparison.words[1].etymologies[0].text == (
        "From Middle English relesen, from Old French relaisser (variant of relascher), "
        "from Latin relaxāre."
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_clean_and_attributed(comparison: Comparison, fmt: str) -> None:
    out = render(comparison, fmt)
    assert not MARKUP.search(out), MARKUP.search(out)
    assert "CC BY-SA 4.0" in out
    assert "https://creativecommons.org/licenses/by-sa/4.0/" in out
    for title in ("production", "release"):
        history = f"https://en.wiktionary.org/w/index.php?title={title}&action=history"
        assert history in out or history.replace("&", "&amp;") in out
    if fmt != "json":
        assert NOUNS.replace("'", "&#39;") in out or NOUNS in out
        assert VERB in out


def test_json_output_matches_its_schema(comparison: Comparison) -> None:
    data = json.loads(render(comparison, "json"))
    jsonschema.validate(data, comparison_json_schema())
    assert data["summary"][0]["text"] == NOUNS
    assert data["attribution"]["sources"][1]["revid"] == 50001


def test_markdown_numbers_senses_and_escapes(comparison: Comparison) -> None:
    out = render(comparison, "markdown")
    assert out.startswith("# production vs release - What's the difference?\n")
    assert "\n2. (software) The distribution" in out
    assert "[history and authors](<https://en.wiktionary.org/w/index.php?title=release" in out


def test_word_not_in_lexicon_has_suggestions(lexicon: Lexicon) -> None:
    with pytest.raises(WordNotFound) as info:
        build_comparison(lexicon, "prodution", "release")
    assert info.value.word == "prodution"
    assert "production" in info.value.suggestions
    assert "did you mean: production" in info.value.message


def test_same_word_twice_is_one_entry(lexicon: Lexicon) -> None:
    c = build_comparison(lexicon, "release", "release")
    assert len(c.words) == 1
    assert c.summary[1].text == VERB
    assert c.summary[0].text.startswith("As a noun release is the event of setting")
    assert "with itself" in c.notes[0]
    assert c.title == "release - what does it mean?"
    assert len(c.attribution.sources) == 1


def test_word_with_only_other_languages(lexicon: Lexicon) -> None:
    c = build_comparison(lexicon, "pomme", "release")
    assert not c.words[0].found
    assert c.words[0].other_languages == ["French"]
    assert c.notes == ["pomme has no English entries in the lexicon; it has entries in French."]
    assert [s.words for s in c.summary] == [["release"], ["release"]]
    french = build_comparison(lexicon, "pomme", "pomme", lang="fr")
    assert french.summary[0].text == "As a noun pomme is an apple."


def test_no_shared_part_of_speech(lexicon: Lexicon) -> None:
    c = build_comparison(lexicon, "quickly", "production")
    assert [s.text for s in c.summary] == [
        "As an adverb quickly is rapidly, with great speed.",
        "As a noun production is the act of producing, making or creating something.",
    ]
    assert c.notes == ["quickly and production share no part of speech, so each is described "
                       "on its own."]


def test_while_is_not_used_as_connective_for_while(lexicon: Lexicon) -> None:
    c = build_comparison(lexicon, "while", "release")
    assert c.summary[0].text == (
        "As nouns the difference between while and release is that while is an uncertain "
        "duration of time, a period of time whereas release is the event of setting (someone "
        "or something) free (e.g. hostages, slaves, prisoners, caged animals, hooked or stuck "
        "mechanisms)."
    )
    assert c.summary[1].text == "As a conjunction while is during the same time that."
    assert c.summary[2].text.startswith("As verbs the difference between while and release is "
                                        "that while is to pass (time) idly whereas release is")


def test_form_of_sense_is_skipped_and_subsenses_kept(lexicon: Lexicon) -> None:
    c = build_comparison(lexicon, "dice", "production")
    assert c.summary[0].text == (
        "As nouns the difference between dice and production is that dice is a game of chance "
        "using dice while production is the act of producing, making or creating something."
    )
    noun = entry(c, "dice", "noun")
    game = sense(noun, "(uncountable)")
    assert game.subsenses[0].number == f"{game.number}.1"
    assert game.subsenses[0].text == "A single throw of such a game."
    assert "A single throw of such a game." in render(c, "text")


def test_word_page(lexicon: Lexicon) -> None:
    page = build_word_page(lexicon, "release")
    assert page.title == "release"
    assert [s.text for s in page.summary][1] == VERB
    assert page.attribution.sources[0].history_url.endswith("title=release&action=history")
