"""The fast tree builder must build exactly the tree `mwparserfromhell.parse` builds.

Compared structurally: node types and every private attribute, recursively (including
that node lists are SmartLists), in both style modes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import mwparserfromhell
import pytest
from mwparserfromhell.smart_list import SmartList
from mwparserfromhell.wikicode import Wikicode
from support import CORPUS, FIXTURES

from wiktlex.parse.tree import parse

EDGE_CASES = [
    "",
    "plain text",
    "{{a}}{{b|c}}{{d|e=f|g|h=}}{{ |=x}}",
    "{{a|b=c=d|e|{{f|g}}|[[h|i]]}}",
    "[[a]] [[b|c]] [[c|d|e]] [[w:x#y|z]] [[File:x.png|thumb|{{a}}]]",
    "<ref name=\"a\" group='b' c=d e>x</ref><br/><br><span style=\"x\">y</span><div\n>z</div >",
    "<ref name=a/>< b>c</b><nowiki>{{x}}</nowiki><math>a<b</math><!-- c -->",
    "&amp; &#123; &#x7B; &nbsp; &bogus;",
    "==Heading {{a}}==\n===Sub===\n",
    "[http://example.com title {{x}}] http://bare.example.com [http://x]",
    "{{{1}}} {{{a|b}}} {{{{{x}}}}}",
    "{| class=\"wikitable\"\n|-\n! a !! b\n|-\n| c || {{d}}\n|}",
    "# a\n## b\n#: c\n#* d\n#*: e\n* f\n; g : h\n----\n",
    "''i'' '''b''' '''''bi''''' '''x''",
    "{{a|" * 50,
    "[[a|" * 50,
    "<div>" * 30 + "x",
    "{{a|<ref>{{b|[[c|{{d}}]]}}</ref>}}",
]


def structure(value: Any, out: list[str]) -> list[str]:
    if isinstance(value, Wikicode):
        assert type(value.nodes) is SmartList
        out.append("W[")
        for node in value.nodes:
            structure(node, out)
        out.append("]")
    elif isinstance(value, list):
        out.append("L[")
        for item in value:
            structure(item, out)
        out.append("]")
    elif hasattr(value, "__dict__"):
        out.append(type(value).__name__ + "(")
        for key in sorted(vars(value)):
            out.append(key + "=")
            structure(vars(value)[key], out)
        out.append(",")
        out.append(")")
    else:
        out.append(repr(value))
    return out


def assert_same_tree(text: str) -> None:
    for skip_style_tags in (False, True):
        stock = mwparserfromhell.parse(text, skip_style_tags=skip_style_tags)
        fast = parse(text, skip_style_tags=skip_style_tags)
        assert structure(fast, []) == structure(stock, [])
        assert str(fast) == text


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases_build_the_stock_tree(text: str) -> None:
    assert_same_tree(text)


def test_fixture_pages_build_the_stock_tree() -> None:
    for path in sorted((FIXTURES / "pages").glob("*.wikitext")):
        assert_same_tree(path.read_text(encoding="utf-8"))


def _sample(directory: Path, step: int) -> list[Path]:
    return sorted(directory.rglob("*.wikitext"))[::step]


def test_corpus_sample_builds_the_stock_tree() -> None:
    if not (CORPUS / "pages").is_dir():
        pytest.skip("shared corpus not available")
    for path in _sample(CORPUS / "pages", 15) + _sample(CORPUS / "revisions", 40):
        assert_same_tree(path.read_text(encoding="utf-8"))


def test_mwparserfromhell_builds_nodes_the_way_tree_py_does() -> None:
    """tree.py sets mwparserfromhell's private attributes itself: a release that moves them
    must fail here, saying which, before the parser silently builds broken trees."""
    from wiktlex.parse.tree import internals_problems

    problems = internals_problems()
    assert problems == [], (
        "parse/tree.py no longer matches the installed mwparserfromhell "
        f"(pinned in pyproject.toml): {problems}"
    )


def test_the_internals_check_names_what_moved(monkeypatch: pytest.MonkeyPatch) -> None:
    from mwparserfromhell.nodes import Text

    from wiktlex.parse import tree

    monkeypatch.setitem(tree.BUILT_ATTRIBUTES, Text, frozenset({"_value", "_moved"}))
    [problem] = tree.internals_problems()
    assert "Text now carries ['_value'], parse/tree.py sets ['_moved', '_value']" in problem


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_installed_mwparserfromhell_is_in_the_pinned_range() -> None:
    import tomllib

    pyproject = tomllib.loads((FIXTURES.parent / "pyproject.toml").read_text(encoding="utf-8"))
    [spec] = [d for d in pyproject["project"]["dependencies"] if d.startswith("mwparserfromhell")]
    bounds = dict(part.split("=", 1) if "=" in part else (part[0], part[1:])
                  for part in spec.removeprefix("mwparserfromhell").split(","))
    installed = _version(mwparserfromhell.__version__)
    assert _version(bounds[">"]) <= installed < _version(bounds["<"]), (spec, installed)
