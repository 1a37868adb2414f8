"""A template page's text as one call transcludes it: MediaWiki's substitution, statically.

Two steps of the preprocessor, no more: what a transclusion includes (`<onlyinclude>`
parts if any, else the page without its `<noinclude>` parts, `<includeonly>` tags
dropped), then every `{{{name|default}}}` replaced by the call's argument (or the
default). With neither, MediaWiki shows the braces as written; here it is empty, so that
no markup reaches a text field. Templates in the result are left to the renderer, like any
wikitext; `select_branches` settles `#if`/`#ifeq`/`#switch` in the wikitext itself, for a
reader that needs the markup of the branch taken (a hand-written citation line).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from mwparserfromhell.nodes import Argument, Template

from wiktlex.parse.tree import parse as parse_tree

MAX_BODY = 100_000  # characters of a template page read; definitions are small
_NOINCLUDE = re.compile(r"<noinclude\s*>.*?(?:</noinclude\s*>|$)|<noinclude\s*/>", re.S | re.I)
_ONLYINCLUDE = re.compile(r"<onlyinclude\s*>(.*?)(?:</onlyinclude\s*>|$)", re.S | re.I)
_INCLUDEONLY_TAG = re.compile(r"</?includeonly\s*/?>", re.I)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)


def included_text(body: str) -> str:
    """The part of a template page that a transclusion includes."""
    body = _COMMENT.sub("", body[:MAX_BODY])
    only = _ONLYINCLUDE.findall(body)
    if only:
        body = "".join(only)
    body = _NOINCLUDE.sub("", body)
    return _INCLUDEONLY_TAG.sub("", body).strip()


def substitute(text: str, args: Mapping[str, str]) -> str:
    """`text` with each `{{{name|default}}}` replaced for a call with these arguments."""
    if "{{{" not in text:
        return text
    code = parse_tree(text, skip_style_tags=True)
    # Pre-order listed, replaced last first: an argument inside another's name or default
    # is settled before the one that holds it.
    for node in reversed(code.filter_arguments(recursive=True)):
        code.replace(node, _value(node, args), recursive=True)
    return str(code)


def _value(node: Argument, args: Mapping[str, str]) -> str:
    name = str(node.name).strip()
    if name in args:
        return args[name]
    return str(node.default) if node.default is not None else ""


def transclude(body: str, args: Mapping[str, str]) -> str:
    """What `{{Template|args…}}` puts on the page before its templates are expanded."""
    return substitute(included_text(body), args)


def switch_case(value: str, cases: list[tuple[str, str]]) -> str | None:
    """The key of the `#switch` case taken for `value` (cases as (key, raw) pairs, bare
    values keyed by number): a bare value falls through to the next named case; else
    `#default`, else a bare last value."""
    matched = False
    for key, raw in cases:
        if key.isdigit():
            matched = matched or raw.strip() == value
        elif matched or key.strip() == value:
            return key
    default = next((k for k, _ in cases if k.strip() == "#default"), None)
    if default is None and cases and cases[-1][0].isdigit():
        default = cases[-1][0]
    return default


def select_branches(text: str) -> str:
    """`{{#if:x|a|b}}`, `{{#ifeq:x|y|a|b}}`, `{{#switch:x|…}}` replaced by the wikitext of
    the branch taken, compared as written (arguments already substituted)."""
    if "{{#" not in text:
        return text
    code = parse_tree(text, skip_style_tags=True)
    for node in reversed(code.filter_templates(recursive=True)):
        chosen = _branch(node)
        if chosen is not None:
            code.replace(node, chosen, recursive=True)
    return str(code)


def _branch(node: Template) -> str | None:
    name, _, first = str(node.name).partition(":")
    function = name.strip().lower()
    if function not in ("#if", "#ifeq", "#switch"):
        return None
    if function != "#switch":  # branches are raw text: `a=b` in a branch is not a name
        branches = [str(p) for p in node.params] + ["", "", ""]
        if function == "#if":
            return branches[0 if first.strip() else 1].strip()
        return branches[1 if first.strip() == branches[0].strip() else 2].strip()
    cases = [(str(p.name).strip() if p.showkey else str(i), str(p.value)) for i, p in enumerate(node.params, 2)]
    key = switch_case(first.strip(), cases)
    return dict(cases)[key].strip() if key is not None else ""
