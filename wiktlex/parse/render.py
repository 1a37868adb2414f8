"""Wikitext -> clean text: walk mwparserfromhell nodes, dispatch templates to the registry.

Everything a reader would not see is dropped (comments, refs, categories, files); every
template goes through exactly one handler or the fallback. The result is folded to clean
text: no wiki markup survives (`'''`, `[[`, `{{`), whitespace normalised.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from typing import Any

from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading,
    HTMLEntity,
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from wiktlex.model import Relation, ThesaurusLink, TraceEvent
from wiktlex.parse.call import Call
from wiktlex.parse.context import ANNOTATION_END, ANNOTATION_START, LINE_BREAK, Context
from wiktlex.parse.guard import BACKTRACK_PER_WORK_UNIT, MAX_BACKTRACK, backtrack_cost, neutralise
from wiktlex.parse.registry import Registry, canonical_name
from wiktlex.parse.tree import parse as parse_tree

_MARKUP_CHARS = re.compile(r"[{}\[\]<&'_]|__")
_QUOTES = re.compile(r"'{2,}")
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u2009\u200b]+")
_AROUND_BREAK = re.compile(r" ?\x03 ?")
_SPACE_BEFORE_PUNCT = re.compile(r" +([,.;:!?)\]](?:\s|$))")
_EMPTY_PARENS = re.compile(r"\(\s*\)")
# A template without nested markup, its name free of `#`/`:` (parser functions, magic
# words, RQ: names go to the full parser); text outside such templates must be plain.
_FLAT_TEMPLATE = re.compile(r"\{\{([^{}\[\]<>|&#:=\n]+)((?:\|[^{}\[\]<>&]*)?)\}\}")
_NOT_FLAT_TEXT = re.compile(r"[{}\[\]<&]|^[*#:;=]|^----", re.M)  # line-start markup is a tag
_LEFTOVER = re.compile(r"\{\{+|\}\}+|\[\[+|\]\]+|__[A-Z]+__")
# `[[target|shown` never closed: the reader sees only what follows the pipe.
_UNCLOSED_LINK_TARGET = re.compile(r"\[\[[^\[\]|{}]*\|")
# Tags the tokenizer leaves as text (unclosed, split across lines): never shown to a reader.
_STRAY_TAG = re.compile(
    r"</?(?:ref|references|span|div|sup|sub|small|big|br|p|nowiki|includeonly|noinclude|"
    r"onlyinclude|gallery|poem|blockquote|center|font|abbr|tt|del|ins|mark|u|s|i|b)\b[^>]{0,300}>",
    re.IGNORECASE,
)
_ANNOTATION = re.compile(f"{ANNOTATION_START}[^{ANNOTATION_END}]*{ANNOTATION_END}")
_MARKERS = re.compile(f"[{ANNOTATION_START}{ANNOTATION_END}]")

# Deeply nested or unbalanced markup makes the tokenizer quadratic; past these we strip.
MAX_FRAGMENT = 200_000
MAX_DEPTH = 30
# Work units a template dispatch costs in the page's budget (context.PageState.spend).
TEMPLATE_WORK = 40
RENDER_WORK = 20  # a fragment rendered, beside its characters
NODE_WORK = 4  # a node of a parsed tree walked
NEUTRALISED_WORK = 60  # an unclosed opener read as text (an entity node for the tree)

_HIDDEN_TAGS = frozenset({"ref", "references", "gallery", "templatestyles", "includeonly", "noinclude"})
_BREAK_TAGS = frozenset({"br", "hr", "p", "li", "div", "tr"})
_HIDDEN_LINK_NS = frozenset({"file", "image", "category", "media", "thesaurus", "wikisaurus"})
_INTERWIKI = re.compile(r"^[a-z]{2,3}(-[a-z]+)?:")
_NAMED_ENTITY = re.compile(r"&[A-Za-z][A-Za-z0-9]{1,31};")
# Links into these namespaces point at pages about the wiki, not at terms: never a relation.
_NON_TERM_NS = frozenset({"template", "wiktionary", "wt", "help", "user", "module", "mediawiki",
                          "special", "talk", "user talk", "template talk", "index"})
_LINK_PREFIXES = ("w:", "wikipedia:", ":w:", "wikt:", ":", "s:", "wikisource:", "b:", "q:")


def fold(text: str, *, keep_annotations: bool = True) -> str:
    """Fold rendered text to clean text: quotes, spaces, leftovers, annotation markers."""
    if not keep_annotations:
        text = _ANNOTATION.sub("", text)
    text = _MARKERS.sub("", text)
    if "''" in text:
        text = _QUOTES.sub("", text)
    if "{{" in text or "}}" in text or "[[" in text or "]]" in text or "__" in text:
        text = _LEFTOVER.sub("", _UNCLOSED_LINK_TARGET.sub("", text))
    if "<" in text:
        text = _STRAY_TAG.sub("", text)
    text = _SPACE.sub(" ", text)
    if LINE_BREAK in text:
        text = _AROUND_BREAK.sub("\n", text)
    text = _EMPTY_PARENS.sub("", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return text.strip()


def render_text(wikitext: str, ctx: Context) -> str:
    """Render a fragment of wikitext; structured data goes to `ctx.collected`."""
    ctx.page.spend(len(wikitext) + RENDER_WORK)
    if not wikitext:
        return ""
    if not _MARKUP_CHARS.search(wikitext):
        return wikitext
    if len(wikitext) > MAX_FRAGMENT:
        ctx.warn("fragment too large to parse; markup stripped", severity="error")
        return strip_markup(wikitext)
    flat = _render_flat(wikitext, ctx)
    if flat is not None:
        return flat
    cost = backtrack_cost(wikitext)
    if cost > MAX_BACKTRACK:  # neutralised below: what is tokenized then is linear
        wikitext, count = neutralise(wikitext)
        ctx.page.spend(count * NEUTRALISED_WORK)
        ctx.warn(f"{count} unclosed markup openers read as plain text", severity="error")
    else:
        ctx.page.spend(cost // BACKTRACK_PER_WORK_UNIT)
    code = parse_tree(wikitext, skip_style_tags=True)
    return render_nodes(code, ctx)


def _render_flat(wikitext: str, ctx: Context) -> str | None:
    """Plain text around flat templates (`* French: {{t+|fr|maison|f}}`), without a tree.

    Most fragments of a page have this shape; reading them with one regex instead of the
    tokenizer and tree builder is what keeps parse_page cheaper than a bare parse. Any
    other markup (links, tags, entities, nesting, parser functions) returns None: the
    full parse takes it. The result is the same either way (bench/compare_outputs.py).
    """
    pieces = _FLAT_TEMPLATE.split(wikitext)
    # Texts joined by a stand-in for each template, so `^` sees only real line starts.
    if _NOT_FLAT_TEXT.search("\x04".join(pieces[0::3])):
        return None
    if any(not name.strip() for name in pieces[1::3]):
        return None
    out = [pieces[0]]
    for index in range(1, len(pieces), 3):
        out.append(dispatch(flat_call(pieces[index], pieces[index + 1]), ctx))
        out.append(pieces[index + 2])
    return "".join(out)


def flat_call(raw_name: str, raw_args: str) -> Call:
    """The Call of `{{name|a|k=v}}` whose arguments hold no markup (split on `|` and `=`)."""
    args: dict[str, str] = {}
    position = 0
    for piece in raw_args.split("|")[1:]:
        key, equals, value = piece.partition("=")
        if equals:
            args[key.strip()] = value.strip()
        else:
            position += 1
            args[str(position)] = piece.strip()
    return Call(canonical_name(raw_name), raw_name.strip(), args, {})


def strip_markup(wikitext: str) -> str:
    """Last-resort cleaning without a parse: drop templates' braces, keep link text."""
    # Linear on unclosed markup: a comment's end is looked for once, link text stops at
    # the next bracket (the lazy `.*?` and `[^\]]*` forms were quadratic there).
    text = _strip_comments(wikitext)
    text = re.sub(r"\[\[(?:[^\[\]|]*\|)?([^\[\]]*)\]\]", r"\1", text)
    text = re.sub(r"<[^>]{0,200}>", "", text)
    text = re.sub(r"[{}|\[\]]+", " ", text)
    return html.unescape(text)


def _strip_comments(text: str) -> str:
    """Drop `<!-- … -->`; an unclosed comment runs to the end, as in MediaWiki."""
    parts: list[str] = []
    position = 0
    while (start := text.find("<!--", position)) >= 0:
        parts.append(text[position:start])
        end = text.find("-->", start + 4)
        if end < 0:
            return "".join(parts)
        position = end + 3
    parts.append(text[position:])
    return "".join(parts)


def render_nodes(code: Wikicode, ctx: Context) -> str:
    ctx.page.spend(len(code.nodes) * NODE_WORK)
    parts: list[str] = []
    for node in code.nodes:
        parts.append(render_node(node, ctx))
    return "".join(parts)


def render_node(node: Any, ctx: Context) -> str:
    """One node by its type (NODE_RENDERERS); a type not listed shows nothing."""
    renderer = NODE_RENDERERS.get(type(node))
    return renderer(node, ctx) if renderer is not None else ""


def _render_text_node(node: Text, ctx: Context) -> str:
    value = str(node.value)
    if "&" in value and ";" in value:  # HTML5 names the tokenizer does not know (`&equals;`)
        value = _NAMED_ENTITY.sub(lambda m: html.unescape(m.group()), value)
    return value


def _render_entity(node: HTMLEntity, ctx: Context) -> str:
    return str(node.normalize())


def _render_external_link(node: ExternalLink, ctx: Context) -> str:
    return render_nodes(node.title, ctx) if node.title else ""


def _render_comment(node: Comment, ctx: Context) -> str:
    return ""


def _render_parameter(node: Argument, ctx: Context) -> str:
    ctx.warn(f"template parameter {{{{{{{node.name}}}}}}} outside a template")
    return render_nodes(node.default, ctx) if node.default else ""


def _render_heading(node: Heading, ctx: Context) -> str:
    return render_nodes(node.title, ctx)


def render_argument(call: Call, key: str, ctx: Context) -> str:
    parsed = call.parsed.get(key)
    if parsed is not None:
        return fold(render_nodes(parsed, ctx))
    raw = call.args.get(key, "")
    return fold(render_text(raw, ctx)) if raw else ""


def keyed_params(params: list[Any]) -> Iterator[tuple[str, Any]]:
    """(key, value node) of template parameters: named ones by name, the others "1", "2"…"""
    position = 0
    for param in params:
        if param.showkey:
            yield str(param.name).strip(), param.value
        else:
            position += 1
            yield str(position), param.value


def call_from_node(node: Template) -> Call:
    raw_name = str(node.name)
    name_code = node.name
    if "<!--" in raw_name:
        raw_name = "".join(str(n) for n in name_code.nodes if not isinstance(n, Comment))
    args: dict[str, str] = {}
    parsed: dict[str, Any] = {}
    for key, value in keyed_params(node.params):
        args[key] = str(value).strip()
        parsed[key] = value
    name = raw_name.strip()
    if name.startswith("#") and ":" in name:
        # Parser function: `{{#if:x|a|b}}` -> name "#if", first argument "x".
        fn, _, first = name.partition(":")
        shifted = {"1": first.strip()}
        shifted_parsed: dict[str, Any] = {}
        for key, value in args.items():
            new_key = str(int(key) + 1) if key.isdigit() else key
            shifted[new_key] = value
            shifted_parsed[new_key] = parsed[key]
        return Call(canonical_name(fn), raw_name, shifted, shifted_parsed)
    if ":" in name and not name.lower().startswith(("rq:", "template:")):
        # Magic words with an argument: `{{lc:Foo}}`, `{{ucfirst:foo}}`.
        fn, _, first = name.partition(":")
        if canonical_name(fn) in ("lc", "uc", "lcfirst", "ucfirst", "urlencode", "anchorencode"):
            return Call(canonical_name(fn), raw_name, {"1": first.strip(), **args}, {})
    return Call(canonical_name(name), raw_name, args, parsed)


def render_template(node: Template, ctx: Context) -> str:
    return dispatch(call_from_node(node), ctx)


def dispatch(call: Call, ctx: Context) -> str:
    """Run the one handler of `call` (or the fallback): the page's renderer decides."""
    return ctx.page.renderer.dispatch(call, ctx)


class TemplateRenderer:
    """Renders wikitext with one registry's handlers: the `Renderer` a PageState holds."""

    __slots__ = ("registry",)

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def render(self, wikitext: str, ctx: Context) -> str:
        return render_text(wikitext, ctx)

    def argument(self, call: Call, key: str, ctx: Context) -> str:
        return render_argument(call, key, ctx)

    def dispatch(self, call: Call, ctx: Context) -> str:
        """Run the one handler of `call` (or the fallback), with tracing and depth limits."""
        ctx.page.spend(TEMPLATE_WORK)
        info = self.registry.lookup(call.name, call.raw_name)
        trace = ctx.page.trace
        sizes = ctx.collected.sizes() if trace is not None else None
        if ctx.depth > MAX_DEPTH:
            ctx.warn("templates nested too deeply", template=call.name, severity="error")
            return ""
        slot = len(trace) if trace is not None else 0
        if trace is not None:  # reserve the slot: a parent is listed before the templates it nests
            trace.append(TraceEvent(template=call.name, handler="", where=ctx.where,
                                    section=ctx.section, rendered="", depth=ctx.depth))
        ctx.depth += 1
        try:
            if info is None:
                text = fallback(call, ctx)
                handler = "fallback"
            else:
                handler = info.label
                try:
                    text = info.func(call, ctx)
                except Exception as exc:  # a handler bug must not lose the page
                    ctx.warn(f"handler {info.label} failed: {exc!r}", template=call.name, severity="error")
                    text = ""
        finally:
            ctx.depth -= 1
        if trace is not None and sizes is not None:
            trace[slot] = TraceEvent(
                template=call.name,
                handler=handler,
                where=ctx.where,
                section=ctx.section,
                rendered=fold(text),
                attached=ctx.collected.added_since(sizes),
                depth=ctx.depth,
            )
        return text


def fallback(call: Call, ctx: Context) -> str:
    """Unknown template: render nothing, record its name for coverage reports."""
    ctx.collected.unknown.append(call.name)
    ctx.warn("unknown template", template=call.name, severity="info")
    return ""


def render_wikilink(node: Wikilink, ctx: Context) -> str:
    title = str(node.title).strip()
    lowered = title.lower()
    namespace, sep, _ = lowered.partition(":")
    if sep and namespace.strip() in _HIDDEN_LINK_NS and not lowered.startswith(":"):
        if namespace.strip() == "category":
            name = title.partition(":")[2]
            if "{{" in name or "}}" in name:  # a template in the name: what it expands to
                name = fold(render_nodes(node.title, ctx.child())).partition(":")[2]
            ctx.collected.categories.append(name.split("|")[0].strip())
        elif namespace.strip() in ("thesaurus", "wikisaurus") and ctx.where == "relation":
            page = "Thesaurus:" + title.partition(":")[2].split("#")[0].strip()
            ctx.collected.thesaurus.append(ThesaurusLink(page=page))  # `* [[Thesaurus:cat]]`
        return ""
    if _INTERWIKI.match(lowered) and not lowered.startswith(_LINK_PREFIXES) and node.text is None:
        return ""  # interlanguage link (`[[fr:maison]]`): not shown in the text
    if node.text is not None:
        text = render_nodes(node.text, ctx)
    else:
        text = render_text(link_target_text(title), ctx)
    target = link_target_text(title).split("#")[0].strip()
    if target.partition(":")[0].lower() in _NON_TERM_NS and ":" in target:
        target = ""
    if target and ctx.where in ("relation", "translation", "alternative_forms"):
        ctx.collected.links.append(Relation(word=fold(render_text(target, ctx.child()))))
    return text


def link_target_text(title: str) -> str:
    """What a link without text shows: the title without interwiki prefix or fragment."""
    text = title
    for prefix in _LINK_PREFIXES:
        if text.lower().startswith(prefix):
            text = text[len(prefix) :]
            break
    if "#" in text:
        head = text.split("#", 1)[0]
        text = head if head else text.split("#", 1)[1]
    return text


def render_tag(node: Tag, ctx: Context) -> str:
    tag = str(node.tag).lower().strip()
    if tag in _HIDDEN_TAGS:
        return ""
    if tag in _BREAK_TAGS:
        inner = render_nodes(node.contents, ctx) if node.contents else ""
        return f"{LINE_BREAK}{inner}" if tag in ("br", "hr") else f"{inner}{LINE_BREAK}"
    if tag == "nowiki":
        return html.unescape(str(node.contents)) if node.contents else ""
    if tag in ("math", "chem", "pre", "code", "syntaxhighlight", "source"):
        return str(node.contents) if node.contents else ""
    if node.contents is None:
        return ""
    return render_nodes(node.contents, ctx)


NodeRenderer = Callable[[Any, Context], str]
# What each kind of mwparserfromhell node renders as (by exact type: the classes are final).
NODE_RENDERERS: dict[type, NodeRenderer] = {
    Text: _render_text_node,
    Template: render_template,
    Wikilink: render_wikilink,
    Tag: render_tag,
    HTMLEntity: _render_entity,
    ExternalLink: _render_external_link,
    Comment: _render_comment,
    Argument: _render_parameter,
    Heading: _render_heading,
}
