"""The golden-file workflow: `wiktlex fixtures check|update|add` and `wiktlex.testing`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from wiktlex import fixtures as lib
from wiktlex.cli import cli
from wiktlex.golden_diff import diff_entries, diff_values
from wiktlex.testing import assert_matches_expected, fixture_cases, fixture_check

HOUSE = """==English==

===Etymology 1===
Inherited.

====Noun====
'''house'''

# A building for living in.
## A small one.
## A big one.
# An audience.

===Etymology 2===
Unknown.

====Verb====
'''house'''

# To give shelter.
"""

MOUSE = """==English==
===Noun===
'''mouse'''

# A small rodent.
"""


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """A fixture directory with two pages and their expected files."""
    (tmp_path / "house.wikitext").write_text(HOUSE, encoding="utf-8")
    (tmp_path / "mouse.wikitext").write_text(MOUSE, encoding="utf-8")
    lib.update([tmp_path])
    return tmp_path


def edit_expected(directory: Path, name: str, change: Any) -> None:
    path = directory / f"{name}.expected.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(lib.dumps(data), encoding="utf-8")


def test_update_writes_pretty_expected_files_in_model_order(pages: Path) -> None:
    text = (pages / "house.expected.json").read_text(encoding="utf-8")
    assert text.endswith("\n") and text.startswith('[\n  {\n    "word": "house",\n    "lang": "English"')
    data = json.loads(text)
    assert [(e["pos"], e["etymology_number"]) for e in data] == [("noun", 1), ("verb", 2)]
    assert data[0]["senses"][0]["subsenses"][1]["gloss"] == "A big one."


def test_check_passes_on_fresh_expected_files(pages: Path) -> None:
    result = run("fixtures", "check", str(pages))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "2 fixtures: 2 ok, 0 mismatched, 0 with errors"


def test_check_mismatch_prints_a_per_field_diff_and_exits_1(pages: Path) -> None:
    def break_it(data: list[Any]) -> None:
        data[1]["senses"][0]["gloss"] = "To shelter."
        data[0]["senses"][0]["subsenses"][1]["gloss"] = "A huge one."

    edit_expected(pages, "house", break_it)
    result = run("fixtures", "check", str(pages))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        'house: entry 1 (English noun, etym 1) → senses[0].subsenses[1].gloss: '
        'expected "A huge one." got "A big one."'
    ) in lines
    assert (
        'house: entry 2 (English verb, etym 2) → senses[0].gloss: '
        'expected "To shelter." got "To give shelter."'
    ) in lines
    assert lines[-1] == "2 fixtures: 1 ok, 1 mismatched, 0 with errors"


def test_missing_expected_file_says_to_run_update(pages: Path) -> None:
    (pages / "mouse.expected.json").unlink()
    result = run("fixtures", "check", str(pages))
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if x.startswith("mouse:"))
    assert "no expected file mouse.expected.json" in line
    assert f"run `wiktlex fixtures update {pages} --only mouse`" in line


@pytest.mark.parametrize(
    ("content", "says"),
    [('[{"word": "mouse",', "malformed expected file"), ('{"word": "mouse"}', "a JSON list")],
)
def test_malformed_expected_file_is_a_clear_error(pages: Path, content: str, says: str) -> None:
    (pages / "mouse.expected.json").write_text(content, encoding="utf-8")
    result = run("fixtures", "check", str(pages))
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if x.startswith("mouse:"))
    assert says in line and "--only mouse" in line
    assert "Traceback" not in result.output


def test_only_and_fail_fast_select_fixtures(pages: Path) -> None:
    edit_expected(pages, "house", lambda d: d.pop())
    edit_expected(pages, "mouse", lambda d: d[0].update(pos="verb"))
    only = run("fixtures", "check", str(pages), "--only", "m*")
    assert only.exit_code == 1 and "house" not in only.output
    assert only.output.splitlines()[-1].startswith("1 fixtures:")
    fast = run("fixtures", "check", str(pages), "--fail-fast")
    assert fast.output.splitlines()[-1] == "1 fixtures: 0 ok, 1 mismatched, 0 with errors"
    assert "house: entry 2 (English verb, etym 2): unexpected (produced, not expected)" in fast.output


def test_update_prints_what_changed_and_restores_the_match(pages: Path) -> None:
    edit_expected(pages, "mouse", lambda d: d[0]["senses"][0].update(gloss="A rat."))
    result = run("fixtures", "update", str(pages))
    assert result.exit_code == 0
    assert 'mouse: entry 1 (English noun) → senses[0].gloss: expected "A rat." got "A small rodent."' in result.output
    assert result.output.splitlines()[-1] == "2 fixtures: 0 created, 1 updated, 1 unchanged"
    assert fixture_check([pages]).ok


def test_update_replaces_a_malformed_file(pages: Path) -> None:
    (pages / "mouse.expected.json").write_text("not json", encoding="utf-8")
    result = run("fixtures", "update", str(pages), "--only", "mouse")
    assert "mouse: replaced a malformed expected file" in result.output
    assert fixture_check([pages]).ok


def test_a_missing_directory_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["fixtures", "check", str(tmp_path / "nope")])
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_title_from_file_name_or_meta(tmp_path: Path) -> None:
    (tmp_path / "a%2Fb%25.wikitext").write_text(MOUSE, encoding="utf-8")
    (tmp_path / "x.wikitext").write_text(MOUSE, encoding="utf-8")
    meta = {"title": "Mouse", "revid": 42, "source": "test", "date": "2026-01-01"}
    (tmp_path / "x.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    lib.update([tmp_path])
    slash = json.loads((tmp_path / "a%2Fb%25.expected.json").read_text(encoding="utf-8"))
    assert slash[0]["word"] == "a/b%"
    titled = json.loads((tmp_path / "x.expected.json").read_text(encoding="utf-8"))
    assert titled[0]["word"] == "Mouse" and titled[0]["source"]["revid"] == 42
    assert lib.name_from_title("a/b%") == "a%2Fb%25"


# -- the pytest helper ---------------------------------------------------------------------


def test_fixture_cases_are_params_named_after_fixtures(pages: Path) -> None:
    cases = fixture_cases(pages)
    assert [case.id for case in cases] == ["house", "mouse"]
    assert_matches_expected(cases[0].values[0])


def test_assertion_carries_the_same_diff(pages: Path) -> None:
    edit_expected(pages, "mouse", lambda d: d[0]["senses"][0].update(gloss="A rat."))
    case = fixture_cases(pages, only="mouse")[0].values[0]
    with pytest.raises(AssertionError) as failure:
        assert_matches_expected(case)
    message = str(failure.value)
    assert 'mouse: entry 1 (English noun) → senses[0].gloss: expected "A rat." got "A small rodent."' in message
    assert "wiktlex fixtures update" in message


def test_assertion_on_missing_expected_file(pages: Path) -> None:
    (pages / "house.expected.json").unlink()
    with pytest.raises(AssertionError, match=r"run `wiktlex fixtures update .* --only house`"):
        assert_matches_expected(lib.Fixture(pages, "house"))


def test_schema_errors_name_the_field() -> None:
    problems = lib.schema_errors([{"word": "x", "lang": "English", "pos": "noun", "pos_title": "Noun",
                                   "senses": "oops", "source": {"title": "x"}}])
    assert problems and problems[0].startswith("entry 1 senses:")


def test_testing_imports_without_pytest() -> None:
    import subprocess
    import sys

    code = "import sys; sys.modules['pytest'] = None; import wiktlex.testing; print('ok')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.stdout.strip() == "ok", done.stderr


# -- the diff itself -----------------------------------------------------------------------


def test_diff_pairs_entries_by_language_and_pos() -> None:
    noun = {"lang": "English", "pos": "noun", "etymology_number": None, "senses": []}
    verb = {"lang": "English", "pos": "verb", "etymology_number": None, "senses": []}
    lines = diff_entries("w", [noun, verb], [noun, {**verb, "pos": "adj"}, verb])
    assert lines == ["w: entry 2 (English adj): unexpected (produced, not expected)"]
    assert diff_entries("w", [noun, verb], [verb]) == [
        "w: entry 1 (English noun): missing (expected, not produced)"
    ]


def test_diff_of_lists_and_long_strings() -> None:
    assert diff_values("labels", ["a"], ["a", "b"]) == ['labels: expected ["a"] got ["a", "b"]']
    lines = diff_values("senses", [{"gloss": "g"}], [{"gloss": "g"}, {"gloss": "h"}])
    assert lines == ['senses[1]: unexpected, got gloss "h"']
    long_a, long_b = "x" * 300 + "apple" + "y" * 300, "x" * 300 + "apply" + "y" * 300
    (line,) = diff_values("gloss", long_a, long_b)
    assert "apple" in line and "apply" in line and line.startswith('gloss: expected …"x')
    assert len(line) < 400


# -- add, against a local fake API ---------------------------------------------------------


def api_reply(title: str, text: str, revid: int) -> dict[str, Any]:
    revision = {"revid": revid, "timestamp": "2026-01-02T03:04:05Z", "sha1": "0" * 40,
                "slots": {"main": {"contentmodel": "wikitext", "content": text}}}
    return {"batchcomplete": True, "query": {"pages": [
        {"pageid": 7, "ns": 0, "title": title, "revisions": [revision]},
        {"ns": 0, "title": "Nosuchpage", "missing": True},
    ]}}


def test_add_fetches_pages_with_revision_and_expected_json(httpserver: Any, tmp_path: Path) -> None:
    httpserver.expect_request("/api.php").respond_with_json(api_reply("a/mouse", MOUSE, 123456))
    target = tmp_path / "new"
    url = httpserver.url_for("/api.php")
    result = run("fixtures", "add", "a/mouse", "--dir", str(target), "--api-url", url)
    assert "a%2Fmouse: added revision 123456 with 1 entries" in result.output
    assert (target / "a%2Fmouse.wikitext").read_text(encoding="utf-8") == MOUSE
    meta = json.loads((target / "a%2Fmouse.meta.json").read_text(encoding="utf-8"))
    assert meta["title"] == "a/mouse" and meta["revid"] == 123456 and meta["source"] == url
    assert fixture_check([target]).ok
    expected = json.loads((target / "a%2Fmouse.expected.json").read_text(encoding="utf-8"))
    assert expected[0]["source"]["revid"] == 123456


def test_add_reports_missing_titles_and_exits_1(httpserver: Any, tmp_path: Path) -> None:
    httpserver.expect_request("/api.php").respond_with_json(api_reply("mouse", MOUSE, 1))
    result = run("fixtures", "add", "mouse", "Nosuchpage", "--dir", str(tmp_path),
                 "--api-url", httpserver.url_for("/api.php"))
    assert result.exit_code == 1
    assert "Nosuchpage: no such page" in result.output
    assert (tmp_path / "mouse.expected.json").exists()


def test_an_expected_file_without_its_page_is_reported(pages: Path) -> None:
    (pages / "mouse.wikitext").unlink()
    result = run("fixtures", "check", str(pages))
    assert result.exit_code == 1
    assert "mouse: mouse.expected.json has no mouse.wikitext beside it" in result.output
