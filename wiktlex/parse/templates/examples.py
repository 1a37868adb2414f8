"""Template handlers: the examples family (`{{ux}}`, `{{usex}}`, `{{uxi}}`, `{{quote}}`…).

A usage example is made up to show a word in use; a quotation cites a source. The two
are kept apart: these handlers attach an `Example(text, translation, roman)` and never a
Quotation. They render the example text itself, so a `#*:` passage line written with
`{{quote|en|…}}` or `{{ux|…}}` still yields its passage; in a gloss they render nothing
(the example is data beside the gloss, not part of it).
"""

from __future__ import annotations

import re

from wiktlex.model import Example
from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.registry import template
from wiktlex.parse.render import fold

FAMILY = "examples"
_CJK_GAP = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u9fff\uff00-\uffef])")
_ZH_VARIANT = re.compile(r"([^\s/\[\]]+)/[^\s/\[\]，。！？、；：,.!?;:]+")
_ZH_ANNOTATION = re.compile(r"\[[^\]]*\]")


def _attach(ctx: Context, text: str, translation: str, roman: str) -> str:
    """Attach the example (when it has text); what the handler renders where it stands."""
    if not text:
        ctx.warn("usage example without text", severity="info")
        return ""
    ctx.collected.examples.append(Example(text=text, translation=translation or None, roman=roman or None))
    return "" if ctx.where == "gloss" else text


def _render(ctx: Context, call: Call, key: str) -> str:
    return fold(ctx.child().render(call.get(key))) if call.get(key) else ""


def _first(ctx: Context, call: Call, *keys: str) -> str:
    for key in keys:
        value = _render(ctx, call, key)
        if value:
            return value
    return ""


@template("ux", "usex", "uxi", "ux-lite", "uxi-lite", "eg", "quote", family=FAMILY)
def usage_example(call: Call, ctx: Context) -> str:
    """`{{ux|LANG|text|translation|tr=…}}`; old form `{{usex|text|translation|lang=xx}}`."""
    start = 1 if call.has("lang") and not _is_code(call.get(1)) else 2
    text = _render(ctx, call, str(start))
    translation = _render(ctx, call, str(start + 1)) or _first(ctx, call, "t", "translation", "gloss")
    roman = _first(ctx, call, "tr", "transliteration", "ts")
    return _attach(ctx, text, translation, roman)


def _is_code(value: str) -> bool:
    return bool(re.fullmatch(r"[a-z]{2,3}(?:-[a-z]{2,3}){0,3}", value.strip()))


@template("ja-usex", "ja-x", "ja-usex-inline", family=FAMILY)
def japanese_example(call: Call, ctx: Context) -> str:
    """`{{ja-usex|漢字|かな|translation}}`: the kana reading (2) is not a romanisation; `tr=` is."""
    text = _render(ctx, call, "1")
    translation = _render(ctx, call, "3") or _first(ctx, call, "t", "translation")
    return _attach(ctx, text.replace("^", ""), translation, _first(ctx, call, "tr"))


@template("zh-x", "zh-usex", "zh-x-inline", family=FAMILY)
def chinese_example(call: Call, ctx: Context) -> str:
    """`{{zh-x|他們/他们 愛 你|They love you.}}`: words joined, first (traditional) variant kept."""
    raw = _render(ctx, call, "1")
    text = _ZH_ANNOTATION.sub("", _ZH_VARIANT.sub(r"\1", raw))
    text = _CJK_GAP.sub("", text).strip()
    translation = _render(ctx, call, "2") or _first(ctx, call, "t", "translation")
    return _attach(ctx, text, translation, _first(ctx, call, "tr"))


@template("ko-usex", "ko-x", "th-x", "th-usex", "km-x", "lo-x", family=FAMILY)
def script_example(call: Call, ctx: Context) -> str:
    """`{{ko-usex|text|translation}}` and kin: no language code before the text."""
    text = _render(ctx, call, "1")
    translation = _render(ctx, call, "2") or _first(ctx, call, "t", "translation")
    return _attach(ctx, text, translation, _first(ctx, call, "tr"))


@template("rfquotek", "rfquote", "rfex", "rfquote-sense", "rfex-sense", "rfquotek-lite", family=FAMILY,
          drop="request")
def request(call: Call, ctx: Context) -> str:
    """Requests for a quotation or an example: maintenance, nothing for the lexicon."""
    return ""
