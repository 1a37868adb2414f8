"""`wiktlex serve`: the comparer as a small server-rendered web app (Starlette + Jinja2).

Every page has a stable URL (`/compare/production/release`, `/word/release`) and the
same data as JSON under `/api/`. No build step, no client framework: the only script
fills the suggestion lists as you type, and the form works without it. Handlers are
plain functions, so Starlette runs them in its thread pool; the read-only Lexicon is
safe to share between threads.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import msgspec
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from wiktlex.compare.build import WordNotFound, build_comparison, build_word_page
from wiktlex.compare.render_html import (
    compare_url,
    render_error,
    render_html,
    render_index,
    render_word_html,
    web_word_url,
)
from wiktlex.lexicon import Lexicon, open_lexicon

_CACHE = {"Cache-Control": "public, max-age=300"}
_MAX_WORD = 200
_SUGGEST_LIMIT = 8


def _json(data: Any, status: int = 200) -> Response:
    return Response(msgspec.json.encode(data), status_code=status,
                    media_type="application/json", headers=_CACHE if status == 200 else None)


def _word_param(request: Request, name: str) -> str:
    word = " ".join(str(request.path_params[name]).split())
    if not word or len(word) > _MAX_WORD:
        raise HTTPException(404, "no such word")
    return word


class ComparerApp:
    """The routes, around one open lexicon."""

    def __init__(self, lexicon: Lexicon, lang: str,
                 examples: Sequence[tuple[str, str]]) -> None:
        self.lexicon = lexicon
        self.lang = lang
        self.examples = list(examples)

    # -- HTML ----------------------------------------------------------------------
    def index(self, request: Request) -> Response:
        word1 = request.query_params.get("word1", "").strip()
        word2 = request.query_params.get("word2", "").strip()
        if word1 and word2:
            return RedirectResponse(compare_url(word1, word2), status_code=303)
        return HTMLResponse(render_index(self.examples))

    def compare_form(self, request: Request) -> Response:
        """The form's target: /compare?word1=a&word2=b -> /compare/a/b (a stable URL)."""
        word1 = " ".join(request.query_params.get("word1", "").split())
        word2 = " ".join(request.query_params.get("word2", "").split())
        if not word1 or not word2:
            html = render_error("Two words, please", "Type a word in each box to compare them.",
                                form_word1=word1, form_word2=word2)
            return HTMLResponse(html, status_code=400)
        return RedirectResponse(compare_url(word1, word2), status_code=303)

    def compare_page(self, request: Request) -> Response:
        word1, word2 = _word_param(request, "word1"), _word_param(request, "word2")
        try:
            comparison = build_comparison(self.lexicon, word1, word2, lang=self.lang)
        except WordNotFound as exc:
            links = [(s, compare_url(s, word2) if exc.word == word1 else compare_url(word1, s))
                     for s in exc.suggestions]
            return self._not_found(exc, links, word1, word2)
        return HTMLResponse(render_html(comparison, web=True, word_url=web_word_url),
                            headers=_CACHE)

    def word_page(self, request: Request) -> Response:
        word = _word_param(request, "word")
        try:
            page = build_word_page(self.lexicon, word, lang=self.lang)
        except WordNotFound as exc:
            return self._not_found(exc, [(s, web_word_url(s)) for s in exc.suggestions], word)
        return HTMLResponse(render_word_html(page, web=True, word_url=web_word_url),
                            headers=_CACHE)

    def _not_found(self, exc: WordNotFound, links: list[tuple[str, str]],
                   word1: str = "", word2: str = "") -> Response:
        message = f"“{exc.word}” is not in the lexicon."
        html = render_error("Word not found", message, links, word1, word2)
        return HTMLResponse(html, status_code=404)

    # -- JSON ----------------------------------------------------------------------
    def api_compare(self, request: Request) -> Response:
        word1, word2 = _word_param(request, "word1"), _word_param(request, "word2")
        try:
            return _json(build_comparison(self.lexicon, word1, word2, lang=self.lang))
        except WordNotFound as exc:
            return _json({"error": exc.message, "word": exc.word,
                          "suggestions": exc.suggestions}, 404)

    def api_word(self, request: Request) -> Response:
        word = _word_param(request, "word")
        try:
            return _json(build_word_page(self.lexicon, word, lang=self.lang))
        except WordNotFound as exc:
            return _json({"error": exc.message, "word": exc.word,
                          "suggestions": exc.suggestions}, 404)

    def api_suggest(self, request: Request) -> Response:
        """Words for the suggestion list: the word itself when it exists, then look-alikes."""
        q = " ".join(request.query_params.get("q", "").split())[:_MAX_WORD]
        if not q:
            return _json({"q": q, "suggestions": []})
        found = [q] if self.lexicon.page(q) is not None else []
        found += self.lexicon.suggest(q, limit=_SUGGEST_LIMIT)
        return _json({"q": q, "suggestions": list(dict.fromkeys(found))[:_SUGGEST_LIMIT]})

    def routes(self) -> list[Route]:
        return [
            Route("/", self.index),
            Route("/compare", self.compare_form),
            Route("/compare/{word1}/{word2}", self.compare_page),
            Route("/word/{word}", self.word_page),
            Route("/api/compare/{word1}/{word2}", self.api_compare),
            Route("/api/word/{word}", self.api_word),
            Route("/api/suggest", self.api_suggest),
        ]


async def _http_error(request: Request, exc: Exception) -> Response:
    """404/405 as JSON under /api/, as a readable page elsewhere."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    detail = exc.detail if isinstance(exc, HTTPException) else "internal error"
    if request.url.path.startswith("/api/"):
        return _json({"error": detail}, status)
    heading = "Page not found" if status == 404 else "Something went wrong"
    message = ("There is no page at this address. Compare two words instead:"
               if status == 404 else str(detail))
    return HTMLResponse(render_error(heading, message), status_code=status)


def create_app(db: str | Path, lang: str = "en",
               examples: Sequence[tuple[str, str]] = (("production", "release"),)) -> Starlette:
    """The ASGI app serving the lexicon at `db` (opened read-only, closed at shutdown)."""
    lexicon = open_lexicon(db)
    shown = [(a, b) for a, b in examples if lexicon.page(a) and lexicon.page(b)]
    comparer = ComparerApp(lexicon, lang, shown)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            lexicon.close()

    return Starlette(routes=comparer.routes(), lifespan=lifespan,
                     exception_handlers={HTTPException: _http_error})
