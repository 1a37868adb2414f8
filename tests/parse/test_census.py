"""The independent count the account relies on: templates matched like MediaWiki's
preprocessor, list items by line, nothing counted inside comments or <nowiki>."""

from __future__ import annotations

import pytest

from wiktlex.parse.census import census, template_names


@pytest.mark.parametrize(("text", "names"), [
    ("{{a}} {{b|c}}", ["a", "b"]),
    ("{{l|en|{{m|en|y}}}}", ["l", "m"]),  # nested ones count, in reading order
    ("{{{1}}} {{{a|{{b}}}}}", ["b"]),  # arguments are not templates
    ("{{{{a}}|b}}", ["{{a}}", "a"]),  # a run of four: a template inside a template's name
    ("{{#if:x|{{lc:Foo}}}} {{DEFAULTSORT:x}} {{Template:Quote-book|en}}",
     ["#if", "lc", "defaultsort:x", "quote-book"]),
    ("<!-- {{hidden}} --> <nowiki>{{no}}</nowiki> <pre>{{no}}</pre> {{yes}}", ["yes"]),
    ("{{a|" * 5 + "{{b}}", ["b"]),  # unclosed braces are text
    ("}} {{a}} }}}}", ["a"]),
    ("<!-- unclosed {{c}}", []),
])
def test_template_names(text: str, names: list[str]) -> None:
    assert template_names(text) == names


def test_lines_of_templates_and_items() -> None:
    text = "{{also|a}}\n==English==\n* {{IPA|en|/x/}}\n#: a\n<!--\n* hidden\n-->\n; term\n{{der3|en\n|a\n|{{l|en|b}}}}"
    found = census(text)
    assert found.templates == [(1, "also"), (3, "ipa"), (9, "der3"), (11, "l")]
    assert found.items == [3, 4, 8]


def test_linear_on_unclosed_input() -> None:
    assert census("{{a|[[b|" * 20000 + "<nowiki>" * 20000).templates == []
