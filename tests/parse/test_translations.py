"""Translation tables: {{t}} family, genders, romanisation, nested lines, old plain links."""

from __future__ import annotations

from wiktlex.model import RawPage, Translation
from wiktlex.parse.page import parse_page


def translations(table: str) -> list[Translation]:
    page = f"==English==\n===Noun===\n{{{{en-noun}}}}\n\n# gloss\n\n====Translations====\n{table}\n"
    return parse_page(RawPage(title="friend", text=page)).entries[0].translations


def plain(found: list[Translation]) -> list[tuple[str | None, str, str, str, list[str], str | None]]:
    return [(t.sense, t.lang, t.lang_code, t.word, t.tags, t.roman) for t in found]


def test_t_family_with_genders_and_roman() -> None:
    found = translations(
        "{{trans-top|companion}}\n"
        "* French: {{t+|fr|ami|m}}, {{t|fr|amie|f}}\n"
        "* Chinese:\n"
        "*: Mandarin: {{t+|cmn|顾问|tr=gùwèn}}\n"
        "* Russian: {{tt+|ru|друг|m-an}}, {{t-check|ru|подру́га|f}}\n"
        "* Swahili: {{t-needed|sw}}\n"
        "{{trans-bottom}}"
    )
    assert plain(found) == [
        ("companion", "French", "fr", "ami", ["masculine"], None),
        ("companion", "French", "fr", "amie", ["feminine"], None),
        ("companion", "Mandarin", "cmn", "顾问", [], "gùwèn"),
        ("companion", "Russian", "ru", "друг", ["masculine", "animate"], None),
        ("companion", "Russian", "ru", "подру́га", ["feminine"], None),
    ]


def test_old_plain_link_lines_and_checktrans() -> None:
    found = translations(
        "{{checktrans-top}}\n"
        "* French: [[ami]] {{m}}, [[amie]] {{f}}\n"
        "* {{ttbc|nl}}: [[vriend]] {{m}}\n"
        "{{trans-bottom}}"
    )
    assert plain(found) == [
        (None, "French", "fr", "ami", ["masculine"], None),
        (None, "French", "fr", "amie", ["feminine"], None),
        (None, "Dutch", "nl", "vriend", ["masculine"], None),
    ]


def test_qualifiers_stay_with_their_item() -> None:
    found = translations("{{trans-top|x}}\n* French: {{t|fr|ami|m}}, {{q|informal}} {{t|fr|pote|m}}\n{{trans-bottom}}")
    assert [t.tags for t in found] == [["masculine"], ["masculine", "informal"]]


def test_trans_see_and_multitrans() -> None:
    found = translations(
        "{{trans-see|supporter|supporter}}\n"
        "{{trans-top|adviser}}{{multitrans|data=\n"
        "* Finnish: {{tt+|fi|neuvonantaja}}\n"
        "* Polish: {{tt+|pl|doradca|m-pr}}\n"
        "{{trans-bottom}}\n"
        "}}"
    )
    assert plain(found) == [
        ("adviser", "Finnish", "fi", "neuvonantaja", [], None),
        ("adviser", "Polish", "pl", "doradca", ["masculine", "personal"], None),
    ]


def test_broken_lines_never_raise() -> None:
    found = translations("{{trans-top|x}}\n* French: {{t|fr}}, {{t||}}, [[\n* : \n{{trans-bottom")
    assert all("{{" not in t.word and "[[" not in t.word for t in found)


def test_not_used_is_no_translation() -> None:
    found = translations("{{trans-top|greeting}}\n* Ainu: {{not used|ain}}\n* French: {{t+|fr|salut}}\n{{trans-bottom}}")
    assert [(t.lang, t.word) for t in found] == [("French", "salut")]


def test_egyptian_translation_template() -> None:
    found = translations("{{trans-top|land}}\n* Egyptian: {{t-egy|kmt|f|h=km-m-t:O49}}\n{{trans-bottom}}")
    assert [(t.lang, t.lang_code, t.word, t.tags) for t in found] == [("Egyptian", "egy", "kmt", ["feminine"])]
