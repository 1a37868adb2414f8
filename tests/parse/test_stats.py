"""`wiktlex stats --templates`: handled among extracted fields, accounted among all."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from support import FIXTURES

from wiktlex.cli import cli
from wiktlex.ingest.files import read_file
from wiktlex.parse.stats import format_template_stats, template_stats


def _fixture_pages() -> list[Path]:
    return sorted((FIXTURES / "pages").glob("*.wikitext"))


def test_both_views_over_the_fixture_pages() -> None:
    stats = template_stats(read_file(path) for path in _fixture_pages())
    totals = stats.accounts
    assert totals.templates.found > stats.total  # all occurrences, not only extracted ones
    assert totals.templates.found == (totals.templates.handled + sum(totals.templates.dropped.values())
                                      + totals.templates.diagnosed + totals.templates.unaccounted)
    assert totals.items.found > 0 and totals.templates.dropped
    report = json.loads(format_template_stats(stats, fmt="json"))
    accounted = report["accounted"]["templates"]
    assert accounted["found"] == totals.templates.found
    assert 0.99 <= accounted["accounted_share"] <= 1
    assert {row["name"] for row in report["accounted"]["unaccounted"]} <= {"la-ipa", "fr-ipa", "l"}


def test_cli_reports_accounted_with_drops_by_reason() -> None:
    result = CliRunner().invoke(cli, ["stats", "--templates", str(FIXTURES / "pages")],
                                catch_exceptions=False)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert "template occurrences in extracted fields" in lines[0]
    assert lines[1].startswith("All template occurrences on the pages: ")
    assert lines[2].startswith("All list items on the pages: ")
    assert "Template occurrences dropped by rule:" in lines
    assert any("bibliography: a References" in line for line in lines)
