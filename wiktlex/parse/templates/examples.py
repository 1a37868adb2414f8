"""Template handlers: the examples family."""

from __future__ import annotations
