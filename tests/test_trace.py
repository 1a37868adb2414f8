"""`wiktlex parse --trace`: handler, rendered text, attached data and diagnostics per template."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from wiktlex import parse_page
from wiktlex.cli import cli
from wiktlex.model import Diagnostic, Entry, ParseResult, RawPage, Source, TraceEvent
from wiktlex.parse.trace import format_trace, reading_order

PAGE = """==English==

===Etymology===
From {{no-such-template|x}}.

===Noun===
{{qqqq}}

# {{lb|en|informal}} A [[building]] with a {{l|en|roof|{{m|en|top}}}}.

==Klingonese==
===Noun===
# thing
"""


def event(template: str, handler: str, where: str = "gloss", section: str = "English/Noun",
          rendered: str = "", **attached: list[object]) -> TraceEvent:
    return TraceEvent(template=template, handler=handler, where=where, section=section,
                      rendered=rendered, attached=dict(attached))


def test_format_shows_handler_rendering_attachments_and_diagnostics() -> None:
    result = ParseResult(
        entries=[Entry(word="w", lang="English", pos="noun", pos_title="Noun", source=Source(title="w"))],
        trace=[
            event("lb", "labels:lb", rendered="(informal)", labels=["informal"]),
            event("frob", "fallback", unknown=["frob"]),
        ],
        diagnostics=[
            Diagnostic(page="w", section="English/Noun", template="frob", message="unknown template",
                       severity="info"),
            Diagnostic(page="w", section="Klingonese", message="unknown language heading 'Klingonese'"),
        ],
    )
    text = format_trace("w", result)
    assert text.endswith("\n\n")  # a blank line between pages
    assert text.rstrip("\n").splitlines() == [
        "═══ w: 2 templates (1 to the fallback), 2 diagnostics ═══",
        "entries: English noun (0 senses)",
        "── English/Noun · gloss ──",
        "    1. {{lb}} → labels:lb",
        '       rendered: "(informal)"',
        '       attached labels: "informal"',
        "    2. {{frob}} → fallback (unknown template, rendered nothing)",
        "       rendered: (nothing)",
        "      · info: unknown template",
        "── diagnostics not tied to a template ──",
        "  ! warning [Klingonese]: unknown language heading 'Klingonese'",
    ]


def test_attached_records_are_compact() -> None:
    call = {"name": "inh", "args": {"1": "en", "2": "enm"}, "text": "Middle English"}
    result = ParseResult(trace=[event("inh", "etymology:inh", where="etymology",
                                      etymology_templates=[call])])
    text = format_trace("w", result)
    assert 'attached etymology_templates: {"name": "inh", "args": {"1": "en", "2": "enm"}' in text


def test_head_line_is_shown_before_the_senses_of_its_section() -> None:
    events = [event("lb", "labels:lb"), event("en-noun", "headwords:en-noun", where="head"),
              event("ux", "examples:ux", section="English/Verb")]
    assert [e.template for e in reading_order(events)] == ["en-noun", "lb", "ux"]


def test_a_real_parse_traces_every_template_parent_first() -> None:
    result = parse_page(RawPage(title="house", text=PAGE), trace=True)
    assert result.trace is not None
    names = [e.template for e in result.trace]
    assert names.index("l") < names.index("m")  # a parent precedes what it nests
    text = format_trace("house", result)
    assert "{{no-such-template}} → fallback" in text
    assert "{{qqqq}} → fallback" in text
    assert "unknown language heading 'Klingonese'" in text
    lines = text.splitlines()
    assert lines.index("── English/Noun · head ──") < lines.index("── English/Noun · gloss ──")
    assert sum(line.count("info: unknown template") for line in lines) == 2


def test_cli_parse_trace(tmp_path: Path) -> None:
    page = tmp_path / "house.wikitext"
    page.write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", "--trace", str(page)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output.startswith("═══ house: ")
    assert "── English/Etymology · etymology ──" in result.output


def test_trace_ends_with_the_account(tmp_path: Path) -> None:
    page = tmp_path / "house.wikitext"
    page.write_text(PAGE + "\n===Anagrams===\n* {{anagrams|en|a=ehosu|hoseu}}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["parse", "--trace", str(page)], catch_exceptions=False)
    lines = result.output.rstrip("\n").splitlines()
    assert "── account ──" in lines
    account = lines[lines.index("── account ──") + 1:]
    assert account[0] == ("  templates: 6 found: 3 handled, 1 dropped (anagrams 1), 2 diagnosed, "
                          "0 unaccounted")
    assert account[1] == "  list items: 3 found: 2 handled, 1 dropped (anagrams 1), 0 diagnosed, 0 unaccounted"
    assert "{{lb}} → labels:lb  (line 9)" in result.output
