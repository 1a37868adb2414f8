"""Language codes <-> names, from Wiktionary's own data (see data/languages.json)."""

from __future__ import annotations

from functools import cache

from wiktlex.parse.data import load


def _table(key: str) -> dict[str, str]:
    table: dict[str, str] = load("languages")[key]
    return table


@cache
def _codes_by_name() -> dict[str, str]:
    """Heading name -> code: canonical names of full languages win over everything else."""
    kinds = _table("kinds")
    by_name: dict[str, str] = {}
    for code, name in _table("names").items():
        if kinds.get(code) in (None, "reconstructed", "appendix-constructed"):
            by_name.setdefault(name, code)
    for code, name in _table("names").items():
        by_name.setdefault(name, code)
    for alias, code in _table("aliases").items():
        by_name.setdefault(alias, code)
    return by_name


def language_name(code: str) -> str | None:
    """The canonical name of a language, etymology-only language or family code."""
    code = code.strip()
    names = _table("names")
    if code in names:
        return names[code]
    families = _table("families")
    if code in families:
        return families[code]
    alias = _table("aliases").get(code)
    if alias is not None:
        return names.get(alias) or families.get(alias)
    return None


def language_code(name: str) -> str | None:
    """The code for a `==Language==` heading name (aliases included)."""
    return _codes_by_name().get(name.strip())


def is_family(code: str) -> bool:
    return code in _table("families") and code not in _table("names")
