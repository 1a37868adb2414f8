"""Usage-example templates attach Examples, never Quotations; requests yield nothing."""

from __future__ import annotations

import pytest

from wiktlex.model import Example
from wiktlex.parse.context import Collected, Context
from wiktlex.parse.page import new_state


def render(wikitext: str, where: str = "example") -> tuple[str, Collected]:
    ctx = Context(page=new_state("release"), lang_code="en", where=where)
    collected = Collected()
    return ctx.child(where, collected).render(wikitext), collected


@pytest.mark.parametrize(
    ("wikitext", "example"),
    [
        ("{{ux|en|Please '''release''' it.}}", Example(text="Please release it.")),
        ("{{usex|The hostages were '''released'''.|lang=en}}", Example(text="The hostages were released.")),
        ("{{uxi|fr|Ils l'ont '''libéré'''.|They '''released''' him.}}", Example(text="Ils l'ont libéré.", translation="They released him.")),
        ("{{ux|fr|On l'a libéré.|t=He was released.}}", Example(text="On l'a libéré.", translation="He was released.")),
        ("{{ux-lite|ru|Он '''освободил''' их.|He released them.|tr=On osvobodil ix.}}",
         Example(text="Он освободил их.", translation="He released them.", roman="On osvobodil ix.")),
        ("{{quote|en|Nothing is '''released'''.}}", Example(text="Nothing is released.")),
        ("{{ja-usex|人質を'''解放'''する|ひとじち を かいほう する|to release the hostages}}",
         Example(text="人質を解放する", translation="to release the hostages")),
        ("{{zh-x|他們/他们 '''釋放'''/释放 了 人質/人质。|They released the hostages.}}",
         Example(text="他們釋放了人質。", translation="They released the hostages.")),
    ],
)
def test_usage_examples(wikitext: str, example: Example) -> None:
    text, collected = render(wikitext)
    assert collected.examples == [example]
    assert collected.quotations == []
    assert text == example.text


def test_example_in_a_gloss_is_data_not_gloss_text() -> None:
    text, collected = render("To make public. {{uxi|en|to '''release''' a film}}", where="gloss")
    assert text.strip() == "To make public."
    assert collected.examples == [Example(text="to release a film")]


@pytest.mark.parametrize("name", ["rfquotek|en|Shakespeare", "rfquote|en", "rfex|en"])
def test_requests_yield_nothing(name: str) -> None:
    text, collected = render(f"{{{{{name}}}}}", where="gloss")
    assert text == "" and collected.examples == [] and collected.quotations == [] and collected.unknown == []


def test_empty_example_warns_and_attaches_nothing() -> None:
    ctx = Context(page=new_state("x"), lang_code="en", where="example")
    assert ctx.render("{{ux|en}}") == ""
    assert ctx.collected.examples == []
    assert any("without text" in d.message for d in ctx.page.diagnostics)
