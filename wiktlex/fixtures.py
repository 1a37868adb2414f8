"""Golden-file fixtures for the parser: check, update and add pages with expected output.

A fixture is `NAME.wikitext` with `NAME.expected.json` beside it (the page's entries as
pretty JSON in the model's field order, so a changed field is a one-line git diff) and an
optional `NAME.meta.json` (title, revid, source, date, and `templates`: a directory of the
`Template:` pages the page's source provides, relative to the fixture's). A developer who changes a handler
runs `check` to see which pages changed and how, and `update` once the change is reviewed.
This module is library code: the CLI (`fixtures_cli.py`) and the pytest helper
(`testing.py`) only format what it returns.
"""

from __future__ import annotations

import fnmatch
import functools
import itertools
import json
import shlex
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import msgspec

from wiktlex.golden_diff import diff_entries
from wiktlex.model import RawPage
from wiktlex.parse.template_library import EMPTY_LIBRARY, TemplateLibrary

WIKITEXT = ".wikitext"
EXPECTED = ".expected.json"
META = ".meta.json"


class FixtureError(Exception):
    """A fixture that cannot be compared (missing or malformed file): one clear line."""


@dataclass(frozen=True, slots=True)
class Fixture:
    """One fixture page on disk; `name` is the file stem (`house`, `Appendix%3AFoo`)."""

    directory: Path
    name: str

    @property
    def wikitext_path(self) -> Path:
        return self.directory / f"{self.name}{WIKITEXT}"

    @property
    def expected_path(self) -> Path:
        return self.directory / f"{self.name}{EXPECTED}"

    @property
    def meta_path(self) -> Path:
        return self.directory / f"{self.name}{META}"

    @property
    def title(self) -> str:
        """The page title: `title` from the meta file, else the decoded file name."""
        meta = self.meta()
        title = meta.get("title")
        return title if isinstance(title, str) and title else title_from_name(self.name)

    def meta(self) -> dict[str, Any]:
        if not self.meta_path.exists():
            return {}
        try:
            data = json.loads(self.meta_path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise FixtureError(f"{self.name}: malformed meta file {self.meta_path}: {exc}") from None
        if not isinstance(data, dict):
            raise FixtureError(f"{self.name}: malformed meta file {self.meta_path}: not an object")
        return data

    def update_hint(self) -> str:
        where, name = shlex.quote(_shown(self.directory)), shlex.quote(self.name)
        return f"run `wiktlex fixtures update {where} --only {name}`"


def _shown(directory: Path) -> str:
    """The directory as the user would type it: relative to the current one when inside."""
    try:
        return str(directory.resolve().relative_to(Path.cwd().resolve())) or "."
    except (ValueError, OSError):
        return str(directory)


def title_from_name(name: str) -> str:
    """`Appendix%3AFoo%2Fbar` -> `Appendix:Foo/bar` (the corpus' file naming)."""
    return unquote(name)


def name_from_title(title: str) -> str:
    """The file stem for a title: `%` and `/` escaped so any title is one file name."""
    return title.replace("%", "%25").replace("/", "%2F")


def discover(dirs: Iterable[Path | str], only: str | None = None) -> list[Fixture]:
    """Every `*.wikitext` under `dirs` (not recursive), sorted, filtered by a name glob."""
    found: list[Fixture] = []
    for directory in map(Path, dirs):
        if not directory.is_dir():
            raise FixtureError(f"{directory}: not a fixture directory")
        for path in sorted(directory.glob(f"*{WIKITEXT}")):
            name = path.name.removesuffix(WIKITEXT)
            if only is None or _matches(name, only):
                found.append(Fixture(directory, name))
    return found


def orphans(dirs: Iterable[Path | str], only: str | None = None) -> list[Fixture]:
    """Expected files whose page is gone (renamed or deleted): stale golden files."""
    found = []
    for directory in map(Path, dirs):
        for path in sorted(directory.glob(f"*{EXPECTED}")):
            name = path.name.removesuffix(EXPECTED)
            fixture = Fixture(directory, name)
            if not fixture.wikitext_path.exists() and (only is None or _matches(name, only)):
                found.append(fixture)
    return found


def _matches(name: str, pattern: str) -> bool:
    return fnmatch.fnmatchcase(name, pattern) or fnmatch.fnmatchcase(title_from_name(name), pattern)


def raw_page(fixture: Fixture) -> RawPage:
    """The fixture as the parser's input; revision data from the meta file when present."""
    try:
        text = fixture.wikitext_path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FixtureError(f"{fixture.name}: {fixture.wikitext_path} is not UTF-8: {exc.reason}") from None
    meta = fixture.meta()
    return RawPage(
        title=fixture.title,
        text=text,
        pageid=_int_or_none(meta.get("pageid")),
        revid=_int_or_none(meta.get("revid")),
        timestamp=meta.get("timestamp") if isinstance(meta.get("timestamp"), str) else None,
    )


def _int_or_none(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def template_library(fixture: Fixture) -> TemplateLibrary:
    """The template pages the fixture's meta names (`"templates": "../template_pages"`):
    what the parser is given as the source's own `Template:RQ:…` pages."""
    where = fixture.meta().get("templates")
    if not isinstance(where, str) or not where:
        return EMPTY_LIBRARY
    directory = (fixture.directory / where).resolve()
    if not directory.is_dir():
        raise FixtureError(f"{fixture.name}: templates directory {directory} not found")
    return _library(str(directory))


@functools.cache
def _library(directory: str) -> TemplateLibrary:
    from wiktlex.ingest.files import read_files

    return TemplateLibrary.from_pages(read_files(directory))


def produce(fixture: Fixture) -> list[Any]:
    """What the current parser makes of the fixture, as plain JSON-ready data."""
    from wiktlex.parse import parse_page

    result = parse_page(raw_page(fixture), templates=template_library(fixture))
    entries: list[Any] = msgspec.to_builtins(result.entries)
    return entries


def dumps(entries: list[Any]) -> str:
    """The expected-file text: model field order, indent 2, UTF-8 as is, final newline."""
    return json.dumps(entries, indent=2, ensure_ascii=False) + "\n"


def load_expected(fixture: Fixture) -> list[Any]:
    """The expected entries; FixtureError with the fix to apply when missing or malformed."""
    path = fixture.expected_path
    if not path.exists():
        raise FixtureError(f"{fixture.name}: no expected file {path.name}; {fixture.update_hint()}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        raise FixtureError(
            f"{fixture.name}: malformed expected file {path}: {exc}; fix it or {fixture.update_hint()}"
        ) from None
    if not isinstance(data, list):
        raise FixtureError(
            f"{fixture.name}: malformed expected file {path}: expected a JSON list of entries, "
            f"found {type(data).__name__}; fix it or {fixture.update_hint()}"
        )
    return data


def schema_errors(entries: list[Any]) -> list[str]:
    """Where the entries break the lexicon's JSON Schema ([] if jsonschema is absent)."""
    validator = _validator()
    if validator is None:
        return []
    errors = []
    for index, entry in enumerate(entries):
        for error in validator.iter_errors(entry):
            where = "/".join(str(p) for p in error.absolute_path) or "(entry)"
            errors.append(f"entry {index + 1} {where}: {error.message}")
    return errors


@functools.cache
def _validator() -> Any:
    """The schema validator, built once; None when jsonschema (a test extra) is absent."""
    try:
        import jsonschema
    except ImportError:
        return None
    from wiktlex.model import json_schema

    return jsonschema.Draft202012Validator(json_schema())


@dataclass(slots=True)
class Outcome:
    """What became of one fixture: checked (`ok`, `mismatch`, `error`) or updated
    (`created`, `updated`, `unchanged`, `error`), with the lines that say how."""

    fixture: Fixture
    status: str
    lines: list[str] = field(default_factory=list)


def check_one(fixture: Fixture) -> Outcome:
    """Compare one fixture with its expected file; never raises for a bad fixture."""
    try:
        expected = load_expected(fixture)
        got = produce(fixture)
    except FixtureError as exc:
        return Outcome(fixture, "error", [str(exc)])
    if expected != got:
        return Outcome(fixture, "mismatch", diff_entries(fixture.name, expected, got))
    problems = schema_errors(expected)
    if problems:
        lines = [f"{fixture.name}: output breaks the JSON Schema: {p}" for p in problems]
        return Outcome(fixture, "error", lines)
    return Outcome(fixture, "ok")


@dataclass(slots=True)
class Report:
    """Outcomes of a check, in fixture order, and the one-line summary."""

    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status != "ok"]

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        counts = {s: sum(o.status == s for o in self.outcomes) for s in ("ok", "mismatch", "error")}
        return (
            f"{len(self.outcomes)} fixtures: {counts['ok']} ok, {counts['mismatch']} mismatched, "
            f"{counts['error']} with errors"
        )


def check(
    dirs: Iterable[Path | str],
    only: str | None = None,
    fail_fast: bool = False,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> Report:
    """Check every fixture; `on_outcome` sees each as it is done (for live CLI output)."""
    report = Report()
    dirs = list(dirs)
    stale = [
        Outcome(o, "error", [f"{o.name}: {o.expected_path.name} has no {o.wikitext_path.name} beside it"])
        for o in orphans(dirs, only)
    ]
    for outcome in itertools.chain(stale, map(check_one, discover(dirs, only))):  # lazily
        report.outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
        if fail_fast and outcome.status != "ok":
            break
    return report


def update_one(fixture: Fixture) -> Outcome:
    """Rewrite one expected file from the current parser; report the difference."""
    try:
        got = produce(fixture)
    except FixtureError as exc:
        return Outcome(fixture, "error", [str(exc)])
    text = dumps(got)
    path = fixture.expected_path
    if not path.exists():
        path.write_text(text, encoding="utf-8")
        return Outcome(fixture, "created", [f"{fixture.name}: created with {len(got)} entries"])
    old_text = path.read_text(encoding="utf-8", errors="replace")
    if old_text == text:
        return Outcome(fixture, "unchanged")
    try:
        old = load_expected(fixture)
        lines = diff_entries(fixture.name, old, got) or [f"{fixture.name}: reformatted"]
    except FixtureError:
        lines = [f"{fixture.name}: replaced a malformed expected file"]
    path.write_text(text, encoding="utf-8")
    return Outcome(fixture, "updated", lines)


def update(
    dirs: Iterable[Path | str],
    only: str | None = None,
    on_change: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Rewrite every selected expected file; a reviewed parser change is one command."""
    changes = []
    for fixture in discover(dirs, only):
        change = update_one(fixture)
        changes.append(change)
        if on_change is not None:
            on_change(change)
    return changes


def update_summary(changes: list[Outcome]) -> str:
    kinds = ("created", "updated", "unchanged", "error")
    counts = {s: sum(c.status == s for c in changes) for s in kinds}
    text = (
        f"{len(changes)} fixtures: {counts['created']} created, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged"
    )
    return text + (f", {counts['error']} with errors" if counts["error"] else "")


@dataclass(slots=True)
class Added:
    """What `add` wrote (one line per page) and which titles the wiki did not give."""

    lines: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


def add(
    titles: list[str],
    directory: Path | str,
    api_url: str | None = None,
    contact: str | None = None,
    fetcher: Any = None,
) -> Added:
    """Fetch live pages and write each as a fixture: wikitext, meta (revid…), expected JSON.

    The expected file is whatever the current parser makes of the page: review it before
    committing, it becomes the reference.
    """
    from wiktlex.ingest.api import DEFAULT_API_URL, ApiFetcher
    from wiktlex.ingest.errors import IngestError

    url = api_url or DEFAULT_API_URL
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    try:
        client = fetcher or ApiFetcher(url, contact=contact)
        result = client.fetch(titles)
    except IngestError as exc:
        raise FixtureError(str(exc)) from None
    added = Added()
    for page in result.pages:
        added.lines.append(_write_fetched(page, target, url))
    for title in [*result.missing, *result.failed, *result.invalid]:
        reason = result.invalid.get(title) or ("no such page" if title in result.missing else "not fetched")
        added.lines.append(f"{title}: {reason}")
        added.missing.append(title)
    return added


def _write_fetched(page: RawPage, directory: Path, api_url: str) -> str:
    from datetime import UTC, datetime

    fixture = Fixture(directory, name_from_title(page.title))
    fixture.wikitext_path.write_text(page.text, encoding="utf-8")
    meta = {
        "title": page.title,
        "revid": page.revid,
        "pageid": page.pageid,
        "timestamp": page.timestamp,
        "source": api_url,
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    fixture.meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    fixture.expected_path.unlink(missing_ok=True)
    change = update_one(fixture)
    if change.status == "error":
        return "; ".join(change.lines)
    entries = len(load_expected(fixture))
    redirect = f", a redirect to {page.redirect_to}" if page.redirect_to else ""
    return f"{fixture.name}: added revision {page.revid} with {entries} entries{redirect}"
