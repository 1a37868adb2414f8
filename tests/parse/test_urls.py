"""Citation URLs: whatever `url=` holds becomes a plain URL or nothing."""

from __future__ import annotations

import pytest

from wiktlex.parse.urls import clean_url


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("[http://example.org/x The title]", "http://example.org/x"),
        ("//example.org/y", "https://example.org/y"),
        ("{{gbooks|aDz9AgAAQBAJ|200|day}}", "https://books.google.com/books?id=aDz9AgAAQBAJ&pg=PA200&q=day"),
        (
            "[s:fr: L’Ingénieux Hidalgo{{!}}fr.Wikisource]",
            "https://fr.wikisource.org/wiki/L’Ingénieux_Hidalgo",
        ),
        ("[[w:Foo bar|Foo]]", "https://en.wikipedia.org/wiki/Foo_bar"),
        ("{{unknown|x}}", None),
        ("not a url", None),
        ("", None),
    ],
)
def test_clean_url(raw: str, expected: str | None) -> None:
    assert clean_url(raw) == expected
