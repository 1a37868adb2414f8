"""parse_page: one RawPage -> entries and diagnostics. Pure; never raises on bad wikitext."""

from __future__ import annotations

import re
from functools import cache

import msgspec

from wiktlex.model import (
    Diagnostic,
    Entry,
    ParseResult,
    RawPage,
    Sense,
    Sound,
    Source,
    TemplateCall,
)
from wiktlex.parse.context import Collected, Context, PageState, WorkBudgetExceeded
from wiktlex.parse.data import load
from wiktlex.parse.languages import language_code
from wiktlex.parse.lines import logical_lines, report_unclosed
from wiktlex.parse.registry import Registry
from wiktlex.parse.render import TemplateRenderer, fold
from wiktlex.parse.sections import (
    Group,
    LanguageBlock,
    PosBlock,
    Section,
    SectionKind,
    build_tree,
    pos_tags,
    split_sections,
)
from wiktlex.parse.senses import parse_pos_body
from wiktlex.parse.subsections import SectionData, read_section
from wiktlex.parse.template_library import EMPTY_LIBRARY, TemplateLibrary
from wiktlex.parse.templates import default_registry

MAX_PAGE_BYTES = 2_000_000
# Work units (characters rendered plus render.TEMPLATE_WORK a template) a page may spend
# before it ends with what was extracted, marked partial: the guarantee that no page holds a
# worker (guard.py keeps each fragment linear; this catches pages that are merely huge).
# Counted in work, not seconds, so a page stops at the same place on any machine under any
# load. The largest real pages spend a few million (bench/work_budget.py measures them).
PAGE_WORK_BUDGET = 4_000_000
_CONTROL_MARKERS = re.compile("[\x01\x02\x03]")


@cache
def _renderer(registry: Registry) -> TemplateRenderer:
    return TemplateRenderer(registry)


def new_state(
    title: str, *, trace: bool = False, work_budget: int | None = None,
    registry: Registry | None = None, templates: TemplateLibrary = EMPTY_LIBRARY,
) -> PageState:
    """The state of one page's parse: its renderer (the default registry unless one is
    given), diagnostics, trace (when asked for), work budget (none unless given) and the
    template definitions of its source (none unless given)."""
    renderer = _renderer(registry if registry is not None else default_registry())
    return PageState(title=title, renderer=renderer, trace=[] if trace else None,
                     work_budget=work_budget, templates=templates)


def parse_page(
    page: RawPage, *, trace: bool = False, work_budget: int | None = PAGE_WORK_BUDGET,
    templates: TemplateLibrary = EMPTY_LIBRARY,
) -> ParseResult:
    """Every language section of `page` as entries, in page order, plus diagnostics.

    `templates`: the source's own template pages (`Template:RQ:…`), read, never changed.
    """
    state = new_state(page.title, trace=trace, work_budget=work_budget, templates=templates)
    try:
        entries = _parse(page, state)
    except RecursionError:
        state.diagnostics.append(_error(page, "page too deeply nested to parse"))
        entries = []
    return ParseResult(
        entries=entries, diagnostics=state.diagnostics, trace=state.trace, partial=state.partial,
        work=state.work, templates_used=state.templates_used,
    )


def _error(page: RawPage, message: str) -> Diagnostic:
    return Diagnostic(page=page.title, message=message, severity="error")


def _parse(page: RawPage, state: PageState) -> list[Entry]:
    if page.redirect_to is not None:
        state.diagnostics.append(
            Diagnostic(page=page.title, message=f"redirect to {page.redirect_to}", severity="info")
        )
        return []
    text = page.text
    if len(text) > MAX_PAGE_BYTES:
        state.diagnostics.append(_error(page, f"page of {len(text)} characters truncated"))
        text = text[:MAX_PAGE_BYTES]
    if "\x00" in text:
        text = text.replace("\x00", "")
        state.diagnostics.append(_error(page, "NUL characters removed"))
    if _CONTROL_MARKERS.search(text):  # the renderer's own markers (context.py); never in XML
        text = _CONTROL_MARKERS.sub("", text)
        state.diagnostics.append(_error(page, "control characters U+0001-U+0003 removed"))
    _, sections, problems = split_sections(text)
    for problem in problems:
        state.diagnostics.append(Diagnostic(page=page.title, message=problem))
    for orphan in _before_first_language(sections):
        state.diagnostics.append(Diagnostic(
            page=page.title,
            message=f"section {orphan.title!r} (line {orphan.line}) before any language heading",
        ))
    source = Source(
        title=page.title, pageid=page.pageid, revid=page.revid, timestamp=page.timestamp
    )
    entries: list[Entry] = []
    try:
        for language in build_tree(sections):
            _language_entries(language, page.title, source, state, entries)
    except WorkBudgetExceeded:
        state.partial = True
        message = (f"page exceeds the work budget of {state.work_budget:,} units; "
                   f"what follows {_last_place(entries)} was skipped")
        state.diagnostics.append(_error(page, message))
    return entries


def _last_place(entries: list[Entry]) -> str:
    if not entries:
        return "the start of the page"
    last = entries[-1]
    return f"the {last.lang} {last.pos_title}"


def _before_first_language(sections: list[Section]) -> list[Section]:
    orphans = []
    for section in sections:
        if section.level <= 2:
            break
        orphans.append(section)
    return orphans


def _language_entries(
    language: LanguageBlock, title: str, source: Source, state: PageState, out: list[Entry]
) -> None:
    """Append the language's entries to `out`; those built before a budget cut are kept."""
    entries: list[Entry] = []
    try:
        _build_language(language, title, source, state, entries)
    finally:
        _share_categories(entries, language)
        _assign_sense_ids(entries)
        out.extend(entries)


def _build_language(
    language: LanguageBlock, title: str, source: Source, state: PageState, entries: list[Entry]
) -> None:
    code = language_code(language.name)
    ctx = Context(page=state, lang_code=code or "", lang=language.name, section=language.name)
    if code is None:
        ctx.warn(f"unknown language heading {language.name!r}")
    for section in language.unknown:
        ctx.warn(f"unknown section heading {section.title!r} (line {section.line})")
    language_data = _read_all(language.shared, ctx)
    for group in language.groups:
        group_data = language_data + _read_all(group.shared, ctx)
        etymology_text, etymology_templates = _read_etymology(group, ctx)
        for block in group.pos_blocks:
            entry = _build_entry(block, title, ctx, source)
            entry.etymology_number = group.number
            entry.etymology_text = etymology_text
            entry.etymology_templates = list(etymology_templates)
            _merge(entry, group_data + _read_all(block.attached, ctx))
            entries.append(entry)
    if not entries:
        ctx.warn("language section without a part of speech")


_CATEGORY_LINK = re.compile(r"\[\[\s*Category\s*:\s*([^|\]\n{}]+)", re.IGNORECASE)


def _share_categories(entries: list[Entry], language: LanguageBlock) -> None:
    """Explicit categories describe the language section (Wiktionary writes them once, at
    its end, often under References or Anagrams): every entry of the language gets them."""
    found: list[str] = []
    for entry in entries:
        found.extend(entry.categories)
    skipped = [s for s, kind in _all_sections(language) if kind.kind == "ignore"]
    for section in [*skipped, *language.unknown]:
        found.extend(m.group(1).strip() for m in _CATEGORY_LINK.finditer(section.text))
    shared = list(dict.fromkeys(found))
    for entry in entries:
        entry.categories = list(shared)


def _all_sections(language: LanguageBlock) -> list[tuple[Section, SectionKind]]:
    sections = list(language.shared)
    for group in language.groups:
        sections.extend(group.shared)
        for block in group.pos_blocks:
            sections.extend(block.attached)
    return sections


def _assign_sense_ids(entries: list[Entry]) -> None:
    """Ids unique within the page: word/lang/pos[/eN][-k]/1.2 (k for a repeated POS)."""
    seen: dict[str, int] = {}
    for entry in entries:
        base = f"{entry.word}/{entry.lang_code or entry.lang}/{entry.pos}"
        if entry.etymology_number is not None:
            base += f"/e{entry.etymology_number}"
        seen[base] = seen.get(base, 0) + 1
        if seen[base] > 1:
            base += f"-{seen[base]}"
        _number_senses(entry.senses, base + "/", "")


def _read_all(sections: list[tuple[Section, SectionKind]], ctx: Context) -> list[SectionData]:
    result = []
    for section, kind in sections:
        result.append(read_section(section, kind, _in_section(ctx, section)))
    return result


def _in_section(ctx: Context, section: Section) -> Context:
    child = ctx.child()
    child.section = f"{ctx.lang}/{section.title}"
    return child


def _read_etymology(group: Group, ctx: Context) -> tuple[str, list[TemplateCall]]:
    if group.etymology is None:
        return "", []
    collected = Collected()
    sctx = _in_section(ctx, group.etymology).child("etymology", collected)
    paragraphs = []
    for line in logical_lines(group.etymology.body, report_unclosed(sctx.warn, group.etymology.line)):
        text = fold(sctx.render(line.strip()))
        if text:
            paragraphs.append(text)
    return "\n".join(paragraphs), collected.etymology_templates


def _build_entry(block: PosBlock, title: str, ctx: Context, source: Source) -> Entry:
    sctx = _in_section(ctx, block.section)
    body = parse_pos_body(block.section.body, sctx, block.section.line)
    tags = pos_tags(block.section.title)
    if tags:
        for sense in body.senses:
            sense.tags = list(dict.fromkeys([*sense.tags, *tags]))
    return Entry(
        word=title,
        lang=ctx.lang,
        lang_code=ctx.lang_code,
        pos=block.pos,
        pos_title=block.section.title,
        head_templates=body.head_templates,
        forms=body.forms,
        senses=body.senses,
        categories=list(dict.fromkeys(body.categories)),
        source=source,
    )


def _number_senses(senses: list[Sense], base: str, path: str) -> None:
    for index, sense in enumerate(senses, 1):
        sense_path = f"{path}.{index}" if path else str(index)
        sense.id = base + sense_path
        _number_senses(sense.subsenses, base, sense_path)


def _merge(entry: Entry, parts: list[SectionData]) -> None:
    """Copy what sections found into the entry (copies: a section may serve many entries)."""
    for data in parts:
        entry.sounds.extend(msgspec.structs.replace(s) for s in data.sounds if _sound_applies(s, entry))
        entry.hyphenation.extend(data.hyphenation)
        for key, items in data.relations.items():
            entry.relations.setdefault(key, []).extend(
                msgspec.structs.replace(r) for r in items
            )
        entry.translations.extend(msgspec.structs.replace(t) for t in data.translations)
        entry.translations_see.extend(msgspec.structs.replace(t) for t in data.translations_see)
        entry.see_thesaurus.extend(msgspec.structs.replace(t) for t in data.see_thesaurus)
        if data.usage_notes:
            entry.usage_notes = "\n".join(filter(None, [entry.usage_notes, data.usage_notes]))
        entry.alternative_forms.extend(msgspec.structs.replace(r) for r in data.alternative_forms)
        entry.categories.extend(c for c in data.categories if c not in entry.categories)


def _sound_applies(sound: Sound, entry: Entry) -> bool:
    """A pronunciation scoped with `{{sense|noun}}` belongs only to entries of that POS."""
    titles: dict[str, str] = load("pos")["titles"]
    scoped = {
        titles[part.strip().lower()]
        for tag in sound.tags
        for part in tag.split(",")
        if part.strip().lower() in titles
    }
    return not scoped or entry.pos in scoped
