"""Shared fixtures of the ingest tests: paths, and a fake MediaWiki on 127.0.0.1.

The fake wiki (tools/fake_mediawiki.py) is a real HTTP server speaking the Action API's
JSON from `fixtures/api/`; tests make it misbehave and read what the client sent.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"
CORPUS = REPO.parent / "shared" / "corpus"


def _load_tool(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, REPO / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


fake_mediawiki = _load_tool("fake_mediawiki")


@pytest.fixture(scope="session")
def dumps_dir() -> Path:
    return FIXTURES / "dumps"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "index.tsv").exists():
        pytest.skip(f"real corpus not present at {CORPUS}")
    return CORPUS


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
