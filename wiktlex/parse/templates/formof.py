"""Template handlers: the formof family."""

from __future__ import annotations
