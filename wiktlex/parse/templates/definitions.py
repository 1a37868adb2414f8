"""Definition-line helpers: `{{defdate}}`, `{{senseid}}`, `{{non-gloss definition}}`.

They shape a definition line without being a gloss word: a date is an annotation
(kept in raw_gloss only), a sense id is structured data, a non-gloss definition is
the definition text itself.
"""

from __future__ import annotations

from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.registry import template


@template("defdate", "defdt", "ref date", "defdate-lite", family="definitions")
def defdate(call: Call, ctx: Context) -> str:
    """`{{defdate|from 15th c.}}` -> "[from 15th c.]" beside the gloss."""
    parts = [ctx.arg(call, i) for i in range(1, len(call.positional()) + 1)]
    text = " ".join(p for p in parts if p)
    return ctx.annotate(f"[{text}]") if text else ""


@template("senseid", "sid", "senseno", family="definitions")
def senseid(call: Call, ctx: Context) -> str:
    """`{{senseid|en|building}}` (old style: `{{senseid|building}}`): an anchor, no text."""
    sid = call.get(2) or call.get(1)
    if sid:
        ctx.collected.senseids.append(sid)
    else:
        ctx.warn("senseid without an id", template=call.name)
    return ""


@template("non-gloss definition", "n-g", "ngd", "non-gloss", "n-g-lite", "ng",
          "non gloss definition", family="definitions")
def non_gloss(call: Call, ctx: Context) -> str:
    """`{{n-g|Used to express surprise.}}`: the definition text itself."""
    return ctx.arg(call, 1)
