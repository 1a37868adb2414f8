"""The inline-modifier reader (parse/modifiers.py) and the term syntax on real pages.

Rendering per template is in fixtures/templates/modifiers.cases; here: the reader's edge
cases, bad input, bounded work, and the corpus pages the issue measured.
"""

from __future__ import annotations

import msgspec
from support import corpus_or_skip

from wiktlex import parse_page
from wiktlex.ingest.files import read_file
from wiktlex.model import RawPage
from wiktlex.parse.modifiers import parse_list, parse_modified, split_top


def test_modifiers_in_order_with_commas_and_nesting() -> None:
    term = parse_modified("hap<t:chance, luck, fortune><id:adjectival>")
    assert term.text == "hap" and term.mods == [("t", "chance, luck, fortune"), ("id", "adjectival")]
    assert term.first("t") == "chance, luck, fortune" and term.problems == []
    nested = parse_modified("àre<hmp:-are<pos:infinitive verb suffix>>")
    assert nested.mods == [("hmp", "-are<pos:infinitive verb suffix>")]


def test_a_modifier_value_may_hold_links_and_templates() -> None:
    term = parse_modified("word<q:{{lb|en|a>b}} and [[x|y>z]]>")
    assert term.text == "word" and term.mods == [("q", "{{lb|en|a>b}} and [[x|y>z]]")]


def test_angle_brackets_that_open_no_modifier_are_text() -> None:
    assert parse_modified("<").text == "<"
    assert parse_modified("H<sub>2</sub>O").text == "H<sub>2</sub>O"
    assert parse_modified("a < b").mods == []
    # A modifier inside a nested template belongs to that template.
    inner = parse_modified("{{l|en|foo<t:bar>}}<qq:rare>")
    assert inner.text == "{{l|en|foo<t:bar>}}" and inner.mods == [("qq", "rare")]


def test_bad_input_is_reported_and_the_rest_kept() -> None:
    unclosed = parse_modified("hap<t:chance, luck")
    assert unclosed.text == "hap" and unclosed.mods == [("t", "chance, luck")]
    assert unclosed.problems == ["unclosed inline modifier <t:"]
    trailing = parse_modified("word<q:x> more")
    assert trailing.text == "word more" and trailing.problems


def test_lists_split_only_at_top_level_commas() -> None:
    assert split_top("a<t:x, y>,b") == ["a<t:x, y>", "b"]
    assert [t.text for t in parse_list("a<q:1,2>, ,b")] == ["a", "b"]


def test_pathological_modifiers_are_linear() -> None:
    """Thousands of unclosed or stacked modifiers: read in one pass, never a hang."""
    for raw in ("<t:" * 20_000, "a" + "<q:x>" * 20_000, "<t:" + "<" * 20_000, "{{" * 10_000 + "<t:x>"):
        parse_modified(raw)
    page = RawPage(title="p", text="==English==\n===Noun===\n# {{l|en|" + "w<t:" * 5_000 + "}}\n")
    result = parse_page(page)
    assert result.entries and not [d for d in result.diagnostics if d.severity == "error"]


def test_unknown_and_unclosed_modifiers_on_a_page_are_diagnostics() -> None:
    text = ("==English==\n===Etymology===\n{{af|en|hap<t:chance|-y<foo:bar>}}\n===Adjective===\n"
            "# Lucky.\n#: {{syn|en|lucky<t:fortunate>}}\n")
    result = parse_page(RawPage(title="happy", text=text))
    messages = [(d.template, d.message) for d in result.diagnostics]
    assert ("af", "unclosed inline modifier <t:") in messages
    assert ("af", "unknown inline modifier <foo:>") in messages
    entry = result.entries[0]
    assert entry.etymology_text == "hap (“chance”) + -y"
    assert entry.senses[0].synonyms[0].gloss == "fortunate"


def _entries(*parts: str) -> list[dict[str, object]]:
    page = read_file(corpus_or_skip(*parts))
    return [msgspec.to_builtins(e) for e in parse_page(page).entries]


def test_happy_and_vodka_etymologies_read_as_on_wiktionary() -> None:
    happy = _entries("modern", "pages", "happy.wikitext")[0]
    assert "hap (“chance, luck, fortune”) + -y" in str(happy["etymology_text"])
    calls: list[dict[str, list[dict[str, str]]]] = happy["etymology_templates"]  # type: ignore[assignment]
    suffix = next(t for call in calls for t in call["terms"] if t["word"] == "-y")
    assert suffix["senseid"] == "adjectival"
    vodka = next(e for e in _entries("modern", "pages", "водка.wikitext") if e["lang_code"] == "ru")
    assert "вода́ (vodá, “water”) + -ка (-ka, diminutive suffix)" in str(vodka["etymology_text"])


def test_prefixed_terms_and_language_lists_on_real_pages() -> None:
    fustanelle = _entries("modern", "pages", "fustanellë.wikitext")[0]
    assert "Ottoman Turkish فستان" in str(fustanelle["etymology_text"])
    assert "ota:" not in str(fustanelle["etymology_text"])
