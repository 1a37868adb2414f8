"""Template handlers: the relations family."""

from __future__ import annotations
