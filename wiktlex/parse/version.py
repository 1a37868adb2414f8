"""The parser version stored with every parsed page: a refresh re-parses a page whose
stored version differs from the running one.

It is derived from the parser's code and data (`wiktlex/parse/**`, `model.py`) and the
installed mwparserfromhell (whose tokenizer it builds on) rather than a number someone
must remember to bump: any change to what parsing can produce
re-parses existing lexicons on their next refresh, and nothing else does.

Hashing the parser's files takes a few milliseconds, so it happens once, on first use
(`current()`, which is `wiktlex.PARSER_VERSION`), never at `import wiktlex`: a parse
worker that is handed the version by its driver never computes it.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


@functools.cache
def current() -> str:
    """The running parser's version, computed on first use and kept."""
    from wiktlex import __version__

    return parser_version(__version__)


def parser_version(package_version: str, package: Path = _PACKAGE) -> str:
    """`0.1.0+<12 hex digits>`, or just the package version where the sources cannot be
    read (a zipped install)."""
    try:
        files = sorted(
            [*(package / "parse").rglob("*.py"), *(package / "parse").rglob("*.json"),
             package / "model.py"]
        )
        digest = hashlib.sha1(_tokenizer_version().encode("utf-8"))
        for path in files:
            digest.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
            digest.update(path.read_bytes().replace(b"\r\n", b"\n"))  # checkout line endings
    except OSError:
        return package_version
    if not files:
        return package_version
    return f"{package_version}+{digest.hexdigest()[:12]}"


def _tokenizer_version() -> str:
    try:
        return f"mwparserfromhell {metadata.version('mwparserfromhell')}"
    except metadata.PackageNotFoundError:
        return "mwparserfromhell"
