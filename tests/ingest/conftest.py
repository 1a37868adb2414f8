"""Shared fixtures of the ingest tests: paths (the fake MediaWiki is in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def dumps_dir() -> Path:
    return FIXTURES / "dumps"


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "index.tsv").exists():
        pytest.skip(f"real corpus not present at {CORPUS}")
    return CORPUS
