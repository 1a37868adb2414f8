"""Template handlers: the headwords family."""

from __future__ import annotations
