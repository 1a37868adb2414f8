"""The argument syntax the pronunciation generators share: `term<q:rare><audio:F.ogg<a:US>>`.

Lists are comma-separated at the top level only (a comma inside `<…>` belongs to the
modifier); modifiers nest (`<audio:file<a:Spain>>`, `<hmp:are<pos:suffix>>`).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Term:
    """One respelling (or homophone, audio file…) with its inline modifiers in order."""

    text: str
    mods: list[tuple[str, str]] = field(default_factory=list)

    def get(self, key: str) -> list[str]:
        return [value for name, value in self.mods if name == key]


def split_top(text: str, separators: str = ",") -> list[str]:
    """`a<q:x,y>,b` -> ["a<q:x,y>", "b"]: split outside angle brackets and templates."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "<{[":
            depth += 1
        elif char in ">}]":
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [p.strip() for p in parts]


def parse_term(raw: str) -> Term:
    """`abàte<audio:It-abate.ogg><q:rare>` -> Term("abàte", [("audio", …), ("q", "rare")])."""
    head, mods, index = [], [], 0
    while index < len(raw):
        if raw[index] == "<":
            end = _closing(raw, index)
            body = raw[index + 1 : end]
            name, sep, value = body.partition(":")
            if sep and name.strip().isidentifier():
                mods.append((name.strip(), value.strip()))
            else:
                head.append(raw[index : end + 1])
            index = end + 1
        else:
            head.append(raw[index])
            index += 1
    return Term("".join(head).strip(), mods)


def _closing(raw: str, start: int) -> int:
    """Index of the `>` closing the `<` at `start` (the end of the text when unbalanced)."""
    depth = 0
    for index in range(start, len(raw)):
        if raw[index] == "<":
            depth += 1
        elif raw[index] == ">":
            depth -= 1
            if depth == 0:
                return index
    return len(raw) - 1


def parse_list(raw: str) -> list[Term]:
    """A comma-separated list of terms with modifiers (empty items dropped)."""
    return [parse_term(part) for part in split_top(raw) if part]
