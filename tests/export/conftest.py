"""The hand-built pages of tests/sample_pages.py, as fixtures here."""

from __future__ import annotations

from sample_pages import make_page_fixture, pages

__all__ = ["make_page_fixture", "pages"]
