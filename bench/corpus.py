"""Where benchmark input comes from: the shared corpus beside the project, else fixtures."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("WIKTLEX_CORPUS", ROOT.parent / "shared" / "corpus"))


def corpus_page_paths() -> list[Path]:
    """The corpus' main-namespace pages, or the project's fixture pages when it is absent."""
    pages = CORPUS / "pages"
    if pages.is_dir():
        return sorted(pages.glob("*.wikitext"))
    return sorted((ROOT / "fixtures" / "pages").glob("*.wikitext"))


def corpus_dumps() -> list[Path]:
    """XML dump samples (the corpus' when present, else the fixtures'), largest first."""
    found: list[Path] = []
    for base in (CORPUS / "dumps", ROOT / "fixtures" / "dumps"):
        if base.is_dir():
            found.extend(
                p for p in base.rglob("*") if p.name.endswith((".xml", ".xml.bz2"))
                and "index" not in p.name
            )
        if found:
            break
    return sorted(found, key=lambda p: -p.stat().st_size)

