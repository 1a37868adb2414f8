"""Template handlers: the translations family."""

from __future__ import annotations
