"""A comparison in each output format `wiktlex compare --format` offers."""

from __future__ import annotations

from collections.abc import Callable

from wiktlex.compare.model import Comparison

FORMATS = ("text", "markdown", "html", "json")


def render(comparison: Comparison, fmt: str) -> str:
    """The comparison in one of FORMATS (Jinja2 is imported only for html)."""
    from wiktlex.compare.model import to_json
    from wiktlex.compare.render_html import render_html
    from wiktlex.compare.render_markdown import render_markdown
    from wiktlex.compare.render_text import render_text

    renderers: dict[str, Callable[[Comparison], str]] = {
        "text": render_text,
        "markdown": render_markdown,
        "html": render_html,
        "json": lambda c: to_json(c) + "\n",
    }
    return renderers[fmt](comparison)
