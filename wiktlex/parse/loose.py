"""The parts of a page outside every section reader, each given its fate.

Lines before the first heading (`{{also|…}}`) and a language's own lines before its
first subsection (`{{wikipedia}}` boxes) are rendered, so their templates reach a handler
or the fallback like any other; what the account (account.py) cannot get from a reader
is set here: headings, sections dropped by rule (data/drops.json: Anagrams, References…),
unknown sections and sections before any language (their diagnostic names them).
"""

from __future__ import annotations

from wiktlex.parse.context import Collected, Context, PageState
from wiktlex.parse.ledger import DIAGNOSED, drop
from wiktlex.parse.lines import numbered_lines
from wiktlex.parse.sections import LanguageBlock, Section, drop_rule

HEADING = "heading"
# Where loose lines are rendered (Context.where): outside every entry's fields.
LOOSE_PLACES = frozenset({"preamble", "language"})


def read_loose(lines: list[str], first_line: int, ctx: Context) -> None:
    """Render lines that belong to no entry (`first_line`: the page line of lines[0]).

    Their templates are dispatched (a box is dropped by its rule, an unknown one gets the
    fallback's diagnostic); a list item there gives nothing to an entry and says so.
    """
    for first, last, line in numbered_lines(lines):
        stripped = line.strip()
        if not stripped:
            continue
        lctx = ctx.at(first_line + first, first_line + last)
        collected = Collected()
        lctx.child(None, collected).render(stripped)
        if stripped[0] in "*#:;":
            lctx.settle_item(False, collected, stripped, "list item outside any section")


def mark_sections(sections: list[Section], languages: list[LanguageBlock], state: PageState) -> None:
    """Headings, dropped, unknown and orphan sections, in the ledger (when accounting)."""
    ledger = state.ledger
    if ledger is None:
        return
    for section in sections:
        ledger.span(section.line, section.line, drop(HEADING), section.title)
    for language in languages:
        for section in language.unknown:
            _body(state, section, DIAGNOSED, language.name)
        for section, kind in _placed(language):
            if kind == "ignore":
                rule = drop_rule(section.title)
                _body(state, section, drop(rule) if rule else DIAGNOSED, language.name)
    for section in sections:  # before any language: their diagnostic names them
        if section.level <= 2:
            break
        _body(state, section, DIAGNOSED, "")


def _body(state: PageState, section: Section, fate: str, language: str) -> None:
    if section.body and state.ledger is not None:
        start = section.line + 1
        state.ledger.span(start, start + len(section.body) - 1, fate,
                          f"{language}/{section.title}" if language else section.title)


def _placed(language: LanguageBlock) -> list[tuple[Section, str]]:
    found = [(s, k.kind) for s, k in language.shared]
    for group in language.groups:
        found.extend((s, k.kind) for s, k in group.shared)
        for block in group.pos_blocks:
            found.extend((s, k.kind) for s, k in block.attached)
    return found
