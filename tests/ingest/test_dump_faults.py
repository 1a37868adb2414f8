"""Damaged dumps: every page a reader can recover is read, every page lost is named.

Each test checks the reader against an independent recovery written here: the
decompressed bytes any reader can get (bz2 streams decoded one by one with the standard
library, the damaged one dropped), split on `<page>` and parsed page by page with
`xml.etree.ElementTree` (not lxml, which the reader uses).
"""

from __future__ import annotations

import bz2
import functools
import random
import re
from pathlib import Path

import pytest
from support import decodable, recoverable

from wiktlex.ingest.dump import read_dump
from wiktlex.ingest.errors import DumpError
from wiktlex.ingest.multistream import plan_shards, read_shard
from wiktlex.model import Diagnostic, RawPage

HEADER = (
    b'<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10">\n'
    b"  <siteinfo><sitename>Wiktionary</sitename><namespaces>"
    b'<namespace key="0" /><namespace key="4">Wiktionary</namespace></namespaces></siteinfo>\n'
)
TRAILER = b"</mediawiki>\n"


def page_xml(i: int, text: str) -> bytes:
    return (
        f"  <page>\n    <title>page{i:04d}</title>\n    <ns>0</ns>\n    <id>{i + 1}</id>\n"
        f"    <revision><id>{1000 + i}</id><timestamp>2020-01-01T00:00:00Z</timestamp>"
        f'<text xml:space="preserve">{text}</text></revision>\n  </page>\n'
    ).encode()


@functools.cache
def pages_xml(count: int = 600) -> tuple[bytes, ...]:
    """Pages with random text, so the bz2 streams are not tiny."""
    rng = random.Random(17)
    return tuple(
        page_xml(i, "".join(rng.choices("abcdefghijklmnopqrstuvwxyz \n", k=300)))
        for i in range(count)
    )


def multistream(per_stream: int = 50) -> tuple[list[bytes], list[bytes], str]:
    """(compressed streams, their XML, index text) laid out like Wikimedia's multistream."""
    pages = pages_xml()
    xml_parts = [HEADER]
    xml_parts += [b"".join(pages[i : i + per_stream]) for i in range(0, len(pages), per_stream)]
    xml_parts.append(TRAILER)
    streams = [bz2.compress(part, compresslevel=9) for part in xml_parts]
    index, offset = [], len(streams[0])
    for number, part in enumerate(xml_parts[1:-1], 1):
        for title in re.findall(rb"<title>(.*?)</title>", part):
            page_id = int(title[4:]) + 1
            index.append(f"{offset}:{page_id}:{title.decode()}\n")
        offset += len(streams[number])
    return streams, xml_parts, "".join(index)


def write(tmp_path: Path, name: str, data: bytes, index: str | None = None) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    if index is not None:
        stem = name.removesuffix(".xml.bz2")
        (tmp_path / f"{stem}-index.txt.bz2").write_bytes(bz2.compress(index.encode()))
    return path


def read_all(path: Path) -> tuple[list[RawPage], list[Diagnostic], DumpError | None]:
    pages: list[RawPage] = []
    diagnostics: list[Diagnostic] = []
    try:
        for page in read_dump(path, namespaces=None, on_diagnostic=diagnostics.append):
            pages.append(page)
    except DumpError as exc:
        return pages, diagnostics, exc
    return pages, diagnostics, None


def flip(data: bytes, at: int, mask: int = 0x10) -> bytes:
    damaged = bytearray(data)
    damaged[at] ^= mask
    return bytes(damaged)


# -- plain XML: a malformed page costs that page -----------------------------------------


def replace_in_page(xml: bytes, number: int, old: bytes, new: bytes) -> bytes:
    start = xml.index(f"<title>page{number:04d}</title>".encode())
    end = xml.index(b"</page>", start) + len(b"</page>")
    return xml[:start] + xml[start:end].replace(old, new, 1) + xml[end:]


DAMAGES = {
    "misspelt end tag": (b"</title>", b"</titel>"),
    "unclosed revision": (b"</revision>", b""),
    "unclosed page": (b"</page>", b""),
    "invalid UTF-8": (b"abc", b"a\xff\xfec"),
    "stray ampersand": (b"<text", b"<comment>a & b</comment><text"),
    "no text": (b"<text", b"<txt"),
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_one_broken_page_costs_that_page_only(tmp_path: Path, damage: str) -> None:
    old, new = DAMAGES[damage]
    body = b"".join(pages_xml()[:40])
    if old == b"abc":
        old = re.search(rb"<text[^>]*>(...)", body[body.index(b"page0007") :]).group(1)  # type: ignore[union-attr]
    xml = HEADER + replace_in_page(body, 7, old, new) + TRAILER
    pages, diagnostics, error = read_all(write(tmp_path, "dump.xml", xml))
    expected = recoverable(xml)
    assert [p.title for p in pages] == expected
    assert len(expected) == 39 and "page0007" not in expected
    assert error is None
    assert [d.page for d in diagnostics] == ["page0007"]
    assert diagnostics[0].severity == "error"


def test_invalid_utf8_is_named(tmp_path: Path) -> None:
    xml = HEADER + b"".join(pages_xml()[:3]).replace(b"page0001</title>", b"page0001\xc3</title>")
    pages, diagnostics, _ = read_all(write(tmp_path, "dump.xml", xml + TRAILER))
    assert [p.title for p in pages] == ["page0000", "page0002"]
    assert "not valid UTF-8 (byte 0xc3" in diagnostics[0].message


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (b"<ns>0</ns>", b"<ns>main</ns>", "<ns> is not a number: 'main'"),
        (b"<id>8</id>", b"<id>12x</id>", "page <id> is not a number: '12x'"),
        (b"<id>1007</id>", b"<id>1007?</id>", "revision <id> is not a number"),
    ],
)
def test_unreadable_numbers_keep_the_page(
    tmp_path: Path, old: bytes, new: bytes, problem: str
) -> None:
    body = b"".join(pages_xml()[:20])
    xml = HEADER + replace_in_page(body, 7, old, new) + TRAILER
    pages, diagnostics, error = read_all(write(tmp_path, "dump.xml", xml))
    assert [p.title for p in pages] == recoverable(xml) == [f"page{i:04d}" for i in range(20)]
    assert error is None
    assert [(d.page, d.severity) for d in diagnostics] == [("page0007", "warning")]
    assert problem in diagnostics[0].message
    page7 = pages[7]
    assert page7.ns == 0 and page7.text  # the namespace from the title, the text kept


def test_data_outside_pages_is_reported(tmp_path: Path) -> None:
    body = b"".join(pages_xml()[:5])
    broken = body.replace(b"<page>\n    <title>page0002", b"<pgae>\n    <title>page0002")
    pages, diagnostics, _ = read_all(write(tmp_path, "dump.xml", HEADER + broken + TRAILER))
    assert [p.title for p in pages] == ["page0000", "page0001", "page0003", "page0004"]
    assert [d.page for d in diagnostics] == ["page0002"]
    assert "outside any <page>" in diagnostics[0].message


@pytest.mark.parametrize("seed", range(12))
def test_a_flipped_byte_in_plain_xml(tmp_path: Path, seed: int) -> None:
    xml = HEADER + b"".join(pages_xml()[:30]) + TRAILER
    rng = random.Random(seed)
    at = rng.randrange(len(HEADER), len(xml) - len(TRAILER))
    damaged = flip(xml, at, rng.choice([0x01, 0x20, 0x40, 0x80]))
    pages, diagnostics, _ = read_all(write(tmp_path, "dump.xml", damaged))
    expected = recoverable(damaged)
    assert [p.title for p in pages] == expected
    lost = {f"page{i:04d}" for i in range(30)} - {p.title for p in pages}
    named = {d.page for d in diagnostics}
    assert lost <= named or any("untitled" in n or "between" in n for n in named)


@pytest.mark.parametrize("fraction", [0.1, 0.33, 0.5, 0.77, 0.99])
def test_plain_xml_cut_anywhere(tmp_path: Path, fraction: float) -> None:
    xml = HEADER + b"".join(pages_xml()[:50]) + TRAILER
    cut = xml[: int(len(xml) * fraction)]
    pages, _, error = read_all(write(tmp_path, "cut.xml", cut))
    assert [p.title for p in pages] == recoverable(cut)
    assert error is not None and error.last_title == pages[-1].title
    assert "ends inside page" in str(error) or "without </mediawiki>" in str(error)


def test_cut_between_pages_is_still_a_truncation(tmp_path: Path) -> None:
    xml = HEADER + b"".join(pages_xml()[:10])
    pages, _, error = read_all(write(tmp_path, "cut.xml", xml))
    assert len(pages) == 10
    assert error is not None and "without </mediawiki>" in str(error)


# -- multistream bz2: a damaged stream costs its pages ---------------------------------


@pytest.mark.parametrize("stream", [1, 4, 7, 12])
def test_damaged_stream_is_skipped_and_its_pages_named(tmp_path: Path, stream: int) -> None:
    streams, _, index = multistream()
    middle = sum(map(len, streams[:stream])) + len(streams[stream]) // 2
    data = flip(b"".join(streams), middle)
    path = write(tmp_path, "wiki-multistream.xml.bz2", data, index)
    pages, diagnostics, error = read_all(path)
    decoded = [decodable(s) for s in streams]
    decoded[stream] = decodable(data[middle - len(streams[stream]) // 2 :][: len(streams[stream])])
    assert decoded[stream] is None  # the standard library cannot read it either
    expected = recoverable(b"".join(d for d in decoded if d is not None))
    assert [p.title for p in pages] == expected and len(expected) == 550
    assert error is None
    held = re.findall(r"page\d{4}", streams_titles(index, stream))
    assert [d.page for d in diagnostics] == held and len(held) == 50
    assert (
        f"damaged bz2 stream at byte {middle - len(streams[stream]) // 2}" in diagnostics[0].message
    )


def streams_titles(index: str, stream: int) -> str:
    offsets = sorted({int(line.split(":")[0]) for line in index.splitlines()})
    return " ".join(
        line.split(":")[2]
        for line in index.splitlines()
        if int(line.split(":")[0]) == offsets[stream - 1]
    )


def test_damaged_stream_without_index_is_reported_as_one(tmp_path: Path) -> None:
    streams, _, _ = multistream()
    start = sum(map(len, streams[:3]))
    data = flip(b"".join(streams), start + 200)
    pages, diagnostics, error = read_all(write(tmp_path, "noindex.xml.bz2", data))
    assert len(pages) == 550 and error is None
    assert [d.page for d in diagnostics] == [f"(pages of the bz2 stream at byte {start})"]


def test_two_damaged_streams_and_a_damaged_header(tmp_path: Path) -> None:
    streams, _, index = multistream()
    starts = [sum(map(len, streams[:k])) for k in range(len(streams))]
    data = flip(flip(b"".join(streams), starts[2] + 100), starts[9] + 1)  # stream 9: its header
    pages, diagnostics, error = read_all(write(tmp_path, "w-multistream.xml.bz2", data, index))
    assert len(pages) == 500 and error is None
    assert len(diagnostics) == 100


@pytest.mark.parametrize("fraction", [0.2, 0.5, 0.9])
def test_multistream_cut_keeps_every_complete_stream(tmp_path: Path, fraction: float) -> None:
    streams, _, index = multistream()
    data = b"".join(streams)
    cut = data[: int(len(data) * fraction)]
    pages, _, error = read_all(write(tmp_path, "c-multistream.xml.bz2", cut, index))
    whole, pos = [], 0
    for stream in streams:
        if pos + len(stream) <= len(cut):
            whole.append(bz2.decompress(stream))
        else:
            whole.append(bz2.BZ2Decompressor().decompress(cut[pos:]))
            break
        pos += len(stream)
    assert [p.title for p in pages] == recoverable(b"".join(whole))
    assert error is not None
    assert "ended before the end-of-stream marker" in str(error) or "ends inside" in str(error)


def test_streams_not_aligned_on_pages(tmp_path: Path) -> None:
    """pbzip2-style streams cut anywhere: the pages spanning the damaged one are lost, named."""
    xml = HEADER + b"".join(pages_xml()) + TRAILER
    parts = [xml[i : i + 20_000] for i in range(0, len(xml), 20_000)]
    streams = [bz2.compress(p) for p in parts]
    damaged = 5
    data = flip(b"".join(streams), sum(map(len, streams[:damaged])) + 300)
    pages, diagnostics, error = read_all(write(tmp_path, "p.xml.bz2", data))
    expected = recoverable(b"".join(p for k, p in enumerate(parts) if k != damaged))
    assert [p.title for p in pages] == expected
    assert error is None and len(pages) < 600
    lost = {f"page{i:04d}" for i in range(600)} - {p.title for p in pages}
    inside = set(re.findall(r"page\d{4}", parts[damaged].decode()))
    named = {d.page for d in diagnostics}
    assert lost and lost <= named | inside
    assert any(n.startswith("(pages of the bz2 stream at byte") for n in named)


# -- an index that disagrees with its dump -----------------------------------------------


def shifted(index: str, by: int) -> str:
    return "".join(
        f"{int(o) + by}:{rest}" for o, rest in (ln.split(":", 1) for ln in index.splitlines(True))
    )


@pytest.mark.parametrize("by", [7, -7, 1000])
@pytest.mark.parametrize("count", [1, 2, 3, 5])
def test_shards_of_a_shifted_index_read_every_page_once(
    tmp_path: Path, by: int, count: int
) -> None:
    streams, _, index = multistream()
    path = write(tmp_path, "s-multistream.xml.bz2", b"".join(streams), shifted(index, by))
    shards = plan_shards(path, count)
    titles = [p.title for s in shards for p in read_shard(s, namespaces=None)]
    assert titles == [f"page{i:04d}" for i in range(600)]
    assert [p.title for p in read_dump(path, namespaces=None)] == titles


@pytest.mark.parametrize("count", [1, 3, 6])
def test_shards_skip_a_damaged_stream_once(tmp_path: Path, count: int) -> None:
    streams, _, index = multistream()
    start = sum(map(len, streams[:5]))
    data = flip(b"".join(streams), start + 1)  # the stream header itself
    path = write(tmp_path, "d-multistream.xml.bz2", data, index)
    diagnostics: list[Diagnostic] = []
    shards = plan_shards(path, count)
    titles = [
        p.title
        for s in shards
        for p in read_shard(s, namespaces=None, on_diagnostic=diagnostics.append)
    ]
    lost = [f"page{i:04d}" for i in range(200, 250)]
    assert titles == [f"page{i:04d}" for i in range(600) if f"page{i:04d}" not in lost]
    assert [d.page for d in diagnostics] == lost


def test_damage_with_a_shifted_index_resumes_by_scanning(tmp_path: Path) -> None:
    streams, _, index = multistream()
    start = sum(map(len, streams[:3]))
    data = flip(b"".join(streams), start + 500)
    path = write(tmp_path, "x-multistream.xml.bz2", data, shifted(index, 7))
    pages, diagnostics, error = read_all(path)
    assert len(pages) == 550 and error is None
    assert [d.page for d in diagnostics] == [f"(pages of the bz2 stream at byte {start})"]


# -- the real 2015 multistream sample --------------------------------------------------


def test_real_multistream_with_one_flipped_bit(corpus: Path, tmp_path: Path) -> None:
    dump = (
        corpus
        / "dumps"
        / "dkpro-jwktl"
        / "enwiktionary-20150224-pages-articles-multistream.xml.bz2"
    )
    index = dump.with_name("enwiktionary-20150224-pages-articles-multistream-index.txt.bz2")
    data = dump.read_bytes()
    lines = bz2.decompress(index.read_bytes()).decode().splitlines()
    offsets = sorted({int(line.split(":")[0]) for line in lines})
    damaged = offsets[1]
    bad = write(tmp_path, "enwiktionary-multistream.xml.bz2", flip(data, damaged + 5000, 0x04))
    (tmp_path / "enwiktionary-multistream-index.txt.bz2").write_bytes(index.read_bytes())
    pages, diagnostics, error = read_all(bad)
    good = list(read_dump(dump, namespaces=None))
    held = [line.split(":", 2)[2] for line in lines if int(line.split(":")[0]) == damaged]
    assert error is None and held
    assert [p.title for p in pages] == [p.title for p in good if p.title not in held]
    assert {d.page for d in diagnostics} == set(held)
