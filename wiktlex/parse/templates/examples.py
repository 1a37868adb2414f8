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
from wiktlex.parse.genders import gender_info
from wiktlex.parse.registry import template
from wiktlex.parse.render import fold
from wiktlex.parse.terms import mention_text

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


@template("ux", "usex", "uxi", "uxa", "ux-lite", "uxi-lite", "eg", "quote", "co", "coi", "collocation",
          "co-lite", "coi-lite", family=FAMILY)
def usage_example(call: Call, ctx: Context) -> str:
    """`{{ux|LANG|text|translation|tr=…}}`; old form `{{usex|text|translation|lang=xx}}`.

    A collocation (`{{co}}`, `{{coi}}`) is a usage example that shows a word's usual
    company: the same arguments, an example of the sense."""
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


@template("rfquotek", "rfquote", "rfex", "rfquote-sense", "rfex-sense", "rfquotek-lite", family=FAMILY)
def request(call: Call, ctx: Context) -> str:
    """Requests for a quotation or an example: maintenance, nothing for the lexicon."""
    return ""


@template("affixusex", "afex", family=FAMILY)
def affix_example(call: Call, ctx: Context) -> str:
    """`{{affixusex|en|hip|-pity|hippity}}` -> "hip + -pity → hippity": parts, then the result."""
    return _affix_example(call, ctx, "")


@template("prefixusex", "prefex", "usex-prefix", family=FAMILY)
def prefix_example(call: Call, ctx: Context) -> str:
    """`{{prefixusex|da|bore|forbore}}` on [[for-]] -> "for- + bore → forbore" (the affix first)."""
    return _affix_example(call, ctx, "first")


@template("suffixusex", "sufex", "usex-suffix", "infixusex", "infex", "circumfixusex", "circumfex",
          family=FAMILY)
def suffix_example(call: Call, ctx: Context) -> str:
    """`{{suffixusex|ang|nama|naman|g1=m|t1=name|t2=names}}` on [[-en]] -> "nama m (“name”) +
    -en → naman (“names”)" (the affix last)."""
    return _affix_example(call, ctx, "last")


def _affix_example(call: Call, ctx: Context, affix_at: str) -> str:
    """Parts joined by "+", then "→" and the result; the affix (`affix=`, else the page name)
    inserted first or last when the template implies it."""
    parts = [_affix_part(call, ctx, n, key) for n, key in enumerate(range(2, len(call.positional()) + 1), 1)]
    parts = [p for p in parts if p]
    if not parts or (not affix_at and len(parts) < 2):
        ctx.warn("affix example without parts and a result", template=call.name)
        return ""
    *bases, result = parts
    affix = _render(ctx, call, "affix") or ctx.title
    if affix_at == "first":
        bases = [affix, *bases]
    elif affix_at == "last":
        bases = [*bases, affix]
    return _attach(ctx, f"{' + '.join(bases)} → {result}", "", "")


def _affix_part(call: Call, ctx: Context, n: int, key: int) -> str:
    word = _render(ctx, call, f"alt{n}") or _render(ctx, call, str(key))
    if not word:
        return ""
    genders = [g for g in call.get(f"g{n}").split(",") if g]
    if genders:
        shown, _ = gender_info(genders)
        word = f"{word} {shown}"
    gloss = _first(ctx, call, f"t{n}", f"gloss{n}")
    return mention_text(word, gloss, _render(ctx, call, f"tr{n}"), _render(ctx, call, f"pos{n}"),
                        _render(ctx, call, f"lit{n}"))
