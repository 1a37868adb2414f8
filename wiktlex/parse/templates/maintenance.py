"""Template handlers: the maintenance family."""

from __future__ import annotations
