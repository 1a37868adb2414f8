"""Guard for optimisations: the parser's JSONL over the corpus must not change by a byte.

Take a baseline right before an optimisation, re-run after it, compare:

    python -m bench.compare_outputs save /tmp/before
    ...edit...
    python -m bench.compare_outputs check /tmp/before

Other developers change handlers concurrently, so a baseline is only meaningful when it
is taken just before one's own edit. Entries and diagnostics are both compared; the
first differing lines are printed.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
from pathlib import Path

from bench.corpus import corpus_page_paths


def render_outputs(paths: list[Path]) -> tuple[bytes, bytes]:
    """(entries JSONL, diagnostics JSONL) exactly as `wiktlex parse` writes them."""
    from wiktlex.pipeline.batch import parse_files

    out = io.StringIO()
    diag_path = Path(f"/tmp/wiktlex-compare-diag-{hashlib.md5(str(paths).encode()).hexdigest()}")
    parse_files(tuple(paths), out, diagnostics_path=diag_path)
    diagnostics = diag_path.read_bytes()
    diag_path.unlink()
    return out.getvalue().encode("utf-8"), diagnostics


def _first_difference(name: str, before: bytes, after: bytes) -> str:
    old, new = before.splitlines(), after.splitlines()
    for number, (a, b) in enumerate(zip(old, new, strict=False), 1):
        if a != b:
            return f"{name}: line {number} differs\n- {a[:300]!r}\n+ {b[:300]!r}"
    return f"{name}: {len(old)} lines before, {len(new)} after"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["save", "check"])
    parser.add_argument("baseline", type=Path, help="directory for the baseline files")
    args = parser.parse_args(argv)
    paths = corpus_page_paths()
    entries, diagnostics = render_outputs(paths)
    base: Path = args.baseline
    if base.is_dir() and any(base.glob("*.wikitext")):
        print(f"{base} holds .wikitext pages: give an empty directory for the baseline")
        return 2
    if args.action == "save":
        base.mkdir(parents=True, exist_ok=True)
        (base / "entries.jsonl").write_bytes(entries)
        (base / "diagnostics.jsonl").write_bytes(diagnostics)
        lines = entries.count(b"\n")
        print(f"saved {len(paths)} pages, {lines} entries to {base}")
        return 0
    status = 0
    for name, now in (("entries.jsonl", entries), ("diagnostics.jsonl", diagnostics)):
        before = (base / name).read_bytes()
        if before == now:
            print(f"{name}: identical ({len(now)} bytes)")
        else:
            print(_first_difference(name, before, now))
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
