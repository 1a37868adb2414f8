"""Copy fixtures/pages/{production,release}.wikitext into the demo dump's matching pages.

The comparer's golden sentences come from the fixture pages; `make run` refreshes the
demo dump. One source of truth keeps the two from drifting (tests/test_demo_dump.py
checks they agree). Run after editing either fixture page.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DUMP = ROOT / "fixtures" / "dumps" / "demo-pages-articles.xml"
SYNCED = ("production", "release")


def sha1_base36(text: str) -> str:
    """MediaWiki's <sha1>: base-36 of the SHA-1 of the UTF-8 text, 31 characters."""
    number = int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest(), "big")
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out.rjust(31, "0")


def replace_page_text(xml: str, title: str, text: str) -> str:
    pattern = re.compile(
        rf"(<title>{re.escape(title)}</title>.*?<text bytes=\")\d+(\"[^>]*>).*?(</text>\s*<sha1>)[^<]*(</sha1>)",
        re.S,
    )
    size = len(text.encode("utf-8"))
    replacement = rf"\g<1>{size}\g<2>{html.escape(text, quote=False)}\g<3>{sha1_base36(text)}\g<4>"
    new, count = pattern.subn(lambda m: m.expand(replacement), xml, count=1)
    if count != 1:
        raise SystemExit(f"page {title!r} not found in {DUMP}")
    return new


def main() -> None:
    xml = DUMP.read_text(encoding="utf-8")
    for title in SYNCED:
        text = (ROOT / "fixtures" / "pages" / f"{title}.wikitext").read_text(encoding="utf-8")
        xml = replace_page_text(xml, title, text.rstrip("\n"))
    DUMP.write_text(xml, encoding="utf-8")
    print(f"synced {', '.join(SYNCED)} into {DUMP.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
