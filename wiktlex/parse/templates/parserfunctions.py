"""Parser functions that entries use: `#if`, `#ifeq`, `#switch`, `#tag`, `#invoke`.

Decided from their arguments alone (no page state, no Lua); only the branch taken is
rendered, so data from the other branch never attaches. `render.call_from_node` turns
`{{#if:x|a|b}}` into name "#if" with the test as argument "1".
"""

from __future__ import annotations

from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.registry import template
from wiktlex.parse.transclude import switch_case

_HIDDEN_TAGS = frozenset({"ref", "references", "gallery", "templatestyles", "indicator"})


@template("#if", family="parserfunctions")
def if_(call: Call, ctx: Context) -> str:
    """`{{#if: test | then | else}}`: "then" when the test is not blank."""
    branch = "2" if call.get(1).strip() else "3"
    return ctx.arg(call, branch)


@template("#ifeq", family="parserfunctions")
def ifeq(call: Call, ctx: Context) -> str:
    """`{{#ifeq: a | b | then | else}}` (compared as rendered, stripped text)."""
    same = ctx.child().render(call.get(1)).strip() == ctx.child().render(call.get(2)).strip()
    return ctx.arg(call, "3" if same else "4")


@template("#switch", family="parserfunctions")
def switch(call: Call, ctx: Context) -> str:
    """`{{#switch: x | a = A | b | c = C | #default = D}}` with fall-through cases."""
    value = ctx.child().render(call.get(1)).strip()
    key = switch_case(value, list(call.args.items())[1:])
    return ctx.arg(call, key) if key is not None else ""


@template("#tag", family="parserfunctions")
def tag(call: Call, ctx: Context) -> str:
    """`{{#tag:ref|…}}` hidden like `<ref>`; other tags show their content."""
    if call.get(1).strip().lower() in _HIDDEN_TAGS:
        return ""
    return ctx.arg(call, 2)


@template("#invoke", "#ifexist", "#time", "#expr", "#property", "#statements",
          family="parserfunctions")
def undecidable(call: Call, ctx: Context) -> str:
    """Lua modules and page-state functions cannot be decided from arguments: nothing."""
    ctx.warn(f"{call.name} cannot be evaluated natively", template=call.name, severity="info")
    return ""
