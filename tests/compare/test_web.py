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
    assert 'list="word1-suggestions"' in html and '<script src="/static/suggest.js"' in html
    assert 'href="/compare/production/release"' in html
    assert '<form class="lookup" action="/word"' in html  # one word, from the home page


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
    assert "<h1>production vs release - What&#39;s the difference?</h1>" in html
    assert NOUNS_START in html
    assert "As a verb release is to let go (of)" in html
    assert "{{" not in html and "[[" not in html
    # prerelease has no page in this lexicon: its link goes to Wiktionary, marked external
    assert ('<a class="external" href="https://en.wiktionary.org/wiki/prerelease" '
            'rel="external noopener"') in html
    assert '<a href="/word/release">release</a>' in html
    assert "title=release&amp;action=history" in html
    assert html.count("<h1>") == 1


def test_word_page_and_json(client: TestClient) -> None:
    r = client.get("/word/release")
    assert r.status_code == 200 and "<h1>release</h1>" in r.text
    data = client.get("/api/word/release").json()
    assert data["word"] == "release"
    assert data["view"]["etymologies"][1]["number"] == 2
    jsonschema.validate(data, word_page_json_schema())  # the documented shape of /api/word/W


def test_api_compare_is_the_cli_json(client: TestClient) -> None:
    r = client.get("/api/compare/production/release")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    data = r.json()
    assert data["title"] == "production vs release - What's the difference?"
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


def test_lookup_folds_case_and_follows_redirects(client: TestClient) -> None:
    r = client.get("/word/Release", follow_redirects=False)
    assert r.status_code == 302 and r.headers["location"] == "/word/release?from=Release"
    r = client.get("/word/re-lease", follow_redirects=False)  # a redirect page
    assert r.headers["location"] == "/word/release?from=re-lease"
    landed = client.get("/word/re-lease")
    assert landed.status_code == 200 and "(Redirected from re-lease)" in landed.text
    assert "(Redirected from" not in client.get("/word/release?from=anything").text
    r = client.get("/compare/Production/re-lease", follow_redirects=False)
    assert r.headers["location"].startswith("/compare/production/release?from=")
    assert client.get("/api/suggest", params={"q": "RELEASE"}).json()["suggestions"][0] == "release"


def test_lookup_form_and_word_page_forms(client: TestClient) -> None:
    r = client.get("/word", params={"word": " release "}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/word/release"
    assert client.get("/word", params={"word": ""}).status_code == 400
    html = client.get("/word/release").text
    assert '<form class="compare" action="/compare"' in html
    assert 'id="word1" name="word1"' in html and 'value="release"' in html
    assert '<form class="lookup" action="/word"' in html


def test_not_found_links_to_wiktionary(client: TestClient) -> None:
    r = client.get("/word/zzyzx")
    assert r.status_code == 404
    assert 'href="https://en.wiktionary.org/wiki/zzyzx"' in r.text


def test_security_headers_on_every_response(client: TestClient) -> None:
    for url in ("/", "/word/release", "/static/site.css", "/api/word/release", "/nope",
                "/word/a%00b", "/api/suggest?q=rel"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["content-security-policy"], url
        assert "'unsafe-inline'" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
    html = client.get("/word/release").text
    assert "<style" not in html and "<script>" not in html and " style=" not in html
    assert client.get("/static/site.css").headers["content-type"].startswith("text/css")
    assert client.get("/static/../web.py").status_code == 404


def test_home_page_examples_come_from_the_lexicon(lexicon_path: Path) -> None:
    with TestClient(create_app(lexicon_path, examples=(("production", "release"),
                                                        ("production", "nonesuch")))) as c:
        html = c.get("/").text
    assert 'href="/compare/production/release"' in html and "nonesuch" not in html
