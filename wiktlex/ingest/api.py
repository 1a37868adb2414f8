"""Fetch pages from a live MediaWiki through its Action API, politely and without losses.

Wikimedia asks API clients for a User-Agent with a contact, `maxlag`, one request at a
time, and backing off when told to (HTTP 429/503, the `maxlag` error that comes with
HTTP 200, `Retry-After`). This fetcher does all of that by default, and turns every way a
request can fail (a dropped connection, a corrupt gzip body, truncated or invalid JSON,
JSON of the wrong shape, text that does not match the server's sha1) into either a retry,
within a total patience per request (`retry.py`), or a `FetchError` naming the titles not
fetched; what was received before it is kept. Titles go in batches of at most 50 (the
API's limit for clients without the `apihighlimits` right), and every key of `continue`
is sent back until the server has nothing more to give, within a bound: a repeated token
or an absurd number of rounds is an error, not an endless loop.
"""

from __future__ import annotations

import email.utils
import logging
import os
import re
import time
from collections.abc import Callable, Collection, Iterable, Iterator
from datetime import UTC, datetime
from importlib import metadata
from typing import Any, NamedTuple
from urllib.parse import urlencode, urlsplit

import msgspec
import requests
from urllib3.exceptions import NewConnectionError

from wiktlex.ingest.api_shapes import (
    AllPagesQuery,
    BatchResponses,
    Change,
    Envelope,
    FetchResult,
    PagesQuery,
    RecentChangesQuery,
    change_from_item,
)
from wiktlex.ingest.digest import text_sha1
from wiktlex.ingest.errors import FetchError, PolitenessError
from wiktlex.ingest.retry import RetryPolicy, format_duration
from wiktlex.model import RawPage

__all__ = [
    "DEFAULT_API_URL",
    "ApiFetcher",
    "Change",
    "FetchResult",
    "RetryPolicy",
    "change_from_item",
]

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://en.wiktionary.org/w/api.php"
CONTACT_ENV = "WIKTLEX_CONTACT"
MAX_BATCH = 50
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
RETRY_ERROR_CODES = frozenset(
    {"maxlag", "ratelimited", "readonly", "internal_api_error_DBQueryError"}
)
_CONNECTION_NOISE = re.compile(  # urllib3 names the connection object before the reason
    r"^<[^>]*>: |^\w+Connection\(host=[^)]*\): |Failed to establish a new connection: "
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


def _connection_problem(exc: requests.RequestException) -> tuple[str, bool]:
    """(what went wrong, whether the server was never reached: refused, DNS, connect timeout)."""
    reason = getattr(exc.args[0], "reason", None) if exc.args else None
    unreachable = isinstance(exc, requests.ConnectTimeout) or isinstance(reason, NewConnectionError)
    detail = _CONNECTION_NOISE.sub("", str(reason if reason is not None else exc))
    return f"{type(exc).__name__}: {detail[:160]}", unreachable


def sha1_matches(page: RawPage) -> bool:
    """Whether the text is the one the server's sha1 describes (True if none was given)."""
    return page.sha1 is None or text_sha1(page.text) == page.sha1


class _Outcome(NamedTuple):
    data: Any = None
    problem: str = ""
    retry_after: float | None = None
    unreachable: bool = False


_PAGE_PARAMS = {
    "prop": "revisions",
    "rvprop": "ids|timestamp|content|sha1",
    "rvslots": "main",
    "redirects": "1",
}


class ApiFetcher:
    """A polite client of one MediaWiki Action API endpoint; one request in flight.

    `clock` and `sleep` are injectable so tests can spend minutes of patience in
    milliseconds. `max_list_rounds` bounds the continued responses of one list query.
    """

    def __init__(
        self,
        api_url: str = DEFAULT_API_URL,
        *,
        contact: str | None = None,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = (5.0, 120.0),
        retry: RetryPolicy | None = None,
        maxlag: int | None = 5,
        batch_size: int = MAX_BATCH,
        max_list_rounds: int = 100_000,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
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
        self.max_list_rounds = max_list_rounds
        self.sleep = sleep
        self.clock = clock
        self.requests_made = 0
        self.reached = False  # the server has answered once: it exists, the network works

    # -- one request, with retries -------------------------------------------------------

    def request(
        self, params: dict[str, str], titles: Collection[str] = (), shape: Any = None
    ) -> Any:
        """One API call (an `Envelope` of `shape`), retried while patience lasts;
        FetchError names `titles` if it fails."""
        shape = shape if shape is not None else Envelope[dict[str, Any]]
        full = {"format": "json", "formatversion": "2", **params}
        if self.maxlag is not None:
            full["maxlag"] = str(self.maxlag)
        started = self.clock()
        attempt = 0
        while True:
            attempt += 1
            left = self.retry.budget(self.reached) - (self.clock() - started)
            outcome = self._attempt(full, titles, shape, left)
            if outcome.data is not None:
                return outcome.data
            wait = self.retry.delay(attempt, outcome.retry_after)
            elapsed = self.clock() - started
            if elapsed + wait > self.retry.budget(self.reached):
                raise FetchError(self._gave_up(outcome, attempt, elapsed), titles=titles)
            log.warning(
                "%s: %s; retry %d in %s",
                self.api_url,
                outcome.problem,
                attempt,
                format_duration(wait),
            )
            self.sleep(wait)

    def _gave_up(self, outcome: _Outcome, attempts: int, elapsed: float) -> str:
        spent = f"{attempts} attempt(s) in {format_duration(elapsed)}"
        if not self.reached and outcome.unreachable:
            return (
                f"{self.api_url}: cannot reach the server: no network, or a wrong --api-url? "
                f"({outcome.problem}; gave up after {spent})"
            )
        patience = format_duration(self.retry.budget(self.reached))
        return f"{self.api_url}: gave up after {spent} (patience {patience}): {outcome.problem}"

    def _send(self, params: dict[str, str], timeout: tuple[float, float]) -> requests.Response:
        self.requests_made += 1
        if len(urlencode(params)) > _GET_LIMIT:
            return self.session.post(self.api_url, data=params, timeout=timeout)
        return self.session.get(self.api_url, params=params, timeout=timeout)

    def _attempt(
        self, params: dict[str, str], titles: Collection[str], shape: Any, left: float
    ) -> _Outcome:
        """The data of one good response, else what went wrong (and any Retry-After)."""
        timeout = (
            min(self.timeout[0], max(1.0, left)),
            min(self.timeout[1], max(1.0, left)),
        )
        try:
            response = self._send(params, timeout)
        except (requests.ConnectionError, requests.Timeout) as exc:
            problem, unreachable = _connection_problem(exc)
            self.reached = self.reached or not unreachable  # dropped or slow: it is there
            return _Outcome(problem=f"connection failed: {problem}", unreachable=unreachable)
        except (
            requests.exceptions.ChunkedEncodingError,
            requests.exceptions.ContentDecodingError,
        ) as exc:
            self.reached = True
            return _Outcome(problem=f"broken response body ({type(exc).__name__})")
        self.reached = True
        if response.status_code in RETRY_STATUSES:
            return _Outcome(
                problem=f"HTTP {response.status_code}", retry_after=_retry_after(response)
            )
        if response.status_code >= 400:
            raise FetchError(f"{self.api_url}: HTTP {response.status_code}", titles=titles)
        return self._read(response, titles, shape)

    def _read(self, response: requests.Response, titles: Collection[str], shape: Any) -> _Outcome:
        """Decode (strict UTF-8), check for an API error, then check the shape."""
        try:
            raw = msgspec.json.decode(response.content)
        except msgspec.DecodeError as exc:
            return _Outcome(problem=f"malformed JSON in the response ({exc})")
        if not isinstance(raw, dict):
            return _Outcome(problem="unexpected JSON (not an object)")
        error = raw.get("error")
        if isinstance(error, dict):
            code = str(error.get("code", ""))
            if code in RETRY_ERROR_CODES:
                problem = f"API error {code}: {error.get('info', '')}"
                return _Outcome(problem=problem, retry_after=_retry_after(response))
            raise FetchError(
                f"{self.api_url}: API error {code}: {error.get('info', '')}", titles=titles
            )
        try:
            data = msgspec.convert(raw, shape)
        except msgspec.ValidationError as exc:
            return _Outcome(problem=f"unexpected JSON ({exc})")
        for warning in data.warnings.values():
            log.warning("%s: API warning: %s", self.api_url, warning)
        return _Outcome(data)

    def query(
        self,
        params: dict[str, str],
        titles: Collection[str] = (),
        *,
        shape: Any = None,
        max_rounds: int | None = None,
    ) -> Iterator[Any]:
        """Every response of a query, sending back every key of `continue` until done.

        A token seen before, or more than `max_rounds` responses, is a FetchError: a
        server that keeps continuing must not keep the client asking forever.
        """
        rounds = max_rounds or self.max_list_rounds
        continuation: dict[str, str] = {}
        seen: set[tuple[tuple[str, str], ...]] = set()
        for _ in range(rounds):
            data = self.request({"action": "query", **params, **continuation}, titles, shape)
            yield data
            if not data.continue_:
                return
            continuation = {str(k): str(v) for k, v in data.continue_.items()}
            token = tuple(sorted(continuation.items()))
            if token in seen:
                raise FetchError(
                    f"{self.api_url}: continuation does not advance ({continuation} again)",
                    titles=titles,
                )
            seen.add(token)
        raise FetchError(
            f"{self.api_url}: continuation did not end after {rounds} responses", titles=titles
        )

    # -- pages ---------------------------------------------------------------------------

    def fetch(self, titles: Iterable[str]) -> FetchResult:
        """All pages for `titles`, in batches; FetchError names every title not fetched."""
        result = FetchResult()
        for batch_result in self.fetch_batches(titles):
            result.merge(batch_result)
        return result

    def fetch_batches(self, titles: Iterable[str]) -> Iterator[FetchResult]:
        """One FetchResult per batch of at most 50 titles, so callers can store as they go.

        When a batch fails for good, what it had received is yielded first, then
        FetchError names its titles not fetched and every later one.
        """
        unique = list(dict.fromkeys(t for t in titles if t.strip()))
        for start in range(0, len(unique), self.batch_size):
            batch = unique[start : start + self.batch_size]
            result, error = self._fetch_batch(batch)
            yield result
            if error is not None:
                later = unique[start + len(batch) :]
                raise FetchError(error.reason, titles=[*error.titles, *later]) from error

    def _collect(self, titles: list[str], into: BatchResponses) -> None:
        params = {**_PAGE_PARAMS, "titles": "|".join(titles)}
        shape = Envelope[PagesQuery]
        for data in self.query(params, titles, shape=shape, max_rounds=4 * len(titles) + 10):
            if data.query is not None:
                into.add(data.query)

    def _fetch_batch(self, batch: list[str]) -> tuple[FetchResult, FetchError | None]:
        """(the batch's result, None), or (what was received, the error) on a failure."""
        collected = BatchResponses()
        error: FetchError | None = None
        try:
            self._collect(batch, collected)
        except FetchError as exc:
            error = exc
        result = self._verified(collected.result_for(batch))
        if error is not None:
            unfetched, result.failed = result.failed, []
            error = FetchError(error.reason, titles=unfetched)
        return result, error

    def _verified(self, result: FetchResult) -> FetchResult:
        """Pages whose text does not match the server's sha1 are fetched again while
        patience lasts; the same text twice is taken as unverified, the rest fail."""
        bad = {page.title: page for page in result.pages if not sha1_matches(page)}
        started, attempt = self.clock(), 0
        while bad:
            attempt += 1
            wait = self.retry.delay(attempt)
            if self.clock() - started + wait > self.retry.patience:
                break
            log.warning(
                "%s: text of %s does not match the server's sha1; fetching again",
                self.api_url,
                ", ".join(map(repr, bad)),
            )
            self.sleep(wait)
            again = BatchResponses()
            try:
                self._collect(list(bad), again)
            except FetchError:
                break
            for page in again.result_for(list(bad)).pages:
                previous = bad.get(page.title)
                if previous is None:
                    continue
                if sha1_matches(page) or text_sha1(page.text) == text_sha1(previous.text):
                    result.pages = [page if p.title == page.title else p for p in result.pages]
                    del bad[page.title]
                    if not sha1_matches(page):
                        result.unverified.append(page.title)
                else:
                    bad[page.title] = page
        result.pages = [page for page in result.pages if page.title not in bad]
        for title in bad:
            result.failed.append(title)
            result.reasons[title] = "text does not match the server's sha1"
        return result

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
        for data in self.query(params, shape=Envelope[RecentChangesQuery]):
            for item in data.query.recentchanges if data.query is not None else []:
                change = change_from_item(item)
                if change is not None:
                    yield change

    def all_pages(self, *, namespace: int = 0, prefix: str | None = None) -> Iterator[str]:
        """Every title of a namespace, in the wiki's order."""
        params = {"list": "allpages", "apnamespace": str(namespace), "aplimit": "max"}
        if prefix:
            params["apprefix"] = prefix
        for data in self.query(params, shape=Envelope[AllPagesQuery]):
            for item in data.query.allpages if data.query is not None else []:
                yield item.title
