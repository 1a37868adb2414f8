"""Formatting helpers and magic words: `{{PAGENAME}}`, `{{!}}`, `{{lc:…}}`, `{{nowrap}}`…"""

from __future__ import annotations

from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.data import load
from wiktlex.parse.registry import Handler, Registry, template


@template("pagename", "fullpagename", "subpagename", "basepagename", family="formatting")
def pagename(call: Call, ctx: Context) -> str:
    return ctx.title


@template("!", family="formatting")
def pipe(call: Call, ctx: Context) -> str:
    return "|"


@template("lc", family="formatting")
def lowercase(call: Call, ctx: Context) -> str:
    return ctx.arg(call, 1).lower()


@template("uc", family="formatting")
def uppercase(call: Call, ctx: Context) -> str:
    return ctx.arg(call, 1).upper()


@template("ucfirst", family="formatting")
def ucfirst(call: Call, ctx: Context) -> str:
    text = ctx.arg(call, 1)
    return text[:1].upper() + text[1:]


@template("lcfirst", family="formatting")
def lcfirst(call: Call, ctx: Context) -> str:
    text = ctx.arg(call, 1)
    return text[:1].lower() + text[1:]


@template("nowrap", "nobr", "smallcaps", "small", "big", "sub", "sup", "1", family="formatting")
def first_argument(call: Call, ctx: Context) -> str:
    return ctx.arg(call, 1)


def invisible(call: Call, ctx: Context) -> str:
    """Boxes, see-also banners, navigation lists and layout helpers: nothing for the lexicon."""
    return ""


def register_templates(registry: Registry) -> None:
    """Layout names and name prefixes from data/layout.json, all invisible."""
    data = load("layout")
    for name in data["invisible"]:
        registry.register((name,), "formatting", invisible, drop="layout")
    for prefix in data["invisible_prefixes"]:
        registry.register_prefix(prefix, "formatting", invisible, drop="layout")
    for name, label in data["identifiers"].items():
        registry.register((name,), "formatting", _identifier(label))


@template(",", family="formatting")
def comma(call: Call, ctx: Context) -> str:
    return ","


@template("...", "nb...", family="formatting")
def omission(call: Call, ctx: Context) -> str:
    """`{{...}}`: an omission in a quotation, "[…]" (with its text inside if given)."""
    text = ctx.arg(call, 1)
    return f"[…{' ' + text if text else ''}]"


@template("nbsp", "nbsp;", "spaces", "sp", family="formatting")
def nbsp(call: Call, ctx: Context) -> str:
    return " "


@template("=", family="formatting")
def equals(call: Call, ctx: Context) -> str:
    return "="


@template("!!", family="formatting")
def double_pipe(call: Call, ctx: Context) -> str:
    return "||"


@template("'", family="formatting")
def apostrophe(call: Call, ctx: Context) -> str:
    return "'"


def _identifier(label: str) -> Handler:
    """`{{ISBN|978-0-…}}` -> "ISBN 978-0-…"."""

    def identifier(call: Call, ctx: Context) -> str:
        value = ctx.arg(call, 1)
        return f"{label} {value}" if value else ""

    return identifier


@template("sic", family="formatting")
def sic(call: Call, ctx: Context) -> str:
    return "[sic]"


@template("angbr", "angle brackets", family="formatting")
def angle_brackets(call: Call, ctx: Context) -> str:
    return f"⟨{ctx.arg(call, 1)}⟩"


@template("underline", "overline", "upright", "smallcap", "sc", "small caps", "mono",
          "monospace", family="formatting")
def plain_first(call: Call, ctx: Context) -> str:
    """Typographic wrappers: the text inside."""
    return ctx.arg(call, 1)


@template("sumti", family="formatting")
def sumti(call: Call, ctx: Context) -> str:
    """Lojban argument places: `{{sumti|1}}` -> "x1"."""
    return f"x{ctx.arg(call, 1)}"
