"""Test support importable from any test module (`from support import …`)."""

from __future__ import annotations

import bz2
import contextlib
import html
import re
import sqlite3
import textwrap
import xml.etree.ElementTree as ET
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

import msgspec
import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
CORPUS = REPO.parent / "shared" / "corpus"

# What must never reach a text field: wiki markup a reader never sees, Wiktionary's inline
# modifiers (`hap<t:chance>`), template names (`Template:…`) and HTML entities (`&equals;`).
MARKUP_LEAK = re.compile(
    r"\{\{|\}\}|\[\[|\]\]|'{3}|<ref|<[a-z][a-z0-9_]*:|Template:"
    r"|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});"
)
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
# Fields that hold markup on purpose (template arguments as written).
RAW_FIELDS = frozenset({"args"})


def corpus_or_skip(*parts: str) -> Path:
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared corpus not available at {path}")
    return path


def iter_text_fields(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a JSON-like value with its path (raw template args excluded)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in RAW_FIELDS:
                yield from iter_text_fields(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_text_fields(item, f"{path}[{index}]")


def is_leak(text: str) -> bool:
    """Markup in a text field; `&x;` counts only when it names a real entity ("AT&T;" is text)."""
    if any(html.unescape(m.group()) != m.group() for m in _ENTITY.finditer(text)):
        return True
    return MARKUP_LEAK.search(_ENTITY.sub("", text)) is not None


def markup_leaks(data: Any) -> list[tuple[str, str]]:
    return [(p, s) for p, s in iter_text_fields(data) if is_leak(s)]


def to_data(value: Any) -> Any:
    return msgspec.to_builtins(value)


# The comparer's golden summary sentences for the bundled production and release pages
# (issue text, word for word).
PRODUCTION_RELEASE_NOUNS = (
    "As nouns the difference between production and release is that production is the act "
    "of producing, making or creating something while release is the event of setting "
    "(someone or something) free (e.g. hostages, slaves, prisoners, caged animals, hooked or "
    "stuck mechanisms)."
)
# Each alternative keeps its first clause: the seed ran "…to cease to hold or contain or
# release can be to lease again; …" together.
RELEASE_VERB = "As a verb release is to let go (of) or release can be to lease again."


# -- the API fetcher in virtual time ---------------------------------------------------


class VirtualTime:
    """A clock that only sleeping moves: minutes of patience pass in no time."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


def fast_retry() -> Any:
    from wiktlex.ingest.api import RetryPolicy

    return RetryPolicy(patience=10.0, unreachable=10.0, backoff=1.0, max_delay=5.0)


FAST = fast_retry()


def make_fetcher(wiki: Any, **options: Any) -> tuple[Any, list[float]]:
    """A fetcher of the fake wiki whose sleeps are recorded, not slept: tests stay fast
    and see the waits."""
    from wiktlex.ingest.api import ApiFetcher

    time = VirtualTime()
    options.setdefault("retry", FAST)
    fetcher = ApiFetcher(
        wiki.url, contact="tests@example.org", sleep=time.sleep, clock=time.clock, **options
    )
    return fetcher, time.slept


# -- damaged dumps: the pages a reader can recover, found independently of wiktlex ------
# The decompressed bytes any reader can get (bz2 decoded with the standard library), split
# on `<page>` and parsed page by page with `xml.etree.ElementTree` (not lxml, which the
# reader uses).


def recoverable(xml: bytes, namespaces: Collection[int] | None = None) -> list[str]:
    """Titles of the pages a reader can take from `xml`: each `<page>` block, up to its
    `</page>` or the next `<page>`, that parses alone and has a title and a text (not a
    deleted one), and is in `namespaces` unless that is None."""
    titles = []
    for block in xml.split(b"<page>")[1:]:
        end = block.find(b"</page>")
        if end < 0:
            continue
        try:
            page = ET.fromstring(b"<page>" + block[:end] + b"</page>")
        except ET.ParseError:
            continue
        title, text = page.findtext("title"), page.find("revision/text")
        if not title or text is None or text.get("deleted") is not None:  # no text: suppressed
            continue
        ns = (page.findtext("ns") or "0").strip()
        if namespaces is None or (int(ns) if ns.isdigit() else 0) in namespaces:
            titles.append(title)
    return titles


def decodable(stream: bytes) -> bytes | None:
    """The XML of one bz2 stream as the standard library decodes it, or None if damaged."""
    try:
        return bz2.decompress(stream)
    except (OSError, ValueError):
        return None


def decodable_prefix(data: bytes, chunk: int = 1 << 16) -> bytes:
    """What the standard library decodes of a damaged (cut, flipped) single bz2 stream
    before it gives up."""
    decoder = bz2.BZ2Decompressor()
    out = []
    for at in range(0, len(data), chunk):
        try:
            out.append(decoder.decompress(data[at : at + chunk]))
        except (OSError, EOFError, ValueError):
            break
    return b"".join(out)


# -- refreshes stopped part-way ------------------------------------------------------------

DEMO = FIXTURES / "dumps" / "demo-pages-articles.xml"


def big_dump(path: Path, copies: int) -> None:
    """The demo dump with every page repeated under `copies` numbered titles."""
    xml = DEMO.read_text(encoding="utf-8")
    head, _, rest = xml.partition("<page>")
    pages = re.findall(r"<page>.*?</page>", "<page>" + rest, flags=re.S)
    body = []
    for i in range(copies):
        for n, page in enumerate(pages):
            page = re.sub(r"<title>(.*?)</title>", rf"<title>\1 {i}</title>", page)
            page = re.sub(r"<id>(\d+)</id>", lambda m, i=i, n=n: f"<id>{i * 1000 + n + 1}</id>", page, count=1)
            body.append(page)
    path.write_text(head + "\n".join(body) + "\n</mediawiki>\n", encoding="utf-8")


def committed_pages(db: Path) -> int:
    """Pages a refresh running elsewhere has committed to the lexicon so far (0: none yet)."""
    try:
        with contextlib.closing(sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=0.1)) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM pages").fetchone()[0])
    except sqlite3.Error:
        return 0


def slowed(script: str, seconds: float) -> str:
    """Python source for `python -c`: the parser slowed by `seconds` a page, then `script`;
    a refresh it runs can be stopped part-way (forked pool workers inherit the slowing)."""
    return textwrap.dedent(f"""
        import sys, time
        import wiktlex.pipeline.engines.base as engines
        real = engines.parse_one
        def slow(page, version):
            time.sleep({seconds})
            return real(page, version)
        engines.parse_one = slow
    """) + textwrap.dedent(script)
