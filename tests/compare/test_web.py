"""The web app through Starlette's test client: pages, redirects, JSON API, 404s."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
from starlette.testclient import TestClient

from wiktlex.compare.model import word_page_json_schema
from wiktlex.compare.web import create_app

NOUNS_START = "As nouns the difference between production and release is that production is"


@pytest.fixture
def client(lexicon_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(lexicon_path)) as c:
        yield c


def test_index_has_accessible_form(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    html = r.text
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert '<html lang="en">' in html
    assert '<label for="word1">' in html and '<label for="word2">' in html
    assert 'list="word1-suggestions"' in html and "/api/suggest?q=" in html
    assert 'href="/compare/production/release"' in html


def test_form_redirects_to_stable_url(client: TestClient) -> None:
    r = client.get("/compare", params={"word1": " production ", "word2": "release"},
                   follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/compare/production/release"
    assert client.get("/compare", params={"word1": "x"}).status_code == 400


def test_comparison_page(client: TestClient) -> None:
    r = client.get("/compare/production/release")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    html = r.text
    assert "<h1>Production vs Release - What&#39;s the difference?</h1>" in html
    assert NOUNS_START in html
    assert "As a verb release is to let go (of)" in html
    assert "{{" not in html and "[[" not in html
    assert 'href="/word/prerelease"' in html
    assert "title=release&amp;action=history" in html
    assert html.count("<h1>") == 1


def test_word_page_and_json(client: TestClient) -> None:
    r = client.get("/word/release")
    assert r.status_code == 200 and "<h1>Release</h1>" in r.text
    data = client.get("/api/word/release").json()
    assert data["word"] == "release"
    assert data["view"]["etymologies"][1]["number"] == 2
    jsonschema.validate(data, word_page_json_schema())  # the documented shape of /api/word/W


def test_api_compare_is_the_cli_json(client: TestClient) -> None:
    r = client.get("/api/compare/production/release")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    data = r.json()
    assert data["title"] == "Production vs Release - What's the difference?"
    assert data["summary"][0]["text"].startswith(NOUNS_START)


def test_unknown_word_is_404_with_suggestions(client: TestClient) -> None:
    r = client.get("/compare/prodution/release")
    assert r.status_code == 404
    assert 'href="/compare/production/release"' in r.text
    r = client.get("/word/relase")
    assert r.status_code == 404 and 'href="/word/release"' in r.text
    data = client.get("/api/compare/production/relase").json()
    assert data["word"] == "relase" and "release" in data["suggestions"]
    assert client.get("/api/word/nope-nope").status_code == 404


def test_unknown_route_is_404_page_and_json(client: TestClient) -> None:
    r = client.get("/no/such/page")
    assert r.status_code == 404 and "Page not found" in r.text and "<form" in r.text
    r = client.get("/api/nothing")
    assert r.status_code == 404 and r.json()["error"]


def test_suggest(client: TestClient) -> None:
    data = client.get("/api/suggest", params={"q": "rel"}).json()
    assert "release" in data["suggestions"]
    exact = client.get("/api/suggest", params={"q": "release"}).json()
    assert exact["suggestions"][0] == "release"
    assert client.get("/api/suggest").json()["suggestions"] == []
