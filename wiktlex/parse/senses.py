"""A part-of-speech body: the head line, then `#` senses as a tree with their examples.

List prefixes decide what a line is: `#`/`##` a sense or sub-sense, `#:` an example (or
inline relations such as `{{syn|…}}`), `#*` a quotation's citation line, `#*:` its
passage, `#::`/`#*::` a translation of the example or passage above.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wiktlex.model import Example, Form, Quotation, Sense, TemplateCall
from wiktlex.parse.citations import (
    add_passage,
    add_passage_translation,
    quotation_from_line,
)
from wiktlex.parse.context import Collected, Context
from wiktlex.parse.lines import logical_lines, report_unclosed
from wiktlex.parse.render import fold

_LIST_ITEM = re.compile(r"^([#*:;]+)\s*(.*)$", re.S)

SENSE_WORK = 40  # a sense built, in the page's work budget (context.PageState.spend)


@dataclass(slots=True)
class PosBody:
    head_templates: list[TemplateCall] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)
    senses: list[Sense] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    head_text: str = ""


@dataclass(slots=True)
class _Cursor:
    """Where the next `#:`/`#*` line attaches: the sense path and the last citation."""

    stack: list[Sense] = field(default_factory=list)
    last_example: Example | None = None
    last_quotation: Quotation | None = None

    def set_quotation(self, quotation: Quotation | None, ctx: Context) -> None:
        """Make `quotation` the current one; the one it replaces must have had a passage."""
        done = self.last_quotation
        if done is not None and done is not quotation and not done.text:
            ctx.warn(f"quotation without a passage: {done.ref[:80]!r}", template=done.template or "")
        self.last_quotation = quotation


def parse_pos_body(lines: list[str], ctx: Context, heading_line: int = 0) -> PosBody:
    body = PosBody()
    cursor = _Cursor()
    head_lines: list[str] = []
    for line in logical_lines(lines, report_unclosed(ctx.warn, heading_line)):
        stripped = line.strip()
        if not stripped or stripped == "----":
            continue
        match = _LIST_ITEM.match(stripped) if stripped[0] in "#*:;" else None
        if match is None or not match.group(1).startswith("#"):
            if not body.senses:
                head_lines.append(stripped)
            else:
                _trailing_line(stripped, body, ctx)
            continue
        _list_line(match.group(1), match.group(2), body, cursor, ctx)
    cursor.set_quotation(None, ctx)
    _parse_head(head_lines, body, ctx)
    return body


def _parse_head(lines: list[str], body: PosBody, ctx: Context) -> None:
    if not lines:
        return
    collected = Collected()
    text = fold(ctx.child("head", collected).render("\n".join(lines)))
    body.head_templates = collected.head_templates
    body.forms = collected.forms
    body.categories.extend(collected.categories)
    body.head_text = text


def _trailing_line(line: str, body: PosBody, ctx: Context) -> None:
    """Lines after the senses that are not list items: categories and stray templates."""
    collected = Collected()
    ctx.child("trailing", collected).render(line)
    body.categories.extend(collected.categories)


def _list_line(prefix: str, text: str, body: PosBody, cursor: _Cursor, ctx: Context) -> None:
    depth = prefix.count("#")
    last = prefix[-1]
    if last == "#":
        if text.strip():
            _add_sense(depth, text, body, cursor, ctx)
        else:
            ctx.warn("empty definition line")
        return
    owner = _owner(depth, cursor)
    if owner is None:
        ctx.warn(f"list line {prefix!r} before any sense")
        return
    if "*" in prefix:
        _quotation_line(prefix, text, owner, cursor, ctx)
    else:
        _example_line(prefix, text, owner, cursor, ctx)


def _owner(depth: int, cursor: _Cursor) -> Sense | None:
    if not cursor.stack:
        return None
    return cursor.stack[min(depth, len(cursor.stack)) - 1]


def _add_sense(depth: int, text: str, body: PosBody, cursor: _Cursor, ctx: Context) -> None:
    sense = build_sense(text, ctx)
    cursor.last_example = None
    cursor.set_quotation(None, ctx)
    while len(cursor.stack) >= depth:
        cursor.stack.pop()
    if not cursor.stack:
        if depth > 1:
            ctx.warn(f"sub-sense at depth {depth} without a parent sense")
        body.senses.append(sense)
    else:
        cursor.stack[-1].subsenses.append(sense)
    cursor.stack.append(sense)


def build_sense(text: str, ctx: Context) -> Sense:
    ctx.page.spend(SENSE_WORK)
    collected = Collected()
    rendered = ctx.child("gloss", collected).render(text)
    sense = Sense(
        gloss=fold(rendered, keep_annotations=False),
        raw_gloss=fold(rendered),
        labels=collected.labels,
        tags=collected.tags,
        qualifiers=collected.qualifiers,
        form_of=collected.form_of,
        categories=collected.categories,
        attestations=collected.attestations,
    )
    if collected.senseids:
        sense.senseid = collected.senseids[0]
    if not sense.gloss and not sense.form_of:
        sense.tags.append("no-gloss")  # `{{rfdef}}` and the like: a sense still to be written
    _attach_inline_relations(sense, collected)
    sense.examples.extend(collected.examples)
    sense.quotations.extend(collected.quotations)
    return sense


def _attach_inline_relations(sense: Sense, collected: Collected) -> None:
    sense.see_thesaurus.extend(collected.thesaurus)
    for kind, relation in collected.relations:
        if kind == "synonyms":
            sense.synonyms.append(relation)
        elif kind == "antonyms":
            sense.antonyms.append(relation)


def _example_line(prefix: str, text: str, owner: Sense, cursor: _Cursor, ctx: Context) -> None:
    collected = Collected()
    rendered = fold(ctx.child("example", collected).render(text))
    _attach_inline_relations(owner, collected)
    if collected.quotations:
        owner.quotations.extend(collected.quotations)
        cursor.set_quotation(collected.quotations[-1], ctx)
        return
    if collected.examples:
        owner.examples.extend(collected.examples)
        cursor.last_example = collected.examples[-1]
        return
    if not rendered or collected.relations:
        return
    if prefix.endswith("::") and cursor.last_example is not None:
        cursor.last_example.translation = rendered
        return
    example = Example(text=rendered)
    owner.examples.append(example)
    cursor.last_example = example


def _quotation_line(prefix: str, text: str, owner: Sense, cursor: _Cursor, ctx: Context) -> None:
    colons = len(prefix) - len(prefix.rstrip(":"))
    if colons == 0:
        quotation = quotation_from_line(text, ctx)
        if quotation is not None:
            owner.quotations.append(quotation)
            cursor.set_quotation(quotation, ctx)
        return
    current = cursor.last_quotation
    if current is None:
        ctx.warn("quotation passage without a citation line")
        current = Quotation()
        owner.quotations.append(current)
        cursor.set_quotation(current, ctx)
    if colons == 1:
        add_passage(current, text, ctx)
    else:
        add_passage_translation(current, text, ctx)
