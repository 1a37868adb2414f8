"""Pages from `.wikitext` files: how parser developers feed fixture pages.

The file name is the title, escaped the way the corpus and `fixtures/pages/` do it:
`/` is written `%2F` and `%` is written `%25`, nothing else changes (spaces, apostrophes
and Unicode stay). The text is taken byte for byte, so a fixture is exactly a page.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from wiktlex.ingest.digest import text_sha1
from wiktlex.ingest.dump import OnDiagnostic, redirect_from_text, report_skipped
from wiktlex.ingest.namespaces import NamespaceMap, english_wiktionary
from wiktlex.model import RawPage

SUFFIX = ".wikitext"
_ESCAPED = re.compile(r"%(2F|25)", re.IGNORECASE)
_UNESCAPE = {"2f": "/", "25": "%"}


# The one title <-> file name codec of the project: `wiktlex parse`, directory sources and
# the fixtures tool all name pages through these four functions.


def title_from_stem(stem: str) -> str:
    """`Appendix:Lojban%2Fbongu` -> `Appendix:Lojban/bongu` (one pass: `%252F` -> `%2F`).

    Only `%2F` and `%25` are escapes; any other `%XX` is part of the title as written.
    """
    return _ESCAPED.sub(lambda m: _UNESCAPE[m.group(1).lower()], stem)


def stem_for_title(title: str) -> str:
    """The inverse of `title_from_stem`: `%` and `/` escaped, so any title is one file name."""
    return title.replace("%", "%25").replace("/", "%2F")


def title_from_filename(name: str) -> str:
    """`Appendix:Lojban%2Fbongu.wikitext` -> `Appendix:Lojban/bongu`."""
    return title_from_stem(name.removesuffix(SUFFIX))


def filename_for_title(title: str) -> str:
    """The inverse of `title_from_filename`."""
    return stem_for_title(title) + SUFFIX


def read_file(
    path: str | os.PathLike[str],
    *,
    title: str | None = None,
    namespaces: NamespaceMap | None = None,
) -> RawPage:
    """One file as a RawPage; UnicodeDecodeError if it is not UTF-8."""
    path = Path(path)
    text = path.read_bytes().decode("utf-8")
    title = title or title_from_filename(path.name)
    ns_map = namespaces or english_wiktionary()
    return RawPage(
        title=title,
        text=text,
        ns=ns_map.ns_of(title),
        sha1=text_sha1(text),
        redirect_to=redirect_from_text(text),
    )


def _expand(paths: Iterable[Path], recursive: bool) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            pattern = f"**/*{SUFFIX}" if recursive else f"*{SUFFIX}"
            yield from sorted(p for p in path.glob(pattern) if p.is_file())
        else:
            yield path


def read_files(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    recursive: bool = False,
    on_diagnostic: OnDiagnostic | None = None,
) -> Iterator[RawPage]:
    """Pages of `.wikitext` files and of directories of them (sorted by file name).

    A file that cannot be read or is not UTF-8 is one diagnostic; the others still come.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    for path in _expand((Path(p) for p in paths), recursive):
        try:
            yield read_file(path)
        except (OSError, UnicodeDecodeError) as exc:
            report_skipped(title_from_filename(path.name), f"{path}: {exc}", on_diagnostic)
