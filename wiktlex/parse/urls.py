"""URLs as written in citation parameters -> plain URLs a program can open.

`url=` holds anything from a bare link to `[https://… text]`, `{{gbooks|ID|page|term}}`
or an interwiki link `[s:fr:Title|text]`; a field called url must hold a URL or nothing.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from wiktlex.parse.data import load

_HTTP = re.compile(r"(?:https?:)?//[^\s\]|<>{}\"]+")
_TEMPLATE = re.compile(r"^\{\{\s*([^|{}]+?)\s*((?:\|[^{}]*)?)\}\}$")
_INTERWIKI = re.compile(r"^\[\[?\s*:?(s|w|wikisource|wikipedia):(?:([a-z]{2,3}):)?\s*([^|\]{}]+)")
_SITES: dict[str, str] = load("markup")["interwiki_sites"]


def _google_books(args: list[str]) -> str | None:
    if not args or not args[0]:
        return None
    url = f"https://books.google.com/books?id={quote(args[0])}"
    if len(args) > 1 and args[1]:
        url += f"&pg=PA{quote(args[1])}"
    if len(args) > 2 and args[2]:
        url += f"&q={quote(args[2])}"
    return url


_URL_TEMPLATES = {"gbooks": _google_books, "google books": _google_books}


def clean_url(raw: str) -> str | None:
    """The URL a citation's raw `url=` value points to, or None when it names none."""
    text = raw.strip().replace("{{!}}", "|")
    if not text:
        return None
    template = _TEMPLATE.match(text)
    if template:
        builder = _URL_TEMPLATES.get(template.group(1).strip().lower())
        args = [a.strip() for a in template.group(2).split("|")[1:]]
        return builder(args) if builder else None
    link = _HTTP.search(text)
    if link:
        url = link.group(0)
        return "https:" + url if url.startswith("//") else url
    interwiki = _INTERWIKI.match(text)
    if interwiki:
        site, lang, title = interwiki.groups()
        page = title.strip().replace(" ", "_").replace("?", "%3F")  # an IRI, readable as is
        return f"https://{lang or 'en'}.{_SITES[site]}.org/wiki/{page}"
    return None
