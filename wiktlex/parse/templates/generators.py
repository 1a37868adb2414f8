"""Pronunciation generators: `{{es-pr}}`, `{{it-pr}}`, `{{pl-p}}`, `{{pt-IPA}}`, `{{ru-IPA}}`…

Wiktionary computes their IPA in Lua from the page title or a respelling; here the rule
sets of `wiktlex.parse.phonology` compute it. Which template reads which arguments is data
(`data/phonology/generators.json`); one handler serves them all. A pronunciation the
rules cannot decide is a diagnostic and no IPA, never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from wiktlex.model import Sound
from wiktlex.parse.accents import accent_tags
from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.data import load
from wiktlex.parse.modifiers import Modified, parse_list, parse_modified, split_top
from wiktlex.parse.phonology import RuleSet, Undecidable, ruleset
from wiktlex.parse.registry import template

FAMILY = "pronunciation"
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_TITLE_MARKS = frozenset({"", "+", "#"})


@dataclass(frozen=True, slots=True)
class Spec:
    """How one generator template reads its arguments (see generators.json)."""

    lang: str
    style: str
    rhymes: bool = False
    hyphenation: bool = False
    audio: tuple[str, ...] = ()
    homophones: tuple[str, ...] = ()
    hyphenation_params: tuple[str, ...] = ()
    dialect_params: tuple[str, ...] = ()
    variant_params: tuple[tuple[str, str], ...] = ()
    style_param: str = ""


@dataclass(slots=True)
class Output:
    """What one call yields, gathered before it is attached to the collector."""

    sounds: list[Sound] = field(default_factory=list)
    rhymes: list[str] = field(default_factory=list)
    hyphenation: list[str] = field(default_factory=list)

    def add(self, sound: Sound) -> None:
        if sound not in self.sounds:
            self.sounds.append(sound)


def _spec(raw: dict[str, Any]) -> Spec:
    return Spec(
        lang=raw["lang"], style=raw["style"], rhymes=raw.get("rhymes", False),
        hyphenation=raw.get("hyphenation", False), audio=tuple(raw.get("audio", ())),
        homophones=tuple(raw.get("homophones", ())),
        hyphenation_params=tuple(raw.get("hyphenation_params", ())),
        dialect_params=tuple(raw.get("dialect_params", ())),
        variant_params=tuple(raw.get("variant_params", {}).items()),
        style_param=raw.get("style_param", ""),
    )


SPECS: dict[str, Spec] = {}
for _name, _data in load("phonology/generators")["templates"].items():
    SPECS[_name.lower()] = _spec(_data)
    for _alias in _data.get("aliases", []):
        SPECS[_alias.lower()] = SPECS[_name.lower()]


def generator(call: Call, ctx: Context) -> str:
    """Any template of generators.json: its sounds, rhymes and hyphenation."""
    spec = SPECS[call.name]
    rules = ruleset(spec.lang)
    out = Output()
    for term, keys in _terms(call, spec):
        _pronounce(term, keys, rules, spec, call, ctx, out)
    _named_extras(call, spec, ctx, out)
    ctx.collected.sounds.extend(out.sounds)
    ctx.collected.hyphenation.extend(h for h in out.hyphenation if h not in ctx.collected.hyphenation)
    return _shown(out)


for _name in sorted({n for n in SPECS}):
    template(_name, family=FAMILY)(generator)


def _raw(call: Call, key: str) -> str:
    return _COMMENT.sub("", call.get(key)).strip()


def _terms(call: Call, spec: Spec) -> list[tuple[Modified, tuple[str, ...]]]:
    """The respellings of a call with the variant keys each is for (() = all)."""
    positional = [_COMMENT.sub("", v).strip() for v in call.positional()]
    if spec.style == "pr":
        terms = [t for value in positional or [""] for t in (parse_list(value) or [Modified("")])]
    else:
        terms = [parse_modified(v) for v in positional if v] or [Modified("")]
    style = _raw(call, spec.style_param) if spec.style_param else ""
    keyed: list[tuple[Modified, tuple[str, ...]]] = [(t, (style,) if style else ()) for t in terms]
    given = [(param, key) for param, key in spec.variant_params if _raw(call, param)]
    if not given:
        return keyed
    out: list[tuple[Modified, tuple[str, ...]]] = [(parse_modified(_raw(call, param)), (key,)) for param, key in given]
    rest = tuple(key for param, key in spec.variant_params if not _raw(call, param))
    if rest:
        out.extend((t, rest) for t, _ in keyed)
    return out


def _pronounce(term: Modified, keys: tuple[str, ...], rules: RuleSet, spec: Spec, call: Call,
               ctx: Context, out: Output) -> None:
    text = ctx.title if term.text in _TITLE_MARKS else term.text.replace("#", ctx.title)
    keys = tuple(term.get("style")) or keys
    tags = _term_tags(term, ctx)
    try:
        results = rules.transcribe(text, keys)
    except Undecidable as exc:
        ctx.warn(f"no IPA for {text!r}: {exc}", template=call.name)
        results = []
    for result in results:
        out.add(Sound(ipa=result.ipa, tags=list(dict.fromkeys([*result.tags, *tags]))))
    _term_extras(term, text, results, rules, spec, ctx, out)


def _term_tags(term: Modified, ctx: Context) -> list[str]:
    accents = [a.strip() for value in term.get("a") + term.get("aa") for a in value.split(",")]
    quals = [ctx.child().render(q) for q in term.get("q") + term.get("qq")]
    return accent_tags([a for a in accents if a]) + [q for q in quals if q]


def _term_extras(term: Modified, text: str, results: list[Any], rules: RuleSet, spec: Spec,
                 ctx: Context, out: Output) -> None:
    """Rhymes, hyphenation, audio and homophones that belong to one respelling."""
    explicit = term.get("rhyme") + term.get("rhymes")
    if explicit:
        rhymes = [r.lstrip("-") for v in explicit for r in split_top(v) if r.lstrip("-")]
    else:
        rhymes = [r.rhyme for r in results if r.rhyme] if spec.rhymes else []
    for rhyme in rhymes:
        out.add(Sound(rhymes=f"-{rhyme}"))
    hyph = [h for v in term.get("hyph") for h in split_top(v)]
    if hyph:
        out.hyphenation.extend("‧".join(h.split(".")) for h in hyph if h and h != "-")
    elif spec.hyphenation and results and " " not in ctx.title and _same_word(text, ctx.title):
        syllables = rules.hyphenate(ctx.title)
        if syllables and "‧".join(syllables) not in out.hyphenation:
            out.hyphenation.append("‧".join(syllables))
    for value in term.get("audio"):
        _audio(value, ctx, out)
    for value in term.get("hmp"):
        for word in parse_list(value):
            out.add(Sound(homophone=word.text, tags=_term_tags(word, ctx)))


def _same_word(respelling: str, title: str) -> bool:
    """A respelling that only adds accents or syllable dots to the title."""
    def bare(text: str) -> str:
        text = unicodedata.normalize("NFD", text.lower())
        return "".join(c for c in text if c.isalpha() and unicodedata.category(c) != "Mn")

    return bare(respelling) == bare(title)


def _audio(value: str, ctx: Context, out: Output, title_mark: bool = False) -> None:
    """Inline `File.ogg#caption` / `File.ogg;caption`, or a named parameter's file where
    `#` stands for the title (`a=Pl-#.ogg`); `<a:…>`/`<q:…>` inside give its tags."""
    term = parse_modified(value)
    if title_mark:
        name = term.text.replace("#", ctx.title)
    else:
        name = re.split(r"[#;]", term.text, maxsplit=1)[0]
    name = name.strip()
    if name:
        out.add(Sound(audio=name, tags=_term_tags(term, ctx)))


def _named_extras(call: Call, spec: Spec, ctx: Context, out: Output) -> None:
    """Audio, homophones and hyphenation given as named parameters."""
    for param in spec.audio:
        for value in call.numbered(param):
            for item in split_top(_COMMENT.sub("", value), ";"):
                _audio(item, ctx, out, title_mark=True)
    for param in spec.homophones:
        for word in parse_list(_raw(call, param)):
            out.add(Sound(homophone=word.text, tags=_term_tags(word, ctx)))
    for param in spec.hyphenation_params:
        for value in split_top(_raw(call, param)):
            if value:
                out.hyphenation[:] = [h for h in out.hyphenation if h.replace("‧", "") != value.replace(".", "")]
                out.hyphenation.append("‧".join(value.split(".")))
    for param in spec.dialect_params:
        if _raw(call, param):
            ctx.warn(f"dialect pronunciation {param}= is not generated", template=call.name, severity="info")


def _shown(out: Output) -> str:
    parts = []
    ipas = [s.ipa for s in out.sounds if s.ipa]
    if ipas:
        parts.append("IPA: " + ", ".join(ipas))
    rhymes = [s.rhymes for s in out.sounds if s.rhymes]
    if rhymes:
        parts.append("Rhymes: " + ", ".join(rhymes))
    if out.hyphenation:
        parts.append("Hyphenation: " + "; ".join(out.hyphenation))
    homophones = [s.homophone for s in out.sounds if s.homophone]
    if homophones:
        parts.append(("Homophone: " if len(homophones) == 1 else "Homophones: ") + ", ".join(homophones))
    if any(s.audio for s in out.sounds):
        parts.append("Audio")
    return "; ".join(parts)
