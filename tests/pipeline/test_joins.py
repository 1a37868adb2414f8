"""Across pages, in refresh: a page, its `/translations` subpage, thesaurus pages and the
source's RQ template pages (fixtures/sources/house), from a directory and from a dump
where the main page comes first; an edit of only a related page updates the main page."""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from wiktlex.ingest.files import read_files
from wiktlex.lexicon import open_lexicon
from wiktlex.model import Entry
from wiktlex.pipeline import refresh
from wiktlex.pipeline.joins import role

SOURCE = Path(__file__).resolve().parents[2] / "fixtures" / "sources" / "house"
NAMESPACES = {0: "", 10: "Template", 110: "Thesaurus"}


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    copy = tmp_path / "pages"
    shutil.copytree(SOURCE, copy)
    return copy


def entries(db: Path, word: str = "house") -> dict[str, Entry]:
    with open_lexicon(db) as lexicon:
        return {e.pos: e for e in lexicon.entries(word)}


def diagnostics(db: Path, title: str) -> list[str]:
    with open_lexicon(db) as lexicon:
        return [f"{d.severity}: {d.message}" for d in lexicon.diagnostics(title)]


def check_joined(db: Path) -> None:
    noun = entries(db)["noun"]
    assert [(t.lang_code, t.word, t.sense) for t in noun.translations] == [
        ("fr", "maison", "structure serving as an abode"),
        ("de", "Haus", "structure serving as an abode"),
        ("fr", "maison", "dynasty"),
    ]
    assert [t.word for t in entries(db)["verb"].translations] == ["loger"]  # its own table only
    synonyms = [(r.word, r.source) for r in noun.relations["synonyms"]]
    assert synonyms == [("residence", None), ("abode", "Thesaurus:house"), ("dwelling", "Thesaurus:house")]
    assert [r.word for r in noun.relations["hyponyms"]] == ["bungalow", "cottage"]
    assert {r.sense for r in noun.relations["hyponyms"]} == {"a structure serving as an abode"}
    first, second = noun.senses
    assert [(r.word, r.source) for r in first.synonyms] == [
        ("home", None), ("domicile", "Thesaurus:dwelling"), ("habitation", "Thesaurus:dwelling")]
    [squire] = first.quotations  # through the redirect to the source's template page
    assert (squire.authors, squire.title, squire.year, squire.chapter) == (
        ["Archibald Marshall"], "The Squire's Daughter", "1912", "III")
    [book] = second.quotations  # known to no data table: the template page alone says it
    assert (book.authors, book.title, book.publisher, book.chapter, book.text) == (
        ["Jane Example"], "The House Book", "Example Press", "IV", "The house of York.")


def test_a_directory_refresh_joins_the_related_pages(pages: Path, tmp_path: Path) -> None:
    db = tmp_path / "lex.sqlite"
    summary = refresh(str(pages), db, progress="none")
    assert summary.failed == 0
    check_joined(db)
    assert diagnostics(db, "house/translations") == ["info: translations subpage: merged into the entries of house"]
    with open_lexicon(db) as lexicon:
        for title in ("house/translations", "Thesaurus:house", "Template:RQ:Example Housebook"):
            info = lexicon.page(title)
            assert info is not None and info.n_entries == 0
        assert lexicon.entries("house/translations") == [] and lexicon.entries("Thesaurus:house") == []


def test_a_subpage_without_its_main_page_is_a_diagnostic(pages: Path, tmp_path: Path) -> None:
    db = tmp_path / "lex.sqlite"
    refresh(str(pages), db, progress="none")
    assert diagnostics(db, "mansion/translations") == [
        "warning: translations subpage without its main page mansion: its translations go nowhere"]
    (pages / "mansion.wikitext").write_text("==English==\n\n===Noun===\n{{en-noun}}\n\n# A large house.\n\n"
                                            "====Translations====\n{{see translation subpage|Noun}}\n")
    refresh(str(pages), db, progress="none")
    assert [t.word for t in entries(db, "mansion")["noun"].translations] == ["manoir"]
    assert diagnostics(db, "mansion/translations") == ["info: translations subpage: merged into the entries of mansion"]


def _changed(noun: Entry) -> list[str]:
    """Which related page's edit the noun shows."""
    seen = {
        "subpage": [t.word for t in noun.translations][-2:] == ["huis", "maison"],
        "thesaurus page": "lodging" in [r.word for r in noun.senses[0].synonyms],
        "template page": noun.senses[1].quotations[0].year == "1902",
    }
    return [name for name, shown in seen.items() if shown]


@pytest.mark.parametrize(
    ("what", "name", "old", "new"),
    [
        ("subpage", "house%2Ftranslations.wikitext", "* German: {{t+|de|Haus|n}}",
         "* German: {{t+|de|Haus|n}}\n* Dutch: {{t+|nl|huis|n}}"),
        ("thesaurus page", "Thesaurus:dwelling.wikitext", "{{l|en|home}}", "{{l|en|home}}, {{l|en|lodging}}"),
        ("template page", "Template:RQ:Example Housebook.wikitext", "year=1901", "year=1902"),
    ],
    ids=lambda v: v if " " in v or v == "subpage" else "",
)
def test_an_edit_of_only_a_related_page_updates_the_main_page(
    pages: Path, tmp_path: Path, what: str, name: str, old: str, new: str
) -> None:
    db = tmp_path / "lex.sqlite"
    refresh(str(pages), db, progress="none")
    assert _changed(entries(db)["noun"]) == []
    path = pages / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    again = refresh(str(pages), db, progress="none")
    assert again.parsed == 2  # the edited page, and the one page made with it
    assert _changed(entries(db)["noun"]) == [what]
    assert refresh(str(pages), db, progress="none").parsed == 0  # and then nothing is stale


def write_dump(path: Path, titles_first: list[str]) -> None:
    """The fixture pages as a real XML export, in the order given (then the others)."""
    pages = {p.title: p for p in read_files(SOURCE)}
    order = [*titles_first, *sorted(t for t in pages if t not in titles_first)]
    spaces = "".join(f'<namespace key="{k}" case="case-sensitive">{v}</namespace>' for k, v in NAMESPACES.items())
    body = []
    for number, title in enumerate(order, 1):
        page = pages[title]
        redirect = f'<redirect title="{escape(page.redirect_to)}" />' if page.redirect_to else ""
        body.append(
            f"<page><title>{escape(title)}</title><ns>{page.ns}</ns><id>{number}</id>{redirect}"
            f"<revision><id>{100 + number}</id><timestamp>2024-01-01T00:00:00Z</timestamp>"
            f'<model>wikitext</model><format>text/x-wiki</format><text xml:space="preserve">'
            f"{escape(page.text)}</text></revision></page>"
        )
    path.write_text(
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="en">'
        f"<siteinfo><sitename>Wiktionary</sitename><namespaces>{spaces}</namespaces></siteinfo>"
        + "".join(body) + "</mediawiki>\n",
        encoding="utf-8",
    )


def test_a_dump_whose_main_page_comes_first_is_joined_all_the_same(tmp_path: Path) -> None:
    """The main page is read, and parsed, before its subpage, thesaurus and template pages:
    the refresh joins it again once they are there."""
    dump = tmp_path / "pages-articles.xml"
    write_dump(dump, ["house", "mansion/translations"])
    db = tmp_path / "lex.sqlite"
    summary = refresh(str(dump), db, progress="none", batch=2)
    assert summary.failed == 0 and summary.pages_read == 8
    check_joined(db)
    assert refresh(str(dump), db, progress="none").parsed == 0


def test_every_page_has_its_role() -> None:
    assert [role(t, ns) for t, ns in [("house", 0), ("house/translations", 0), ("Thesaurus:house", 110),
                                      ("Template:RQ:X", 10), ("AC/DC", 0)]] == [
        "entry", "subpage", "thesaurus", "template", "entry"]


def test_the_2018_dump_gives_hieno_the_terms_of_its_thesaurus_page(tmp_path: Path) -> None:
    """The real dump sample holds hieno and Thesaurus:hieno (wiktextract's own test of this
    join): the Finnish adjective gets the thesaurus' synonyms and antonyms, named as such."""
    from support import corpus_or_skip

    dump = corpus_or_skip("dumps", "tatuylonen-wiktextract", "test-pages-articles.xml.bz2")
    db = tmp_path / "lex.sqlite"
    summary = refresh(str(dump), db, progress="none", workers=2)
    assert summary.failed == 0
    adjective = entries(db, "hieno")["adj"]
    synonyms = [r.word for r in adjective.relations["synonyms"] if r.source == "Thesaurus:hieno"]
    assert len(synonyms) == 15 and "kaunis" in synonyms and "hieno" not in synonyms
    assert [(r.word, r.source) for r in adjective.relations["antonyms"]] == [("ruma", "Thesaurus:hieno")]
    assert {r.sense for r in adjective.relations["synonyms"]} == {"good looking, fine"}
