"""Pronunciation generators ({{es-pr}}, {{ru-IPA}}…): bad input, rule-set loading, the corpus."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import msgspec
import pytest
from support import MARKUP_LEAK, REPO, corpus_or_skip

from wiktlex.model import RawPage
from wiktlex.parse.data import load
from wiktlex.parse.modifiers import parse_modified, split_top
from wiktlex.parse.page import parse_page
from wiktlex.parse.phonology import RULESETS, RuleSet, RuleSetError, Undecidable, ruleset


def _page(lang: str, title: str, line: str) -> tuple[list[dict[str, object]], list[str]]:
    text = f"=={lang}==\n===Pronunciation===\n{line}\n\n===Noun===\n{{{{head|xx|noun}}}}\n\n# gloss\n"
    result = parse_page(RawPage(title=title, text=text))
    sounds = [msgspec.to_builtins(s) for e in result.entries for s in e.sounds]
    return sounds, [d.message for d in result.diagnostics]


@pytest.mark.parametrize(
    ("lang", "title", "line", "needle"),
    [
        ("Polish", "kot", "{{pl-pr|k@t}}", "do not know: @"),
        ("Spanish", "-", "{{es-pr}}", "nothing to pronounce"),
        ("Spanish", "водка", "{{es-pr}}", "do not know"),
        ("Italian", "zanzara", "{{it-pr}}", "z must be respelled"),
        ("Russian", "водка", "{{ru-IPA}}", "stress is not marked"),
        ("Catalan", "color", "{{ca-IPA}}", "quality is not marked"),
    ],
)
def test_undecidable_input_is_a_diagnostic_and_no_ipa(lang: str, title: str, line: str, needle: str) -> None:
    sounds, messages = _page(lang, title, line)
    assert not [s for s in sounds if s["ipa"]]
    assert any(needle in m for m in messages), messages


def test_nothing_leaks_into_sound_fields() -> None:
    sounds, _ = _page(
        "Italian", "a",
        "{{it-pr|À*<pre:{{q|letter name}}><hmp:a>|a<pre:{{q|phonemic realization}}><rhyme:->}}",
    )
    assert sounds
    for sound in sounds:
        for value in [v for v in sound.values() if isinstance(v, str)] + list(sound["tags"]):  # type: ignore[operator]
            assert not MARKUP_LEAK.search(value) and "<" not in value and ">" not in value, sound


def test_modifiers_nest_and_split_at_the_top_level() -> None:
    assert split_top("a<q:x,y>,b") == ["a<q:x,y>", "b"]
    term = parse_modified("+<audio:F.wav<a:Spain>><q:rare>")
    assert term.text == "+" and term.get("audio") == ["F.wav<a:Spain>"] and term.get("q") == ["rare"]


def test_every_rule_set_loads_and_unknown_codes_fail_loudly() -> None:
    for code in RULESETS:
        assert ruleset(code).transcribe("a" if code != "ru" else "а")
    with pytest.raises(RuleSetError):
        ruleset("xx")
    with pytest.raises(RuleSetError):
        RuleSet("bad", {"letters": "a", "rules": [["(", ""]], "syllables": {"vowels": "a", "onset": ""}})
    with pytest.raises(Undecidable):
        ruleset("es").transcribe("   ")


def test_every_generator_names_a_rule_set_and_has_a_case() -> None:
    cases = "".join(p.read_text(encoding="utf-8") for p in (REPO / "fixtures" / "templates").glob("pron_*.cases"))
    for name, spec in load("phonology/generators")["templates"].items():
        assert spec["lang"] in RULESETS, name
        assert "{{" + name in cases, name


def _coverage_tool() -> object:
    spec = importlib.util.spec_from_file_location("pron_coverage", REPO / "tools" / "pron_coverage.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# Share of pronunciation sections yielding an IPA on corpus/modern before the generators
# (main at 5e43970) — the figures the new rule sets must keep beating.
_BEFORE = {"Spanish": 1, "Italian": 1, "Polish": 1, "Finnish": 0, "Indonesian": 3, "Tagalog": 0,
           "Catalan": 4, "Portuguese": 1, "Russian": 0}


def test_corpus_share_of_sections_with_ipa_rises() -> None:
    pages: Path = corpus_or_skip("modern", "pages")
    tool = _coverage_tool()
    sections, with_ipa = tool.coverage(pages)  # type: ignore[attr-defined]
    for lang, before in _BEFORE.items():
        if sections[lang]:
            assert with_ipa[lang] >= max(before + 1, int(0.8 * sections[lang])), (lang, with_ipa[lang], sections[lang])
