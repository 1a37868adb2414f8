"""Drive an ASGI app with any bytes a client could put in a request line.

httpx (under Starlette's TestClient) refuses URLs over 64 kB and normalises some paths;
a real client need not, so the fuzz tests hand the app a scope built as uvicorn builds
it (raw path kept, `path` percent-decoded) and read back the status and headers.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from starlette.types import ASGIApp, Message


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    error: BaseException | None = None


def request(app: ASGIApp, target: bytes, method: str = "GET") -> Answer:
    """One request for `target` (path and query, as sent), answered by `app`."""
    return asyncio.run(_request(app, target, method))


async def _request(app: ASGIApp, target: bytes, method: str) -> Answer:
    raw_path, _, query = target.partition(b"?")
    scope: dict[str, Any] = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
        "method": method, "scheme": "http", "root_path": "",
        "path": unquote(raw_path.decode("latin-1")), "raw_path": raw_path,
        "query_string": query, "headers": [(b"host", b"127.0.0.1")],
        "client": ("127.0.0.1", 40000), "server": ("127.0.0.1", 8000),
    }
    sent: list[Message] = []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    error: BaseException | None = None
    try:
        await app(scope, receive, send)
    except Exception as exc:  # what a server would turn into a 500
        error = exc
    start = next((m for m in sent if m["type"] == "http.response.start"), None)
    if start is None:
        return Answer(500, {}, b"", error)
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in start["headers"]}
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return Answer(start["status"], headers, body, error)
