"""`wiktlex parse` and `wiktlex stats PATHS`: pages of files, directories or dumps, parsed.

Every path is opened as a source (`ingest.sources.open_source`) before anything is
written, so a bad argument is one error and no output. A directory is read exactly as
`wiktlex refresh --source DIR` reads it; what its reader cannot take (a file that is
not a page, a page that is not UTF-8) is a diagnostic beside the parser's.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

import msgspec

from wiktlex.export import storage
from wiktlex.ingest.dump import OnDiagnostic
from wiktlex.ingest.sources import PageSource, open_page_source
from wiktlex.model import Diagnostic, RawPage
from wiktlex.parse import parse_page

Write = Callable[[str], object]


def open_sources(paths: Sequence[Path]) -> list[PageSource]:
    """Every path as a page source; SourceError (one line) for the first that is none."""
    return [open_page_source(path) for path in paths]


def iter_pages(paths: Sequence[Path], on_diagnostic: OnDiagnostic | None = None) -> Iterator[RawPage]:
    """The pages of every path, in order."""
    for source in open_sources(paths):
        yield from source.pages(on_diagnostic=on_diagnostic)


def parse_files(
    paths: Sequence[Path],
    out: TextIO,
    *,
    trace: bool = False,
    diagnostics_path: Path | None = None,
) -> int:
    """Parse every page; entries as JSONL to `out`, diagnostics to a file or stderr.

    Returns the number of entries written. The diagnostics file is written through
    `export.storage`: complete, or left as it was.
    """
    sources = open_sources(paths)
    encoder = msgspec.json.Encoder()
    count = 0
    with contextlib.ExitStack() as stack:
        write: Write = sys.stderr.write
        if diagnostics_path is not None:
            handle = stack.enter_context(storage.atomic_write(diagnostics_path))
            write = lambda text: handle.write(text.encode("utf-8"))  # noqa: E731
        as_json = diagnostics_path is not None

        def complain(diagnostic: Diagnostic) -> None:
            _write_diagnostics([diagnostic], write, as_json=as_json)

        for source in sources:
            for page in source.pages(on_diagnostic=complain):
                result = parse_page(page, trace=trace)
                if trace:
                    from wiktlex.parse.trace import format_trace

                    out.write(format_trace(page.title, result))
                    continue
                for entry in result.entries:
                    out.write(encoder.encode(entry).decode("utf-8") + "\n")
                    count += 1
                _write_diagnostics(result.diagnostics, write, as_json=as_json)
    return count


def _write_diagnostics(diagnostics: list[Diagnostic], write: Write, *, as_json: bool) -> None:
    for diag in diagnostics:
        if diag.severity == "info" and not as_json:
            continue
        if as_json:
            write(msgspec.json.encode(diag).decode("utf-8") + "\n")
        else:
            where = f" [{diag.section}]" if diag.section else ""
            tpl = f" {{{{{diag.template}}}}}" if diag.template else ""
            write(f"{diag.page}{where}{tpl}: {diag.message}\n")


def page_reports(
    paths: Sequence[Path], *, templates: bool, citations: bool, top: int = 30, fmt: str = "text"
) -> Iterator[str]:
    """The `wiktlex stats PATHS` reports, each over every page of `paths`, one at a time."""
    open_sources(paths)  # every path checked before the first (long) report
    if templates:
        from wiktlex.parse.stats import format_template_stats, template_stats

        yield format_template_stats(template_stats(iter_pages(paths)), top=top, fmt=fmt)
    if citations:
        from wiktlex.parse.citation_stats import citation_stats, format_citation_stats

        yield format_citation_stats(citation_stats(iter_pages(paths)), fmt=fmt)
