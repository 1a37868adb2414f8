"""Template handlers: the pronunciation family."""

from __future__ import annotations
