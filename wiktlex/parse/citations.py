"""Quotations under a sense: the `#*` citation line and its `#*:` passage lines.

A quote template on the line (`{{quote-book|…}}`, `{{RQ:…}}`) attaches a structured
Quotation through its handler; a hand-written line is read here.
"""

from __future__ import annotations

from wiktlex.model import Quotation
from wiktlex.parse.context import Collected, Context
from wiktlex.parse.render import fold


def quotation_from_line(text: str, ctx: Context) -> Quotation | None:
    """The Quotation a `#*` line starts (None for lines that render to nothing)."""
    collected = Collected()
    rendered = fold(ctx.child("quotation", collected).render(text))
    if collected.quotations:
        return collected.quotations[-1]
    if not rendered:
        return None
    return Quotation(ref=rendered)


def add_passage(quotation: Quotation, text: str, ctx: Context) -> None:
    """A `#*:` line: (more of) the quoted passage."""
    rendered = fold(ctx.child("quotation").render(text))
    if rendered:
        quotation.text = f"{quotation.text} {rendered}".strip() if quotation.text else rendered


def add_passage_translation(quotation: Quotation, text: str, ctx: Context) -> None:
    """A `#*::` line: the translation of a non-English passage."""
    rendered = fold(ctx.child("quotation").render(text))
    if rendered:
        current = quotation.translation
        quotation.translation = f"{current} {rendered}" if current else rendered
