"""The dump reader on the fixture dumps: every format, schema, filter, and every fault."""

from __future__ import annotations

import bz2
import functools
import gzip
import hashlib
import itertools
import pickle
import random
from pathlib import Path

import pytest

from wiktlex.ingest.dump import read_dump, sha1_base36_to_hex
from wiktlex.ingest.errors import DumpError, DumpIndexError
from wiktlex.ingest.multistream import (
    MultistreamIndex,
    find_index,
    plan_shards,
    read_page,
    read_shard,
)
from wiktlex.model import Diagnostic, RawPage

# title, ns, pageid, revid, redirect_to: what fixtures/dumps/small.xml holds, in order
SMALL = [
    ("production", 0, 101, 9001, None),
    ("release", 0, 102, 9002, None),
    ("colour", 0, 103, 9003, "color"),
    ("color", 0, 104, 9004, None),
    ("Wiktionary:About", 4, 105, 9005, None),
    ("Template:en-noun", 10, 106, 9006, None),
    ("naïve", 0, 107, 9007, None),
    ("AC/DC", 0, 108, 9008, None),
    ("100%", 0, 110, 9010, None),
    ("word", 0, 111, 9011, None),
    ("empty", 0, 112, 9012, None),
]
FORMATS = ["small.xml", "small.xml.bz2", "small.xml.gz", "small-multistream.xml.bz2"]


def read_all(path: Path, **options: object) -> tuple[list[RawPage], list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    pages = list(read_dump(path, namespaces=None, on_diagnostic=diagnostics.append, **options))  # type: ignore[arg-type]
    return pages, diagnostics


def read_until_error(path: Path) -> tuple[list[str], DumpError]:
    titles: list[str] = []
    with pytest.raises(DumpError) as caught:
        for page in read_dump(path, namespaces=None):
            titles.append(page.title)
    return titles, caught.value


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_reads_the_same_pages(dumps_dir: Path, name: str) -> None:
    pages, diagnostics = read_all(dumps_dir / name)
    assert [(p.title, p.ns, p.pageid, p.revid, p.redirect_to) for p in pages] == SMALL
    for page in pages:
        assert page.sha1 == hashlib.sha1(page.text.encode("utf-8")).hexdigest(), page.title
    assert [(d.page, d.severity) for d in diagnostics] == [("suppressed", "error")]
    assert "no text" in diagnostics[0].message


def test_page_fields_are_decoded_exactly(dumps_dir: Path) -> None:
    pages = {p.title: p for p in read_all(dumps_dir / "small.xml")[0]}
    assert "<ref>A & B, ''Words'' (2001)</ref>" in pages["naïve"].text
    assert pages["word"].revid == 9011 and "smallest unit" in pages["word"].text  # newest revision
    assert pages["empty"].text == ""
    assert pages["production"].timestamp == "2025-11-02T10:00:00Z"
    assert pages["colour"].text == "#REDIRECT [[color]]\n"


def test_main_namespace_is_the_default_filter(dumps_dir: Path) -> None:
    titles = [p.title for p in read_dump(dumps_dir / "small.xml.bz2")]
    assert titles == [t for t, ns, *_ in SMALL if ns == 0]
    chosen = [p.title for p in read_dump(dumps_dir / "small.xml", namespaces={4, 10})]
    assert chosen == ["Wiktionary:About", "Template:en-noun"]


def test_export_0_3_without_ns_or_redirect_elements(dumps_dir: Path) -> None:
    pages, _ = read_all(dumps_dir / "export-0.3.xml")
    assert [(p.title, p.ns, p.redirect_to, p.sha1 is not None) for p in pages] == [
        ("house", 0, None, False),
        ("Wiktionary:Welcome", 4, None, False),
        ("houses", 0, "house", False),
    ]


@pytest.mark.parametrize("name", FORMATS)
def test_progress_reports_bytes_read_up_to_the_file_size(dumps_dir: Path, name: str) -> None:
    seen: list[tuple[int, int | None]] = []
    read_all(dumps_dir / name, progress=lambda done, total: seen.append((done, total)))
    size = (dumps_dir / name).stat().st_size
    assert seen and seen[-1] == (size, size)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_sha1_base36_matches_hex() -> None:
    text = "hello"
    hexdigest = hashlib.sha1(text.encode()).hexdigest()
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    n, b36 = int(hexdigest, 16), ""
    while n:
        n, r = divmod(n, 36)
        b36 = digits[r] + b36
    assert sha1_base36_to_hex(b36) == hexdigest
    assert sha1_base36_to_hex("") is None and sha1_base36_to_hex("not base36!") is None


# -- multistream: random access and shards ------------------------------------------------


def multistream(dumps_dir: Path) -> Path:
    return dumps_dir / "small-multistream.xml.bz2"


def test_index_is_found_beside_the_dump(dumps_dir: Path) -> None:
    index = find_index(multistream(dumps_dir))
    assert index == dumps_dir / "small-multistream-index.txt.bz2"
    assert find_index(dumps_dir / "small.xml.bz2") is None
    loaded = MultistreamIndex.load(index)
    assert len(loaded) == 12 and loaded.offset_of("AC/DC") == loaded.offset_of("naïve")


def test_random_access_gives_the_same_page_as_streaming(dumps_dir: Path) -> None:
    pages, _ = read_all(dumps_dir / "small.xml")
    for page in pages:
        assert read_page(multistream(dumps_dir), page.title) == page
    assert read_page(multistream(dumps_dir), "not in the index") is None


def test_random_access_needs_an_index(dumps_dir: Path) -> None:
    with pytest.raises(DumpError, match="needs a multistream index"):
        read_page(dumps_dir / "small.xml.bz2", "production")


@pytest.mark.parametrize("count", [1, 2, 3, 4, 9])
def test_shards_cover_the_dump_exactly_once(dumps_dir: Path, count: int) -> None:
    shards = plan_shards(multistream(dumps_dir), count)
    assert 1 <= len(shards) <= count
    assert all(a.end == b.start for a, b in itertools.pairwise(shards))
    pages = [p for s in shards for p in read_shard(pickle.loads(pickle.dumps(s)), namespaces=None)]
    assert [p.title for p in pages] == [t for t, *_ in SMALL]


def test_shard_progress_and_namespace_filter(dumps_dir: Path) -> None:
    shard = plan_shards(multistream(dumps_dir), 1)[0]
    seen: list[tuple[int, int | None]] = []
    titles = [p.title for p in read_shard(shard, progress=lambda d, t: seen.append((d, t)))]
    assert titles == [t for t, ns, *_ in SMALL if ns == 0]
    assert seen[-1][0] == seen[-1][1] == shard.end - shard.start  # type: ignore[operator]


def test_a_dump_without_index_is_one_shard(dumps_dir: Path) -> None:
    shards = plan_shards(dumps_dir / "small.xml.gz", 4)
    assert [(s.start, s.end) for s in shards] == [(0, None)]
    assert [p.title for p in read_shard(shards[0])] == [t for t, ns, *_ in SMALL if ns == 0]


# -- bad input: clear errors that say where, and nothing before the fault lost ----------


def test_invalid_xml_mid_dump_costs_that_page(dumps_dir: Path, tmp_path: Path) -> None:
    xml = (dumps_dir / "small.xml").read_text("utf-8")
    bad = tmp_path / "bad.xml"
    bad.write_text(
        xml.replace("<title>Wiktionary:About</title>", "<title>Wiktionary:About</titel>"), "utf-8"
    )
    pages, diagnostics = read_all(bad)
    assert [p.title for p in pages] == [t for t, *_ in SMALL if t != "Wiktionary:About"]
    assert [(d.page, d.severity) for d in diagnostics] == [
        ("Wiktionary:About", "error"),
        ("suppressed", "error"),
    ]
    assert "invalid XML" in diagnostics[0].message


def test_truncated_plain_xml(dumps_dir: Path, tmp_path: Path) -> None:
    xml = (dumps_dir / "small.xml").read_bytes()
    cut = tmp_path / "cut.xml"
    cut.write_bytes(xml[: xml.index("<title>naïve".encode()) + 20])
    titles, error = read_until_error(cut)
    assert titles == [t for t, *_ in SMALL][:6]
    assert error.last_title == "Template:en-noun"


def test_truncated_gzip(dumps_dir: Path, tmp_path: Path) -> None:
    data = (dumps_dir / "small.xml.gz").read_bytes()
    cut = tmp_path / "cut.xml.gz"
    cut.write_bytes(data[: len(data) // 2])
    titles, error = read_until_error(cut)
    assert titles == [t for t, *_ in SMALL][: len(titles)]
    assert "corrupt or truncated" in str(error) and error.offset is not None


@functools.cache
def big_dump(pages: int = 2500) -> tuple[bytes, list[str]]:
    """A dump large enough for several bz2 blocks (random text does not compress away)."""
    rng = random.Random(7)
    titles = [f"page{i:05d}" for i in range(pages)]
    body = []
    for i, title in enumerate(titles):
        text = "".join(rng.choices("abcdefghijklmnopqrstuvwxyz \n", k=600))
        body.append(
            f"<page><title>{title}</title><ns>0</ns><id>{i + 1}</id><revision><id>{i + 1}</id>"
            f"<timestamp>2020-01-01T00:00:00Z</timestamp><text>{text}</text></revision></page>\n"
        )
    xml = (
        '<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/">\n'
        + "".join(body)
        + "</mediawiki>\n"
    )
    return xml.encode("utf-8"), titles


def test_truncated_bz2_keeps_every_page_of_the_complete_blocks(tmp_path: Path) -> None:
    xml, all_titles = big_dump()
    data = bz2.compress(xml, compresslevel=1)  # 100 kB blocks
    cut = tmp_path / "cut.xml.bz2"
    cut.write_bytes(data[: len(data) * 2 // 3])
    titles, error = read_until_error(cut)
    assert len(titles) > len(all_titles) // 3 and titles == all_titles[: len(titles)]
    assert error.path == str(cut) and error.last_title == titles[-1]
    assert "truncated" in str(error) and f"byte {error.offset}" in str(error)


def test_corrupt_bz2_is_an_error_after_the_good_pages(tmp_path: Path) -> None:
    xml, all_titles = big_dump()
    data = bytearray(bz2.compress(xml, compresslevel=1))
    for i in range(len(data) // 2, len(data) // 2 + 64):
        data[i] ^= 0x5A
    bad = tmp_path / "bad.xml.bz2"
    bad.write_bytes(bytes(data))
    titles, error = read_until_error(bad)
    assert titles == all_titles[: len(titles)] and len(titles) < len(all_titles)
    assert error.path == str(bad)


def test_not_a_dump_and_no_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    assert read_until_error(empty)[0] == []
    with pytest.raises(DumpError, match="cannot open dump"):
        list(read_dump(tmp_path / "absent.xml.bz2"))


def write_index(path: Path, lines: list[str]) -> Path:
    path.write_bytes(bz2.compress("".join(lines).encode("utf-8")))
    return path


def index_lines(dumps_dir: Path) -> list[str]:
    return (
        bz2.decompress((dumps_dir / "small-multistream-index.txt.bz2").read_bytes())
        .decode()
        .splitlines(True)
    )


def test_wrong_index_offsets_are_reported(dumps_dir: Path, tmp_path: Path) -> None:
    shifted = [
        f"{int(o) + 7}:{rest}"
        for o, rest in (line.split(":", 1) for line in index_lines(dumps_dir))
    ]
    index = write_index(tmp_path / "shifted-index.txt.bz2", shifted)
    with pytest.raises(DumpIndexError, match="no bz2 stream starts here") as caught:
        read_page(multistream(dumps_dir), "AC/DC", index=index)
    assert "is " + str(index) + " the index of this dump?" in str(caught.value)


def test_index_of_another_stream_is_reported(dumps_dir: Path, tmp_path: Path) -> None:
    lines = index_lines(dumps_dir)
    first_offset = lines[0].split(":")[0]
    swapped = [
        line.replace(line.split(":")[0], first_offset, 1) if "AC/DC" in line else line
        for line in lines
    ]
    index = write_index(tmp_path / "swapped-index.txt.bz2", swapped)
    with pytest.raises(DumpIndexError, match=r"which holds 'production' … 'colour'"):
        read_page(multistream(dumps_dir), "AC/DC", index=index)


def test_malformed_index_line_is_named(dumps_dir: Path, tmp_path: Path) -> None:
    lines = index_lines(dumps_dir)
    lines[4] = "garbage without colons\n"
    index = write_index(tmp_path / "bad-index.txt.bz2", lines)
    with pytest.raises(DumpIndexError, match="index line 5") as caught:
        MultistreamIndex.load(index)
    assert caught.value.line == 5 and caught.value.path == str(index)


def test_index_past_the_end_of_the_dump(dumps_dir: Path, tmp_path: Path) -> None:
    index = write_index(tmp_path / "far-index.txt.bz2", ["999999:1:far away\n"])
    with pytest.raises(DumpIndexError, match="past the end"):
        read_page(multistream(dumps_dir), "far away", index=index)
    with pytest.raises(DumpIndexError, match="past the end"):
        plan_shards(multistream(dumps_dir), 2, index=index)


def test_corrupt_stream_in_a_shard_costs_its_pages(dumps_dir: Path, tmp_path: Path) -> None:
    data = bytearray(multistream(dumps_dir).read_bytes())
    offsets = MultistreamIndex.load(dumps_dir / "small-multistream-index.txt.bz2").stream_offsets()
    for i in range(offsets[2] + 20, offsets[2] + 60):
        data[i] ^= 0xFF
    bad = tmp_path / "bad-multistream.xml.bz2"
    bad.write_bytes(bytes(data))
    index = tmp_path / "bad-multistream-index.txt.bz2"
    index.write_bytes((dumps_dir / "small-multistream-index.txt.bz2").read_bytes())
    diagnostics: list[Diagnostic] = []
    titles = [
        p.title
        for shard in plan_shards(bad, 1)
        for p in read_shard(shard, namespaces=None, on_diagnostic=diagnostics.append)
    ]
    lost = ["naïve", "AC/DC", "suppressed"]
    assert titles == [t for t, *_ in SMALL if t not in lost]
    assert [d.page for d in diagnostics] == lost
    assert f"damaged bz2 stream at byte {offsets[2]}" in diagnostics[0].message


def test_truncated_multistream_keeps_complete_streams(dumps_dir: Path, tmp_path: Path) -> None:
    data = multistream(dumps_dir).read_bytes()
    offsets = MultistreamIndex.load(dumps_dir / "small-multistream-index.txt.bz2").stream_offsets()
    cut = tmp_path / "cut.xml.bz2"
    cut.write_bytes(data[: offsets[3] + 30])
    titles, error = read_until_error(cut)
    assert titles == [t for t, *_ in SMALL][:8]
    assert error.last_title == "AC/DC"


def test_gzip_fixture_is_gzip(dumps_dir: Path) -> None:
    assert (
        gzip.decompress((dumps_dir / "small.xml.gz").read_bytes())
        == (dumps_dir / "small.xml").read_bytes()
    )
