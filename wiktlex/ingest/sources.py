"""What a source of pages is: the one place that decides what a path or `api` means.

`open_source(spec)` looks once and returns an object the rest of the run is handed:

- `api` (the word): the MediaWiki API, fetched into the raw store (`ApiSource`);
- a directory: every `*.wikitext` file under it, subfolders included, in path order
  (`DirectorySource`). Hidden files and folders (`.git`, editor swap files) are not part
  of it, nor are a page's companions (`NAME.expected.json`, `NAME.meta.json` beside
  `NAME.wikitext`: the fixtures layout). Any other file is named in a diagnostic, never
  skipped silently, and so is a page that is not UTF-8;
- a file named `*.wikitext`: that one page; not UTF-8, it is a SourceError (`FileSource`);
- any other file that holds an XML dump, plain or gzip or bzip2 (sniffed from its first
  bytes, as the dump reader does): `DumpSource`, of kind `multistream` when the index
  (`…-index.txt.bz2`) lies beside it, which lets workers read byte ranges of their own.

Anything else is a SourceError with one line saying what a source may be. The title of a
page file is its name through the project's one codec (`ingest.files`: `%2F` is `/`,
`%25` is `%`), so `wiktlex parse DIR` and `wiktlex refresh --source DIR` read the same
pages under the same titles.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from wiktlex.ingest.api import DEFAULT_API_URL, ApiFetcher
from wiktlex.ingest.dump import MAIN_NAMESPACE, OnDiagnostic, read_dump
from wiktlex.ingest.errors import IngestError
from wiktlex.ingest.files import SUFFIX, read_file, title_from_filename
from wiktlex.ingest.multistream import find_index
from wiktlex.ingest.retry import RetryPolicy
from wiktlex.ingest.sync import LAST
from wiktlex.model import Diagnostic, RawPage

log = logging.getLogger(__name__)

API = "api"
#: Files that belong to the page `NAME.wikitext` beside them (the fixtures layout).
COMPANIONS = (".expected.json", ".meta.json")
_WHAT_A_SOURCE_IS = (
    "a source is a directory of .wikitext pages, a .wikitext file, an XML dump "
    "(plain, .gz or .bz2) or 'api'"
)


class SourceError(IngestError):
    """The spec names no usable source; the message is one line for the user."""


class SourceNotFound(SourceError):
    """Nothing at the given path."""

    def __init__(self, path: str) -> None:
        super().__init__(f"source not found: {path}")
        self.path = path


@dataclass(frozen=True)
class ApiOptions:
    """Where and since when the API source fetches (LAST: the store's last API refresh),
    and how many seconds one request may keep being retried (`RetryPolicy.patience`;
    None: the policy's default)."""

    url: str = DEFAULT_API_URL
    since: str = LAST
    contact: str | None = None
    patience: float | None = None


@dataclass(frozen=True)
class ApiSource:
    """The MediaWiki API: changes since a time, fetched into the raw store."""

    options: ApiOptions
    kind = "api"

    @property
    def key(self) -> str:
        return self.options.url

    def fetcher(self) -> ApiFetcher:
        patience = self.options.patience
        retry = RetryPolicy(patience=patience) if patience is not None else None
        return ApiFetcher(self.options.url, contact=self.options.contact, retry=retry)


@dataclass(frozen=True)
class DirectorySource:
    """Every `*.wikitext` page under a directory (see the module docstring for the rule)."""

    path: Path
    kind = "dir"

    @property
    def key(self) -> str:
        """The raw store's name for this source in its refresh log."""
        return f"dir:{self.path.resolve()}"

    def files(self) -> tuple[list[Path], list[Path]]:
        """(page files, other files) under the directory, each sorted by path."""
        pages: list[Path] = []
        others: list[Path] = []
        for folder, dirs, names in os.walk(self.path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in names:
                if name.startswith("."):
                    continue
                path = Path(folder, name)
                if name.endswith(SUFFIX):
                    pages.append(path)
                elif not _companion(path):
                    others.append(path)
        return sorted(pages), sorted(others)

    def pages(
        self, on_diagnostic: OnDiagnostic | None = None, namespaces: Collection[int] | None = None
    ) -> Iterator[RawPage]:
        """The pages in path order (of `namespaces` only, when given); an unreadable page or
        a non-page file is one diagnostic."""
        pages, others = self.files()
        for other in others:
            shown = other.relative_to(self.path).as_posix()
            _skipped(shown, f"{other}: not a page (pages are *{SUFFIX} files)", "warning", on_diagnostic)
        for path in pages:
            try:
                page = read_file(path)
            except (OSError, UnicodeDecodeError) as exc:
                _skipped(title_from_filename(path.name), f"{path}: {_why(exc)}", "error", on_diagnostic)
                continue
            if namespaces is None or page.ns in namespaces:
                yield page


@dataclass(frozen=True)
class FileSource:
    """One `.wikitext` page."""

    path: Path
    kind = "file"

    @property
    def key(self) -> str:
        return f"file:{self.path.resolve()}"

    def pages(
        self, on_diagnostic: OnDiagnostic | None = None, namespaces: Collection[int] | None = None
    ) -> Iterator[RawPage]:
        try:
            page = read_file(self.path)
        except (OSError, UnicodeDecodeError) as exc:
            raise SourceError(f"{self.path}: {_why(exc)}") from None
        if namespaces is None or page.ns in namespaces:
            yield page


@dataclass(frozen=True)
class DumpSource:
    """An XML dump; `index` is set for a multistream dump with its index beside it."""

    path: Path
    index: Path | None = None

    @property
    def kind(self) -> str:
        return "multistream" if self.index is not None else "dump"

    @property
    def key(self) -> str:
        return f"dump:{self.path.resolve()}"

    def pages(
        self, on_diagnostic: OnDiagnostic | None = None, namespaces: Collection[int] | None = None
    ) -> Iterator[RawPage]:
        """The pages of `namespaces` (default: the main one) in file order; a page without
        text is a diagnostic, a fault in the file a DumpError after every page before it."""
        return read_dump(self.path, namespaces=namespaces or MAIN_NAMESPACE, on_diagnostic=on_diagnostic)


PageSource = DirectorySource | FileSource | DumpSource
Source = PageSource | ApiSource


def open_source(spec: str | os.PathLike[str], *, api: ApiOptions | None = None) -> Source:
    """The source `spec` names (see the module docstring); SourceError if it names none."""
    if isinstance(spec, str) and spec == API:
        return ApiSource(api or ApiOptions())
    text = os.fspath(spec)
    if text.startswith(("http://", "https://")):
        raise SourceError(f"not a source: {text} (for a wiki's API give 'api' and its URL apart)")
    path = Path(text)
    if not path.exists():
        raise SourceNotFound(text)
    if path.is_dir():
        return DirectorySource(path)
    if path.name.endswith(SUFFIX):
        return FileSource(path)
    if _holds_a_dump(path):
        return DumpSource(path, find_index(path))
    raise SourceError(f"not a source: {text} ({_WHAT_A_SOURCE_IS})")


def open_page_source(spec: str | os.PathLike[str]) -> PageSource:
    """A source that yields pages itself (not the API); SourceError otherwise."""
    source = open_source(spec)
    if isinstance(source, ApiSource):
        raise SourceError("'api' is fetched into a raw store: use `wiktlex fetch` or `wiktlex refresh`")
    return source


def _holds_a_dump(path: Path) -> bool:
    """Compressed (bzip2, gzip), or XML after an optional byte-order mark and blanks."""
    try:
        with path.open("rb") as handle:
            head = handle.read(512)
    except OSError as exc:
        raise SourceError(f"cannot read {path}: {exc.strerror}") from None
    if head.startswith((b"BZh", b"\x1f\x8b")):
        return True
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<")


def _companion(path: Path) -> bool:
    """Whether `path` is `NAME.expected.json` or `NAME.meta.json` beside `NAME.wikitext`."""
    name = path.name
    for suffix in COMPANIONS:
        if name.endswith(suffix):
            return path.with_name(name.removesuffix(suffix) + SUFFIX).exists()
    return False


def _skipped(page: str, message: str, severity: str, on_diagnostic: OnDiagnostic | None) -> None:
    """What the directory reader could not take: one diagnostic (or a log line)."""
    diagnostic = Diagnostic(page=page, message=message, section="source", severity=severity)
    if on_diagnostic is not None:
        on_diagnostic(diagnostic)
    else:
        log.warning("skipped %s: %s", page, message)


def _why(exc: OSError | UnicodeDecodeError) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 ({exc.reason} at byte {exc.start})"
    return exc.strerror or str(exc)

