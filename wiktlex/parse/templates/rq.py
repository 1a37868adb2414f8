"""Template handlers: `{{RQ:…}}`, the templates that each cite one fixed source.

An RQ template is a `{{quote-book}}` (or `quote-journal`…) whose author, title and year
its own page fixes; the call adds the place and the passage. So an RQ call becomes that
quote call and goes to its handler like any other (the quotations family: read through
the renderer, not imported):

1. the source's own `Template:RQ:…` page, when the parse was given it
   (`PageState.templates`): the page is transcluded statically (parameters substituted,
   no Lua), a `{{#invoke:quote|call_quote_template|…}}` is read the way Module:quote
   reads it, a hand-written citation line is read as one;
2. otherwise data/rq_sources.json, the sources known by name;
3. otherwise the citation keeps what the call itself gives, the source's fields stay
   empty, and a diagnostic names the template. The template's name is never a title.
"""

from __future__ import annotations

import re
from typing import Any

from mwparserfromhell.nodes import Template

from wiktlex.model import Quotation
from wiktlex.parse.call import Call
from wiktlex.parse.citations import quotation_from_handwritten
from wiktlex.parse.context import Collected, Context
from wiktlex.parse.data import load
from wiktlex.parse.registry import template_prefix
from wiktlex.parse.render import fold, keyed_params
from wiktlex.parse.transclude import select_branches, transclude
from wiktlex.parse.tree import parse as parse_tree

FAMILY = "rq"
_LANG_PREFIX = re.compile(r"^[a-z]{2,3}(?:-[a-z]{2,3})*:(?=[^\s/])")
_CHECKPARAMS = re.compile(r"\{\{\s*#invoke:\s*checkparams\s*\|[^{}]*\}\}", re.I)
_PASSAGE_LIKE = re.compile(r"'''|\s\S+\s\S+\s")
# Module:quote's call_quote_template: its own parameters, not passed to the quote template.
_INVOKE_OWN = frozenset({"template", "textparam", "pageparam", "allowparams", "propagateparams"})
_LOCATORS = ("book", "part", "canto", "act", "scene", "letter", "poem", "stanza", "verse")


def template_name(raw_name: str) -> str:
    """The RQ template's name as written, without a `Template:` prefix."""
    name = " ".join(raw_name.split())
    return name[9:].strip() if name.lower().startswith("template:") else name


def source_name(raw_name: str) -> str:
    """`Template:RQ:mul:Rowling Harry Potter` -> `Rowling Harry Potter` (the data key)."""
    name = template_name(raw_name)
    name = name[3:] if name.lower().startswith("rq:") else name
    return _LANG_PREFIX.sub("", name.strip()).strip()


@template_prefix("RQ:", family=FAMILY)
def rq_template(call: Call, ctx: Context) -> str:
    """`{{RQ:Source|…}}`: the cited source's fields, the call's place and passage."""
    name = template_name(call.raw_name)
    if name not in ctx.page.templates_used:
        ctx.page.templates_used.append(name)
    body = ctx.page.templates.body(name)
    quotation = _from_page(call, body, ctx) if body is not None else _from_data(call, ctx)
    quotation.template = name
    ctx.collected.quotations.append(quotation)
    return ""


# -- 1. the source's own template page --------------------------------------------------


def _from_page(call: Call, body: str, ctx: Context) -> Quotation:
    """The template page transcluded for this call, then read like any citation line."""
    text = _CHECKPARAMS.sub("", transclude(body, call.args))
    text = _rewrite_invokes(text, call)
    collected = Collected()
    sub = ctx.child("quotation", collected)
    rendered = fold(sub.render(text))
    if collected.quotations:
        return collected.quotations[-1]
    if not rendered:
        ctx.warn(f"{template_name(call.raw_name)} renders nothing from its template page",
                 template=call.name)
        return Quotation()
    quotation = quotation_from_handwritten(select_branches(text), rendered, sub)
    if not quotation.text:
        passage = call.first("passage", "text", "quote")
        quotation.text = fold(sub.render(passage)) if passage else ""
    return quotation


def _rewrite_invokes(text: str, call: Call) -> str:
    """Each `{{#invoke:quote|call_quote_template|…}}` as the quote call it makes."""
    if "call_quote_template" not in text:
        return text
    code = parse_tree(text, skip_style_tags=True)
    for node in reversed(code.filter_templates(recursive=True)):
        name = str(node.name).replace(" ", "").lower()
        if name == "#invoke:quote" and node.params and str(node.params[0].value).strip() == "call_quote_template":
            code.replace(node, _quote_call_text(node, call), recursive=True)
    return str(code)


def _quote_call_text(node: Template, call: Call) -> str:
    """Module:quote's call_quote_template: its own arguments are the quote template's,
    with the caller's passage (text=, passage= or `textparam`), page (`pageparam`) and the
    `propagateparams` it lets through."""
    own = {key: str(value).strip() for key, value in keyed_params(node.params[1:])}
    direct = {k: v for k, v in own.items() if k not in _INVOKE_OWN and v}
    text_params = _param_list(own.get("textparam", ""))
    if text_params[:1] != ["-"]:
        passage = call.first("text", "passage", *text_params)
        if passage:
            direct["passage"] = passage
    page_params = _param_list(own.get("pageparam", ""))
    if page_params and page_params[0] != "-":
        page = call.first(*page_params, "page")
        direct.update({k: v for k, v in (("page", page), ("pages", call.get("pages"))) if v})
    for spec in [v for k, v in own.items() if k.startswith("propagateparams")]:
        for name in _param_list(spec):
            if call.get(name):
                direct[name] = call.get(name)
    return _call_text(own.get("template") or "quote-book", direct)


def _param_list(spec: str) -> list[str]:
    return [p.strip() for p in spec.split(",") if p.strip()]


def _call_text(name: str, args: dict[str, str]) -> str:
    """Wikitext of a call; every argument named (`1=en`), so no value is misread."""
    return "{{" + name + "".join(f"|{key}={value}" for key, value in args.items()) + "}}"


# -- 2. the data table, 3. nothing known --------------------------------------------------


def _from_data(call: Call, ctx: Context) -> Quotation:
    """The quote call a known source makes (data/rq_sources.json), or what the call gives."""
    source = source_name(call.raw_name)
    known = _known(source, call)
    args = {"1": ctx.lang_code or "en", **_fixed_args(known)}
    given = _call_args(call, known)
    if "date" in given or "year" in given:
        args.pop("year", None)
    args.update(given)
    if not known:
        ctx.warn(f"{template_name(call.raw_name)} unresolved: no template page in the source and "
                 "not in data/rq_sources.json; its author, title and year stay empty",
                 template=call.name)
    collected = Collected()
    sub = ctx.child("quotation", collected)
    sub.render(_call_text(f"quote-{known.get('kind', 'book')}", args))
    return collected.quotations[-1] if collected.quotations else Quotation()


def _known(source: str, call: Call) -> dict[str, Any]:
    """A source's data entry, with the variant its call selects (a volume, an edition)."""
    entry: dict[str, Any] = dict(load("rq_sources")["sources"].get(source.lower(), {}))
    variants = entry.pop("variants", None)
    if variants:
        key = "|".join(call.get(p).strip() for p in variants["by"])
        entry.update(variants["values"].get(key, {}))
    return entry


_FIXED = ("title", "year", "chapter", "volume", "work", "location", "publisher", "translator", "editor")


def _fixed_args(known: dict[str, Any]) -> dict[str, str]:
    args = {name: str(known[name]) for name in _FIXED if known.get(name)}
    if known.get("authors"):
        args["author"] = "; ".join(known["authors"])
    return args


def _call_args(call: Call, known: dict[str, Any]) -> dict[str, str]:
    """The call's own arguments as quote-call arguments: named ones as given, positional
    ones by the source's `positional` names (the others may be a passage and its
    translation), and book/act/scene… locators as the section."""
    args = {k: v for k, v in call.named().items() if v}
    names: list[str] = known.get("positional", [])
    values = call.positional(1)
    args.update({n: v for n, v in zip(names, values, strict=False) if v and n not in args})
    passage, translation = _positional_passage(values[len(names):])
    args.update({k: v for k, v in (("passage", passage), ("translation", translation)) if v and k not in args})
    section = _take_section(args, known.get("section", ""))
    if section:
        args["section"] = section
    return args


def _take_section(args: dict[str, str], shape: str) -> str:
    """The section a call's locators name, taken out of `args`: by the source's shape
    (`{book} {chapter}:{verse}` for a Bible) when it has all its parts, else as
    `act 1, scene 2`."""
    names = re.findall(r"\{(\w+)\}", shape)
    if names and all(args.get(n) for n in names):
        return shape.format(**{n: args.pop(n) for n in names})
    found = [f"{name} {args.pop(name)}" for name in _LOCATORS if args.get(name)]
    return ", ".join([*found, *([args["section"]] if found and args.get("section") else [])])


def _positional_passage(values: list[str]) -> tuple[str, str]:
    """The passage and translation a call gives positionally (text, not place numbers)."""
    values = [v for v in values if v]
    for index, value in enumerate(values):
        if "'''" in value or (len(value) > 25 and _PASSAGE_LIKE.search(value)):
            rest = [v for v in values[index + 1 :] if " " in v.strip()]
            return value, (rest[0] if rest else "")
    return "", ""
