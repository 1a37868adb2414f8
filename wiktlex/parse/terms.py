"""How a term is shown, shared by the links, etymology, form-of and definition families:
`word (tr, “gloss”, pos)`, a language code's name, and an etymology call's record.

They live here, not in one family, so that no template family imports another.
"""

from __future__ import annotations

from wiktlex.model import TemplateCall
from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.genders import gender_info
from wiktlex.parse.languages import language_name
from wiktlex.parse.render import fold
from wiktlex.parse.translit import transliterate


def mention_text(word: str, gloss: str = "", tr: str = "", pos: str = "", lit: str = "") -> str:
    """`word (tr, “gloss”, pos)`: the way Wiktionary shows a term with its annotations."""
    extras = [x for x in (tr, f"“{gloss}”" if gloss else "", pos) if x]
    if lit:
        extras.append(f"literally “{lit}”")
    return f"{word} ({', '.join(extras)})" if extras else word


def language_label(code: str, ctx: Context, template_name: str) -> str:
    """The name of a language code; unknown codes are reported, never shown raw."""
    code = code.strip()
    if not code or code == "-":
        return ""
    name = language_name(code)
    if name is None:
        ctx.warn(f"unknown language code {code!r}", template=template_name)
        return ""
    return name


def term_of(
    call: Call, ctx: Context, word_key: int, alt_key: int | None = None, gloss_key: int | None = None
) -> tuple[str, str]:
    """(target, shown text) of a term given as positional + named arguments.

    `-` as the term means "no term" (Wiktionary's convention in etymology templates).
    """
    target = ctx.arg(call, word_key)
    if target == "-":
        target = ""
    alt = ctx.arg(call, alt_key) if alt_key is not None else ""
    shown = alt or ctx.arg(call, "alt") or without_anchor(target)
    gloss = (ctx.arg(call, gloss_key) if gloss_key is not None else "") or ctx.arg(
        call, "t"
    ) or ctx.arg(call, "gloss")
    tr = " ".join(p for p in (ctx.arg(call, "tr"), f"/{ctx.arg(call, 'ts')}/" if call.has("ts") else "") if p)
    if not tr and shown:  # Wiktionary transliterates what its modules can (Module:ru-translit)
        lang = call.get("lang") if word_key == 1 else call.get(word_key - 1)
        tr = transliterate(shown, lang)
    if not shown:
        return target, mention_text("", gloss, tr).strip()
    genders, _ = gender_info([g for key in ("g", "g2", "g3") for g in call.get(key).split(",") if g])
    if genders:  # `{{l|ru|ру́сский||Russian|g=m}}` -> "ру́сский m (“Russian”)"
        shown = f"{shown} {genders}"
    return target, mention_text(shown, gloss, tr, ctx.arg(call, "pos"), ctx.arg(call, "lit"))


def without_anchor(target: str) -> str:
    """`house#Noun` is shown as "house" (the anchor only picks the section)."""
    head = target.split("#", 1)[0]
    return head if head else target


def attach_etymology(call: Call, ctx: Context, text: str) -> str:
    """Record the call as an etymology template and return its text."""
    ctx.collected.etymology_templates.append(
        TemplateCall(name=call.name, args=dict(call.args), text=fold(text))
    )
    return text
