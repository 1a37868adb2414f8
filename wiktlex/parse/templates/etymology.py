"""Template handlers: the etymology family."""

from __future__ import annotations
