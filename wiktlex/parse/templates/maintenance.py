"""Maintenance and category templates: requests for cleanup, categories, sort keys.

A reader sees nothing of `{{rfquotek}}`, `{{rfdef}}`, `{{attention}}`…: they are notes to
editors. Category templates (`{{topics}}`, `{{C}}`, `{{cln}}`) render nothing and attach
the category they add, so categories are not lost with the markup.
"""

from __future__ import annotations

from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.data import load
from wiktlex.parse.genders import gender_mark
from wiktlex.parse.languages import language_name
from wiktlex.parse.registry import Registry, template, template_prefix


@template_prefix("defaultsort:", "displaytitle:", family="maintenance", drop="page-setting")
def silent(call: Call, ctx: Context) -> str:
    """A note to editors: nothing visible."""
    return ""


def register_templates(registry: Registry) -> None:
    """The notes to editors listed in data/maintenance.json."""
    names: list[str] = load("maintenance")["silent"]
    for name in names:
        registry.register((name,), "maintenance", silent, drop="editor-note")


def _categories(call: Call, start: int) -> list[str]:
    return [call.get(i) for i in range(start, len(call.positional()) + 1) if call.get(i)]


@template("c", family="maintenance")
def topics_or_common(call: Call, ctx: Context) -> str:
    """`{{C|en|Buildings}}` is `{{topics}}`; a bare `{{c}}` is the old common-gender mark of
    translation lines (`[[plats]] {{c}}`)."""
    if not call.args:
        return gender_mark(call, ctx, "c")
    return topics(call, ctx)


@template("topics", "topic", family="maintenance")
def topics(call: Call, ctx: Context) -> str:
    """`{{topics|en|Buildings}}` adds "en:Buildings"."""
    code = call.get(1)
    ctx.collected.categories.extend(f"{code}:{name}" for name in _categories(call, 2))
    return ""


@template("catlangname", "cln", family="maintenance")
def catlangname(call: Call, ctx: Context) -> str:
    """`{{cln|en|nouns}}` adds "English nouns"."""
    name = language_name(call.get(1)) or call.get(1)
    ctx.collected.categories.extend(f"{name} {cat}" for cat in _categories(call, 2))
    return ""


@template("categorize", "cat", family="maintenance")
def categorize(call: Call, ctx: Context) -> str:
    """`{{cat|en|Some category}}` adds the categories as written."""
    ctx.collected.categories.extend(_categories(call, 2))
    return ""
