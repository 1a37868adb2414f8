"""Random and mutated wikitext never makes parse_page raise, and never leaks markup."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import FIXTURES, markup_leaks, to_data

from wiktlex import parse_page
from wiktlex.model import RawPage

TOKENS = [
    "==English==\n", "===Noun===\n", "===Etymology 1===\n", "====Synonyms====\n", "==\n",
    "{{", "}}", "[[", "]]", "|", "=", "#", "##", "#:", "#*", "#*:", "*", "'''", "''", "\n",
    "<ref>", "</ref>", "<!--", "-->", "{{en-noun}}", "{{lb|en|", "{{l|en|x}}", "{{{1}}}",
    "{{quote-book|en|year=1900|passage=", "[[w:Saki|Saki]]", "&nbsp;", "<br>", "word ",
    "{{t+|fr|maison|f}}", "{{trans-top|a}}", "----\n", "[[Category:X]]", "{{#if:|a|b}}",
]

SEED = "\n".join(
    path.read_text(encoding="utf-8")
    for path in sorted((FIXTURES / "pages").glob("*.wikitext"))[:5]
) or "==English==\n===Noun===\n{{en-noun}}\n# A [[house]].\n#: An example.\n"


def _check(text: str) -> None:
    result = parse_page(RawPage(title="fuzz", text=text))
    for entry in result.entries:
        assert markup_leaks(to_data(entry)) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_token_soup_never_raises(tokens: list[str]) -> None:
    _check("==English==\n===Noun===\n" + "".join(tokens))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_random_text_never_raises(text: str) -> None:
    _check(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_real_wikitext_never_raises(data: st.DataObject) -> None:
    text = SEED
    for _ in range(data.draw(st.integers(1, 8))):
        start = data.draw(st.integers(0, max(0, len(text) - 1)))
        length = data.draw(st.integers(0, 40))
        insert = data.draw(st.sampled_from([*TOKENS, ""]))
        text = text[:start] + insert + text[start + length :]
    _check(text)


def test_binary_garbage_and_empty_pages() -> None:
    for text in ["", "\x00\x01\x02", bytes(range(256)).decode("latin-1"), "}}" * 500, "{{" * 5000]:
        result = parse_page(RawPage(title="garbage", text=text))
        assert result.entries == []


def test_fixture_dir_exists() -> None:
    assert Path(FIXTURES / "pages").is_dir()
