"""The files a refresh writes last, from the lexicon: JSONL, kaikki.

Written from the lexicon in page (title) order rather than as pages are parsed, so they
are byte-identical however many runs built the lexicon; every format writes through
`export.storage`, so an interrupted run leaves the previous file intact.
"""

from __future__ import annotations

from pathlib import Path

from wiktlex.export import FORMATS
from wiktlex.lexicon import open_lexicon
from wiktlex.model import Exporter, ExportPage
from wiktlex.pipeline.progress import NullReporter, Reporter


def file_exporters(paths: dict[str, str | Path | None]) -> list[Exporter]:
    """One exporter per format given a path (`{"jsonl": "out.jsonl", "kaikki": None}`)."""
    return [FORMATS[name](path) for name, path in paths.items() if path is not None]


def export_lexicon(db: Path, exporters: list[Exporter], report: Reporter) -> None:
    """Every page of the lexicon, in page order, to each started exporter; then finish them."""
    if not exporters:
        return
    with open_lexicon(db) as lexicon:
        report.phase("export", lexicon.stats()["counts"]["pages"])
        for info, entries in lexicon.iter_pages():
            page = ExportPage(title=info.title, entries=entries, revid=info.revid)
            for ex in exporters:
                ex.export(page)
            report.advance()
    for ex in exporters:
        ex.finish()


def write_files(db: Path, paths: dict[str, str | Path | None], report: Reporter | None = None) -> None:
    """Start, fill and finish the files of `paths` from the lexicon at `db`; a failure
    leaves each file as it was."""
    exporters = file_exporters(paths)
    started: list[Exporter] = []
    try:
        for ex in exporters:
            ex.start()
            started.append(ex)
        export_lexicon(db, exporters, report or NullReporter())
    except BaseException:
        for ex in started:
            ex.abort()
        raise
