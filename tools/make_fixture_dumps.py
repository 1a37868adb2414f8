"""Regenerate the compressed fixture dumps from `fixtures/dumps/small.xml`.

Writes, beside it: `small.xml.bz2` (one bz2 stream), `small.xml.gz`, and
`small-multistream.xml.bz2` with `small-multistream-index.txt.bz2`, laid out like
Wikimedia's multistream dumps (a header stream, streams of PAGES_PER_STREAM pages, a
trailer stream; index lines `offset:pageid:title`). The output is byte-for-byte
reproducible, so `--check` can tell whether the committed files are up to date.

    python tools/make_fixture_dumps.py [--check]
"""

from __future__ import annotations

import bz2
import gzip
import io
import re
import sys
from html import unescape
from pathlib import Path

DUMPS = Path(__file__).resolve().parent.parent / "fixtures" / "dumps"
PAGES_PER_STREAM = 3
_PAGE = re.compile(rb"  <page>\n.*?  </page>\n", re.DOTALL)
_TITLE = re.compile(rb"<title>(.*?)</title>")
_ID = re.compile(rb"<id>(\d+)</id>")


def split_dump(xml: bytes) -> tuple[bytes, list[bytes], bytes]:
    """(header up to </siteinfo>, page elements, trailer)."""
    pages = _PAGE.findall(xml)
    first = xml.index(pages[0])
    last = xml.rindex(pages[-1]) + len(pages[-1])
    return xml[:first], pages, xml[last:]


def multistream(xml: bytes, per_stream: int = PAGES_PER_STREAM) -> tuple[bytes, bytes]:
    """(dump bytes, index text) of a multistream dump of `xml`."""
    header, pages, trailer = split_dump(xml)
    out = io.BytesIO()
    out.write(bz2.compress(header))
    index: list[str] = []
    for start in range(0, len(pages), per_stream):
        group = pages[start : start + per_stream]
        offset = out.tell()
        for page in group:
            title = unescape(_TITLE.search(page).group(1).decode("utf-8"))  # type: ignore[union-attr]
            pageid = _ID.search(page).group(1).decode()  # type: ignore[union-attr]
            index.append(f"{offset}:{pageid}:{title}\n")
        out.write(bz2.compress(b"".join(group)))
    out.write(bz2.compress(trailer))
    return out.getvalue(), "".join(index)


def outputs(source: Path) -> dict[Path, bytes]:
    xml = source.read_bytes()
    dump, index = multistream(xml)
    gz = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=gz, mtime=0) as handle:
        handle.write(xml)
    return {
        source.with_name("small.xml.bz2"): bz2.compress(xml),
        source.with_name("small.xml.gz"): gz.getvalue(),
        source.with_name("small-multistream.xml.bz2"): dump,
        source.with_name("small-multistream-index.txt.bz2"): bz2.compress(index.encode("utf-8")),
    }


def main(argv: list[str]) -> int:
    stale = []
    for path, data in outputs(DUMPS / "small.xml").items():
        if "--check" in argv:
            if not path.exists() or path.read_bytes() != data:
                stale.append(path.name)
        else:
            path.write_bytes(data)
            print(f"wrote {path} ({len(data)} bytes)")
    if stale:
        print("out of date: " + ", ".join(stale) + " (run tools/make_fixture_dumps.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
