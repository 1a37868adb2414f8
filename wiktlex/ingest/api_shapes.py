"""What the Action API answers (`formatversion=2`), and what the fetcher makes of it.

Every response is checked against these shapes before it is used: JSON of another shape
(`"normalized": "oops"`, a page without a title) is a bad response, retried like a
dropped connection, never a `TypeError` half-way through a batch. Fields the fetcher
does not read are ignored, so the API may add fields freely. `BatchResponses` gathers
the continued responses of one batch of titles into a `FetchResult`.
"""

from __future__ import annotations

from typing import Any, Generic, TypeVar

import msgspec

from wiktlex.ingest.xmlpages import redirect_from_text
from wiktlex.model import RawPage

Q = TypeVar("Q")


class Slot(msgspec.Struct, kw_only=True):
    content: str | None = None


class Revision(msgspec.Struct, kw_only=True):
    revid: int | None = None
    timestamp: str | None = None
    sha1: str | None = None
    slots: dict[str, Slot] = {}


class Page(msgspec.Struct, kw_only=True):
    title: str
    ns: int = 0
    pageid: int | None = None
    missing: bool = False
    invalid: bool = False
    invalidreason: str = "invalid title"
    special: bool = False
    revisions: list[Revision] = []


class Alias(msgspec.Struct, kw_only=True):
    """A normalisation or a redirect: `from` is a Python keyword, hence `source`."""

    source: str = msgspec.field(name="from")
    to: str


class Interwiki(msgspec.Struct, kw_only=True):
    title: str


class PagesQuery(msgspec.Struct, kw_only=True):
    normalized: list[Alias] = []
    redirects: list[Alias] = []
    interwiki: list[Interwiki] = []
    pages: list[Page] = []


class RecentChange(msgspec.Struct, kw_only=True):
    type: str
    title: str
    ns: int = 0
    timestamp: str | None = None
    pageid: int | None = None
    revid: int | None = None
    logtype: str | None = None
    logaction: str | None = None
    logparams: dict[str, Any] = {}


class RecentChangesQuery(msgspec.Struct, kw_only=True):
    recentchanges: list[RecentChange] = []


class ListedPage(msgspec.Struct, kw_only=True):
    title: str


class AllPagesQuery(msgspec.Struct, kw_only=True):
    allpages: list[ListedPage] = []


class Envelope(msgspec.Struct, Generic[Q], kw_only=True):
    """One response: the query part, and where to continue (None when complete)."""

    query: Q | None = None
    continue_: dict[str, str | int] | None = msgspec.field(name="continue", default=None)
    warnings: dict[str, Any] = {}


class Change(msgspec.Struct, frozen=True, kw_only=True):
    """One recent change: kind is edit, new, delete, restore or move (then `target`)."""

    kind: str
    title: str
    ns: int = 0
    timestamp: str | None = None
    pageid: int | None = None
    revid: int | None = None
    target: str | None = None
    target_ns: int | None = None


class FetchResult(msgspec.Struct, kw_only=True):
    """What one fetch gave: pages, and what became of every title asked.

    `resolved` maps an asked title to the title of the page given for it, where
    normalisation or a redirect changed it; `failed` titles got no good content although
    the API listed them (a retry may succeed), with the reason in `reasons` where there is
    one; `unverified` pages came with the same text on every fetch, but not the text the
    server's sha1 describes: they are given (the store keeps them marked) and named.
    """

    pages: list[RawPage] = []
    resolved: dict[str, str] = {}
    missing: list[str] = []
    invalid: dict[str, str] = {}
    failed: list[str] = []
    reasons: dict[str, str] = {}
    unverified: list[str] = []

    def merge(self, other: FetchResult) -> None:
        self.pages.extend(other.pages)
        merge_outcomes(self, other)


_OUTCOME_LISTS = ("missing", "failed", "unverified")
_OUTCOME_MAPS = ("resolved", "invalid", "reasons")


def merge_outcomes(into: Any, other: FetchResult) -> None:
    """Add what became of `other`'s titles to `into` (a FetchResult or a FetchReport)."""
    for name in _OUTCOME_LISTS:
        getattr(into, name).extend(getattr(other, name))
    for name in _OUTCOME_MAPS:
        getattr(into, name).update(getattr(other, name))


_LOG_KINDS: dict[tuple[Any, Any], str] = {
    ("delete", "delete"): "delete",
    ("delete", "restore"): "restore",
    ("move", "move"): "move",
    ("move", "move_redir"): "move",
}


def change_from_item(item: RecentChange) -> Change | None:
    """A `recentchanges` item as a Change; log entries other than moves and deletions: None."""
    kind: str | None = item.type
    if kind == "log":
        kind = _LOG_KINDS.get((item.logtype, item.logaction))
    if kind not in ("edit", "new", "delete", "restore", "move"):
        return None
    params = item.logparams
    target = params.get("target_title") if kind == "move" else None
    target_ns = params.get("target_ns") if kind == "move" else None
    return Change(
        kind=kind,
        title=item.title,
        ns=item.ns,
        timestamp=item.timestamp,
        pageid=item.pageid or None,
        revid=item.revid or None,
        target=str(target) if target is not None else None,
        target_ns=int(target_ns) if isinstance(target_ns, int) else None,
    )


class BatchResponses:
    """Pages, normalisations and redirects gathered over the continued responses of a batch."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.aliases: dict[str, str] = {}
        self.interwiki: set[str] = set()

    def add(self, query: PagesQuery) -> None:
        for item in [*query.normalized, *query.redirects]:
            self.aliases[item.source] = item.to
        self.interwiki.update(item.title for item in query.interwiki)
        for page in query.pages:
            known = self.pages.get(page.title)
            if known is not None and known.revisions and not page.revisions:
                page = msgspec.structs.replace(page, revisions=known.revisions)
            self.pages[page.title] = page

    def resolve(self, title: str) -> str:
        seen = {title}
        while title in self.aliases and self.aliases[title] not in seen:
            title = self.aliases[title]
            seen.add(title)
        return title

    def result_for(self, batch: list[str]) -> FetchResult:
        result = FetchResult()
        given: set[str] = set()
        for asked in batch:
            final = self.resolve(asked)
            page = self.pages.get(final)
            if final != asked:
                result.resolved[asked] = final
            if asked in self.interwiki or final in self.interwiki:
                result.invalid[asked] = "interwiki title"
            elif page is not None and page.special:
                result.invalid[asked] = "special page"
            elif page is None or not (page.revisions or page.missing or page.invalid):
                result.failed.append(asked)
            elif page.invalid:
                result.invalid[asked] = page.invalidreason
            elif page.missing:
                result.missing.append(asked)
            else:
                built = page_from_api(page)
                if isinstance(built, str):
                    result.invalid[asked] = built
                elif final not in given:
                    given.add(final)
                    result.pages.append(built)
        return result


def page_from_api(page: Page) -> RawPage | str:
    """A formatversion=2 page with its revision as RawPage, or why it has no text."""
    if not page.revisions:
        return "no revision returned"
    revision = page.revisions[-1]
    main = revision.slots.get("main")
    if main is None or main.content is None:
        return "revision text hidden or missing"
    return RawPage(
        title=page.title,
        text=main.content,
        ns=page.ns,
        pageid=page.pageid,
        revid=revision.revid,
        timestamp=revision.timestamp,
        sha1=revision.sha1 or None,
        redirect_to=redirect_from_text(main.content),
    )
