"""HTML rendering with Jinja2 templates (templates/): one set for the CLI and the web app.

`--format html` gives a standalone page (its style sheet inline, no script); the web app
renders the same templates with `web=True`, which adds the forms, the suggestion script
and links between words, all from files so a strict Content-Security-Policy holds.
Autoescaping is on for every template: lexicon text is never trusted as HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from wiktlex.compare.build import wiktionary_url
from wiktlex.compare.model import Comparison, WordPage

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"


@dataclass(frozen=True, slots=True)
class Link:
    """Where a word on a page points: this app's page, or Wiktionary's (`external`)."""

    url: str
    external: bool = False


LinkFor = Callable[[str], Link | None]


def path_quote(word: str) -> str:
    """A word as one URL path segment (`/` and `?` included)."""
    return quote(word, safe="")


def web_word_url(word: str) -> str:
    return f"/word/{path_quote(word)}"


def compare_url(word1: str, word2: str) -> str:
    return f"/compare/{path_quote(word1)}/{path_quote(word2)}"


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["pathq"] = path_quote
    return env


@cache
def static_file(name: str) -> str:
    """A file of static/ (the web app serves these; the standalone page inlines the CSS)."""
    return (STATIC / name).read_text(encoding="utf-8")


def _render(template: str, **context: Any) -> str:
    defaults: dict[str, Any] = {
        "web": False, "link": None, "form_word1": "", "form_word2": "", "form_lookup": "",
        "description": "", "redirected_from": "", "elsewhere": [],
        "inline_css": Markup(static_file("site.css")),  # our own file, not lexicon text
    }
    return environment().get_template(template).render(**(defaults | context))


def render_html(comparison: Comparison, *, web: bool = False, link: LinkFor | None = None,
                redirected_from: str = "") -> str:
    """The comparison page; `web` adds the forms and the links of the web app."""
    summary = " ".join(s.text for s in comparison.summary)
    return _render(
        "comparison.html", c=comparison, web=web, link=link,
        page_title=comparison.title, description=summary[:300],
        form_word1=comparison.word1, form_word2=comparison.word2,
        redirected_from=redirected_from,
    )


def render_word_html(page: WordPage, *, web: bool = False, link: LinkFor | None = None,
                     redirected_from: str = "") -> str:
    summary = " ".join(s.text for s in page.summary)
    return _render("word.html", p=page, web=web, link=link,
                   page_title=f"{page.title} — meaning, examples and quotations",
                   description=summary[:300], form_word1=page.word, form_lookup=page.word,
                   redirected_from=redirected_from)


def render_page_html(page: Comparison | WordPage) -> str:
    """`--format html`: a standalone page of either kind."""
    if isinstance(page, WordPage):
        return render_word_html(page)
    return render_html(page)


def render_index(examples: Sequence[tuple[str, str]] = ()) -> str:
    return _render("index.html", web=True, examples=list(examples),
                   page_title="What's the difference? Compare two words",
                   description="Compare the meanings of two English words, from Wiktionary.")


def render_error(heading: str, message: str, suggestions: Sequence[tuple[str, str]] = (),
                 form_word1: str = "", form_word2: str = "",
                 elsewhere: Sequence[str] = ()) -> str:
    """An error page (404, bad request) with "did you mean" links as (text, url) pairs and,
    for `elsewhere`, links to those words' Wiktionary pages."""
    return _render(
        "error.html", web=True, heading=heading, message=message,
        suggestions=[{"text": t, "url": u} for t, u in suggestions],
        page_title=heading, form_word1=form_word1, form_word2=form_word2,
        elsewhere=list(elsewhere), link=lambda w: Link(wiktionary_url(w), external=True),
    )
