"""Whatever a client sends, the web app answers 2xx, 3xx or 4xx, never 5xx.

Requests go straight to the ASGI app (asgi.py: any bytes, any length, as uvicorn hands
them over) and, for the nastiest, through a real `wiktlex serve` on 127.0.0.1 over a raw
socket, so no client library tidies the request line first.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote_from_bytes

import pytest
from asgi_driver import Answer, request
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from serving import free_port, running_server

from wiktlex.compare.web import SECURITY_HEADERS, create_app

ROUTES = [
    "/", "/?word1=", "/?word1=production&word2=", "/compare", "/compare?word1=",
    "/compare?word1=production&word2=", "/compare/", "/compare/production/", "/word",
    "/word?word=", "/word/", "/word/release?from=", "/static/", "/api/", "/api/word/",
    "/api/compare/", "/api/compare/release/", "/api/suggest?q=", "/nothing/",
]

NASTY = [
    b"/word/a%00b", b"/api/suggest?q=a%00b", b"/compare/a%00b/release", b"/api/word/%00",
    b"/word/%ff%fe%fd", b"/api/suggest?q=%ff", b"/compare/%c3%28/release", b"/word/\xff\xfe",
    b"/word/" + b"a" * 100_000, b"/compare/" + b"b" * 100_000 + b"/release",
    b"/api/suggest?q=" + b"x" * 100_000, b"/" + b"%2e%2e/" * 20_000,
    b"/word/..", b"/word/../../etc/passwd", b"/static/../web.py", b"/static/%2e%2e/web.py",
    b"/word/%2e%2e%2f%2e%2e", b"/compare/../..", b"/word/a%2Fb", b"/word/%", b"/word/%zz",
    b"/word/release?from=%00", b"/word/release?from=" + b"%ff" * 1000, b"//", b"/word//",
    b"/compare//", b"/compare/a/b/c", b"/api/compare/a", b"/?word1=%00&word2=%00",
    b"/word?word=%0a%0d", b"/word/%e2%80%8b", b"/word/%ef%bf%bd", b"/api/suggest?q=%22%2a OR",
    b"/api/suggest?q=titles_fts MATCH", b"/word/%22%27%3b--", b"/word/%3cscript%3e",
]


@pytest.fixture(scope="module")
def app(lexicon_path: Path) -> object:
    return create_app(lexicon_path)


def _check(answer: Answer, target: bytes) -> None:
    assert answer.error is None, f"{target[:80]!r}: {answer.error!r}"
    assert 200 <= answer.status < 500, f"{target[:80]!r} -> {answer.status}"
    for name, value in SECURITY_HEADERS.items():
        assert answer.headers.get(name.lower()) == value, f"{target[:80]!r}: no {name}"


@pytest.mark.parametrize("target", NASTY, ids=lambda t: repr(t[:40]))
def test_nasty_requests(app: object, target: bytes) -> None:
    _check(request(app, target), target)  # type: ignore[arg-type]


@pytest.mark.parametrize("method", ["HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"])
def test_every_route_with_other_methods(app: object, method: str) -> None:
    for route in ROUTES:
        _check(request(app, route.encode(), method=method), route.encode())  # type: ignore[arg-type]


_TAIL = st.one_of(
    st.binary(max_size=300).map(lambda b: quote_from_bytes(b, safe="/?&=").encode()),
    st.binary(max_size=100),  # raw, unencoded bytes
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(st.sampled_from(["..", ".", "%2e", "%2f", "/", "%00", "%ff", "?", "&", "=", "%",
                              "release", "Release", "re-lease", "from="]),
             max_size=30).map(lambda p: "".join(p).encode()),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(route=st.sampled_from(ROUTES), tail=_TAIL, method=st.sampled_from(["GET", "HEAD"]))
def test_fuzzed_routes_never_5xx(app: object, route: str, tail: bytes, method: str) -> None:
    target = route.encode() + tail
    _check(request(app, target, method=method), target)  # type: ignore[arg-type]


def _raw_status(port: int, target: bytes) -> int:
    """Send one request line as bytes and read the status code of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        head = sock.recv(64)
    return int(head.split(b" ", 2)[1])


@pytest.fixture(scope="module")
def server_port(lexicon_path: Path) -> Iterator[int]:
    port = free_port()
    with running_server(lexicon_path, port):
        yield port


@pytest.mark.timeout(60)
def test_real_server_never_5xx(server_port: int) -> None:
    statuses = {t: _raw_status(server_port, t) for t in NASTY if b"\xff" not in t}
    assert all(200 <= s < 500 for s in statuses.values()), statuses
    assert statuses[b"/word/a%00b"] == 400 and statuses[b"/word/%ff%fe%fd"] == 400
