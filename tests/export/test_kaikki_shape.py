"""The kaikki exporter writes wiktextract's shapes (docs/kaikki-mapping.md)."""

from __future__ import annotations

from collections.abc import Callable

from wiktlex.export.kaikki import to_kaikki
from wiktlex.model import ExportPage


def test_word_level_fields(make_page: Callable[..., ExportPage]) -> None:
    record = to_kaikki(make_page("release").entries[0])
    assert {"word", "pos", "lang", "lang_code", "senses", "forms", "sounds", "etymology_text",
            "translations", "derived", "hypernyms"} <= set(record)
    assert record["etymology_templates"][0] == {"name": "der", "args": {"1": "en", "2": "la"},
                                                "expansion": "Latin"}
    assert {"form": "RELEASE", "tags": ["alternative"]} in record["forms"]
    assert record["translations"][0]["code"] == record["translations"][0]["lang_code"] == "de"
    assert record["sounds"][1] == {"rhymes": "-ʌkʃən"}
    assert record["hyphenations"] == [{"parts": ["pro", "duc", "tion"]}]
    assert "source" not in record and "relations" not in record


def test_subsenses_are_flattened_with_their_ancestors_glosses(make_page: Callable[..., ExportPage]) -> None:
    senses = to_kaikki(make_page("release").entries[0])["senses"]
    assert [s["glosses"] for s in senses] == [
        ["a thing"], ["a thing", "a thing, specifically"], ["another thing"]
    ]
    first = senses[0]
    assert first["raw_glosses"] == ["(countable) a thing"]
    assert "form-of" in first["tags"] and first["form_of"] == [{"word": "thing", "extra": "plural"}]
    assert [e["type"] for e in first["examples"]] == ["example", "quotation"]
    assert first["examples"][1]["ref"].startswith("1910, Saki")
    assert first["antonyms"] == [{"word": "nothing", "qualifier": "rare"}]
    assert "raw_glosses" not in senses[2]


def test_an_entry_without_senses_gets_no_gloss(make_page: Callable[..., ExportPage]) -> None:
    entry = make_page("x").entries[0]
    entry.senses = []
    assert to_kaikki(entry)["senses"] == [{"tags": ["no-gloss"]}]
