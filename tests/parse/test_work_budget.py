"""The page budget is counted in work, not seconds: the same page gives the same output on
any machine under any load, and a page past its budget says so (partial)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import msgspec
import pytest
from support import CORPUS, FIXTURES

from wiktlex import parse_page
from wiktlex.model import RawPage
from wiktlex.parse.page import PAGE_WORK_BUDGET

# The large real pages the wall-clock budget used to cut on a busy machine.
LARGE_PAGES = [
    CORPUS / "modern" / "pages" / "a.wikitext",
    CORPUS / "modern" / "pages" / "A.wikitext",
    CORPUS / "modern" / "pages" / "run.wikitext",
    CORPUS / "modern" / "pages" / "set.wikitext",
    CORPUS / "pages" / "time.wikitext",
    CORPUS / "pages" / "o.wikitext",
    CORPUS / "pages" / "be.wikitext",
]


def lead() -> RawPage:
    """A fixture of five entries in two languages."""
    return RawPage(title="lead", text=(FIXTURES / "pages" / "lead.wikitext").read_text("utf-8"))


def test_the_same_budget_cuts_a_page_at_the_same_place() -> None:
    full = parse_page(lead())
    assert not full.partial and full.work > 0
    budget = full.work * 3 // 4
    first, second = parse_page(lead(), work_budget=budget), parse_page(lead(), work_budget=budget)
    assert first.partial and second.partial
    assert msgspec.json.encode(first) == msgspec.json.encode(second)
    assert 0 < len(first.entries) < len(full.entries)
    # What was built before the cut is kept whole, in page order.
    kept = [(e.lang, e.pos_title) for e in first.entries]
    assert kept == [(e.lang, e.pos_title) for e in full.entries][: len(kept)]
    [cut] = [d for d in first.diagnostics if "work budget" in d.message]
    assert cut.severity == "error" and f"{budget:,}" in cut.message


def test_work_is_counted_the_same_every_time() -> None:
    assert len({parse_page(lead()).work for _ in range(3)}) == 1


def test_no_corpus_page_comes_near_the_budget() -> None:
    present = [p for p in LARGE_PAGES if p.exists()]
    if not present:
        pytest.skip("shared corpus not available")
    for path in present:
        result = parse_page(RawPage(title=path.stem, text=path.read_text("utf-8")))
        assert not result.partial, path.name
        assert result.work < PAGE_WORK_BUDGET / 4, (path.name, result.work)


_PARSE_AT_LOW_PRIORITY = """
import json, os, sys
import msgspec
from wiktlex import parse_page
from wiktlex.model import RawPage
os.nice(10)  # a tenth of a core beside the burners: many times slower
out = {}
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    result = parse_page(RawPage(title=os.path.basename(path)[:-9], text=text))
    out[path] = msgspec.json.encode(result.entries).decode()
print(json.dumps(out))
"""

_BURN = "import time\nend = time.monotonic() + 120\nwhile time.monotonic() < end:\n    pass\n"


def test_large_pages_give_the_same_entries_idle_and_under_load() -> None:
    present = [str(p) for p in LARGE_PAGES if p.exists()]
    if not present:
        pytest.skip("shared corpus not available")
    idle = {
        path: msgspec.json.encode(
            parse_page(RawPage(title=Path(path).stem, text=Path(path).read_text("utf-8"))).entries
        ).decode()
        for path in present
    }
    burners = [subprocess.Popen([sys.executable, "-c", _BURN]) for _ in range(2 * (os.cpu_count() or 1))]
    try:
        time.sleep(0.2)
        loaded = subprocess.run(
            [sys.executable, "-c", _PARSE_AT_LOW_PRIORITY, *present],
            capture_output=True, text=True, check=True, timeout=600,
        )
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()
    under_load = json.loads(loaded.stdout)
    entries = sum(len(json.loads(v)) for v in idle.values())
    assert entries > 1000  # the pages hold over a thousand entries between them
    for path in present:
        assert under_load[path] == idle[path], Path(path).name
