"""End to end: `wiktlex serve` in a subprocess, driven by headless Chromium through Playwright.

Uses Debian's chromium (never downloads a browser); skips with a clear message where it
is not installed (`make test`'s set-up installs it when it can).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import PRODUCTION_RELEASE_NOUNS as NOUNS
from support import RELEASE_VERB as VERB

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

pytestmark = [
    pytest.mark.timeout(60),
    pytest.mark.skipif(not Path(CHROMIUM).exists(),
                       reason="chromium not installed (apt-get install chromium): browser test skipped"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_until_up(url: str, proc: subprocess.Popen[bytes], deadline: float) -> None:
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"wiktlex serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"wiktlex serve did not answer at {url}")


@pytest.fixture
def server(lexicon_path: Path) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from wiktlex.cli import main; main()", "serve",
         "--db", str(lexicon_path), "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base + "/", proc, time.monotonic() + 15)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_form_to_comparison_in_chromium(server: str, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 412, "height": 915})  # a phone
            page.goto(server + "/")
            page.get_by_label("First word").fill("production")
            page.get_by_label("Second word").fill("rel")
            page.wait_for_function(
                "document.querySelectorAll('#word2-suggestions option').length > 0", timeout=5000)
            options = page.eval_on_selector_all("#word2-suggestions option", "os => os.map(o => o.value)")
            assert "release" in options
            page.get_by_label("Second word").fill("release")
            page.get_by_role("button", name="Compare").click()
            page.wait_for_url(server + "/compare/production/release")
            assert page.title() == "Production vs Release - What's the difference?"
            body = page.inner_text("body")
            html = page.content()
            page.screenshot(path=str(tmp_path / "comparison.png"), full_page=True)
        finally:
            browser.close()
    assert NOUNS in body
    assert VERB in body
    assert "{{" not in html and "[[" not in html
    assert "(software) The distribution of an initial or new" in body
    assert "CC BY-SA 4.0" in body
    assert (tmp_path / "comparison.png").stat().st_size > 10_000
