"""Build wiktlex/parse/data/languages.json and labels_lang.json from ipanema's copy of
Wiktionary's language data (Module:languages, Module:labels/data/lang/*).

Why a build step: `import ipanema` fails on Python 3.11, and a compact JSON table loads
faster than a 9k-row SQLite query at every worker start. The wheel is only needed to
rebuild the table (`pip download --no-deps ipanema==202602.12`, then run this script).

    python tools/build_language_data.py path/to/ipanema/languages.sqlite
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "wiktlex" / "parse" / "data"
OUT = DATA / "languages.json"
LABELS_OUT = DATA / "labels_lang.json"


def build(db_path: str) -> dict[str, object]:
    db = sqlite3.connect(db_path)
    names: dict[str, str] = {}
    kinds: dict[str, str] = {}
    parents: dict[str, str] = {}
    for code, name, parent, kind in db.execute(
        "SELECT code, canonical_name, parent, type FROM languages ORDER BY code"
    ):
        names[code] = name
        if kind != "regular":
            kinds[code] = kind
        if parent:
            parents[code] = parent
    families = dict(db.execute("SELECT code, canonical_name FROM language_families ORDER BY code"))
    aliases: dict[str, str] = {}
    for code, alias in db.execute("SELECT code, name FROM language_aliases ORDER BY code, name"):
        aliases.setdefault(alias, code)
    for code, alias in db.execute("SELECT code, name FROM language_family_aliases ORDER BY code"):
        aliases.setdefault(alias, code)
    return {
        "source": "ipanema 202602.12 (Wiktionary Module:languages data, CC BY-SA 4.0)",
        "names": names,
        "kinds": kinds,
        "parents": parents,
        "families": families,
        "aliases": aliases,
    }


def build_labels(db_path: str) -> dict[str, object]:
    """Language-specific labels: per language code, alias -> canonical label (its display)."""
    db = sqlite3.connect(db_path)
    by_lang: dict[str, dict[str, str]] = {}
    for lang, name, aliases in db.execute(
        "SELECT lang_code, name, aliases FROM labels ORDER BY lang_code, name"
    ):
        table = by_lang.setdefault(lang, {})
        table.setdefault(name, name)
        for alias in json.loads(aliases) if aliases else []:
            table.setdefault(alias, name)
    return {
        "source": "ipanema 202602.12 (Wiktionary Module:labels/data/lang, CC BY-SA 4.0)",
        "labels": by_lang,
    }


def _write(path: Path, data: dict[str, object]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")))
    print(f"wrote {path} ({path.stat().st_size} bytes)")


def main() -> None:
    _write(OUT, build(sys.argv[1]))
    _write(LABELS_OUT, build_labels(sys.argv[1]))


if __name__ == "__main__":
    main()
