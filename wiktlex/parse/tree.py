"""A faster drop-in for `mwparserfromhell.parse`: same tokenizer, cheaper tree building.

Profiling the corpus showed that ~75% of `mwparserfromhell.parse` is not tokenizing (C)
but its pure-Python `Builder`: every node is made through validating property setters
that call `parse_anything` (with function-level imports) on values that are already
`Wikicode`. This builder consumes the same token list and makes the *same* node classes
with the same private attributes, bypassing those setters; the result is
indistinguishable from the stock tree (tests/test_tree.py compares both on the corpus).

Rare nodes (attributes, entities, headings, comments, external links, arguments) keep
their regular constructors; only Text, Template, Parameter, Wikilink and Tag — almost
all nodes of a Wiktionary page — are built directly.

Those private attributes are not mwparserfromhell's API: pyproject.toml pins the range
this was checked against (0.6.6 to 0.7.x, corpus output byte-identical), and
`internals_problems()` (run by tests/parse/test_tree.py) names what moved when a new
release changes them.
"""

from __future__ import annotations

from typing import Any

from mwparserfromhell.nodes import (
    Tag,
    Template,
    Text,
    Wikilink,
)
from mwparserfromhell.nodes.extras import Attribute, Parameter
from mwparserfromhell.parser import ParserError
from mwparserfromhell.parser import tokens as tk
from mwparserfromhell.parser.builder import Builder
from mwparserfromhell.smart_list import SmartList
from mwparserfromhell.wikicode import Wikicode

try:
    from mwparserfromhell.parser._tokenizer import CTokenizer as _Tokenizer
except ImportError:  # pragma: no cover - pure-Python fallback of mwparserfromhell
    from mwparserfromhell.parser.tokenizer import Tokenizer as _Tokenizer

_new = object.__new__

# The private attributes this builder sets on each class it builds directly, which must be
# exactly those mwparserfromhell's own constructors set (checked by internals_problems).
BUILT_ATTRIBUTES: dict[type, frozenset[str]] = {
    Wikicode: frozenset({"_nodes"}),
    Text: frozenset({"_value"}),
    Template: frozenset({"_name", "_params"}),
    Parameter: frozenset({"_name", "_value", "_showkey"}),
    Wikilink: frozenset({"_title", "_text"}),
    Tag: frozenset({
        "_tag", "_closing_tag", "_contents", "_attrs", "_wiki_markup", "_closing_wiki_markup",
        "_self_closing", "_invalid", "_implicit", "_padding", "_wiki_style_separator",
    }),
}
_PROBE = "{{a|b=c|d}} [[e|f]] <ref name=g>h</ref><br/>"

_TEXT = tk.Text
_TEMPLATE_OPEN = tk.TemplateOpen
_PARAM_SEP = tk.TemplateParamSeparator
_PARAM_EQ = tk.TemplateParamEquals
_TEMPLATE_CLOSE = tk.TemplateClose
_LINK_OPEN = tk.WikilinkOpen
_LINK_SEP = tk.WikilinkSeparator
_LINK_CLOSE = tk.WikilinkClose
_TAG_OPEN = tk.TagOpenOpen
_ATTR_START = tk.TagAttrStart
_ATTR_EQ = tk.TagAttrEquals
_ATTR_QUOTE = tk.TagAttrQuote
_TAG_CLOSE_OPEN = tk.TagCloseOpen
_TAG_OPEN_CLOSE = tk.TagOpenClose
_TAG_SELFCLOSE = tk.TagCloseSelfclose
_TAG_CLOSE_CLOSE = tk.TagCloseClose


def parse(text: str, skip_style_tags: bool = False) -> Wikicode:
    """`mwparserfromhell.parse(text, skip_style_tags=…)`, built faster."""
    tokens = _Tokenizer().tokenize(text, 0, skip_style_tags)
    tokens.reverse()
    return _FastBuilder(tokens).build()


def _code(nodes: list[Any]) -> Wikicode:
    code = _new(Wikicode)
    code._nodes = SmartList(nodes)
    return code


def _text(value: str) -> Text:
    node = _new(Text)
    node._value = value
    return node


class _FastBuilder:
    """The stock Builder's algorithm (tokens reversed, popped), minus the setters."""

    __slots__ = ("_tokens",)

    def __init__(self, tokens: list[Any]) -> None:
        self._tokens = tokens

    def build(self) -> Wikicode:
        return _code(self._until(()))

    def _until(self, stops: tuple[type, ...]) -> list[Any]:
        """Nodes up to (not including) the next token of a type in `stops`, left unread."""
        tokens = self._tokens
        nodes: list[Any] = []
        append = nodes.append
        while tokens:
            token = tokens[-1]
            kind = type(token)
            if kind in stops:
                return nodes
            tokens.pop()
            if kind is _TEXT:
                append(_text(token["text"]))
            elif kind is _TEMPLATE_OPEN:
                append(self._template())
            elif kind is _LINK_OPEN:
                append(self._wikilink())
            elif kind is _TAG_OPEN:
                append(self._tag(token))
            else:
                append(self._rare(token))
        if stops:
            raise ParserError(f"missing close token {stops}")
        return nodes

    def _template(self) -> Template:
        tokens = self._tokens
        name = _code(self._until((_PARAM_SEP, _TEMPLATE_CLOSE)))
        params: list[Parameter] = []
        default = 1
        while type(tokens.pop()) is _PARAM_SEP:
            param = self._parameter(default)
            params.append(param)
            if not param._showkey:
                default += 1
        node = _new(Template)
        node._name = name
        node._params = params
        return node

    def _parameter(self, default: int) -> Parameter:
        stops = (_PARAM_EQ, _PARAM_SEP, _TEMPLATE_CLOSE)
        first = self._until(stops)
        param = _new(Parameter)
        if type(self._tokens[-1]) is _PARAM_EQ:
            self._tokens.pop()
            param._name = _code(first)
            param._value = _code(self._until((_PARAM_SEP, _TEMPLATE_CLOSE)))
            param._showkey = True
        else:
            param._name = _code([_text(str(default))])
            param._value = _code(first)
            param._showkey = False
        return param

    def _wikilink(self) -> Wikilink:
        title = _code(self._until((_LINK_SEP, _LINK_CLOSE)))
        text = None
        if type(self._tokens.pop()) is _LINK_SEP:
            text = _code(self._until((_LINK_CLOSE,)))
            self._tokens.pop()
        node = _new(Wikilink)
        node._title = title
        node._text = text
        return node

    def _tag(self, start: Any) -> Tag:
        tokens = self._tokens
        attrs: list[Attribute] = []
        tag_name = contents = closing = None
        padding = ""
        separator = None
        wiki_markup = start.get("wiki_markup")
        closing_markup = wiki_markup
        self_closing = implicit = False
        body_stops = (_ATTR_START, _TAG_CLOSE_OPEN, _TAG_SELFCLOSE, _TAG_OPEN_CLOSE, _TAG_CLOSE_CLOSE)
        nodes = self._until(body_stops)
        while True:
            token = tokens.pop()
            kind = type(token)
            if kind is _ATTR_START:
                attrs.append(self._attribute(token))
                nodes += self._until(body_stops)  # the stock builder keeps one stack
            elif kind is _TAG_CLOSE_OPEN:
                separator = token.get("wiki_markup")
                padding = token.get("padding") or ""
                tag_name = _code(nodes)
                nodes = self._until(body_stops)
            elif kind is _TAG_OPEN_CLOSE:
                closing_markup = token.get("wiki_markup")
                contents = _code(nodes)
                nodes = self._until(body_stops)
            elif kind is _TAG_SELFCLOSE:
                closing_markup = token.get("wiki_markup")
                tag_name = _code(nodes)
                self_closing = True
                padding = token.get("padding") or ""
                implicit = token.get("implicit") or False
                break
            else:
                closing = _code(nodes)
                break
        assert tag_name is not None
        return _make_tag(
            tag_name, contents, attrs, wiki_markup, self_closing, start.get("invalid") or False,
            implicit, padding, closing, separator, closing_markup,
        )

    def _attribute(self, start: Any) -> Attribute:
        tokens = self._tokens
        stops = (_ATTR_EQ, _ATTR_QUOTE, _ATTR_START, _TAG_CLOSE_OPEN, _TAG_SELFCLOSE)
        name: Wikicode | None = None
        quotes = None
        nodes = self._until(stops)
        while True:
            kind = type(tokens[-1])
            if kind is _ATTR_EQ:
                tokens.pop()
                name = _code(nodes)
                nodes = self._until(stops)
            elif kind is _ATTR_QUOTE:
                quotes = tokens.pop().get("char")
                nodes += self._until(stops)
            else:
                break
        value: Wikicode | None = _code(nodes)
        if not name:
            name, value = value, None
        return Attribute(
            name, value, quotes, start.get("pad_first"), start.get("pad_before_eq"),
            start.get("pad_after_eq"),
        )

    def _rare(self, token: Any) -> Any:
        """Entities, comments, headings, arguments, external links: stock constructors."""
        # The stock builder pops from the end of the same reversed list: let it consume
        # exactly this node.
        builder = Builder()
        builder._tokens = self._tokens
        return builder._handle_token(token)


def _make_tag(
    tag: Wikicode, contents: Wikicode | None, attrs: list[Attribute], wiki_markup: Any,
    self_closing: bool, invalid: bool, implicit: bool, padding: str,
    closing_tag: Wikicode | None, separator: Any, closing_markup: Any,
) -> Tag:
    """`Tag(...)` with the effects of its setters, in the same order, without re-parsing."""
    node = _new(Tag)
    node._tag = node._closing_tag = tag
    node._contents = contents if contents is not None else _code([])
    node._attrs = attrs if attrs else []
    node._wiki_markup = str(wiki_markup) if wiki_markup else None
    node._closing_wiki_markup = node._wiki_markup
    node._self_closing = bool(self_closing)
    node._invalid = bool(invalid)
    node._implicit = bool(implicit)
    node._padding = str(padding) if padding else ""
    if closing_tag is not None:
        node._closing_tag = closing_tag
    node._wiki_style_separator = str(separator) if separator else None
    if closing_markup is not None:
        node._closing_wiki_markup = str(closing_markup) if closing_markup else None
    return node



def internals_problems() -> list[str]:
    """What no longer matches the mwparserfromhell internals this builder relies on.

    Empty when the installed version builds its nodes with the attributes in
    BUILT_ATTRIBUTES and its Builder still consumes a reversed token list one node at a
    time (`_tokens`, `_handle_token`, used for rare nodes).
    """
    import mwparserfromhell

    version = getattr(mwparserfromhell, "__version__", "?")
    problems: list[str] = []
    stock = mwparserfromhell.parse(_PROBE)
    found: dict[type, set[str]] = {Wikicode: set(vars(stock))}
    for node in stock.ifilter(recursive=True):
        found.setdefault(type(node), set(vars(node)))
        for param in getattr(node, "params", []):
            found.setdefault(type(param), set(vars(param)))
    for cls, expected in BUILT_ATTRIBUTES.items():
        actual = found.get(cls)
        if actual is None:
            problems.append(f"mwparserfromhell {version}: no {cls.__name__} node in {_PROBE!r}")
        elif actual != expected:
            problems.append(
                f"mwparserfromhell {version}: {cls.__name__} now carries {sorted(actual)}, "
                f"parse/tree.py sets {sorted(expected)}"
            )
    builder = Builder()
    if not hasattr(builder, "_tokens") or not callable(getattr(builder, "_handle_token", None)):
        problems.append(f"mwparserfromhell {version}: Builder._tokens/_handle_token are gone "
                        "(parse/tree.py hands rare nodes to them)")
    return problems
