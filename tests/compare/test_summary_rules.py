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


def noun(word: str, gloss: str, *, pos: str = "noun", tags: tuple[str, ...] = (),
         form_of: str | None = None) -> Entry:
    sense = Sense(gloss=gloss, raw_gloss=gloss, tags=list(tags),
                  form_of=[FormOf(word=form_of, kind="x")] if form_of else [])
    return Entry(word=word, lang="English", lang_code="en", pos=pos, pos_title=pos.title(),
                 senses=[sense], source=Source(title=word))


@pytest.mark.parametrize(("entry", "expected"), [
    # a bare singular countable noun phrase gets its article, by the sound of the word
    (noun("Cameroon", "Country in Central Africa. Official name: Republic of Cameroon.",
          pos="name"), "As a proper noun Cameroon is a country in Central Africa."),
    (noun("pie", "Magpie."), "As a noun pie is a magpie."),
    (noun("umbrella", "Cloth-covered frame used for protection against rain or sun."),
     "As a noun umbrella is a cloth-covered frame used for protection against rain or sun."),
    (noun("free", "free transfer"), "As a noun free is a free transfer."),
    (noun("pomme", "apple"), "As a noun pomme is an apple."),
    (noun("tenure", "hour of office"), "As a noun tenure is an hour of office."),
    # … but not a plural, a mass noun, a name, a pronoun or a phrase with its own determiner
    (noun("merchandise", "Commodities offered for sale."),
     "As a noun merchandise is commodities offered for sale."),
    (noun("abstrusity", "Abstruseness; that which is abstruse."),
     "As a noun abstrusity is abstruseness; that which is abstruse."),
    (noun("AD", "Abu Dhabi", pos="name"), "As a proper noun AD is Abu Dhabi."),
    (noun("accepter", "One who accepts."), "As a noun accepter is one who accepts."),
    (noun("autumn", "Traditionally the third of the four seasons."),
     "As a noun autumn is traditionally the third of the four seasons."),
    # form-of senses take the article their kind of form needs
    (noun("absorbing", "present participle of absorb", pos="verb", form_of="absorb"),
     "As a verb absorbing is the present participle of absorb."),
    (noun("o", "Alternative form of O (vocative particle)", pos="particle", form_of="O"),
     "As a particle o is an alternative form of O (vocative particle)."),
    (noun("ISBN", "Initialism of International Standard Book Number", form_of="x"),
     "As a noun ISBN is an initialism of International Standard Book Number."),
    # an abbreviation spelt out "stands for" it, a name keeping its capitals
    (noun("OBE", "Officer of the Order of the British Empire", pos="abbrev",
          tags=("initialism",)),
     "As an abbreviation OBE stands for Officer of the Order of the British Empire."),
    (noun("ROI", "Return on investment.", tags=("acronym",)),
     "As a noun ROI stands for return on investment."),
    # a gloss announcing its sub-senses loses the dangling "especially:"
    (noun("Aaron's rod", "Any of various plants with a tall flowering stem, especially:"),
     "As a noun Aaron's rod is any of various plants with a tall flowering stem."),
    (noun("transitive verb", ": A verb that takes an object."),
     "As a noun transitive verb is a verb that takes an object."),
])
def test_gloss_reads_inside_the_sentence(entry: Entry, expected: str) -> None:
    assert summarize(entry.word, [entry], None, [])[0].text == expected


def test_alternatives_keep_their_first_clause() -> None:
    release = [make("release", "verb", "To let go (of); to cease to hold or contain.", ety=1),
               make("release", "verb", "To lease again; to grant a new lease of.", ety=2)]
    assert summarize("release", release, None, [])[0].text == (
        "As a verb release is to let go (of) or release can be to lease again.")
    alone = summarize("release", release[:1], None, [])[0].text
    assert alone == "As a verb release is to let go (of); to cease to hold or contain."


def test_sentence_ends_with_one_stop() -> None:
    e = make("hi", "intj", "Hello!")
    assert summarize("hi", [e], None, [])[0].text == "As an interjection hi is hello!"
    e = make("Jul", "name", "Alternative form of Jul.; Abbreviation of July.")
    assert summarize("Jul", [e], None, [])[0].text == (
        "As a proper noun Jul is an alternative form of Jul.")
