"""The sentence rules one by one, on hand-made entries (no parser involved)."""

from __future__ import annotations

import pytest

from wiktlex.compare.summary import (
    first_gloss,
    pos_name,
    sentence_gloss,
    summarize,
)
from wiktlex.compare.views import head_line, quotation_ref, sense_text
from wiktlex.model import Entry, Form, FormOf, Quotation, Sense, Source, TemplateCall


def make(word: str, pos: str, *glosses: str, ety: int | None = None,
         form_of: bool = False) -> Entry:
    senses = [Sense(gloss=g, raw_gloss=g,
                    form_of=[FormOf(word="x", kind="plural")] if form_of and i == 0 else [])
              for i, g in enumerate(glosses)]
    return Entry(word=word, lang="English", lang_code="en", pos=pos, pos_title=pos.title(),
                 etymology_number=ety, senses=senses, source=Source(title=word))


@pytest.mark.parametrize(("gloss", "expected"), [
    ("The act of producing.", "the act of producing"),
    ("To let go (of); to cease to hold or contain.", "to let go (of); to cease to hold or contain"),
    ("DNA sequence.", "DNA sequence"),
    ("McJob of sorts.", "McJob of sorts"),
    ("I think so.", "I think so"),
    ("A tool, etc.", "a tool, etc."),
    ("Wait for it...", "wait for it..."),
    ("  Spaced   out  ", "spaced out"),
])
def test_sentence_gloss(gloss: str, expected: str) -> None:
    assert sentence_gloss(gloss) == expected


@pytest.mark.parametrize(("pos", "singular", "plural", "article"), [
    ("noun", "noun", "nouns", "a"),
    ("adj", "adjective", "adjectives", "an"),
    ("adv", "adverb", "adverbs", "an"),
    ("name", "proper noun", "proper nouns", "a"),
    ("intj", "interjection", "interjections", "an"),
    ("prefix", "prefix", "prefixes", "a"),
])
def test_pos_names(pos: str, singular: str, plural: str, article: str) -> None:
    name = pos_name(pos)
    assert (name.singular, name.plural, name.article) == (singular, plural, article)


def test_unknown_pos_falls_back_to_heading() -> None:
    name = pos_name("gizmo", "Odd thing")
    assert (name.singular, name.plural, name.article) == ("odd thing", "odd things", "an")


def test_form_of_and_self_only_senses_are_skipped() -> None:
    assert first_gloss(make("dice", "noun", "plural of die", "A game.", form_of=True)) == "A game."
    assert first_gloss(make("colour", "noun", "colour", "Colour.", "A hue.")) == "A hue."
    only = make("went", "verb", "simple past of go", form_of=True)
    assert first_gloss(only) == "simple past of go"  # nothing better: the form-of speaks


def test_one_sentence_per_pos_joins_etymologies() -> None:
    entries = [make("bank", "noun", "A river side.", ety=1), make("bank", "noun", "A lender.", ety=2),
               make("bank", "verb", "To tilt.", ety=1)]
    sentences = summarize("bank", entries, "shore", [make("shore", "noun", "Land by water.")])
    assert [s.text for s in sentences] == [
        "As nouns the difference between bank and shore is that bank is a river side or bank "
        "can be a lender while shore is land by water.",
        "As a verb bank is to tilt.",
    ]


def test_while_connective_replaced_and_adjectives_plural() -> None:
    sentences = summarize("while", [make("while", "adj", "Idle.")],
                          "idle", [make("idle", "adj", "Not busy.")])
    assert sentences[0].text == (
        "As adjectives the difference between while and idle is that while is idle "
        "whereas idle is not busy."
    )


def test_entry_without_any_gloss_gives_no_sentence() -> None:
    assert summarize("x", [make("x", "noun", "")], "y", []) == []


def test_head_line_prefers_rendered_template_then_forms() -> None:
    e = make("release", "noun", "A thing.")
    e.forms = [Form(form="releases", tags=["plural"]), Form(form="release", tags=["canonical"])]
    assert head_line(e) == "release (plural releases)"
    e.head_templates = [TemplateCall(name="en-noun", text="release (plural releases)")]
    assert head_line(e) == "release (plural releases)"
    assert head_line(make("x", "noun", "y")) == "x"


def test_sense_text_and_quotation_ref_fallbacks() -> None:
    s = Sense(gloss="The distribution.", labels=["software"])
    assert sense_text(s) == "(software) The distribution."
    q = Quotation(year="2013", authors=["Charles T. Ambrose"], title="Alzheimer’s Disease",
                  work="American Scientist", volume="101", issue="3", page="200")
    assert quotation_ref(q) == (
        "2013, Charles T. Ambrose, “Alzheimer’s Disease”, in American Scientist, volume 101, "
        "number 3, page 200:"
    )
    assert quotation_ref(Quotation(ref="1910, Saki, “The Lost Sanjak”:")) == (
        "1910, Saki, “The Lost Sanjak”:"
    )
