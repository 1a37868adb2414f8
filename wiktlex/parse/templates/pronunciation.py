"""Pronunciation templates: `{{IPA}}`, `{{enPR}}`, `{{audio}}`, `{{rhymes}}`, `{{homophones}}`…

Each attaches `Sound`s (or hyphenations) to the collector and renders what a reader sees
(`IPA: /haʊs/`). Both argument styles are read: the current one with the language code
first (`{{IPA|en|/x/}}`) and the old one with `lang=` (`{{IPA|/x/|lang=en}}`). Accent
templates (`{{a|US}}`) add line-level tags that the pronunciation reader applies to the
line's sounds.
"""

from __future__ import annotations

import re

from wiktlex.model import Sound
from wiktlex.parse.accents import accent_tags
from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.data import load
from wiktlex.parse.inflection import split_modifiers
from wiktlex.parse.languages import language_name
from wiktlex.parse.modifiers import parse_modified
from wiktlex.parse.registry import template, template_suffix

FAMILY = "pronunciation"
_PARENS = re.compile(r"\(([^()]*)\)")
_FILE = re.compile(r"\.(?:ogg|oga|mp3|wav|flac|opus|webm)$", re.IGNORECASE)


def values(call: Call, ctx: Context) -> list[str]:
    """Positional arguments after the language code, in either argument style.

    Old style gives `lang=` and no code; without `lang=`, the first argument is the code
    only when it is a known language code (so `{{hyphenation|house}}` is not lost).
    """
    raw = [ctx.arg(call, i) for i in range(1, len(call.positional()) + 1)]
    if call.has("lang") or not raw:
        return raw
    if raw[0] == ctx.lang_code:
        return raw[1:]
    return raw[1:] if language_name(raw[0]) is not None else raw


def _line_qualifiers(call: Call, ctx: Context) -> list[str]:
    labels = [ctx.arg(call, key) for key in ("a", "aa")]
    tags = accent_tags([x.strip() for label in labels for x in label.split(",")])
    return tags + [q for q in (ctx.arg(call, "q"), ctx.arg(call, "qq")) if q]


def _item_tags(value: str, call: Call, ctx: Context, index: int) -> tuple[str, list[str]]:
    """A pronunciation with its own qualifiers: `qN=`, `aN=`, inline `<q:…>`, `<a:…>`."""
    accents = [a.strip() for v in parse_modified(value).get("a") for a in v.split(",")]
    text, qualifier = split_modifiers(value)
    tags = accent_tags([*accents, ctx.arg(call, f"a{index}")])
    tags += [q for q in (qualifier, ctx.arg(call, f"q{index}"), ctx.arg(call, f"qq{index}")) if q]
    return text, tags


@template("IPA", "IPA-lite", "IPA2", family=FAMILY)
def ipa(call: Call, ctx: Context) -> str:
    """`{{IPA|en|/haʊs/|/haʊz/}}` or `{{IPA|/haʊs/|lang=en}}`."""
    line_tags = _line_qualifiers(call, ctx)
    shown: list[str] = []
    for index, value in enumerate(values(call, ctx), 1):
        text, tags = _item_tags(value, call, ctx, index)
        if not text:
            continue
        ctx.collected.sounds.append(Sound(ipa=text, tags=list(dict.fromkeys(line_tags + tags))))
        shown.append(text)
    if not shown:
        ctx.warn("IPA template without a pronunciation", template=call.name)
        return ""
    return "IPA: " + ", ".join(shown)


@template("IPAchar", "IPAchar-lite", "IPAfont", family=FAMILY)
def ipa_char(call: Call, ctx: Context) -> str:
    """IPA text set in an IPA font; a sound only when it stands in a pronunciation line."""
    texts = [ctx.arg(call, i) for i in range(1, len(call.positional()) + 1) if call.has(i)]
    if ctx.where == "pronunciation":
        ctx.collected.sounds.extend(Sound(ipa=text) for text in texts)
    return ", ".join(texts)  # `{{IPAchar|[tʃ]|[ts]}}` -> "[tʃ], [ts]"


@template("enPR", "AHD", family=FAMILY)
def enpr(call: Call, ctx: Context) -> str:
    """`{{enPR|hous}}`: American dictionary respelling (no language argument)."""
    line_tags = _line_qualifiers(call, ctx)
    shown = []
    for index in range(1, len(call.positional()) + 1):
        text, tags = _item_tags(ctx.arg(call, index), call, ctx, index)
        if text:
            ctx.collected.sounds.append(Sound(enpr=text, tags=list(dict.fromkeys(line_tags + tags))))
            shown.append(text)
    return "enPR: " + ", ".join(shown) if shown else ""


@template("SAMPA", "X-SAMPA", "xsampa", family=FAMILY)
def sampa(call: Call, ctx: Context) -> str:
    """SAMPA transcriptions: shown, not kept (the lexicon keeps IPA)."""
    shown = [v for v in (ctx.arg(call, i) for i in range(1, len(call.positional()) + 1)) if v]
    name = "X-SAMPA" if "x" in call.name else "SAMPA"
    return f"{name}: " + ", ".join(shown) if shown else ""


@template("audio", "audio-lite", family=FAMILY)
def audio(call: Call, ctx: Context) -> str:
    """`{{audio|en|File.ogg|Audio (US)}}` or old `{{audio|File.ogg|Audio (US)|lang=en}}`."""
    raw = [ctx.arg(call, i) for i in range(1, len(call.positional()) + 1)]
    if raw and not _FILE.search(raw[0]) and len(raw) > 1 and _FILE.search(raw[1]):
        raw = raw[1:]
    if not raw or not raw[0]:
        ctx.warn("audio template without a file", template=call.name)
        return ""
    caption = raw[1] if len(raw) > 1 else ""
    tags = _line_qualifiers(call, ctx) + _caption_tags(caption)
    ctx.collected.sounds.append(Sound(audio=raw[0], tags=list(dict.fromkeys(tags))))
    return caption or "Audio"


def _caption_tags(caption: str) -> list[str]:
    """`Audio (US)` -> ["US"]; `Audio (UK, female)` -> ["UK", "female"]."""
    found = [part.strip() for group in _PARENS.findall(caption) for part in group.split(",")]
    return accent_tags([f for f in found if f])


@template("audio-IPA", family=FAMILY)
def audio_ipa(call: Call, ctx: Context) -> str:
    """`{{audio-IPA|en|File.ogg|/ipa/}}`: one sound with both its file and its IPA."""
    raw = [ctx.arg(call, i) for i in range(1, len(call.positional()) + 1)]
    if raw and not _FILE.search(raw[0]) and len(raw) > 1:
        raw = raw[1:]
    if not raw or not raw[0]:
        return ""
    transcription = raw[1] if len(raw) > 1 else ""
    ctx.collected.sounds.append(Sound(audio=raw[0], ipa=transcription or None))
    return f"Audio: {transcription}".strip()


@template("rhymes", "rhyme", "rhymes-lite", family=FAMILY)
def rhymes(call: Call, ctx: Context) -> str:
    """`{{rhymes|en|aʊs|aʊz}}` -> sounds `-aʊs`, `-aʊz`."""
    shown = []
    for value in values(call, ctx):
        text = split_modifiers(value)[0].lstrip("-")
        if text:
            ctx.collected.sounds.append(Sound(rhymes=f"-{text}"))
            shown.append(f"-{text}")
    return ("Rhymes: " + ", ".join(shown)) if shown else ""


@template("homophones", "homophone", "hmp", "homophones-lite", family=FAMILY)
def homophones(call: Call, ctx: Context) -> str:
    """`{{homophones|en|how's}}`: each word a sound with the homophone field."""
    shown = []
    for index, value in enumerate(values(call, ctx), 1):
        text, tags = _item_tags(value, call, ctx, index)
        if text:
            ctx.collected.sounds.append(Sound(homophone=text, tags=tags))
            shown.append(text)
    label = "Homophone" if len(shown) == 1 else "Homophones"
    return f"{label}: " + ", ".join(shown) if shown else ""


@template("hyphenation", "hyph", "hyph-lite", "hyphenation-lite", family=FAMILY)
def hyphenation(call: Call, ctx: Context) -> str:
    """`{{hyphenation|en|dic|tion|ar|y||dict|ion|ary}}`: an empty argument starts another."""
    syllables = values(call, ctx)
    raw = [ctx.arg(call, i) for i in range(1, len(call.positional()) + 1)]
    if _spelling(raw) == _spelling([ctx.title]) != _spelling(syllables):
        syllables = raw  # old style whose first syllable looks like a language code
    groups: list[list[str]] = [[]]
    for value in syllables:
        if value:
            groups[-1].append(value)
        elif groups[-1]:
            groups.append([])
    words = ["‧".join(g) for g in groups if g]
    ctx.collected.hyphenation.extend(words)
    return ("Hyphenation: " + "; ".join(words)) if words else ""


def _spelling(parts: list[str]) -> str:
    return "".join(parts).replace(" ", "").replace("-", "").lower()


@template("a", "accent", "a-lite", family=FAMILY)
def accent(call: Call, ctx: Context) -> str:
    """`{{a|US}}`, `{{a|en|UK|RP}}`: accent labels, kept as tags for the line's sounds."""
    labels = [ctx.arg(call, i) for i in range(1, len(call.positional()) + 1)]
    if len(labels) > 1 and language_name(labels[0]) is not None and labels[0].islower():
        labels = labels[1:]
    labels = [label.strip("()") if label.startswith("(") else label for label in labels if label]
    ctx.collected.tags.extend(accent_tags(labels))
    names: dict[str, str] = load("accents")  # {{a|en|RP}} reads "(Received Pronunciation)"
    shown = [names.get(label, label) for label in labels]
    return ctx.annotate(f"({', '.join(shown)})") if shown else ""


_TRANSCRIPTION = re.compile(r"^[/\[].*[/\]]$")


@template_suffix("-ipa", "-ipa-auto", family=FAMILY)
def language_ipa(call: Call, ctx: Context) -> str:
    """`{{fr-IPA}}`, `{{es-IPA|…}}`: pronunciations a language module computes from the
    spelling, which the lexicon cannot reproduce; explicit `/…/` arguments are kept."""
    shown = []
    for index in range(1, len(call.positional()) + 1):
        value = ctx.arg(call, index)
        if _TRANSCRIPTION.match(value):
            ctx.collected.sounds.append(Sound(ipa=value))
            shown.append(value)
    return "IPA: " + ", ".join(shown) if shown else ""
