"""One template occurrence as a handler sees it: its name and its raw arguments."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Call:
    """A template call. Arguments are raw wikitext (stripped); positional ones keyed "1", "2"…

    `parsed` keeps the parser's node for each argument when there is one, so rendering an
    argument never parses its text a second time.
    """

    name: str
    raw_name: str
    args: dict[str, str] = field(default_factory=dict)
    parsed: dict[str, Any] = field(default_factory=dict)

    def get(self, key: int | str, default: str = "") -> str:
        """The raw value of an argument, or `default` when absent or empty."""
        value = self.args.get(str(key))
        return value if value else default

    def has(self, key: int | str) -> bool:
        return bool(self.args.get(str(key)))

    def first(self, *keys: int | str) -> str:
        """The first of several alternative arguments that is given (`author`, `last`…)."""
        for key in keys:
            value = self.args.get(str(key))
            if value:
                return value
        return ""

    def positional(self, start: int = 1) -> list[str]:
        """Positional arguments from `start` on, up to the last one given (gaps as "")."""
        numbers = [int(k) for k in self.args if k.isdigit()]
        if not numbers:
            return []
        return [self.args.get(str(i), "") for i in range(start, max(numbers) + 1)]

    def named(self) -> dict[str, str]:
        return {k: v for k, v in self.args.items() if not k.isdigit()}

    def numbered(self, stem: str) -> list[str]:
        """`stem`, `stem2`, `stem3`… (how templates give repeated named arguments)."""
        values = []
        first = self.args.get(stem) or self.args.get(f"{stem}1")
        if first:
            values.append(first)
        index = 2
        while index < 50:
            value = self.args.get(f"{stem}{index}")
            if value is None:
                if index > 10:
                    break
            elif value:
                values.append(value)
            index += 1
        return values
