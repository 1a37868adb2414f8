"""The four real dumps of ../shared/corpus read completely and agree with index.tsv.

index.tsv lists, for each page text taken from a dump, its page id, revision id, sha1 of
the text and the file holding the text. A dump page missing there had a text identical
to another copy of the same title (SOURCES.md: identical texts were de-duplicated).
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pytest

from wiktlex.ingest.dump import read_dump
from wiktlex.ingest.multistream import plan_shards, read_page, read_shard
from wiktlex.model import RawPage

# dump file, index.tsv source, pages in the dump (SOURCES.md)
DUMPS = [
    ("dkpro-jwktl/WiktionaryTestData_en_20080613.xml", "jwktl-testdata-en-20080613", 2),
    ("marbu-wiktionary-etymology-dump/example.xml", "marbu-enwiktionary-2014-02", 22),
    (
        "dkpro-jwktl/enwiktionary-20150224-pages-articles-multistream.xml.bz2",
        "jwktl-enwiktionary-20150224",
        300,
    ),
    ("tatuylonen-wiktextract/test-pages-articles.xml.bz2", "wiktextract-testdump-2018", 1394),
]
MULTISTREAM = DUMPS[2][0]


def index_rows(corpus: Path) -> list[dict[str, str]]:
    with (corpus / "index.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


_CACHE: dict[str, list[RawPage]] = {}


def dump_pages(corpus: Path, name: str) -> list[RawPage]:
    if name not in _CACHE:
        _CACHE[name] = list(read_dump(corpus / "dumps" / name, namespaces=None))
    return _CACHE[name]


@pytest.mark.parametrize(("name", "source", "count"), DUMPS)
def test_dump_reads_completely_and_matches_the_index(
    corpus: Path, name: str, source: str, count: int
) -> None:
    pages = dump_pages(corpus, name)
    assert len(pages) == count
    by_revision = {(p.pageid, p.revid): p for p in pages}
    rows = [r for r in index_rows(corpus) if r["source"] == source]
    assert rows, f"index.tsv lists no page of {source}"
    for row in rows:
        page = by_revision[(int(row["page_id"]), int(row["rev_id"]))]
        text = (corpus / row["file"]).read_bytes().decode("utf-8")
        assert page.title == row["title"]
        assert page.ns == int(row["ns"])
        assert page.timestamp == row["rev_timestamp"]
        assert (page.redirect_to is not None) == (row["redirect"] == "1"), page.title
        assert page.text == text, page.title
        assert hashlib.sha1(page.text.encode("utf-8")).hexdigest() == row["sha1"]


@pytest.mark.parametrize(("name", "source", "count"), DUMPS)
def test_dump_sha1_is_converted_to_hex(corpus: Path, name: str, source: str, count: int) -> None:
    """The dump's base-36 sha1 becomes the API's hex form. The 2018 sample carries 30
    pages whose recorded sha1 is not that of their text (the sample's own data); every
    other dump agrees exactly."""
    pages = dump_pages(corpus, name)
    with_sha1 = [p for p in pages if p.sha1 is not None]
    assert all(len(p.sha1 or "") == 40 for p in with_sha1)
    agreeing = [p for p in with_sha1 if p.sha1 == hashlib.sha1(p.text.encode("utf-8")).hexdigest()]
    if name.startswith("tatuylonen"):
        assert len(agreeing) >= len(pages) - 30
    else:
        assert len(agreeing) == len(with_sha1)


@pytest.mark.parametrize(("name", "source", "count"), DUMPS)
def test_pages_not_indexed_were_deduplicated_copies(
    corpus: Path, name: str, source: str, count: int
) -> None:
    rows = index_rows(corpus)
    listed = {(r["page_id"], r["rev_id"]) for r in rows if r["source"] == source}
    sha1s_by_title: dict[str, set[str]] = {}
    for row in rows:
        sha1s_by_title.setdefault(row["title"], set()).add(row["sha1"])
    for page in dump_pages(corpus, name):
        if (str(page.pageid), str(page.revid)) not in listed:
            digest = hashlib.sha1(page.text.encode("utf-8")).hexdigest()
            assert digest in sha1s_by_title.get(page.title, set()), page.title


def test_main_namespace_filter_on_the_2018_dump(corpus: Path) -> None:
    main = list(read_dump(corpus / "dumps" / DUMPS[3][0]))
    assert len(main) == 1338
    assert sum(p.redirect_to is not None for p in main) == 6


def test_multistream_random_access_and_shards_agree_with_streaming(corpus: Path) -> None:
    dump = corpus / "dumps" / MULTISTREAM
    pages = dump_pages(corpus, MULTISTREAM)
    for page in pages[::30]:
        assert read_page(dump, page.title) == page
    for count in (1, 2, 3):
        shards = plan_shards(dump, count)
        assert 1 <= len(shards) <= count
        assert [p for s in shards for p in read_shard(s, namespaces=None)] == pages
