"""`wiktlex serve`: the comparer as a small server-rendered web app (Starlette + Jinja2).

Every page has a stable URL (`/compare/production/release`, `/word/release`) and the
same data as JSON under `/api/`. No build step, no client framework: the only script
fills the suggestion lists as you type, and the forms work without it. Lookups land the
way Wiktionary's do (`/word/Book` -> `/word/book`, a redirect page -> its target); a URL no
word can have is a 400, a word the lexicon lacks a 404 with suggestions: whatever a
client sends, the answer is never a 5xx. Handlers are plain functions, so Starlette runs
them in its thread pool; the read-only Lexicon is safe to share between threads.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_from_bytes, unquote

import msgspec
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from wiktlex.compare.build import WordNotFound, build_comparison, build_word_page
from wiktlex.compare.lookup import example_pairs, page_links
from wiktlex.compare.render_html import (
    compare_url,
    render_error,
    render_html,
    render_index,
    render_word_html,
    static_file,
    web_word_url,
)
from wiktlex.lexicon import Lexicon, open_lexicon

_CACHE = {"Cache-Control": "public, max-age=300"}
_MAX_WORD = 200
_SUGGEST_LIMIT = 8
_STATIC = {"site.css": "text/css; charset=utf-8", "suggest.js": "text/javascript; charset=utf-8"}

#: Sent with every response: only this site's own files run or style a page.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


_PRINTABLE = bytes(range(0x21, 0x7F))


def _ascii(raw: bytes) -> bytes:
    """Raw bytes a client put in the request line, percent-encoded where not ASCII (as a
    browser would have sent them), so no decoding further in can fail on them."""
    return raw if raw.isascii() else quote_from_bytes(raw, safe=_PRINTABLE).encode("ascii")


class Guard:
    """ASGI middleware: SECURITY_HEADERS on every HTTP response, errors included, and a
    request line made of ASCII before any handler reads it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope = {**scope, "query_string": _ascii(scope.get("query_string", b"")),
                 "raw_path": _ascii(scope.get("raw_path") or b"") or None}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *self.headers]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BadWord(HTTPException):
    """A word no page can be titled (control characters, undecodable bytes, too long)."""

    def __init__(self) -> None:
        super().__init__(400, "not a word: no page title can hold these characters")


def clean_word(text: str) -> str:
    """A word from a URL or form: spaces collapsed; BadWord if no title could be it."""
    word = " ".join(text.split())
    if len(word) > _MAX_WORD or any(ord(c) < 32 or c in "\x7f\ufffd" for c in word):
        raise BadWord()
    return word


def _segments(request: Request, prefix: str, count: int) -> list[str]:
    """The words of /PREFIX/W1[/W2] from the raw path, so `A%2FC` stays one word."""
    raw = request.scope.get("raw_path") or quote(request.url.path).encode()
    rest = raw.decode("latin-1").split("?", 1)[0][len(prefix):]
    parts = rest.split("/")
    if len(parts) != count:
        raise HTTPException(404, "no such page")
    words = [clean_word(unquote(p, errors="replace")) for p in parts]
    if not all(words):
        raise HTTPException(404, "no such page")
    return words


def _json(data: Any, status: int = 200) -> Response:
    return Response(msgspec.json.encode(data), status_code=status,
                    media_type="application/json", headers=_CACHE if status == 200 else None)


def _query(request: Request, name: str) -> str:
    return clean_word(request.query_params.get(name, ""))


class ComparerApp:
    """The routes, around one open lexicon."""

    def __init__(self, lexicon: Lexicon, lang: str,
                 examples: Sequence[tuple[str, str]]) -> None:
        self.lexicon = lexicon
        self.lang = lang
        self.examples = list(examples)

    # -- HTML ----------------------------------------------------------------------
    def index(self, request: Request) -> Response:
        word1, word2 = _query(request, "word1"), _query(request, "word2")
        if word1 and word2:
            return RedirectResponse(compare_url(word1, word2), status_code=303)
        return HTMLResponse(render_index(self.examples))

    def compare_form(self, request: Request) -> Response:
        """The form's target: /compare?word1=a&word2=b -> /compare/a/b (a stable URL)."""
        word1, word2 = _query(request, "word1"), _query(request, "word2")
        if not word1 or not word2:
            html = render_error("Two words, please", "Type a word in each box to compare them.",
                                form_word1=word1, form_word2=word2)
            return HTMLResponse(html, status_code=400)
        return RedirectResponse(compare_url(word1, word2), status_code=303)

    def lookup_form(self, request: Request) -> Response:
        """The look-up box's target: /word?word=a -> /word/a."""
        word = _query(request, "word")
        if not word:
            return HTMLResponse(render_error("A word, please", "Type a word to look it up."),
                                status_code=400)
        return RedirectResponse(web_word_url(word), status_code=303)

    def _landed(self, request: Request, *asked: str) -> tuple[list[str], str]:
        """Where the asked words land, and the one "Redirected from" names (if it is real)."""
        landed = [self.lexicon.resolve(w) or w for w in asked]
        try:
            source = clean_word(request.query_params.get("from", ""))
        except BadWord:  # only ever shown when it really leads here, so never an error
            source = ""
        named = source if source and self.lexicon.resolve(source) in landed else ""
        return landed, named

    def compare_page(self, request: Request) -> Response:
        word1, word2 = _segments(request, "/compare/", 2)
        (to1, to2), named = self._landed(request, word1, word2)
        if (to1, to2) != (word1, word2):
            moved = word1 if to1 != word1 else word2
            return RedirectResponse(f"{compare_url(to1, to2)}?from={quote(moved, safe='')}",
                                    status_code=302)
        try:
            comparison = build_comparison(self.lexicon, word1, word2, lang=self.lang)
        except WordNotFound as exc:
            links = [(s, compare_url(s, word2) if exc.word == word1 else compare_url(word1, s))
                     for s in exc.suggestions]
            return self._not_found(exc, links, word1, word2)
        html = render_html(comparison, web=True, link=page_links(self.lexicon, comparison),
                           redirected_from=named)
        return HTMLResponse(html, headers=_CACHE)

    def word_page(self, request: Request) -> Response:
        (word,) = _segments(request, "/word/", 1)
        (landed,), named = self._landed(request, word)
        if landed != word:
            return RedirectResponse(f"{web_word_url(landed)}?from={quote(word, safe='')}",
                                    status_code=302)
        try:
            page = build_word_page(self.lexicon, word, lang=self.lang)
        except WordNotFound as exc:
            return self._not_found(exc, [(s, web_word_url(s)) for s in exc.suggestions], word)
        html = render_word_html(page, web=True, link=page_links(self.lexicon, page),
                                redirected_from=named)
        return HTMLResponse(html, headers=_CACHE)

    def _not_found(self, exc: WordNotFound, links: list[tuple[str, str]],
                   word1: str = "", word2: str = "") -> Response:
        message = f"“{exc.word}” is not in the lexicon. Wiktionary may have it:"
        html = render_error("Word not found", message, links, word1, word2, elsewhere=[exc.word])
        return HTMLResponse(html, status_code=404)

    def static(self, request: Request) -> Response:
        name = str(request.path_params["name"])
        if name not in _STATIC:
            raise HTTPException(404, "no such file")
        return Response(static_file(name), media_type=_STATIC[name], headers=_CACHE)

    # -- JSON ----------------------------------------------------------------------
    def api_compare(self, request: Request) -> Response:
        word1, word2 = _segments(request, "/api/compare/", 2)
        try:
            return _json(build_comparison(self.lexicon, word1, word2, lang=self.lang))
        except WordNotFound as exc:
            return _json({"error": exc.message, "word": exc.word,
                          "suggestions": exc.suggestions}, 404)

    def api_word(self, request: Request) -> Response:
        (word,) = _segments(request, "/api/word/", 1)
        try:
            return _json(build_word_page(self.lexicon, word, lang=self.lang))
        except WordNotFound as exc:
            return _json({"error": exc.message, "word": exc.word,
                          "suggestions": exc.suggestions}, 404)

    def api_suggest(self, request: Request) -> Response:
        """Words for the suggestion list: where the word lands, completions, look-alikes."""
        try:
            q = _query(request, "q")
        except BadWord:  # what is being typed is not a word (yet): nothing to offer
            q = ""
        if not q:
            return _json({"q": q, "suggestions": []})
        landed = self.lexicon.resolve(q)
        found = [landed] if landed else []
        found += self.lexicon.complete(q, limit=_SUGGEST_LIMIT)
        found += self.lexicon.suggest(q, limit=_SUGGEST_LIMIT)
        return _json({"q": q, "suggestions": list(dict.fromkeys(found))[:_SUGGEST_LIMIT]})

    def routes(self) -> list[Route]:
        return [
            Route("/", self.index),
            Route("/compare", self.compare_form),
            Route("/compare/{words:path}", self.compare_page),
            Route("/word", self.lookup_form),
            Route("/word/{word:path}", self.word_page),
            Route("/static/{name:path}", self.static),
            Route("/api/compare/{words:path}", self.api_compare),
            Route("/api/word/{word:path}", self.api_word),
            Route("/api/suggest", self.api_suggest),
        ]


async def _http_error(request: Request, exc: Exception) -> Response:
    """4xx as JSON under /api/, as a readable page elsewhere."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    detail = exc.detail if isinstance(exc, HTTPException) else "internal error"
    if request.url.path.startswith("/api/"):
        return _json({"error": detail}, status)
    headings = {400: "Not a word", 404: "Page not found", 405: "Not allowed here"}
    heading = headings.get(status, "Something went wrong")
    message = ("There is no page at this address. Look up a word or compare two instead:"
               if status == 404 else f"{str(detail)[:1].upper()}{str(detail)[1:]}.")
    return HTMLResponse(render_error(heading, message), status_code=status)


def create_app(db: str | Path, lang: str = "en",
               examples: Sequence[tuple[str, str]] | None = None) -> Starlette:
    """The ASGI app serving the lexicon at `db` (opened read-only, closed at shutdown).

    `examples` (pairs the home page offers) default to a few drawn from the lexicon."""
    lexicon = open_lexicon(db)
    if examples is None:
        shown = example_pairs(lexicon, lang)
    else:
        shown = [(a, b) for a, b in examples if lexicon.resolve(a) and lexicon.resolve(b)]
    comparer = ComparerApp(lexicon, lang, shown)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            lexicon.close()

    return Starlette(routes=comparer.routes(), lifespan=lifespan,
                     middleware=[Middleware(Guard)],
                     exception_handlers={HTTPException: _http_error})
