"""Session fixtures: the JSON Schema validator, the shared corpus parsed once, and a fake
MediaWiki on 127.0.0.1.

The fake wiki (tools/fake_mediawiki.py) is a real HTTP server speaking the Action API's
JSON from `fixtures/api/`; tests make it misbehave and read what the client sent.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from support import REPO, corpus_or_skip

from wiktlex.model import ParseResult, RawPage, json_schema


@pytest.fixture(scope="session")
def entry_validator() -> Any:
    import jsonschema

    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="session")
def corpus_pages() -> list[RawPage]:
    from wiktlex.ingest.files import read_file

    directory = corpus_or_skip("pages")
    return [read_file(path) for path in sorted(directory.glob("*.wikitext"))]


@pytest.fixture(scope="session")
def corpus_results(corpus_pages: list[RawPage]) -> list[tuple[RawPage, ParseResult]]:
    """Every corpus page parsed once (with traces), shared by all corpus-wide tests."""
    from wiktlex import parse_page

    return [(page, parse_page(page, trace=True)) for page in corpus_pages]


@pytest.fixture(scope="session")
def modern_results() -> list[tuple[RawPage, ParseResult]]:
    """The present-day pages (../shared/corpus/modern/pages: 2023–2025 syntax, inline
    modifiers everywhere), parsed once."""
    from wiktlex import parse_page
    from wiktlex.ingest.files import read_file

    directory = corpus_or_skip("modern", "pages")
    return [(page, parse_page(page)) for page in map(read_file, sorted(directory.glob("*.wikitext")))]


def _load_tool(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, REPO / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up; tests `import fake_mediawiki`
    spec.loader.exec_module(module)
    return module


fake_mediawiki = _load_tool("fake_mediawiki")


@pytest.fixture
def fake_wiki() -> Iterator[Any]:
    """A fresh fake wiki per test (see tools/fake_mediawiki.py)."""
    wiki = fake_mediawiki.FakeWiki()
    server = fake_mediawiki.start(wiki)
    try:
        yield wiki
    finally:
        server.shutdown()
        server.server_close()
