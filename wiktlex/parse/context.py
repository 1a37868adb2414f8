"""What a handler can reach while rendering: the page, a collector, diagnostics.

The collector is the channel by which handlers attach structured data (labels,
forms, sounds, translations, citations…) next to the text they render. The caller
(senses.py, sections.py…) makes a fresh collector per line or block it extracts,
renders, then reads what was collected.

Rendering itself is the page's renderer (render.TemplateRenderer, given to the PageState
by page.new_state): this module imports neither render nor the registry, so both can
import it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Protocol

from wiktlex.model import (
    Attestation,
    Diagnostic,
    Example,
    Form,
    FormOf,
    Quotation,
    Relation,
    Sound,
    TemplateCall,
    ThesaurusLink,
    TraceEvent,
    Translation,
    TranslationsSee,
)
from wiktlex.parse.call import Call
from wiktlex.parse.template_library import EMPTY_LIBRARY, TemplateLibrary

# Annotation markers: a handler wraps text that is shown but is not part of a gloss
# (labels, qualifiers, dates) so the caller can keep it in raw_gloss and drop it from gloss.
ANNOTATION_START = "\x01"
ANNOTATION_END = "\x02"
# A line break the reader sees (<br>, poetry lines in passages); whitespace folding keeps it.
LINE_BREAK = "\x03"


@dataclass(slots=True)
class Collected:
    """Structured data attached by handlers while one fragment is rendered."""

    labels: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    genders: list[str] = field(default_factory=list)
    qualifiers: list[str] = field(default_factory=list)
    form_of: list[FormOf] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    etymology_templates: list[TemplateCall] = field(default_factory=list)
    head_templates: list[TemplateCall] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    sounds: list[Sound] = field(default_factory=list)
    hyphenation: list[str] = field(default_factory=list)
    links: list[Relation] = field(default_factory=list)
    relations: list[tuple[str, Relation]] = field(default_factory=list)
    translations: list[Translation] = field(default_factory=list)
    translations_see: list[TranslationsSee] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)
    sense: list[str] = field(default_factory=list)
    senseids: list[str] = field(default_factory=list)
    attestations: list[Attestation] = field(default_factory=list)
    thesaurus: list[ThesaurusLink] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    def sizes(self) -> dict[str, int]:
        return {f.name: len(getattr(self, f.name)) for f in fields(self)}

    def added_since(self, sizes: dict[str, int]) -> dict[str, Any]:
        """What was attached after `sizes` was taken (for traces)."""
        added: dict[str, Any] = {}
        for name, before in sizes.items():
            items = getattr(self, name)[before:]
            if items:
                added[name] = [_plain(item) for item in items]
        return added


def _plain(item: Any) -> Any:
    import msgspec

    if isinstance(item, tuple):
        return [_plain(x) for x in item]
    if isinstance(item, msgspec.Struct):
        return msgspec.to_builtins(item)
    return item


class Renderer(Protocol):
    """What renders wikitext for a context: render.TemplateRenderer and its registry."""

    def render(self, wikitext: str, ctx: Context) -> str: ...

    def argument(self, call: Call, key: str, ctx: Context) -> str: ...

    def dispatch(self, call: Call, ctx: Context) -> str: ...


@dataclass(slots=True)
class PageState:
    """Per-page state shared by every context of one parse: the renderer, diagnostics and
    the trace. Made by page.new_state (which picks the default registry)."""

    title: str
    renderer: Renderer
    diagnostics: list[Diagnostic] = field(default_factory=list)
    trace: list[TraceEvent] | None = None
    render_cache: dict[tuple[str, str, str], tuple[str, Collected]] = field(default_factory=dict)
    work: int = 0  # work units spent so far: characters rendered, templates dispatched
    work_budget: int | None = None  # past this the page is given up (partial)
    partial: bool = False
    # Template definitions the source provides (RQ: pages), given to parse_page as input,
    # and the names looked up in them (found or not): what the output depends on.
    templates: TemplateLibrary = EMPTY_LIBRARY
    templates_used: list[str] = field(default_factory=list)

    def spend(self, units: int) -> None:
        """Count work; give the page up (WorkBudgetExceeded) once its budget is spent.

        Work, not time: the same page stops at the same place on any machine under any
        load, so its output depends only on the page and the parser version.
        """
        self.work += units
        if self.work_budget is not None and self.work > self.work_budget:
            raise WorkBudgetExceeded(self.title)


class WorkBudgetExceeded(BaseException):
    """A page ran past its work budget. A BaseException so that the handler guard
    (`except Exception` around each handler) does not swallow it: parse_page catches it."""


@dataclass(slots=True)
class Context:
    """Rendering context of one fragment: where it stands and what collects its data."""

    page: PageState
    lang_code: str = ""
    lang: str = ""
    section: str = ""
    where: str = "text"
    collected: Collected = field(default_factory=Collected)
    depth: int = 0

    @property
    def title(self) -> str:
        return self.page.title

    def child(self, where: str | None = None, collected: Collected | None = None) -> Context:
        """A context for a sub-fragment, with its own collector unless one is given."""
        return Context(
            page=self.page,
            lang_code=self.lang_code,
            lang=self.lang,
            section=self.section,
            where=where or self.where,
            collected=collected if collected is not None else Collected(),
            depth=self.depth,
        )

    def render(self, wikitext: str) -> str:
        """Render wikitext to clean text, attaching to this context's collector."""
        return self.page.renderer.render(wikitext, self)

    def arg(self, call: Call, key: int | str, default: str = "") -> str:
        """An argument of `call` rendered as text (its parsed node reused when present)."""
        key = str(key)
        if not call.args.get(key):
            return default
        return self.page.renderer.argument(call, key, self) or default

    def warn(self, message: str, template: str = "", severity: str = "warning") -> None:
        self.page.diagnostics.append(
            Diagnostic(
                page=self.page.title,
                section=self.section,
                template=template,
                message=message,
                severity=severity,
            )
        )

    @staticmethod
    def annotate(text: str) -> str:
        """Mark text a reader sees beside a gloss but which is not the gloss (labels…)."""
        return f"{ANNOTATION_START}{text}{ANNOTATION_END}" if text else ""

