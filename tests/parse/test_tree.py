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
