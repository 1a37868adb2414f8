"""Template handlers, driven by fixtures/templates/*.cases.

A case is a block of lines separated by a blank line:

    # optional comment
    {{plural of|en|house}}                   <- wikitext (one line)
    => plural of house                       <- text a reader sees (annotations kept; \n
                                                a line break)
    form_of: [{"word": "house", "kind": "plural"}]   <- optional `key: JSON` lines

Keys: gloss (text without annotations), labels, tags, qualifiers, form_of, categories,
senseids, etymology (texts of the attached etymology templates), etymology_names,
terms (the terms those templates cite), relations / related ([kind, Relation]; `related`
lists only the fields set), links_brief, translations_brief (only the fields set),
unknown, diagnostics (substrings that must each appear in some diagnostic), where
(rendering place, default gloss), lang (language code of the section, default en).
Every case is rendered as if its source held the template pages of
fixtures/template_pages (`{{RQ:…}}` resolves through them first).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec
import pytest
from support import MARKUP_LEAK

from wiktlex.ingest.files import read_files
from wiktlex.parse.context import Collected, Context, PageState
from wiktlex.parse.languages import language_name
from wiktlex.parse.page import new_state
from wiktlex.parse.registry import canonical_name
from wiktlex.parse.render import fold, render_text
from wiktlex.parse.template_library import TemplateLibrary
from wiktlex.parse.templates import default_registry

CASES_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "templates"
TEMPLATE_PAGES = CASES_DIR.parent / "template_pages"
LIBRARY = TemplateLibrary.from_pages(read_files(TEMPLATE_PAGES))


@dataclass
class Case:
    source: str
    line: int
    wikitext: str
    expected: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return f"{self.source}:{self.line}"


def load_cases(path: Path) -> list[Case]:
    cases: list[Case] = []
    lines = path.read_text(encoding="utf-8").split("\n")
    block: list[tuple[int, str]] = []
    for number, line in enumerate([*lines, ""], 1):
        if line.strip():
            if not line.startswith("#"):
                block.append((number, line))
            continue
        if block:
            cases.append(_case(path.name, block))
            block = []
    return cases


def _case(source: str, block: list[tuple[int, str]]) -> Case:
    (line, wikitext), rest = block[0], block[1:]
    case = Case(source, line, wikitext)
    for _, text in rest:
        if text.startswith("=>"):
            case.expected = text[2:].strip().replace("\\n", "\n")
        else:
            key, _, value = text.partition(":")
            value = value.strip()
            case.fields[key.strip()] = json.loads(value) if value and value[0] in '[{"' else value
    return case


ALL_CASES = [case for path in sorted(CASES_DIR.glob("*.cases")) for case in load_cases(path)]


def run(case: Case) -> tuple[str, str, Collected, PageState]:
    state = new_state(case.fields.get("title", "house"), trace=True, templates=LIBRARY)
    lang = case.fields.get("lang", "en")
    collected = Collected()
    ctx = Context(page=state, lang_code=lang, lang=language_name(lang) or "",
                  section="English/Noun", where=case.fields.get("where", "gloss"),
                  collected=collected)
    rendered = render_text(case.wikitext, ctx)
    return fold(rendered), fold(rendered, keep_annotations=False), collected, state


def _observed(key: str, collected: Collected, state: PageState) -> Any:
    if key == "form_of":
        return [{"word": f.word, "kind": f.kind} for f in collected.form_of]
    if key == "etymology":
        return [t.text for t in collected.etymology_templates]
    if key == "etymology_names":
        return [t.name for t in collected.etymology_templates]
    if key == "diagnostics":
        return [f"{d.template}: {d.message}" for d in state.diagnostics]
    if key == "relations":  # (kind, Relation) pairs, written as JSON lists in the cases
        return [[kind, msgspec.to_builtins(r)] for kind, r in collected.relations]
    if key == "related":  # the same, only the fields that are set
        return [[kind, _brief(r)] for kind, r in collected.relations]
    if key == "terms":  # the terms the etymology templates cite, only the fields set
        return [_brief(t) for call in collected.etymology_templates for t in call.terms]
    if key in ("links_brief", "translations_brief"):
        return [_brief(x) for x in getattr(collected, key.removesuffix("_brief"))]
    return msgspec.to_builtins(getattr(collected, key))


def _brief(record: Any) -> dict[str, Any]:
    return {k: v for k, v in msgspec.to_builtins(record).items() if v not in (None, [], "")}


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda c: c.id)
def test_case(case: Case) -> None:
    text, gloss, collected, state = run(case)
    if case.expected is not None:
        assert text == case.expected
    assert not MARKUP_LEAK.search(text), text
    for key, expected in case.fields.items():
        if key in ("where", "lang", "title"):
            continue
        if key == "gloss":
            assert gloss == expected
        elif key == "diagnostics":
            observed = _observed(key, collected, state)
            for needle in expected:
                assert any(needle in d for d in observed), (needle, observed)
        else:
            assert _observed(key, collected, state) == expected, key
    assert not [d for d in state.diagnostics if d.severity == "error"]


def test_cases_exist() -> None:
    assert len(ALL_CASES) > 100


def test_every_handler_has_a_case() -> None:
    """Each handler function is exercised by some case (table-built handlers share code,
    so one case per factory: `formof._table_handler.<locals>.handle`)."""
    used = set()
    for case in ALL_CASES:
        _, _, _, state = run(case)
        for event in state.trace or []:
            info = default_registry().lookup(canonical_name(event.template))
            if info is not None:
                used.add(_code(info.func))
    missing = {}
    for name in default_registry().names():
        info = default_registry().lookup(name)
        if info is not None and _code(info.func) not in used:
            missing.setdefault(_code(info.func), name)
    assert missing == {}


def _code(func: Any) -> str:
    return f"{func.__module__}.{func.__qualname__}"
