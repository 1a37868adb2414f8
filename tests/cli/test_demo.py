"""`make run`: the demo job on the bundled dump, end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from wiktlex.cli import demo


def test_the_demo_refreshes_looks_up_and_compares(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    demo.main(db=str(tmp_path / "lexicon.sqlite"))
    out = capsys.readouterr().out
    assert "parsed        14 " in out and "lexicon: 14 pages" in out
    assert "release — English noun" in out and "$ did you mean … 'relase'? release" in out
    assert "production vs release - What's the difference?" in out
