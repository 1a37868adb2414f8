"""Conservation: every template occurrence and list item of a page ends handled, dropped by
a rule, diagnosed — or is counted as unaccounted, against an independent scan."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import FIXTURES, corpus_or_skip

from wiktlex import parse_page
from wiktlex.ingest.files import read_file
from wiktlex.model import Account, ParseResult, RawPage, Tally
from wiktlex.parse.data import load
from wiktlex.parse.registry import Registry
from wiktlex.parse.templates import default_registry

PAGE = """{{also|House}}
==English==
{{wikipedia}}

===Etymology===
From {{inh|en|enm|hous}}.<ref>{{R:OED}}</ref>

===Noun===
{{en-noun}}
[[File:House.jpg|thumb|A {{w|house}}]]

# {{lb|en|countable}} A [[building]]. {{rfc-sense}}
#: {{ux|en|They built a house.}}
#:
# {{frobnicate|x}}
#* {{rfquotek|en|Milton}}

====Translations====
{{trans-top|building}}
* French: {{t+|fr|maison|f}}
* Chinese:
*: Mandarin: {{t|cmn|房子}}
* Arabic: {{t-needed|ar}}
{{trans-bottom}}

===Anagrams===
* {{anagrams|en|a=ehosu|hoseu}}

===Trivia of sorts===
* {{l|en|lost}}
"""


def _account(text: str, title: str = "house") -> tuple[Account, ParseResult]:
    result = parse_page(RawPage(title=title, text=text), account=True)
    assert result.account is not None
    return result.account, result


def _balanced(tally: Tally) -> bool:
    return tally.found == tally.handled + sum(tally.dropped.values()) + tally.diagnosed + tally.unaccounted


def test_every_template_and_item_of_a_page_ends_in_one_outcome() -> None:
    account, result = _account(PAGE)
    assert account.templates == Tally(
        found=18, handled=8, diagnosed=2, unaccounted=0,
        dropped={"layout": 2, "reference": 1, "media": 1, "editor-note": 1, "request": 2, "anagrams": 1},
    )
    assert account.items == Tally(found=11, handled=6, diagnosed=2, unaccounted=0,
                                  dropped={"request": 2, "anagrams": 1})
    assert account.lost == []
    said = {(d.template, d.line, d.section) for d in result.diagnostics}
    assert ("frobnicate", 15, "English/Noun") in said  # the fallback names template, section, line
    assert ("", 29, "English") in said  # the unknown section, by its heading's line
    assert ("", 14, "English/Noun") in said  # `#:` with nothing: the item says so


def test_what_no_handler_reached_is_unaccounted_with_its_place() -> None:
    """`{{w}}` shows its first or second argument: a template in a third one is never read."""
    account, _ = _account("==English==\n===Noun===\n# A {{w|House|house|{{l|en|lost}}}}.\n")
    assert account.templates.unaccounted == 1
    [lost] = account.lost
    assert (lost.kind, lost.name, lost.line, lost.section) == ("template", "l", 3, "English/Noun")
    assert "never dispatched" in lost.reason


def test_an_account_is_asked_for_and_the_parse_is_the_same_without() -> None:
    with_account, plain = (parse_page(RawPage(title="house", text=PAGE), account=flag)
                           for flag in (True, False))
    assert plain.account is None and with_account.account is not None
    assert with_account.entries == plain.entries
    assert with_account.diagnostics == plain.diagnostics


def test_a_page_cut_by_its_work_budget_accounts_the_rest_as_diagnosed() -> None:
    text = PAGE + "\n==French==\n===Noun===\n" + "# {{l|fr|maison}} x\n" * 400
    result = parse_page(RawPage(title="house", text=text), account=True, work_budget=20_000)
    assert result.partial and result.account is not None
    assert result.account.templates.unaccounted == 0
    assert result.account.templates.diagnosed > 200  # the lines after the cut


def test_fixture_pages_balance_and_lose_only_what_is_known() -> None:
    """Fixture pages: each account balances; what is lost is listed here (the `*-IPA`
    templates whose pronunciation a language module computes; a link in an ignored argument)."""
    known = {("amo", "la-ipa"), ("chat", "fr-ipa"), ("malformed", "l")}
    lost = set()
    for path in sorted((FIXTURES / "pages").glob("*.wikitext")):
        page = read_file(path)
        account, _ = _account(page.text, page.title)
        assert _balanced(account.templates) and _balanced(account.items), page.title
        lost.update((page.title, item.name) for item in account.lost)
    assert lost <= known


def test_every_drop_rule_has_a_reason_and_every_ignored_section_a_rule() -> None:
    drops = load("drops")
    rules = drops["rules"]
    assert all(isinstance(reason, str) and reason for reason in rules.values())
    ignored = {title for title, entry in load("sections").items()
               if isinstance(entry, dict) and entry.get("kind") == "ignore"}
    assert ignored == set(drops["sections"])
    assert set(drops["sections"].values()) <= set(rules)
    registered = {info.drop for name in default_registry().names()
                  if (info := default_registry().lookup(name)) is not None and info.drop}
    assert registered <= set(rules)


def test_a_drop_rule_not_in_the_data_fails_loudly() -> None:
    with pytest.raises(ValueError, match=r"drop rule 'whim' is not in data/drops\.json"):
        Registry().register(("x",), "test", lambda call, ctx: "", drop="whim")


def _corpus_accounts(results: list[tuple[RawPage, ParseResult]]) -> tuple[Tally, Tally]:
    templates, items = Tally(), Tally()
    for page, result in results:
        assert result.account is not None, page.title
        for total, tally in ((templates, result.account.templates), (items, result.account.items)):
            assert _balanced(tally), page.title
            total.found += tally.found
            total.unaccounted += tally.unaccounted
    return templates, items


# Today's floors (README: coverage); handlers for the top fallbacks and unaccounted raise them.
FLOORS = {"pages": (0.995, 0.999), "modern": (0.99, 0.999)}


def test_accounted_on_the_2018_corpus(corpus_results: list[tuple[RawPage, ParseResult]]) -> None:
    templates, items = _corpus_accounts(corpus_results)
    assert templates.accounted / templates.found >= FLOORS["pages"][0]
    assert items.accounted / items.found >= FLOORS["pages"][1]


def test_accounted_on_the_modern_corpus() -> None:
    directory: Path = corpus_or_skip("modern", "pages")
    results = [(page, parse_page(page, account=True))
               for page in (read_file(p) for p in sorted(directory.glob("*.wikitext")))]
    templates, items = _corpus_accounts(results)
    assert templates.accounted / templates.found >= FLOORS["modern"][0]
    assert items.accounted / items.found >= FLOORS["modern"][1]
