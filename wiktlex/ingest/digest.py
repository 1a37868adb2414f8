"""sha1 of page text, the one check that a text arrived as its source wrote it.

Dumps give the revision's sha1 in base 36, the API in hex; both are the sha1 of the
UTF-8 text. A text that does not match is damaged (or changed after the sha1 was
computed) and is never stored as good.
"""

from __future__ import annotations

import hashlib


def text_sha1(text: str) -> str | None:
    """Hex sha1 of the UTF-8 text (None for text no UTF-8 can carry: lone surrogates)."""
    try:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()
    except UnicodeEncodeError:
        return None


def sha1_base36_to_hex(value: str | None) -> str | None:
    """Dumps write sha1 in base 36, the API in hex; the store compares hex only."""
    if not value:
        return None
    try:
        return f"{int(value, 36):040x}"
    except ValueError:
        return None
