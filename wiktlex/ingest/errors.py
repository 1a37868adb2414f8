"""Exceptions of the ingest stage, each naming *where* things went wrong.

A batch run over a 1 GB dump or 10,000 API titles is only debuggable if the error says
which file, which byte, which page or which titles; these types carry that as attributes
(for programs) and in their message (for people).
"""

from __future__ import annotations

from collections.abc import Iterable


class IngestError(Exception):
    """Base of every error raised on purpose by `wiktlex.ingest`."""


class DumpError(IngestError):
    """A dump could not be read on: corrupt compression, invalid XML, a wrong index.

    `offset` is the byte position in the (compressed) file reached when the fault was
    seen; `last_title` the last page read completely, so a user knows which pages
    before the fault are safe.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str,
        offset: int | None = None,
        last_title: str | None = None,
        line: int | None = None,
    ) -> None:
        self.reason = message
        self.path = path
        self.offset = offset
        self.last_title = last_title
        self.line = line
        where = [path]
        if offset is not None:
            where.append(f"byte {offset}")
        if line is not None:
            where.append(f"XML line {line}")
        after = f" (last complete page: {last_title!r})" if last_title is not None else ""
        super().__init__(f"{', '.join(where)}: {message}{after}")

    def after(self, last_title: str | None) -> DumpError:
        """The same fault, told with the last page a caller has seen."""
        return type(self)(
            self.reason, path=self.path, offset=self.offset, last_title=last_title, line=self.line
        )


class DumpIndexError(DumpError):
    """A multistream index does not agree with its dump (or is malformed)."""


class FetchError(IngestError):
    """The API could not deliver some titles even after the retries allowed.

    `titles` are the titles *not* fetched, so a caller can retry exactly those;
    `report` is what the run did before it failed, where the caller keeps one (the
    `FetchReport` of `fetch_into_store`: the pages already stored).
    """

    def __init__(self, message: str, *, titles: Iterable[str] = ()) -> None:
        self.reason = message
        self.titles = list(titles)
        self.report: object | None = None
        shown = ", ".join(repr(t) for t in self.titles[:20])
        more = f" and {len(self.titles) - 20} more" if len(self.titles) > 20 else ""
        suffix = f"; titles not fetched: {shown}{more}" if self.titles else ""
        super().__init__(f"{message}{suffix}")


class PolitenessError(IngestError):
    """Refused to run against a Wikimedia host without a contact for the User-Agent."""
