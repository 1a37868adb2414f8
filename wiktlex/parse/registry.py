"""The template registry: canonical name -> handler, aliases as extra keys.

A registry is an instance, built from an ordered list of family modules
(`Registry.from_modules`, templates/__init__.py's FAMILIES): importing a family changes
nothing anywhere. In a family, the decorators (`template`, `template_exact`,
`template_prefix`, `template_suffix`) only mark a function with the names it handles;
handlers made from data tables are added by the family's `register_templates(registry)`.
A name registered twice is a bug and fails loudly. Names are looked up case-insensitively
(MediaWiki folds the first letter; real pages mix `{{Term}}` and `{{term}}`), with
underscores as spaces. Rules for name families (`RQ:…`, `… of`) are prefix/suffix rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import Literal

from wiktlex.parse.call import Call
from wiktlex.parse.context import Context
from wiktlex.parse.data import load

Handler = Callable[[Call, Context], str]
RuleKind = Literal["name", "exact", "prefix", "suffix"]
# The attribute a decorator marks a handler with: the rules it asks to be registered under.
MARK = "__wiktlex_templates__"

_SPACES = re.compile(r"[\s_]+")
_COLON_MAGIC_WORDS = frozenset(load("markup")["colon_magic_words"])


def exact_name(raw: str) -> str:
    """A name as written with only spacing normalised (en.wiktionary does not fold case)."""
    name = _SPACES.sub(" ", raw).strip()
    return name[9:].lstrip() if name.lower().startswith("template:") else name


def canonical_name(raw: str) -> str:
    """The lookup key of a template name as written (`Template:Quote-book ` -> `quote-book`)."""
    name = _SPACES.sub(" ", raw).strip()
    lowered = name.lower()
    if lowered.startswith("template:"):
        lowered = lowered[9:].lstrip()
    return lowered


def split_function(name: str) -> tuple[str, str] | None:
    """(function key, first argument) of `{{#if:x|…}}` (parser functions) and of the magic
    words written with a colon (`{{lc:Foo}}`, data/markup.json); None for a template."""
    if name.startswith("#") and ":" in name:
        fn, _, first = name.partition(":")
        return canonical_name(fn), first.strip()
    if ":" in name and not name.lower().startswith(("rq:", "template:")):
        fn, _, first = name.partition(":")
        if canonical_name(fn) in _COLON_MAGIC_WORDS:
            return canonical_name(fn), first.strip()
    return None


def dispatch_name(raw_name: str) -> str:
    """The key an occurrence is dispatched (and accounted) under: `{{#if:x}}` -> `#if`."""
    name = raw_name.strip()
    function = split_function(name)
    return function[0] if function is not None else canonical_name(name)


@dataclass(frozen=True, slots=True)
class HandlerInfo:
    """A registered handler and where it comes from (shown by traces and stats)."""

    name: str
    family: str
    func: Handler
    drop: str = ""  # a deliberate drop: its rule in data/drops.json (the account's reason)

    @property
    def label(self) -> str:
        return f"{self.family}:{self.name}"


class DuplicateTemplateError(ValueError):
    """A template name was registered twice."""


def _checked_drop(drop: str) -> str:
    """A drop rule must be one of data/drops.json's rules, each with its reason."""
    if drop and drop not in load("drops")["rules"]:
        raise ValueError(f"drop rule {drop!r} is not in data/drops.json")
    return drop


class Registry:
    """Name -> handler; prefix and suffix rules for open-ended families."""

    def __init__(self) -> None:
        self._by_name: dict[str, HandlerInfo] = {}
        self._exact: dict[str, HandlerInfo] = {}
        self._prefixes: list[tuple[str, HandlerInfo]] = []
        self._suffixes: list[tuple[str, HandlerInfo]] = []

    def register(self, names: tuple[str, ...], family: str, func: Handler, drop: str = "") -> None:
        info = HandlerInfo(canonical_name(names[0]), family, func, _checked_drop(drop))
        for name in names:
            key = canonical_name(name)
            if key in self._by_name:
                other = self._by_name[key]
                raise DuplicateTemplateError(
                    f"template {key!r} registered twice: {other.label} and {info.label}"
                )
            self._by_name[key] = info

    def register_exact(self, name: str, family: str, func: Handler, drop: str = "") -> None:
        """A name whose case matters (`{{Q}}` is a quotation, `{{q}}` a qualifier)."""
        key = exact_name(name)
        if key in self._exact:
            raise DuplicateTemplateError(f"template {key!r} registered twice (case-sensitive)")
        self._exact[key] = HandlerInfo(key, family, func, _checked_drop(drop))

    def register_prefix(self, prefix: str, family: str, func: Handler, drop: str = "") -> None:
        key = canonical_name(prefix)
        if any(p == key for p, _ in self._prefixes):
            raise DuplicateTemplateError(f"template prefix {key!r} registered twice")
        self._prefixes.append((key, HandlerInfo(key + "*", family, func, _checked_drop(drop))))
        self._prefixes.sort(key=lambda item: -len(item[0]))

    def register_suffix(self, suffix: str, family: str, func: Handler, drop: str = "") -> None:
        key = _SPACES.sub(" ", suffix).lower()  # no strip: " of" must not match "thereof"
        if any(s == key for s, _ in self._suffixes):
            raise DuplicateTemplateError(f"template suffix {key!r} registered twice")
        self._suffixes.append((key, HandlerInfo("*" + key, family, func, _checked_drop(drop))))
        self._suffixes.sort(key=lambda item: -len(item[0]))

    def lookup(self, name: str, raw_name: str = "") -> HandlerInfo | None:
        """The handler for a name: case-sensitive, canonical, longest prefix, suffix rule."""
        if self._exact and raw_name:
            exact = self._exact.get(exact_name(raw_name))
            if exact is not None:
                return exact
        info = self._by_name.get(name)
        if info is not None:
            return info
        for prefix, pinfo in self._prefixes:
            if name.startswith(prefix):
                return pinfo
        if "''" in name:  # markup in the name (`{{'''initialism of|…}}`): no such template
            return None
        for suffix, sinfo in self._suffixes:
            if name.endswith(suffix):
                return sinfo
        return None

    def add(self, rule: Rule, func: Handler) -> None:
        """Register `func` under what one decorator asked for."""
        if rule.kind == "name":
            self.register(rule.keys, rule.family, func, rule.drop)
            return
        for key in rule.keys:
            if rule.kind == "exact":
                self.register_exact(key, rule.family, func, rule.drop)
            elif rule.kind == "prefix":
                self.register_prefix(key, rule.family, func, rule.drop)
            else:
                self.register_suffix(key, rule.family, func, rule.drop)

    @classmethod
    def from_modules(cls, modules: Iterable[ModuleType]) -> Registry:
        """A registry of every handler the modules mark, then of their data tables.

        A module's `register_templates(registry)`, if it has one, adds the handlers its
        data tables make (one per name of a JSON list, factories per spec).
        """
        registry = cls()
        for module in modules:
            for func, rules in marked_handlers(module):
                for rule in rules:
                    registry.add(rule, func)
            hook = getattr(module, "register_templates", None)
            if hook is not None:
                hook(registry)
        return registry

    def names(self) -> list[str]:
        return sorted(self._by_name)

    def __contains__(self, name: str) -> bool:
        return self.lookup(canonical_name(name)) is not None


@dataclass(frozen=True, slots=True)
class Rule:
    """What a decorator asked for: names (or prefixes, suffixes), the family, and the drop
    rule when the handler deliberately keeps nothing (`drop="request"`)."""

    kind: RuleKind
    keys: tuple[str, ...]
    family: str
    drop: str = ""


def _mark(kind: RuleKind, keys: tuple[str, ...], family: str, drop: str) -> Callable[[Handler], Handler]:
    def decorate(func: Handler) -> Handler:
        rules: list[Rule] | None = getattr(func, MARK, None)
        if rules is None:
            rules = []
            setattr(func, MARK, rules)
        rules.append(Rule(kind, keys, family, drop))
        return func

    return decorate


def template(*names: str, family: str, drop: str = "") -> Callable[[Handler], Handler]:
    """Mark the decorated function as the handler of `names` (first is canonical)."""
    return _mark("name", names, family, drop)


def template_exact(name: str, *, family: str, drop: str = "") -> Callable[[Handler], Handler]:
    """Mark a handler for `name` exactly as cased (checked before case-folded names)."""
    return _mark("exact", (name,), family, drop)


def template_prefix(*prefixes: str, family: str, drop: str = "") -> Callable[[Handler], Handler]:
    return _mark("prefix", prefixes, family, drop)


def template_suffix(*suffixes: str, family: str, drop: str = "") -> Callable[[Handler], Handler]:
    return _mark("suffix", suffixes, family, drop)


def marked_handlers(module: ModuleType) -> list[tuple[Handler, list[Rule]]]:
    """The functions a module defines that a decorator marked, in definition order."""
    found: list[tuple[Handler, list[Rule]]] = []
    seen: set[int] = set()
    for value in vars(module).values():
        rules = getattr(value, MARK, None)
        if rules is None or id(value) in seen:
            continue
        if getattr(value, "__module__", None) != module.__name__:
            continue  # imported from elsewhere: registered by its own module
        seen.add(id(value))
        found.append((value, list(rules)))
    return found
