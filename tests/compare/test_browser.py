"""End to end: `wiktlex serve` in a subprocess, driven by headless Chromium through Playwright.

The pages run under their real Content-Security-Policy, so these tests also show that
the policy blocks nothing the site needs (its style sheet, its script) and that the
forms, the case-folded lookup and every link work as a reader meets them.
Uses Debian's chromium (never downloads a browser); skips with a clear message where it
is not installed (`make test`'s set-up installs it when it can).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from serving import free_port, running_server
from support import PRODUCTION_RELEASE_NOUNS as NOUNS
from support import RELEASE_VERB as VERB

from wiktlex.compare.web import SECURITY_HEADERS

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

pytestmark = [
    pytest.mark.timeout(90),
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason="chromium not installed (apt-get install chromium): browser test skipped"),
]


@pytest.fixture(scope="module")
def server(lexicon_path: Path) -> Iterator[str]:
    with running_server(lexicon_path, free_port()) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A phone-sized page that records every console message (CSP reports land there)
    and refuses to leave 127.0.0.1 (the external links are checked, never followed)."""
    context = browser.new_context(viewport={"width": 412, "height": 915})
    context.route("https://**/*", lambda route: route.abort())
    tab = context.new_page()
    tab.console_messages = []
    tab.on("console", lambda m: tab.console_messages.append(m.text))
    try:
        yield tab
    finally:
        context.close()


def _suggestions(page: Any, list_id: str) -> list[str]:
    page.locator(f"#{list_id} option").first.wait_for(state="attached", timeout=5000)
    options: list[str] = page.eval_on_selector_all(f"#{list_id} option",
                                                   "os => os.map(o => o.value)")
    return options


def test_form_to_comparison_in_chromium(server: str, page: Any, tmp_path: Path) -> None:
    page.goto(server + "/")
    page.get_by_label("First word").fill("production")
    page.get_by_label("Second word").fill("rel")
    assert "release" in _suggestions(page, "word2-suggestions")  # the script ran under CSP
    page.get_by_label("Second word").fill("release")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(server + "/compare/production/release")
    assert page.title() == "production vs release - What's the difference?"
    body = page.inner_text("body")
    html = page.content()
    page.screenshot(path=str(tmp_path / "comparison.png"), full_page=True)
    assert NOUNS in body
    assert VERB in body
    assert "{{" not in html and "[[" not in html
    assert "(software) The distribution of an initial or new" in body
    assert "CC BY-SA 4.0" in body
    assert (tmp_path / "comparison.png").stat().st_size > 10_000
    assert not [m for m in page.console_messages if "Content Security Policy" in m]


def test_case_folded_lookup_from_the_home_page(server: str, page: Any) -> None:
    page.goto(server + "/")
    page.get_by_label("Look up a word").fill("Release")
    page.get_by_role("button", name="Look up").click()
    page.wait_for_url(server + "/word/release?from=Release")
    assert page.locator("h1").inner_text() == "release"
    assert "(Redirected from Release)" in page.inner_text("main")
    page.goto(server + "/word/re-lease")  # a redirect page of the lexicon
    assert page.url == server + "/word/release?from=re-lease"


def test_word_page_compare_form(server: str, page: Any) -> None:
    page.goto(server + "/word/release")
    assert page.get_by_label("First word").input_value() == "release"
    page.get_by_label("Second word").fill("production")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(server + "/compare/release/production")
    assert page.locator("h1").inner_text() == "release vs production - What's the difference?"


def test_every_link_lands(server: str, page: Any) -> None:
    """Internal links open a page (200 after redirects); the rest are Wiktionary's,
    marked external; none ends in "not found"."""
    page.goto(server + "/compare/production/release")
    links = page.eval_on_selector_all(
        "main a[href]", "as => as.map(a => [a.getAttribute('href'), a.className, a.rel])")
    internal = [href for href, _, _ in links if href.startswith("/")]
    external = [(href, cls, rel) for href, cls, rel in links if not href.startswith("/")]
    assert internal and external
    for href in internal:
        assert page.request.get(server + href).status == 200, href
    for href, cls, rel in external:
        assert href.startswith("https://en.wiktionary.org/wiki/"), href
        assert cls == "external" and "external" in rel, href
    marker = page.eval_on_selector("a.external", "a => getComputedStyle(a, '::after').content")
    assert "↗" in marker  # the mark comes from site.css, which CSP let in
    page.locator("main a[href='/word/release']").first.click()
    page.wait_for_url(server + "/word/release")


def test_security_headers_in_the_browser(server: str, page: Any) -> None:
    for path in ("/", "/word/release", "/word/a%00b", "/static/site.css", "/api/word/release"):
        response = page.goto(server + path)
        assert response is not None and response.status < 500, path
        headers = response.headers
        for name, value in SECURITY_HEADERS.items():
            assert headers[name.lower()] == value, (path, name)
    page.goto(server + "/")
    style = page.eval_on_selector("form.compare", "f => getComputedStyle(f).display")
    assert style == "grid"  # site.css applied
    ran = page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.injected = true';
        document.body.appendChild(s);
        return window.injected === true;
    }""")
    assert not ran  # an injected inline script does not run: only the site's own files do
    page.wait_for_timeout(100)
    assert any("Content Security Policy" in m for m in page.console_messages)
