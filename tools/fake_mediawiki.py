"""A fake MediaWiki Action API on 127.0.0.1, serving the pages of `fixtures/api/`.

The ingest tests run the API fetcher against it (a real HTTP server, real JSON of
`formatversion=2`: batching limits, continuation, normalisation, redirects, missing and
invalid titles, recent changes, all pages). Tests tell it to misbehave on the next
requests (HTTP errors, maxlag, dropped connections, truncated or malformed bodies) and
read what the client sent. Run it by hand to try `wiktlex fetch` without the network:

    python tools/fake_mediawiki.py --port 8765
    wiktlex fetch --titles production,release --api-url http://127.0.0.1:8765/w/api.php --store raw.sqlite
    wiktlex fetch --since 2026-01-01T00:00:00Z --api-url http://127.0.0.1:8765/w/api.php --store raw.sqlite
"""

from __future__ import annotations

import argparse
import copy
import gzip
import hashlib
import json
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
INVALID_CHARS = set("[]{}<>|#")


@dataclass
class Fault:
    """Misbehave `times` times on requests that `when` accepts.

    `body` may be a function of the request's parameters (a server that keeps
    continuing with a new token, say). `badgzip` sends a body that claims to be gzip
    and is not; `gziptruncate` sends half of the gzip body, its length declared as sent.
    """

    kind: str  # status | json | raw | drop | truncate | badgzip | gziptruncate
    times: float = 1
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    when: Callable[[dict[str, str]], bool] = lambda params: True


@dataclass
class Seen:
    method: str
    params: dict[str, str]
    headers: dict[str, str]
    fault: str | None


class FakeWiki:
    """The state and the API logic of the fake MediaWiki."""

    def __init__(self) -> None:
        data = json.loads((FIXTURES / "api" / "pages.json").read_text("utf-8"))
        self.pages: dict[str, dict[str, Any]] = {p["title"]: p for p in data["pages"]}
        self.redirects: dict[str, str] = dict(data["redirects"])
        rc = json.loads((FIXTURES / "api" / "recentchanges.json").read_text("utf-8"))
        self.recent: list[dict[str, Any]] = rc["recentchanges"]
        self.maxlag_body = json.loads((FIXTURES / "api" / "maxlag.json").read_text("utf-8"))
        self.faults: list[Fault] = []
        self.seen: list[Seen] = []
        self.max_content = 50
        self.list_limit = 3
        self.url = ""

    def add_page(self, title: str, text: str, *, revid: int, ns: int = 0) -> None:
        sha1 = hashlib.sha1(text.encode("utf-8")).hexdigest()
        revision = {
            "revid": revid,
            "parentid": revid - 1,
            "timestamp": "2025-01-01T00:00:00Z",
            "sha1": sha1,
            "slots": {
                "main": {
                    "contentmodel": "wikitext",
                    "contentformat": "text/x-wiki",
                    "content": text,
                }
            },
        }
        self.pages[title] = {
            "pageid": 10_000 + revid,
            "ns": ns,
            "title": title,
            "revisions": [revision],
        }

    def fail(self, kind: str, times: float = 1, **options: Any) -> Fault:
        """Misbehave on the next `times` matching requests (kinds: see `Fault`)."""
        fault = Fault(kind, times, **options)
        self.faults.append(fault)
        return fault

    def take_fault(self, params: dict[str, str]) -> Fault | None:
        for fault in self.faults:
            if fault.times > 0 and fault.when(params):
                fault.times -= 1
                return fault
        return None

    # -- the API ---------------------------------------------------------------------

    def answer(self, params: dict[str, str]) -> dict[str, Any]:
        if params.get("format") != "json" or params.get("action") != "query":
            return {
                "error": {"code": "badparams", "info": "fake wiki speaks action=query JSON only"}
            }
        if "titles" in params:
            return self.query_titles(params)
        if params.get("list") == "recentchanges":
            return self.list_recentchanges(params)
        if params.get("list") == "allpages":
            return self.list_allpages(params)
        return {"error": {"code": "badparams", "info": "unsupported query"}}

    def query_titles(self, params: dict[str, str]) -> dict[str, Any]:
        asked = params["titles"].split("|")
        if len(asked) > 50:
            return {
                "error": {
                    "code": "toomanyvalues",
                    "info": 'Too many values supplied for parameter "titles". The limit is 50.',
                }
            }
        if "rvcontinue" in params and params.get("continue") != "||":
            return {"error": {"code": "badcontinue", "info": "Invalid continue param."}}
        query: dict[str, Any] = {"normalized": [], "redirects": [], "interwiki": [], "pages": []}
        titles: list[str] = []
        for title in asked:
            if title.startswith("w:"):
                query["interwiki"].append({"title": title, "iw": "w"})
                continue
            if INVALID_CHARS & set(title):
                query["pages"].append(
                    {
                        "title": title,
                        "invalidreason": "The requested page title contains invalid characters.",
                        "invalid": True,
                    }
                )
                continue
            if "_" in title:
                query["normalized"].append(
                    {"fromencoded": False, "from": title, "to": title.replace("_", " ")}
                )
                title = title.replace("_", " ")
            if title in self.redirects:
                query["redirects"].append({"from": title, "to": self.redirects[title]})
                title = self.redirects[title]
            if title not in titles:
                titles.append(title)
        existing = [t for t in titles if t in self.pages]
        start = int(params.get("rvcontinue", "0"))
        with_content = set(existing[start : start + self.max_content])
        for title in titles:
            if title not in self.pages:
                query["pages"].append({"ns": 0, "title": title, "missing": True})
                continue
            page = copy.deepcopy(self.pages[title])
            if title not in with_content:
                page.pop("revisions")
            query["pages"].append(page)
        result: dict[str, Any] = {"query": {k: v for k, v in query.items() if v}}
        if start + self.max_content < len(existing):
            result["continue"] = {"rvcontinue": str(start + self.max_content), "continue": "||"}
        else:
            result["batchcomplete"] = True
        return result

    def list_recentchanges(self, params: dict[str, str]) -> dict[str, Any]:
        if params.get("rcdir") != "newer":
            return {
                "error": {
                    "code": "badparams",
                    "info": "fake wiki lists recent changes oldest first only",
                }
            }
        namespaces = {int(n) for n in params.get("rcnamespace", "0").split("|")}
        items = [
            i for i in self.recent if i["timestamp"] >= params["rcstart"] and i["ns"] in namespaces
        ]
        return self._page_of(items, params, "rccontinue", "rc")

    def list_allpages(self, params: dict[str, str]) -> dict[str, Any]:
        ns = int(params.get("apnamespace", "0"))
        titles = sorted(t for t, p in self.pages.items() if p["ns"] == ns)
        items = [{"pageid": self.pages[t]["pageid"], "ns": ns, "title": t} for t in titles]
        return self._page_of(items, params, "apcontinue", "ap")

    def _page_of(
        self, items: list[dict[str, Any]], params: dict[str, str], key: str, prefix: str
    ) -> dict[str, Any]:
        if key in params and params.get("continue") != "-||":
            return {"error": {"code": "badcontinue", "info": "Invalid continue param."}}
        start = int(params.get(key, "0"))
        name = "recentchanges" if prefix == "rc" else "allpages"
        result: dict[str, Any] = {"query": {name: items[start : start + self.list_limit]}}
        if start + self.list_limit < len(items):
            result["continue"] = {key: str(start + self.list_limit), "continue": "-||"}
        else:
            result["batchcomplete"] = True
        return result


def _handler_for(wiki: FakeWiki) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            self.respond(dict(parse_qsl(urlsplit(self.path).query)))

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            self.respond(dict(parse_qsl(self.rfile.read(length).decode("utf-8"))))

        def respond(self, params: dict[str, str]) -> None:
            fault = wiki.take_fault(params)
            wiki.seen.append(
                Seen(self.command, params, dict(self.headers), fault.kind if fault else None)
            )
            if fault is not None and fault.kind == "drop":
                self.close_connection = True
                return
            status, headers, body = 200, {}, b""
            given = fault.body(params) if fault is not None and callable(fault.body) else None
            if fault is not None and given is None:
                given = fault.body
            if fault is None:
                body = json.dumps(wiki.answer(params)).encode("utf-8")
            elif fault.kind in ("status", "json"):
                status, headers = fault.status, fault.headers
                body = json.dumps(given if given is not None else {}).encode("utf-8")
            else:  # raw, truncate, badgzip, gziptruncate
                body = given if given is not None else json.dumps(wiki.answer(params)).encode()
            self.send(status, headers, body, fault.kind if fault is not None else "")

        def send(self, status: int, headers: dict[str, str], body: bytes, kind: str) -> None:
            truncate = kind == "truncate"
            if kind == "badgzip":
                body = b"\x1f\x8b\x08\x00" + body[::-1]
                headers = {**headers, "Content-Encoding": "gzip"}
            elif "gzip" in self.headers.get("Accept-Encoding", "") and not truncate:
                body = gzip.compress(body)
                headers = {**headers, "Content-Encoding": "gzip"}
                if kind == "gziptruncate":
                    body = body[: len(body) // 2]
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2] if truncate else body)
            if truncate:
                self.close_connection = True

    return Handler


def start(wiki: FakeWiki, port: int = 0) -> ThreadingHTTPServer:
    """Serve `wiki` on 127.0.0.1 in a daemon thread; `wiki.url` is set to its api.php."""
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler_for(wiki))
    server.daemon_threads = True
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    )
    thread.start()
    wiki.url = f"http://127.0.0.1:{server.server_address[1]}/w/api.php"
    return server


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="a fake MediaWiki API on 127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args(argv)
    wiki = FakeWiki()
    server = start(wiki, args.port)
    print(f"serving {len(wiki.pages)} pages at {wiki.url} (Ctrl-C to stop)", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
