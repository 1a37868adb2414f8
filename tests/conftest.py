"""Session fixtures: the JSON Schema validator and the shared corpus, parsed once."""

from __future__ import annotations

from typing import Any

import pytest
from support import corpus_or_skip

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
