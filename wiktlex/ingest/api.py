"""Fetch pages from a live MediaWiki through its Action API, politely and without losses.

Wikimedia asks API clients for a User-Agent with a contact, `maxlag`, one request at a
time, and backing off when told to (HTTP 429/503, the `maxlag` error that comes with
HTTP 200, `Retry-After`). This fetcher does all of that by default, and turns every way a
request can fail into either a retry or a `FetchError` naming the titles not fetched, so
no page is silently lost. Titles go in batches of at most 50 (the API's limit for
clients without the `apihighlimits` right), and every key of `continue` is sent back
until the server has nothing more to give.
"""

from __future__ import annotations

import email.utils
import logging
import os
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from typing import Any
from urllib.parse import urlencode, urlsplit

import msgspec
import requests

from wiktlex.ingest.dump import redirect_from_text
from wiktlex.ingest.errors import FetchError, PolitenessError
from wiktlex.model import RawPage

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://en.wiktionary.org/w/api.php"
CONTACT_ENV = "WIKTLEX_CONTACT"
MAX_BATCH = 50
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
RETRY_ERROR_CODES = frozenset(
    {"maxlag", "ratelimited", "readonly", "internal_api_error_DBQueryError"}
)
_GET_LIMIT = 1800  # longer queries go by POST, as the API docs advise
_WIKIMEDIA_DOMAINS = (
    "wikipedia.org",
    "wiktionary.org",
    "wikimedia.org",
    "wikidata.org",
    "wikibooks.org",
    "wikinews.org",
    "wikiquote.org",
    "wikisource.org",
    "wikiversity.org",
    "wikivoyage.org",
    "mediawiki.org",
    "wikifunctions.org",
)


def package_version() -> str:
    try:
        return metadata.version("wiktlex")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def is_wikimedia(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in _WIKIMEDIA_DOMAINS)


def resolve_contact(contact: str | None) -> str | None:
    """The contact given, else `WIKTLEX_CONTACT`; blank counts as none."""
    value = contact if contact is not None else os.environ.get(CONTACT_ENV)
    return value.strip() if value and value.strip() else None


def user_agent(contact: str | None) -> str:
    """`wiktlex/0.1.0 (contact) python-requests/2.x`, the shape Wikimedia's policy asks."""
    who = contact or "no contact given"
    return f"wiktlex/{package_version()} ({who}) python-requests/{requests.__version__}"


def mediawiki_time(value: str | datetime) -> str:
    """Any ISO 8601 time (or datetime) as the API's `2026-01-01T00:00:00Z`, in UTC."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(
                f"not an ISO 8601 time: {value!r} (e.g. 2026-01-01T00:00:00Z)"
            ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to wait; tests shrink these to milliseconds."""

    attempts: int = 6
    backoff: float = 2.0
    max_delay: float = 120.0

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        wait = retry_after if retry_after is not None else self.backoff * 2 ** (attempt - 1)
        return max(0.0, min(wait, self.max_delay))


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
    normalisation or a redirect changed it; `failed` titles got no content although
    the API listed them (a retry may succeed).
    """

    pages: list[RawPage] = []
    resolved: dict[str, str] = {}
    missing: list[str] = []
    invalid: dict[str, str] = {}
    failed: list[str] = []

    def merge(self, other: FetchResult) -> None:
        self.pages.extend(other.pages)
        self.resolved.update(other.resolved)
        self.missing.extend(other.missing)
        self.invalid.update(other.invalid)
        self.failed.extend(other.failed)


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class ApiFetcher:
    """A polite client of one MediaWiki Action API endpoint; one request in flight."""

    def __init__(
        self,
        api_url: str = DEFAULT_API_URL,
        *,
        contact: str | None = None,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = (10.0, 120.0),
        retry: RetryPolicy | None = None,
        maxlag: int | None = 5,
        batch_size: int = MAX_BATCH,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.api_url = api_url
        self.contact = resolve_contact(contact)
        if self.contact is None and is_wikimedia(api_url):
            raise PolitenessError(
                f"{api_url} is a Wikimedia wiki: give a contact for the User-Agent "
                f"(--contact or {CONTACT_ENV}, an e-mail or a URL), as Wikimedia's policy asks"
            )
        self.session = session or requests.Session()
        self.session.headers.update(
            {"User-Agent": user_agent(self.contact), "Accept-Encoding": "gzip"}
        )
        self.timeout = timeout
        self.retry = retry or RetryPolicy()
        self.maxlag = maxlag
        self.batch_size = max(1, min(batch_size, MAX_BATCH))
        self.sleep = sleep
        self.requests_made = 0

    # -- one request, with retries -------------------------------------------------------

    def request(self, params: dict[str, str], titles: Collection[str] = ()) -> dict[str, Any]:
        """One API call, retried as policy allows; FetchError names `titles` if it fails."""
        full = {"format": "json", "formatversion": "2", **params}
        if self.maxlag is not None:
            full["maxlag"] = str(self.maxlag)
        problem = ""
        for attempt in range(1, self.retry.attempts + 1):
            data, problem, retry_after = self._attempt(full, titles)
            if data is not None:
                return data
            if attempt < self.retry.attempts:
                wait = self.retry.delay(attempt, retry_after)
                log.warning("%s: %s; retry %d in %.1fs", self.api_url, problem, attempt, wait)
                self.sleep(wait)
        raise FetchError(
            f"{self.api_url}: gave up after {self.retry.attempts} attempts ({problem})",
            titles=titles,
        )

    def _send(self, params: dict[str, str]) -> requests.Response:
        self.requests_made += 1
        if len(urlencode(params)) > _GET_LIMIT:
            return self.session.post(self.api_url, data=params, timeout=self.timeout)
        return self.session.get(self.api_url, params=params, timeout=self.timeout)

    def _attempt(
        self, params: dict[str, str], titles: Collection[str]
    ) -> tuple[dict[str, Any] | None, str, float | None]:
        """(data, "", None) on success, else (None, what went wrong, Retry-After)."""
        try:
            response = self._send(params)
            if response.status_code in RETRY_STATUSES:
                return None, f"HTTP {response.status_code}", _retry_after(response)
            if response.status_code >= 400:
                raise FetchError(f"{self.api_url}: HTTP {response.status_code}", titles=titles)
            data = response.json()
        except (
            requests.ConnectionError,
            requests.Timeout,
            requests.exceptions.ChunkedEncodingError,
        ) as exc:
            return None, f"connection failed: {type(exc).__name__}", None
        except ValueError:
            return None, "malformed JSON in the response", None
        if not isinstance(data, dict):
            return None, "unexpected JSON (not an object)", None
        error = data.get("error")
        if isinstance(error, dict):
            code = str(error.get("code", ""))
            if code in RETRY_ERROR_CODES:
                lag = _retry_after(response)
                return None, f"API error {code}: {error.get('info', '')}", lag
            raise FetchError(
                f"{self.api_url}: API error {code}: {error.get('info', '')}", titles=titles
            )
        for warning in (data.get("warnings") or {}).values():
            log.warning("%s: API warning: %s", self.api_url, warning)
        return data, "", None

    def query(
        self, params: dict[str, str], titles: Collection[str] = ()
    ) -> Iterator[dict[str, Any]]:
        """Every response of a query, sending back every key of `continue` until done."""
        continuation: dict[str, str] = {}
        while True:
            data = self.request({"action": "query", **params, **continuation}, titles)
            yield data
            following = data.get("continue")
            if not isinstance(following, dict) or not following:
                return
            following = {str(k): str(v) for k, v in following.items()}
            if following == continuation:
                raise FetchError(f"{self.api_url}: continuation does not advance", titles=titles)
            continuation = following

    # -- pages ---------------------------------------------------------------------------

    def fetch(self, titles: Iterable[str]) -> FetchResult:
        """All pages for `titles`, in batches; FetchError names every title not fetched."""
        result = FetchResult()
        for batch_result in self.fetch_batches(titles):
            result.merge(batch_result)
        return result

    def fetch_batches(self, titles: Iterable[str]) -> Iterator[FetchResult]:
        """One FetchResult per batch of at most 50 titles, so callers can store as they go."""
        unique = list(dict.fromkeys(t for t in titles if t.strip()))
        for start in range(0, len(unique), self.batch_size):
            batch = unique[start : start + self.batch_size]
            try:
                yield self._fetch_batch(batch)
            except FetchError as exc:
                raise FetchError(exc.reason, titles=unique[start:]) from exc

    def _fetch_batch(self, batch: list[str]) -> FetchResult:
        params = {
            "prop": "revisions",
            "rvprop": "ids|timestamp|content|sha1",
            "rvslots": "main",
            "redirects": "1",
            "titles": "|".join(batch),
        }
        collected = _BatchResponses()
        for data in self.query(params, batch):
            collected.add(data.get("query") or {})
        return collected.result_for(batch)

    # -- lists ---------------------------------------------------------------------------

    def recent_changes(
        self,
        since: str | datetime,
        *,
        until: str | datetime | None = None,
        namespaces: Collection[int] = (0,),
    ) -> Iterator[Change]:
        """Edits, new pages, deletions, restorations and moves since `since`, oldest first."""
        params = {
            "list": "recentchanges",
            "rcdir": "newer",
            "rcstart": mediawiki_time(since),
            "rcnamespace": "|".join(str(n) for n in namespaces),
            "rcprop": "title|ids|timestamp|loginfo",
            "rctype": "edit|new|log",
            "rclimit": "max",
        }
        if until is not None:
            params["rcend"] = mediawiki_time(until)
        for data in self.query(params):
            for item in (data.get("query") or {}).get("recentchanges", []):
                change = change_from_item(item)
                if change is not None:
                    yield change

    def all_pages(self, *, namespace: int = 0, prefix: str | None = None) -> Iterator[str]:
        """Every title of a namespace, in the wiki's order."""
        params = {"list": "allpages", "apnamespace": str(namespace), "aplimit": "max"}
        if prefix:
            params["apprefix"] = prefix
        for data in self.query(params):
            for item in (data.get("query") or {}).get("allpages", []):
                yield str(item["title"])


_LOG_KINDS: dict[tuple[Any, Any], str] = {
    ("delete", "delete"): "delete",
    ("delete", "restore"): "restore",
    ("move", "move"): "move",
    ("move", "move_redir"): "move",
}


def change_from_item(item: dict[str, Any]) -> Change | None:
    """A `recentchanges` item as a Change; log entries other than moves and deletions: None."""
    kind = item.get("type")
    if kind == "log":
        kind = _LOG_KINDS.get((item.get("logtype"), item.get("logaction")))
    if kind not in ("edit", "new", "delete", "restore", "move"):
        return None
    params = item.get("logparams") or {}
    return Change(
        kind=kind,
        title=str(item["title"]),
        ns=int(item.get("ns", 0)),
        timestamp=item.get("timestamp"),
        pageid=item.get("pageid") or None,
        revid=item.get("revid") or None,
        target=params.get("target_title") if kind == "move" else None,
        target_ns=params.get("target_ns") if kind == "move" else None,
    )


class _BatchResponses:
    """Pages, normalisations and redirects gathered over the continued responses of a batch."""

    def __init__(self) -> None:
        self.pages: dict[str, dict[str, Any]] = {}
        self.aliases: dict[str, str] = {}
        self.interwiki: set[str] = set()

    def add(self, query: dict[str, Any]) -> None:
        for item in [*query.get("normalized", []), *query.get("redirects", [])]:
            self.aliases[str(item["from"])] = str(item["to"])
        self.interwiki.update(str(item["title"]) for item in query.get("interwiki", []))
        for page in query.get("pages", []):
            known = self.pages.setdefault(str(page["title"]), {})
            revisions = known.get("revisions") or page.get("revisions")
            known.update(page)
            if revisions:
                known["revisions"] = revisions

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
            elif page is not None and page.get("special"):
                result.invalid[asked] = "special page"
            elif page is None or not (
                page.get("revisions") or page.get("missing") or page.get("invalid")
            ):
                result.failed.append(asked)
            elif page.get("invalid"):
                result.invalid[asked] = str(page.get("invalidreason", "invalid title"))
            elif page.get("missing"):
                result.missing.append(asked)
            else:
                built = page_from_api(page)
                if isinstance(built, str):
                    result.invalid[asked] = built
                elif final not in given:
                    given.add(final)
                    result.pages.append(built)
        return result


def page_from_api(page: dict[str, Any]) -> RawPage | str:
    """A formatversion=2 page with its revision as RawPage, or why it has no text."""
    revisions = page.get("revisions") or []
    if not revisions:
        return "no revision returned"
    revision = revisions[-1]
    main = (revision.get("slots") or {}).get("main") or {}
    if "content" not in main:
        return "revision text hidden or missing"
    text = str(main["content"])
    return RawPage(
        title=str(page["title"]),
        text=text,
        ns=int(page.get("ns", 0)),
        pageid=page.get("pageid"),
        revid=revision.get("revid"),
        timestamp=revision.get("timestamp"),
        sha1=revision.get("sha1") or None,
        redirect_to=redirect_from_text(text),
    )
