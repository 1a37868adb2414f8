"""Labels and qualifiers: `{{lb}}`, `{{context}}`, `{{q}}`… shown in parentheses.

Their text is an annotation: kept in raw_gloss, dropped from gloss; the label names go
to `labels` and the qualifier texts to `qualifiers`.
"""

from __future__ import annotations

from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.registry import template

_JOINERS = frozenset({"_", "and", "or", ","})


def _label_text(labels: list[str]) -> str:
    out: list[str] = []
    for label in labels:
        if label == "_":
            continue
        if label in ("and", "or"):
            out.append(f" {label} ")
        elif out and not out[-1].endswith(" "):
            out.append(f", {label}")
        else:
            out.append(label)
    return "".join(out)


def add_labels(labels: list[str], ctx: Context) -> str:
    real = [label for label in labels if label and label not in _JOINERS]
    ctx.collected.labels.extend(real)
    return ctx.annotate(f"({_label_text([x for x in labels if x])})") if real else ""


@template("lb", "lbl", "label", "term-label", "tlb", family="labels")
def label(call: Call, ctx: Context) -> str:
    """`{{lb|LANG|label|label…}}`."""
    return add_labels([ctx.arg(call, i) for i in range(2, len(call.positional()) + 1)], ctx)


@template("context", "cx", family="labels")
def context(call: Call, ctx: Context) -> str:
    """Old style: `{{context|label|label…|lang=xx}}`."""
    return add_labels([ctx.arg(call, i) for i in range(1, len(call.positional()) + 1)], ctx)


@template("q", "qualifier", "i", "qual", "qf", "q-lite", family="labels")
def qualifier(call: Call, ctx: Context) -> str:
    texts = [ctx.arg(call, i) for i in range(1, len(call.positional()) + 1)]
    texts = [t for t in texts if t]
    ctx.collected.qualifiers.extend(texts)
    return ctx.annotate(f"({', '.join(texts)})") if texts else ""


@template("sense", "s", family="labels")
def sense(call: Call, ctx: Context) -> str:
    text = ", ".join(t for t in (ctx.arg(call, i) for i in range(1, 6)) if t)
    ctx.collected.sense.append(text)
    return ctx.annotate(f"({text}):") if text else ""
