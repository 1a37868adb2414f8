"""Across pages, in a refresh: what an entry takes from other pages of the same source.

`parse_page` reads one page. Some of a word's data lives on others:
- `{{see translation subpage|Noun}}` (or `{{trans-see|…|WORD/translations#Noun}}`): the
  translations are on `WORD/translations`, under the same language and that heading;
- `Thesaurus:WORD` lists terms for the senses of WORD; `{{syn|en|…|Thesaurus:x}}` and
  `* [[Thesaurus:x]]` bring the terms of x into an entry of another word.

The join happens here, as a parsed page is written: the related pages are read from the
raw store and parsed (they are few), their data merged with the page they came from
named (`Relation.source`), and what was read recorded in `ExportPage.dependencies`
(title -> sha1, "" when absent), so that an edit of only the subpage makes the main page
stale (staleness.py). The pages that only serve others — subpages, thesaurus pages, the
RQ template pages — are written without entries, with a diagnostic saying where their
content went (or that it went nowhere: a subpage without its main page).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import msgspec

from wiktlex import parse_page
from wiktlex.ingest.store import RawStore
from wiktlex.model import Diagnostic, Entry, ExportPage, Relation
from wiktlex.parse.citation_stats import walk_senses
from wiktlex.parse.template_library import TEMPLATE_NS, TemplateLibrary
from wiktlex.parse.thesaurus import PREFIX, THESAURUS_NS, ThesaurusBlock, headword, parse_thesaurus

SUBPAGE = "/translations"
#: Namespaces a refresh reads from a dump: entries, template pages, thesaurus pages.
SOURCE_NAMESPACES = (0, TEMPLATE_NS, THESAURUS_NS)
_CACHE = 512  # related pages kept parsed, by (title, sha1)


def role(title: str, ns: int) -> str:
    """What a page is to the lexicon: entry, subpage, thesaurus or template."""
    if ns == TEMPLATE_NS:
        return "template"
    if ns == THESAURUS_NS or title.startswith(PREFIX):
        return "thesaurus"
    return "subpage" if title.endswith(SUBPAGE) and ns == 0 else "entry"


def main_title(title: str, ns: int) -> str | None:
    """The page a subpage or a thesaurus page serves (`house/translations` -> `house`)."""
    kind = role(title, ns)
    if kind == "subpage":
        return title[: -len(SUBPAGE)]
    return headword(title) if kind == "thesaurus" else None


class Joiner:
    """Merges into each written page what its related pages hold."""

    def __init__(self, raw: RawStore, templates: TemplateLibrary) -> None:
        self.raw = raw
        self.templates = templates
        self._entries: dict[tuple[str, str], list[Entry]] = {}
        self._blocks: dict[tuple[str, str], list[ThesaurusBlock]] = {}

    def join(self, page: ExportPage) -> ExportPage:
        """The page as the lexicon gets it: merged, or emptied when it serves others."""
        kind = role(page.title, page.ns)
        if kind != "entry":
            return self._serving(page, kind)
        deps = dict(page.dependencies)
        for entry in page.entries:
            self._translations(page, entry, deps)
            self._thesaurus(page, entry, deps)
        page.dependencies = deps
        return page

    # -- pages that serve others ------------------------------------------------------

    def _serving(self, page: ExportPage, kind: str) -> ExportPage:
        served = main_title(page.title, page.ns)
        note = {"template": "a template page of the source: read by the pages that use it",
                "thesaurus": f"thesaurus page: its terms are merged into the entries of {served}",
                "subpage": f"translations subpage: merged into the entries of {served}"}[kind]
        severity = "info"
        if kind == "subpage" and served is not None:
            main = self.raw.get(served)
            page.dependencies = {served: main.sha1 or "" if main is not None else ""}  # said again when it comes
            if main is None:
                note, severity = f"translations subpage without its main page {served}: its translations go nowhere", "warning"
        page.entries = []
        page.diagnostics = [Diagnostic(page=page.title, message=note, section="source", severity=severity)]
        page.status = "empty" if page.status != "partial" else page.status
        return page

    # -- translations subpages --------------------------------------------------------

    def _translations(self, page: ExportPage, entry: Entry, deps: dict[str, str]) -> None:
        for see in entry.translations_see:
            if len(see.pages) != 1 or not see.pages[0].endswith(SUBPAGE):
                continue
            title = see.pages[0]
            found = self._related_entries(title, deps)
            if found is None:
                page.diagnostics.append(self._note(page, f"translations subpage {title} not in the source"))
                continue
            match = _section_of(found, entry, see.section)
            if match is None:
                heading = see.section or entry.pos_title
                page.diagnostics.append(self._note(page, f"{title} has no {entry.lang} {heading} section"))
                continue
            have = {(t.lang_code, t.word, t.sense) for t in entry.translations}
            entry.translations.extend(
                msgspec.structs.replace(t) for t in match.translations if (t.lang_code, t.word, t.sense) not in have
            )

    def _related_entries(self, title: str, deps: dict[str, str]) -> list[Entry] | None:
        raw = self.raw.get(title)
        deps[title] = raw.sha1 or "" if raw is not None else ""
        if raw is None:
            return None
        key = (title, raw.sha1 or "")
        if key not in self._entries:
            self._remember(self._entries, key, parse_page(raw, templates=self.templates).entries)
        return self._entries[key]

    # -- thesaurus pages --------------------------------------------------------------

    def _thesaurus(self, page: ExportPage, entry: Entry, deps: dict[str, str]) -> None:
        own = f"{PREFIX}{page.title}"
        if self.raw.get(own) is not None:  # an absent one is not a dependency: see dependents()
            for block in self._blocks_of(own, deps):
                if _same_word(block, entry):
                    _add(entry.relations.setdefault(block.kind, []), block.terms, own, block.sense, page.title)
        for link in entry.see_thesaurus:  # `* [[Thesaurus:cat]]`: the whole page, kind by kind
            for block in self._linked(link.page, entry, deps):
                _add(entry.relations.setdefault(block.kind, []), block.terms, link.page, block.sense, page.title)
        for sense in walk_senses(entry.senses):  # `{{syn|en|…|Thesaurus:cat}}`: that kind only
            for link in sense.see_thesaurus:
                into = {"synonyms": sense.synonyms, "antonyms": sense.antonyms}.get(link.kind)
                for block in self._linked(link.page, entry, deps):
                    if block.kind == (link.kind or block.kind):
                        target = into if into is not None else entry.relations.setdefault(block.kind, [])
                        _add(target, block.terms, link.page, None, page.title)

    def _linked(self, title: str, entry: Entry, deps: dict[str, str]) -> list[ThesaurusBlock]:
        """The blocks of a linked page for the entry's language (its part of speech when
        the page has one)."""
        blocks = [b for b in self._blocks_of(title, deps) if b.lang_code == entry.lang_code]
        same_pos = [b for b in blocks if b.pos == entry.pos]
        return same_pos or blocks

    def _blocks_of(self, title: str, deps: dict[str, str]) -> list[ThesaurusBlock]:
        raw = self.raw.get(title)
        deps[title] = raw.sha1 or "" if raw is not None else ""
        if raw is None:
            return []
        key = (title, raw.sha1 or "")
        if key not in self._blocks:
            self._remember(self._blocks, key, parse_thesaurus(raw, templates=self.templates)[0])
        return self._blocks[key]

    # -- helpers ----------------------------------------------------------------------

    @staticmethod
    def _note(page: ExportPage, message: str) -> Diagnostic:
        return Diagnostic(page=page.title, message=message, section="source", severity="warning")

    @staticmethod
    def _remember(cache: dict[tuple[str, str], Any], key: tuple[str, str], value: Any) -> None:
        if len(cache) >= _CACHE:
            cache.pop(next(iter(cache)))
        cache[key] = value


def _section_of(found: list[Entry], entry: Entry, section: str | None) -> Entry | None:
    """The subpage entry of the same language under the heading named (else the same part
    of speech), in the same etymology when the subpage numbers them."""
    same = [e for e in found if e.lang_code == entry.lang_code and e.lang == entry.lang]
    if section:
        same = [e for e in same if e.pos_title.lower() == section.lower()]
    else:
        same = [e for e in same if e.pos == entry.pos]
    exact = [e for e in same if e.etymology_number == entry.etymology_number]
    chosen = exact or same
    return chosen[0] if chosen else None


def _same_word(block: ThesaurusBlock, entry: Entry) -> bool:
    return block.lang_code == entry.lang_code and block.pos == entry.pos


def _add(into: list[Relation], terms: Iterable[Relation], source: str, sense: str | None, word: str) -> None:
    """Append the terms not there yet (nor the headword itself), each naming its source."""
    have = {r.word for r in into} | {word}
    for term in terms:
        if term.word not in have:
            have.add(term.word)
            into.append(msgspec.structs.replace(term, source=source, sense=term.sense or sense))


def dependents(title: str, ns: int) -> list[str]:
    """Pages to join again when this one is (re)written: the page it serves. A page that
    links to a thesaurus page recorded it as a dependency (staleness.py finds those)."""
    served = main_title(title, ns)
    return [served] if served else []


def templates_of(raw: RawStore) -> TemplateLibrary:
    """The source's template pages as the raw store holds them now."""
    return TemplateLibrary.from_pages(raw.iter_pages(namespaces=(TEMPLATE_NS,)))


def namespace_of(title: str) -> int:
    """The namespace a removed page's title names (its row is gone with it)."""
    if title.startswith("Template:"):
        return TEMPLATE_NS
    return THESAURUS_NS if title.startswith(PREFIX) else 0
