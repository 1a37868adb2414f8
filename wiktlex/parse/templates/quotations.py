"""Template handlers: the quotations family."""

from __future__ import annotations
