"""Hand-built pages for exporter and lexicon tests: every field of the model gets a value somewhere.

The fixtures are re-exported by tests/export/conftest.py and tests/lexicon/conftest.py.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from wiktlex.model import (
    Diagnostic,
    Entry,
    Example,
    ExportPage,
    Form,
    FormOf,
    Quotation,
    Relation,
    Sense,
    Sound,
    Source,
    TemplateCall,
    Translation,
)


def make_entry(word: str, lang: str = "English", lang_code: str = "en", pos: str = "noun",
               revid: int = 1, gloss: str = "a thing") -> Entry:
    quote = Quotation(
        text="The production was a great success.", ref="1910, Saki, “The Lost Sanjak”, in Reginald in Russia",
        year="1910", authors=["Saki"], title="The Lost Sanjak", work="Reginald in Russia",
        kind="book", publisher="Methuen", location="London", page="12", chapter="3",
        url="https://example.org", template="quote-book",
    )
    sub = Sense(id="1.1", gloss=f"{gloss}, specifically", raw_gloss=f"(specifically) {gloss}",
                labels=["specifically"], tags=["specifically"])
    sense = Sense(
        id="1", gloss=gloss, raw_gloss=f"(countable) {gloss}", labels=["countable"],
        tags=["countable"], qualifiers=["chiefly"], form_of=[FormOf(word="thing", kind="plural")],
        examples=[Example(text=f"A {word} here.", translation="ein Ding")],
        quotations=[quote], subsenses=[sub], synonyms=[Relation(word="item")],
        antonyms=[Relation(word="nothing", qualifiers=["rare"])], senseid="Q1",
        categories=["Things"],
    )
    return Entry(
        word=word, lang=lang, lang_code=lang_code, pos=pos, pos_title=pos.capitalize(),
        etymology_number=1, etymology_text="From Latin productio.",
        etymology_templates=[TemplateCall(name="der", args={"1": "en", "2": "la"}, text="Latin")],
        head_templates=[TemplateCall(name="en-noun", args={}, text=f"{word} (plural {word}s)")],
        forms=[Form(form=f"{word}s", tags=["plural"])],
        senses=[sense, Sense(id="2", gloss="another thing", raw_gloss="another thing")],
        sounds=[Sound(ipa="/pɹəˈdʌkʃən/", tags=["UK"]), Sound(rhymes="-ʌkʃən")],
        hyphenation=["pro", "duc", "tion"],
        relations={"derived": [Relation(word=f"{word}ish")], "hypernyms": [Relation(word="thing", sense="x")]},
        translations=[Translation(sense="a thing", lang="German", lang_code="de", word="Ding", tags=["n"])],
        usage_notes="Often plural.", alternative_forms=[Relation(word=word.upper())],
        categories=["English nouns"], source=Source(title=word, pageid=10, revid=revid, timestamp="2024-01-01T00:00:00Z"),
    )


def make_page(title: str, revid: int = 1, n: int = 2, gloss: str = "a thing") -> ExportPage:
    entries = [make_entry(title, revid=revid, gloss=gloss)]
    if n > 1:
        entries.append(make_entry(title, lang="French", lang_code="fr", pos="verb", revid=revid, gloss="faire"))
    return ExportPage(
        title=title, entries=entries[:n],
        diagnostics=[Diagnostic(page=title, message="unknown template {{foo}}", section="English", template="foo")],
        pageid=10, revid=revid, timestamp="2024-01-01T00:00:00Z", sha1=f"sha{revid}",
        parser_version="1",
    )


@pytest.fixture(name="make_page")
def make_page_fixture() -> Callable[..., ExportPage]:
    """The page factory, as a fixture (test modules cannot import conftest)."""
    return make_page


@pytest.fixture
def pages() -> list[ExportPage]:
    """In title order, the lexicon's page order, so every exporter reads them back alike."""
    return [make_page("produce"), make_page("production"), make_page("release", n=1),
            ExportPage(title="zzz-no-entries", parser_version="1", status="empty")]
