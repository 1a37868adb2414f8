"""One entry point for every output format, importing only the renderer asked for.

Text, Markdown and JSON need nothing beyond the core install; HTML needs Jinja2 (a core
dependency too, so `--format html` works everywhere, but a missing one fails that format
alone with a one-line message).
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from wiktlex.compare.model import Comparison, WordPage

#: format -> (module, function); the module is imported when its format is asked for.
RENDERERS = {
    "text": ("wiktlex.compare.render_text", "render_text"),
    "markdown": ("wiktlex.compare.render_markdown", "render_markdown"),
    "html": ("wiktlex.compare.render_html", "render_page_html"),
    "json": ("wiktlex.compare.model", "render_json"),
}
FORMATS = tuple(RENDERERS)


class RendererUnavailable(RuntimeError):
    """A format whose library is not installed (one-line message naming the fix)."""


def render(page: Comparison | WordPage, fmt: str) -> str:
    """The page in one of FORMATS, ending with a newline."""
    module_name, function = RENDERERS[fmt]
    try:
        module = import_module(module_name)
    except ModuleNotFoundError as exc:
        raise RendererUnavailable(
            f"--format {fmt} needs {exc.name}: pip install {exc.name}") from None
    renderer: Callable[[Comparison | WordPage], str] = getattr(module, function)
    return renderer(page)
