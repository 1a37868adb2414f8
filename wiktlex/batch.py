"""`wiktlex parse`: files or dumps in, JSONL entries out (wires ingest and parse)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import msgspec

from wiktlex.ingest.files import read_file
from wiktlex.model import Diagnostic, RawPage
from wiktlex.parse import parse_page


def iter_pages(paths: tuple[Path, ...] | list[Path]) -> Iterator[RawPage]:
    for path in paths:
        if not path.exists():
            raise FileNotFoundError(f"no such file: {path}")
        if path.is_dir():
            yield from iter_pages(sorted(path.glob("*.wikitext")))
        elif path.name.endswith((".xml", ".xml.bz2", ".xml.gz")):
            from wiktlex.ingest.dump import read_dump

            yield from read_dump(path)
        else:
            try:
                yield read_file(path)
            except UnicodeDecodeError as exc:
                raise ValueError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None


def parse_files(
    paths: tuple[Path, ...],
    out: TextIO,
    *,
    trace: bool = False,
    diagnostics_path: Path | None = None,
) -> int:
    """Parse every page; entries as JSONL to `out`, diagnostics to a file or stderr."""
    for path in paths:
        if not path.exists():
            raise FileNotFoundError(f"no such file: {path}")
    encoder = msgspec.json.Encoder()
    diag_out: TextIO = diagnostics_path.open("w", encoding="utf-8") if diagnostics_path else sys.stderr
    count = 0
    try:
        for page in iter_pages(paths):
            result = parse_page(page, trace=trace)
            if trace:
                from wiktlex.parse.trace import format_trace

                out.write(format_trace(page.title, result))
                continue
            for entry in result.entries:
                out.write(encoder.encode(entry).decode("utf-8") + "\n")
                count += 1
            _write_diagnostics(result.diagnostics, diag_out, as_json=diagnostics_path is not None)
    finally:
        if diagnostics_path:
            diag_out.close()
    return count


def _write_diagnostics(diagnostics: list[Diagnostic], out: TextIO, *, as_json: bool) -> None:
    for diag in diagnostics:
        if diag.severity == "info" and not as_json:
            continue
        if as_json:
            out.write(msgspec.json.encode(diag).decode("utf-8") + "\n")
        else:
            where = f" [{diag.section}]" if diag.section else ""
            tpl = f" {{{{{diag.template}}}}}" if diag.template else ""
            out.write(f"{diag.page}{where}{tpl}: {diag.message}\n")


def page_reports(
    paths: tuple[Path, ...], *, templates: bool, citations: bool, top: int = 30, fmt: str = "text"
) -> Iterator[str]:
    """The `wiktlex stats PATHS` reports, each over every page of `paths`, one at a time."""
    if templates:
        from wiktlex.parse.stats import format_template_stats, template_stats

        yield format_template_stats(template_stats(iter_pages(paths)), top=top, fmt=fmt)
    if citations:
        from wiktlex.parse.citation_stats import citation_stats, format_citation_stats

        yield format_citation_stats(citation_stats(iter_pages(paths)), fmt=fmt)
