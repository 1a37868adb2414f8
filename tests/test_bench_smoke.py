"""`make bench` is not run by CI (timings belong in bench/), but its parts must keep working."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "fixtures" / "dumps" / "demo-pages-articles.xml"


@pytest.mark.parametrize("kind", ["parse", "refresh", "refresh-again"])
def test_one_measurement_reports_its_figures(kind: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "bench.measure", kind, "--source", str(DEMO)],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    figure = json.loads(out.strip().splitlines()[-1])
    assert figure["kind"] == kind and figure["pages"] == 13  # the demo dump less its redirect
    assert figure["bytes"] > 5000 and figure["seconds"] > 0 and figure["rss_mb"] > 10
