"""Pronunciations computed from spelling, as Wiktionary's generator templates compute them.

`ruleset(code)` gives the compiled rules of a language (data under
`wiktlex/parse/data/phonology/`); an unknown code or malformed data fails loudly, since
either is a bug. A pronunciation the rules cannot decide raises `Undecidable`, which the
template handlers turn into a diagnostic and no IPA.
"""

from __future__ import annotations

from functools import cache

from wiktlex.parse.data import load
from wiktlex.parse.phonology.engine import Result, RuleSet, RuleSetError, Undecidable

__all__ = ["RULESETS", "Result", "RuleSet", "RuleSetError", "Undecidable", "ruleset"]

# The languages whose rules are data files; a code outside this list is a bug in the caller.
RULESETS = ("ca", "de", "es", "fi", "id", "it", "pl", "pt", "ru", "tl")


@cache
def ruleset(code: str) -> RuleSet:
    """The compiled rules of language `code` (loaded once)."""
    if code not in RULESETS:
        raise RuleSetError(f"no phonology rule set for {code!r} (have: {', '.join(RULESETS)})")
    return RuleSet(code, load(f"phonology/{code}"))
