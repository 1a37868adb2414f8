"""Namespace numbers from titles, for pages whose source does not state `ns`.

Export-0.3 dumps (2008) have no `<ns>` element and a `.wikitext` file has only its
title, yet the store and the namespace filter need the number: the prefix before the
first colon decides, looked up in the wiki's own names (a dump's `<siteinfo>`) or, for
files, in the English Wiktionary's names shipped in `data/namespaces.json`.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


class NamespaceMap:
    """Namespace names (and aliases) of one wiki -> namespace number."""

    def __init__(self, names: dict[str, int] | None = None) -> None:
        self.names = dict(names or {})

    @classmethod
    def from_siteinfo(cls, siteinfo: Any) -> NamespaceMap:
        """From a dump's `<siteinfo>` element (any export schema version)."""
        names: dict[str, int] = {}
        for elem in siteinfo.iter("{*}namespace"):
            if elem.text and elem.get("key") is not None:
                names[elem.text] = int(elem.get("key"))
        return cls(names)

    def ns_of(self, title: str) -> int:
        """0 unless the part before the first colon names a namespace."""
        prefix, sep, _ = title.partition(":")
        if not sep or not prefix:
            return 0
        found = self.names.get(prefix)
        if found is None:
            found = self.names.get(prefix[0].upper() + prefix[1:])
        return found if found is not None else 0


@cache
def english_wiktionary() -> NamespaceMap:
    """The English Wiktionary's namespaces, loaded once from the packaged JSON."""
    raw = resources.files("wiktlex.ingest").joinpath("data/namespaces.json").read_text("utf-8")
    names: dict[str, int] = json.loads(raw)["names"]
    return NamespaceMap(names)
