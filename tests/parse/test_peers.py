"""Other projects' test suites (../shared/peers, read in place): each case agrees with
wiktlex or is a known difference with its reason (tests/parse/peer_differences.json).

The list must stay honest both ways: a case that starts to agree is struck from it (except
the cases another branch of #18 owns, which agree when that branch lands), and a new
disagreement fails until it is fixed or explained. The figure is reported and must not fall.
"""

from __future__ import annotations

import pytest
from peer_cases import Comparison, available, comparisons, known_differences, load_differences

pytestmark = pytest.mark.skipif(not available(), reason="../shared/peers not available")

OTHER_BRANCH = "owned by another branch"
# Measured on this branch (#18 asks for 90% of comparable cases once every branch lands).
MIN_AGREEING = 0.72
MIN_AGREEING_IN_LANE = 0.86  # among the cases no other branch of #18 owns


@pytest.fixture(scope="module")
def results() -> list[Comparison]:
    return list(comparisons())


def test_every_case_agrees_or_is_a_known_difference(results: list[Comparison]) -> None:
    known = known_differences()
    unexplained = {c.id: (c.expected, c.observed) for c in results if not c.agrees and c.id not in known}
    assert unexplained == {}


def test_known_differences_still_differ(results: list[Comparison]) -> None:
    known = known_differences()
    stale = [c.id for c in results if c.agrees and c.id in known and
             not known[c.id]["reason"].startswith(OTHER_BRANCH)]
    assert stale == []


def test_each_difference_names_a_case_and_a_reason(results: list[Comparison]) -> None:
    data = load_differences()
    ids = {c.id for c in results}
    entries = data["differences"]
    assert [e["id"] for e in entries if e["id"] not in ids] == []
    assert [e["id"] for e in entries if e["reason"] not in data["reasons"] or not e["why"]] == []
    assert len({e["id"] for e in entries}) == len(entries)


def test_agreement(results: list[Comparison]) -> None:
    known = known_differences()
    agreeing = sum(c.agrees for c in results)
    in_lane = [c for c in results if not known.get(c.id, {}).get("reason", "").startswith(OTHER_BRANCH)]
    assert agreeing / len(results) >= MIN_AGREEING, (agreeing, len(results))
    assert sum(c.agrees for c in in_lane) / len(in_lane) >= MIN_AGREEING_IN_LANE, (
        sum(c.agrees for c in in_lane), len(in_lane))


def test_normalisation_follows_sources_md() -> None:
    from peer_cases import normalise

    assert normalise("<i>Doublet of</i> <b>avouch</b>&nbsp;(“avow”)") == 'doublet of avouch ("avow")'
    assert normalise("2nd–3rd  c.") == "2nd-3rd c."
