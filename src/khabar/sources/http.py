"""URLs over HTTP(S) with httpx: timeouts, a size cap, a redirect cap (each hop checked),
a per-host politeness delay, robots.txt honoured, a clear User-Agent, retries with back-off,
and refusal of private addresses unless ``[http] allow_private`` is set.

The transport is pluggable (``Fetcher(transport=httpx.MockTransport(...))``) so code can be
tested in-process; the tests also run a real local server.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from khabar import __version__
from khabar.errors import FetchError, FetchRefused, InputTooLarge
from khabar.sources.base import RawRecord
from khabar.sources.netguard import Resolver, check_url, resolve_host

if TYPE_CHECKING:
    from khabar.pipeline import Options

log = logging.getLogger(__name__)

USER_AGENT = f"khabar/{__version__} (+https://github.com/khabar-news/khabar)"
REDIRECTS = (301, 302, 303, 307, 308)
RETRY_STATUS = (429, 500, 502, 503, 504)
DISALLOW_ALL = ["User-agent: *", "Disallow: /"]


@dataclass(frozen=True, slots=True)
class HttpConfig:
    timeout: float = 20.0
    max_bytes: int = 16 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    delay: float = 1.0
    retries: int = 2
    backoff: float = 1.0
    allow_private: bool = False
    robots: bool = True

    @classmethod
    def from_options(cls, options: Options | None) -> HttpConfig:
        cfg = options.for_step("http") if options is not None else {}
        base = cls()
        return cls(
            timeout=float(cfg.get("timeout", base.timeout)),
            max_bytes=int(cfg.get("max_bytes", base.max_bytes)),
            max_redirects=int(cfg.get("max_redirects", base.max_redirects)),
            user_agent=str(cfg.get("user_agent", base.user_agent)),
            delay=float(cfg.get("delay", base.delay)),
            retries=int(cfg.get("retries", base.retries)),
            backoff=float(cfg.get("backoff", base.backoff)),
            allow_private=bool(cfg.get("allow_private", base.allow_private)),
            robots=bool(cfg.get("robots", base.robots)),
        )


@dataclass(slots=True)
class _Response:
    status: int
    headers: dict[str, str]
    body: bytes


class Fetcher:
    """Fetches URLs one at a time, politely. Use as a context manager, or call close()."""

    def __init__(
        self,
        options: Options | None = None,
        *,
        config: HttpConfig | None = None,
        transport: httpx.BaseTransport | None = None,
        resolver: Resolver = resolve_host,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config or HttpConfig.from_options(options)
        self._client = httpx.Client(
            transport=transport, timeout=self.config.timeout, follow_redirects=False,
            headers={"User-Agent": self.config.user_agent},
        )
        self._resolver = resolver
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str) -> RawRecord:
        """The body at ``url`` after redirects. Raises FetchError, FetchRefused, InputTooLarge."""
        current = url
        for _hop in range(self.config.max_redirects + 1):
            check_url(current, allow_private=self.config.allow_private, resolver=self._resolver)
            if self.config.robots and not self._robots_allow(current):
                raise FetchRefused(f"{current}: robots.txt disallows fetching it")
            resp = self._get_with_retries(current)
            location = resp.headers.get("location")
            if resp.status in REDIRECTS and location:
                current = urljoin(current, location)
                continue
            if resp.status >= 400:
                raise FetchError(f"{current}: HTTP {resp.status}")
            return RawRecord(
                resp.body, "url", url=current,
                fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
                headers=resp.headers,
            )
        raise FetchError(f"{url}: more than {self.config.max_redirects} redirects")

    # -- one request, retried -------------------------------------------------------------
    def _get_with_retries(self, url: str) -> _Response:
        attempts = 1 + max(0, self.config.retries)
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                resp = self._get(url)
            except httpx.TransportError as exc:
                if last:
                    raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc
                log.debug("retrying %s after %s", url, type(exc).__name__)
            else:
                if resp.status not in RETRY_STATUS or last:
                    return resp
                log.debug("retrying %s after HTTP %s", url, resp.status)
            self._sleep(self.config.backoff * 2**attempt)
        raise FetchError(f"{url}: no response")  # not reached: the last attempt returns

    def _get(self, url: str) -> _Response:
        self._wait_turn(url)
        try:
            with self._client.stream("GET", url) as resp:
                headers = {k.lower(): v for k, v in resp.headers.items()}
                if resp.status_code in REDIRECTS or resp.status_code >= 400:
                    return _Response(resp.status_code, headers, b"")
                return _Response(resp.status_code, headers, self._read_body(url, resp))
        except httpx.HTTPError as exc:
            if isinstance(exc, httpx.TransportError):
                raise
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc
        finally:
            self._last[_host_key(url)] = self._clock()

    def _read_body(self, url: str, resp: httpx.Response) -> bytes:
        cap = self.config.max_bytes
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise InputTooLarge(f"{url}: body of {int(declared):,} bytes exceeds {cap:,}")
        body = bytearray()
        for chunk in resp.iter_bytes():
            body.extend(chunk)
            if len(body) > cap:
                raise InputTooLarge(f"{url}: body larger than {cap:,} bytes")
        return bytes(body)

    def _wait_turn(self, url: str) -> None:
        key = _host_key(url)
        last = self._last.get(key)
        if last is None:
            return
        wait = last + self._delay_for(url) - self._clock()
        if wait > 0:
            self._sleep(wait)

    def _delay_for(self, url: str) -> float:
        robots = self._robots.get(_origin(url))
        crawl_delay = robots.crawl_delay(self.config.user_agent) if robots else None
        return max(self.config.delay, float(crawl_delay or 0))

    # -- robots.txt -----------------------------------------------------------------------
    def _robots_allow(self, url: str) -> bool:
        origin = _origin(url)
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        parser = self._robots[origin]
        return True if parser is None else parser.can_fetch(self.config.user_agent, url)

    def _load_robots(self, origin: str) -> RobotFileParser | None:
        """A parser, or None when the site has no robots.txt (everything allowed)."""
        parser = RobotFileParser()
        try:
            resp = self._get_robots(origin + "/robots.txt")
        except (FetchError, InputTooLarge) as exc:
            log.info("robots.txt of %s unreadable (%s); not fetching from it", origin, exc)
            parser.parse(DISALLOW_ALL)
            return parser
        if resp.status in (401, 403) or resp.status >= 500:
            parser.parse(DISALLOW_ALL)
        elif resp.status >= 300:
            return None
        else:
            parser.parse(resp.body.decode("utf-8", "replace").splitlines())
        return parser


    def _get_robots(self, url: str) -> _Response:
        """robots.txt, following up to five redirects (RFC 9309), each hop checked."""
        resp = self._get_with_retries(url)
        for _hop in range(5):
            location = resp.headers.get("location")
            if resp.status not in REDIRECTS or not location:
                break
            url = urljoin(url, location)
            check_url(url, allow_private=self.config.allow_private, resolver=self._resolver)
            resp = self._get_with_retries(url)
        return resp


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _host_key(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def fetch(url: str, *, options: Options | None = None, **kwargs: Any) -> RawRecord:
    """Fetch one URL with a fresh :class:`Fetcher` (see there for the rules)."""
    with Fetcher(options, **kwargs) as fetcher:
        return fetcher.fetch(url)
