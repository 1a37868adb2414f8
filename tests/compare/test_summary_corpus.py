"""The summary sentences of a few hundred random pairs of the corpus lexicon, checked
against rules a lexicographer would apply (prose_rules.py), with a sample pinned.

The lexicon is the shared corpus (../shared/corpus/pages, ~1,400 real pages) parsed once
per session; the pairs are drawn with a fixed seed, so the sample never changes unless
the parser or the comparer does. To accept a deliberate change of wording, run
`WIKTLEX_UPDATE_GOLDEN=1 pytest tests/compare/test_summary_corpus.py` and read the diff.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from prose_rules import COUNT_NOUNS, lexicon_count_nouns, violations

import wiktlex
from wiktlex.compare.build import build_comparison
from wiktlex.compare.model import Comparison
from wiktlex.export import EXPORTERS, ExportPage, open_lexicon
from wiktlex.lexicon import Lexicon
from wiktlex.model import ParseResult, RawPage

GOLDEN = Path(__file__).parent / "golden" / "corpus_summaries.txt"
PAIRS = 300
PINNED = 40
SEED = 19


@pytest.fixture(scope="module")
def corpus_lexicon(corpus_results: list[tuple[RawPage, ParseResult]],
                   tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lexicon]:
    path = tmp_path_factory.mktemp("corpus") / "lexicon.sqlite"
    with EXPORTERS["sqlite"](path) as exporter:
        for raw, result in corpus_results:
            exporter.export(ExportPage.from_parse(raw, result, wiktlex.PARSER_VERSION))
    with open_lexicon(path) as lexicon:
        yield lexicon


@pytest.fixture(scope="module")
def comparisons(corpus_lexicon: Lexicon) -> list[Comparison]:
    words = sorted({e.word for _, entries in corpus_lexicon.iter_pages() for e in entries
                    if e.lang_code == "en"})
    rng = random.Random(SEED)
    return [build_comparison(corpus_lexicon, *rng.sample(words, 2)) for _ in range(PAIRS)]


def test_every_sentence_reads(corpus_lexicon: Lexicon, comparisons: list[Comparison]) -> None:
    known: dict[str, bool] = {}

    def countable(word: str) -> bool:
        if word not in known:
            known[word] = word in COUNT_NOUNS or bool(lexicon_count_nouns(corpus_lexicon, [word]))
        return known[word]

    sentences = [s for c in comparisons for s in c.summary]
    bad = [(s.text, v) for s in sentences if (v := violations(s.text, s.pos, s.words, countable))]
    assert len(sentences) > 2 * PAIRS
    assert not bad, "\n".join(f"{v}: {t}" for t, v in bad[:20])


def test_titles_and_sentences_keep_case(corpus_lexicon: Lexicon) -> None:
    c = build_comparison(corpus_lexicon, "may", "march")  # the verbs, not the months
    assert c.title == "may vs march - What's the difference?"
    assert c.summary[0].text.startswith("As verbs the difference between may and march is")
    polish = build_comparison(corpus_lexicon, "Polish", "Dutch")
    assert polish.title == "Polish vs Dutch - What's the difference?"


def _pinned(comparisons: list[Comparison]) -> str:
    blocks = []
    for c in comparisons[:PINNED]:
        blocks.append("\n".join([f"## {c.word1} vs {c.word2}", *(s.text for s in c.summary)]))
    return "\n\n".join(blocks) + "\n"


def test_sample_is_pinned(comparisons: list[Comparison]) -> None:
    text = _pinned(comparisons)
    if os.environ.get("WIKTLEX_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(text, encoding="utf-8")
    assert GOLDEN.read_text(encoding="utf-8") == text, (
        "summaries changed: review, then WIKTLEX_UPDATE_GOLDEN=1 to accept")
