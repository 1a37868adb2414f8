"""Template definitions a source provides (its namespace 10 pages), as one parser input.

Wiktionary's `{{RQ:…}}` templates are wrappers around `{{quote-book}}` with the source's
author, title and year fixed in their own `Template:RQ:…` page. When a dump or the API
gives those pages, the parser reads them (statically: parameters substituted, no Lua) and
the citation carries what the template really says. `parse_page` stays a pure function of
its inputs: the pipeline builds a TemplateLibrary from the source's template pages and
passes it in; nothing is looked up anywhere else.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from wiktlex.model import RawPage

TEMPLATE_NS = 10
# The template pages the parser can use; the pipeline keeps only these from a source.
WANTED_PREFIXES = ("rq:",)
MAX_REDIRECTS = 5
_SPACES = re.compile(r"[\s_]+")


def template_key(raw: str) -> str:
    """The library key of a template name: no `Template:` prefix, spaces normalised, the
    case of the first letter folded (MediaWiki titles ignore it), the rest as written."""
    name = _SPACES.sub(" ", raw).strip()
    if name.lower().startswith("template:"):
        name = name[9:].strip()
    return name[:1].upper() + name[1:]


def is_template_page(title: str, ns: int | None = None) -> bool:
    """Whether a page is a template definition the parser can use."""
    if ns is not None and ns != TEMPLATE_NS:
        return False
    if not title.lower().startswith("template:"):
        return False
    return template_key(title).lower().startswith(WANTED_PREFIXES)


@dataclass(frozen=True, slots=True)
class TemplateLibrary:
    """Template name -> wikitext of its page (redirects followed); read-only by contract.

    Picklable, so it travels to worker processes with the pages it serves.
    """

    bodies: Mapping[str, str] = field(default_factory=dict)
    redirects: Mapping[str, str] = field(default_factory=dict)
    # Each page's content hash as its source gives it: what a parse saw, for staleness.
    sha1s: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_pages(cls, pages: Iterable[RawPage]) -> TemplateLibrary:
        """The library of the usable template pages among `pages` (others are ignored)."""
        bodies: dict[str, str] = {}
        redirects: dict[str, str] = {}
        sha1s: dict[str, str] = {}
        for page in pages:
            if not is_template_page(page.title, page.ns):
                continue
            key = template_key(page.title)
            if page.redirect_to is not None:
                redirects[key] = template_key(page.redirect_to)
            else:
                bodies[key] = page.text
            sha1s[key] = page.sha1 or ""
        return cls(bodies=bodies, redirects=redirects, sha1s=sha1s)

    def body(self, name: str) -> str | None:
        """The wikitext of a template by any spelling of its name, or None."""
        chain = self.chain(name)
        return self.bodies.get(chain[-1]) if chain else None

    def chain(self, name: str) -> list[str]:
        """The keys a lookup of `name` reads: the name, then each redirect's target."""
        keys = [template_key(name)]
        while keys[-1] not in self.bodies and keys[-1] in self.redirects and len(keys) <= MAX_REDIRECTS:
            keys.append(self.redirects[keys[-1]])
        return keys

    def seen(self, names: Iterable[str]) -> dict[str, str]:
        """`Template:NAME` -> the sha1 of that page as this library holds it ("" when it
        has none), for every page a lookup of these names reads: what a parse depended on."""
        found: dict[str, str] = {}
        for name in names:
            for key in self.chain(name):
                found[f"Template:{key}"] = self.sha1s.get(key, "")
        return found

    def digest(self) -> str:
        """A fingerprint of the definitions: pages parsed with another library are stale."""
        sha = hashlib.sha1(usedforsecurity=False)
        for key in sorted(self.bodies):
            sha.update(f"{key}\x00{self.bodies[key]}\x00".encode())
        for key in sorted(self.redirects):
            sha.update(f"{key}\x01{self.redirects[key]}\x00".encode())
        return sha.hexdigest()

    def __len__(self) -> int:
        return len(self.bodies) + len(self.redirects)


EMPTY_LIBRARY = TemplateLibrary()
