"""Formatting helpers and magic words: `{{PAGENAME}}`, `{{!}}`, `{{lc:…}}`, `{{nowrap}}`…"""

from __future__ import annotations

from wiktlex.parse.call import Call
from wiktlex.parse.context import LINE_BREAK, Context
from wiktlex.parse.data import load
from wiktlex.parse.registry import Registry, template, template_exact


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


@template("nowrap", "nobr", "smallcaps", "small", "big", "sub", "sup", "1", "math", "blockquote",
          family="formatting")
def first_argument(call: Call, ctx: Context) -> str:
    return ctx.arg(call, 1)


def invisible(call: Call, ctx: Context) -> str:
    """Boxes, see-also banners, navigation lists and layout helpers: nothing for the lexicon."""
    return ""


def register_templates(registry: Registry) -> None:
    """Layout names and name prefixes from data/layout.json, all invisible."""
    data = load("layout")
    for name in data["invisible"]:
        registry.register((name,), "formatting", invisible)
    for prefix in data["invisible_prefixes"]:
        registry.register_prefix(prefix, "formatting", invisible)
    for name in load("formatting")["eras"]:
        registry.register((name,), "formatting", era)


@template(",", family="formatting")
def comma(call: Call, ctx: Context) -> str:
    return ","


@template("...", "nb...", "…", family="formatting")
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


@template("isbn", "issn", "oclc", family="formatting")
def identifier(call: Call, ctx: Context) -> str:
    """`{{ISBN|978-0-…}}` -> "ISBN 978-0-…"."""
    value = ctx.arg(call, 1)
    return f"{call.name.upper()} {value}" if value else ""


@template("sic", family="formatting")
def sic(call: Call, ctx: Context) -> str:
    """`{{sic}}` -> "[sic]"; `{{SIC|misspelled}}` -> "[sic – meaning misspelled]"."""
    meaning = ctx.arg(call, 1)
    return f"[sic – meaning {meaning}]" if meaning else "[sic]"


def era(call: Call, ctx: Context) -> str:
    """`{{BC}}` -> "B.C.E.", `{{CE}}` -> "CE" (data/formatting.json); `nodot=1` drops the dots."""
    eras: dict[str, str] = load("formatting")["eras"]
    shown = eras.get(call.raw_name.strip(), call.raw_name.strip())
    return shown.replace(".", "") if call.has("nodot") else shown


@template_exact("C.", family="formatting")
def century_short(call: Call, ctx: Context) -> str:
    """`{{C.|20}}` -> "20th c."; `{{C.|21|st}}` -> "21st c." (the suffix as given)."""
    number = ctx.arg(call, 1)
    if not number:
        ctx.warn("C. without a century", template=call.name)
        return ""
    return f"{number}{ctx.arg(call, 2) or _ordinal_suffix(number)} c."


def _ordinal_suffix(number: str) -> str:
    if not number.isdigit():
        return ""
    value = int(number)
    if 10 <= value % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")


@template("century", family="formatting")
def century(call: Call, ctx: Context) -> str:
    """`{{century|17}}` -> "[from 17th c.]"; `{{century|2|3}}` -> "[2nd–3rd c.]" (a date
    beside a gloss: an annotation, like `{{defdate}}`)."""
    first, last = ctx.arg(call, 1), ctx.arg(call, 2)
    if not first:
        return ""
    shown = f"{first}{_ordinal_suffix(first)}"
    text = f"{shown}–{last}{_ordinal_suffix(last)} c." if last else f"from {shown} c."
    return ctx.annotate(f"[{text}]")


@template("angbr", "angle brackets", family="formatting")
def angle_brackets(call: Call, ctx: Context) -> str:
    return f"⟨{ctx.arg(call, 1)}⟩"


@template("underline", "overline", "upright", "smallcap", "sc", "small caps", "smc", "u", "mono",
          "monospace", family="formatting")
def plain_first(call: Call, ctx: Context) -> str:
    """Typographic wrappers: the text inside."""
    return ctx.arg(call, 1)


@template("sumti", family="formatting")
def sumti(call: Call, ctx: Context) -> str:
    """Lojban argument places: `{{sumti|1}}` -> "x1"."""
    return f"x{ctx.arg(call, 1)}"


@template("aka", family="formatting")
def also_known_as(call: Call, ctx: Context) -> str:
    """`{{aka}}` -> "a.k.a."; `aka=1` -> "aka"; `AKA=1`/`uc=1` -> "AKA"."""
    if call.has("AKA") or call.has("uc"):
        return "AKA"
    return "aka" if call.has("aka") else "a.k.a."


@template("see desc", "see descendants", family="formatting")
def see_descendants(call: Call, ctx: Context) -> str:
    """`{{desc|en|March}} {{see desc}}` -> "March (see there for further descendants)": a
    pointer beside a descendant, not part of the term."""
    return ctx.annotate("(see there for further descendants)")


@template("ipalink", family="formatting")
def ipa_link(call: Call, ctx: Context) -> str:
    """`{{IPAlink|a|ä}}`: a link to the article on an IPA sound; the symbol shown."""
    return ctx.arg(call, 2) or ctx.arg(call, 1)


@template("pb", "paragraph break", family="formatting")
def paragraph_break(call: Call, ctx: Context) -> str:
    """`{{pb}}` in a quotation's passage: a line break the reader sees."""
    return LINE_BREAK
