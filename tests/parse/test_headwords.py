"""Head lines: English inflection rules (old and new template styles) and other languages' heads."""

from __future__ import annotations

import pytest

from wiktlex.model import Entry, RawPage
from wiktlex.parse import inflection
from wiktlex.parse.page import parse_page


def entry(title: str, head: str, pos: str = "Noun", lang: str = "English") -> Entry:
    result = parse_page(RawPage(title=title, text=f"=={lang}==\n==={pos}===\n{head}\n\n# gloss\n"))
    assert not [d for d in result.diagnostics if d.severity == "error"]
    return result.entries[0]


def head_text(title: str, head: str, pos: str = "Noun", lang: str = "English") -> str:
    return entry(title, head, pos, lang).head_templates[0].text


@pytest.mark.parametrize(
    ("title", "head", "text"),
    [
        ("house", "{{en-noun}}", "house (plural houses)"),
        ("box", "{{en-noun}}", "box (plural boxes)"),
        ("box", "{{en-noun|es}}", "box (plural boxes)"),
        ("water", "{{en-noun|~}}", "water (countable and uncountable, plural waters)"),
        ("information", "{{en-noun|-}}", "information (uncountable)"),
        ("beer", "{{en-noun|-|s}}", "beer (usually uncountable, plural beers)"),
        ("cherry", "{{en-noun|cherr|ies}}", "cherry (plural cherries)"),
        ("ox", "{{en-noun|oxen}}", "ox (plural oxen)"),
        ("cactus", "{{en-noun|cacti|pl2=cactuses}}", "cactus (plural cacti or cactuses)"),
        ("portmanteau", "{{en-noun|s|portmanteaux}}", "portmanteau (plural portmanteaus or portmanteaux)"),
        ("craft", "{{en-noun|~|craft|crafts}}", "craft (countable and uncountable, plural craft or crafts)"),
        ("wug", "{{en-noun|!}}", "wug (plural not attested)"),
        ("wug", "{{en-noun|?}}", "wug (unknown or uncertain plural)"),
        ("Aaron's rod", "{{en-noun|head=[[Aaron]][['s]] [[rod]]|~}}",
         "Aaron's rod (countable and uncountable, plural Aaron's rods)"),
        ("Paris", "{{en-proper noun}}", "Paris"),
        ("scissors", "{{en-plural noun}}", "scissors (plural only)"),
    ],
)
def test_english_nouns(title: str, head: str, text: str) -> None:
    assert head_text(title, head) == text


RELEASE = (
    "release (third-person singular simple present releases, present participle releasing, "
    "simple past and past participle released)"
)


@pytest.mark.parametrize(
    ("title", "head", "forms"),
    [
        ("release", "{{en-verb|releas|ing}}", ["releases", "releasing", "released"]),
        ("release", "{{en-verb}}", ["releases", "releasing", "released"]),
        ("try", "{{en-verb|tri|es}}", ["tries", "trying", "tried"]),
        ("stop", "{{en-verb|stop|p}}", ["stops", "stopping", "stopped"]),
        ("stop", "{{en-verb|++}}", ["stops", "stopping", "stopped"]),
        ("cat", "{{en-verb|cat|t|ed}}", ["cats", "catting", "catted"]),
        ("chat", "{{en-verb|chat|t|ing}}", ["chats", "chatting", "chatted"]),
        ("dictionary", "{{en-verb|dictionar|i|ed}}", ["dictionaries", "dictionarying", "dictionaried"]),
        ("dictionary", "{{en-verb|dictionar|ies}}", ["dictionaries", "dictionarying", "dictionaried"]),
        ("free", "{{en-verb|free|d}}", ["frees", "freeing", "freed"]),
        ("pass", "{{en-verb|es}}", ["passes", "passing", "passed"]),
        ("house", "{{en-verb|hous}}", ["houses", "housing", "housed"]),
        ("die", "{{en-verb}}", ["dies", "dying", "died"]),
        ("take", "{{en-verb|takes|taking|took|taken}}", ["takes", "taking", "took", "taken"]),
        ("deal", "{{en-verb|deals|dealing|dealt}}", ["deals", "dealing", "dealt"]),
    ],
)
def test_english_verbs(title: str, head: str, forms: list[str]) -> None:
    found = entry(title, head, "Verb")
    assert [f.form for f in found.forms] == forms


def test_verb_head_line_and_tags() -> None:
    found = entry("release", "{{en-verb|releas|ing}}", "Verb")
    assert found.head_templates[0].text == RELEASE
    assert found.head_templates[0].args == {"1": "releas", "2": "ing"}
    assert found.forms[0].tags == ["present", "singular", "third-person"]
    assert found.forms[1].tags == ["participle", "present"]
    assert set(found.forms[2].tags) == {"past", "participle"}


def test_verb_alternatives_with_qualifiers() -> None:
    text = head_text("crow", "{{en-verb|crows|crowing|crowed|past2=crew|past2_qual=UK|crowed}}", "Verb")
    assert "simple past crowed or (UK) crew, past participle crowed" in text
    found = entry("may", "{{en-verb|may|-|might|-}}", "Verb")
    assert "no present participle" in found.head_templates[0].text
    assert [f.form for f in found.forms] == ["may", "might"]


@pytest.mark.parametrize(
    ("title", "head", "text"),
    [
        ("big", "{{en-adj|er}}", "big (comparative bigger, superlative biggest)"),
        ("happy", "{{en-adj|er|more}}",
         "happy (comparative happier or more happy, superlative happiest or most happy)"),
        ("beautiful", "{{en-adj}}", "beautiful (comparative more beautiful, superlative most beautiful)"),
        ("unique", "{{en-adj|-}}", "unique (not comparable)"),
        ("good", "{{en-adj|better|best}}", "good (comparative better, superlative best)"),
        ("good", "{{en-adj|better|sup=best}}", "good (comparative better, superlative best)"),
        ("happy", "{{en-adj|happ|ier}}", "happy (comparative happier, superlative happiest)"),
        ("red", "{{en-adj|redder}}", "red (comparative redder, superlative reddest)"),
        ("fast", "{{en-adv|-|er}}", "fast (not generally comparable, comparative faster, superlative fastest)"),
    ],
)
def test_english_comparison(title: str, head: str, text: str) -> None:
    assert head_text(title, head, "Adjective") == text


@pytest.mark.parametrize(
    ("title", "head", "lang", "text", "forms"),
    [
        ("maison", "{{fr-noun|f}}", "French", "maison f", []),
        ("cheval", "{{fr-noun|m|chevaux}}", "French", "cheval m (plural chevaux)", ["chevaux"]),
        ("casa", "{{pt-noun|f|s}}", "Portuguese", "casa f (plural casas)", ["casas"]),
        ("Haus", "{{de-noun|n,es,^er}}", "German", "Haus n (genitive Hauses, plural Häuser)", ["Hauses", "Häuser"]),
        ("Vater", "{{de-noun|m|Vaters|Väter}}", "German", "Vater m (genitive Vaters, plural Väter)", ["Vaters", "Väter"]),
        ("tafel", "{{nl-noun|f|-s|-tje}}", "Dutch", "tafel f (plural tafels, diminutive tafeltje)", ["tafels", "tafeltje"]),
        ("dom", "{{head|pl|noun|g=m-in}}", "Polish", "dom m inan", []),
        ("hus", "{{head|da|noun|plural|huse|g=n}}", "Danish", "hus n (plural huse)", ["huse"]),
        ("kot", "{{zz-noun|m|pl=koty}}", "Polish", "kot m (plural koty)", ["koty"]),
    ],
)
def test_other_languages(title: str, head: str, lang: str, text: str, forms: list[str]) -> None:
    found = entry(title, head, "Noun", lang)
    assert found.head_templates[0].text == text
    assert [f.form for f in found.forms] == forms


def test_head_like_name_off_the_head_line_is_not_a_head() -> None:
    page = "==Czech==\n===Noun===\n{{cs-noun|g=n}}\n\n# gosling\n\n====Declension====\n{{cs-decl-noun|a|b}}\n"
    result = parse_page(RawPage(title="house", text=page))
    assert [h.name for h in result.entries[0].head_templates] == ["cs-noun"]


def test_bad_arguments_never_raise() -> None:
    for head in ("{{en-verb|||||}}", "{{en-noun|~|-|!}}", "{{en-adj|-|-|-}}", "{{head}}", "{{de-noun|,,,}}"):
        found = entry("x", head)
        assert "{{" not in found.head_templates[0].text


def test_spelling_rules() -> None:
    assert inflection.plural("church") == "churches"
    assert inflection.plural("day") == "days"
    assert inflection.present_participle("make") == "making"
    assert inflection.present_participle("see") == "seeing"
    assert inflection.past("cry") == "cried"
    assert inflection.comparative("wide") == "wider"


@pytest.mark.parametrize(
    ("title", "line", "head"),
    [
        ("amo", "{{la-verb|1+|amō}}", "amō"),
        ("domus", "{{la-noun|domus<4>}}", "domus"),
        ("amo", "{{la-verb|amō|amāre|amāvī|amātum}}", "amō (present infinitive amāre, perfect active amāvī, supine amātum)"),
    ],
)
def test_latin_heads_old_and_new_styles(title: str, line: str, head: str) -> None:
    from wiktlex import RawPage, parse_page

    entry = parse_page(RawPage(title=title, text=f"==Latin==\n===Verb===\n{line}\n# x\n")).entries[0]
    assert entry.head_templates[0].text == head


def test_old_initialism_head() -> None:
    from wiktlex import RawPage, parse_page

    entry = parse_page(RawPage(title="NATO", text="==English==\n===Initialism===\n{{en-initialism}}\n# x\n")).entries[0]
    assert entry.head_templates[0].name == "en-initialism"
    assert entry.head_templates[0].text == "NATO"
