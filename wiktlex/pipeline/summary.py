"""What a refresh did, for its closing report and for programs; and how it fails."""

from __future__ import annotations

from dataclasses import dataclass, field


class RefreshError(Exception):
    """The refresh cannot start or go on; the message is one line for the user."""


def one_error(errors: list[str], shown: int = 5) -> str | None:
    """Several errors of one run (failing partitions) as the summary's one line."""
    if not errors:
        return None
    more = f" (and {len(errors) - shown} more)" if len(errors) > shown else ""
    return "; ".join(errors[:shown]) + more


@dataclass
class RefreshSummary:
    """What a refresh did, for the closing report and for programs."""

    source: str
    db: str
    pages_read: int = 0
    pages_stored: int = 0  # new or newer than the raw store had
    parsed: int = 0
    skipped_unchanged: int = 0
    failed: int = 0  # pages whose parse crashed (recorded with an error diagnostic)
    partial: int = 0  # pages cut by the work budget: stored as partial, re-parsed next run
    removed: int = 0
    entries_written: int = 0
    diagnostics: int = 0
    source_skipped: int = 0  # pages the reader could not take (no text, not UTF-8)
    seconds: float = 0.0
    outputs: list[str] = field(default_factory=list)
    error: str | None = None  # the source failed part-way; what was read is in the lexicon

    def lines(self) -> list[str]:
        rate = self.parsed / self.seconds if self.seconds else 0.0
        out = [
            f"source        {self.source}",
            f"pages read    {self.pages_read:,} ({self.pages_stored:,} new or changed, "
            f"{self.source_skipped:,} unreadable)",
            f"parsed        {self.parsed:,} ({rate:,.0f} pages/s), {self.failed:,} failed, "
            f"{self.partial:,} partial",
            f"unchanged     {self.skipped_unchanged:,} skipped",
            f"removed       {self.removed:,}",
            f"entries       {self.entries_written:,} written",
            f"diagnostics   {self.diagnostics:,}",
            f"time          {self.seconds:.1f} s",
            f"lexicon       {self.db}",
        ]
        out += [f"output        {o}" for o in self.outputs]
        if self.error:
            out.append(f"error         {self.error}")
        return out
