"""The HTTP client of ``marsad fetch``: polite to the outlets, safe against what they send.

- at most one request every ``delay`` seconds to each host (longer when its robots.txt asks, up to
  ``MAX_CRAWL_DELAY``), redirects included: each hop is a request of its own;
- robots.txt read once per host and obeyed for the token ``Marsad`` (RFC 9309: a robots.txt that
  is missing (4xx) allows everything, one that cannot be fetched (5xx, network) allows nothing);
- timeouts on connecting and on each read, and a deadline for the whole response;
- retries with exponential backoff after a timeout, a refused connection, 429 or 5xx
  (``Retry-After`` obeyed up to ``MAX_RETRY_AFTER``);
- conditional requests (``If-None-Match``, ``If-Modified-Since``) when validators are given;
- a size cap while streaming, on the bytes announced, received and decompressed: a 50 MB page
  or a gzip bomb stops at the cap, never in memory whole. Only gzip and deflate are accepted,
  and decompressed here with a bounded output.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from urllib import robotparser
from urllib.parse import urljoin, urlsplit

import httpx

from .options import FetchOptions

ROBOTS_TOKEN = "Marsad"
MAX_ROBOTS_BYTES = 500_000  # RFC 9309 asks crawlers to read at least 500 KiB
MAX_CRAWL_DELAY = 60.0
MAX_RETRY_AFTER = 120.0
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CHUNK = 64 * 1024


class FetchError(Exception):
    """Raised with the reason a URL could not be fetched (shown to the user as it is)."""


class Disallowed(FetchError):
    """The site's robots.txt asks Marsad not to fetch the URL: a choice the site made, not a failure."""


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int  # 200, or 304 (not modified) for a conditional request
    content: bytes
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None


class Client:
    """GET with the rules above. ``clock`` and ``sleep`` are the monotonic clock and the wait, given
    so that tests can count waits without waiting."""

    def __init__(self, options: FetchOptions, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep, transport: httpx.BaseTransport | None = None):
        self.options = options
        self.clock, self.sleep = clock, sleep
        self._last: dict[str, float] = {}  # host → when its last request was sent
        self._robots: dict[str, tuple[robotparser.RobotFileParser | None, bool, float]] = {}
        self._http = httpx.Client(
            timeout=httpx.Timeout(options.timeout), follow_redirects=False, transport=transport,
            headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, deflate"},
        )

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self._http.close()

    # ------------------------------------------------------------ public

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None,
            accept: str = "*/*") -> Response:
        """The response to GET ``url`` (following redirects, each checked against robots.txt);
        FetchError with the reason when there is none to use."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = [url]
        current = url
        for _ in range(self.options.max_redirects + 1):
            self._check_allowed(current)
            status, response = self._attempts(current, headers, self.options.max_bytes)
            if status in (301, 302, 303, 307, 308):
                target = urljoin(current, response.content.decode("latin-1")) if response.content else ""
                if not target:
                    raise FetchError(f"HTTP {status} redirect without a Location")
                if urlsplit(target).scheme not in ("http", "https"):
                    raise FetchError(f"redirect to a non-web address ({target[:100]})")
                if target in seen:
                    raise FetchError(f"redirect loop ({' → '.join(seen[-3:] + [target])})")
                seen.append(target)
                current = target
                continue
            return response
        raise FetchError(f"too many redirects (more than {self.options.max_redirects}: "
                         f"{' → '.join(seen[:3])} …)")

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets Marsad fetch ``url`` (read once per host)."""
        try:
            self._check_allowed(url)
        except FetchError:
            return False
        return True

    # ------------------------------------------------------------ politeness

    def _wait_turn(self, url: str) -> None:
        host = _host(url)
        interval = max(self.options.delay, self._robots.get(host, (None, True, 0.0))[2])
        last = self._last.get(host)
        if last is not None:
            wait = last + interval - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def _check_allowed(self, url: str) -> None:
        host = _host(url)
        if host not in self._robots:
            self._robots[host] = self._read_robots(url)
        rules, reachable, _ = self._robots[host]
        if not reachable:
            raise FetchError(f"robots.txt of {host} could not be fetched, so nothing there is fetched "
                             f"(RFC 9309)")
        if rules is not None and not rules.can_fetch(ROBOTS_TOKEN, url):
            raise Disallowed(f"disallowed by robots.txt of {host}")

    def _read_robots(self, url: str) -> tuple[robotparser.RobotFileParser | None, bool, float]:
        """(rules or None for "allow all", whether robots.txt could be fetched, crawl delay)."""
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        current = robots_url
        for _ in range(5):  # RFC 9309: follow at least five redirects
            try:
                status, response = self._attempts(current, {"Accept": "text/plain"}, MAX_ROBOTS_BYTES)
            except FetchError as error:
                if str(error).startswith("HTTP 4"):
                    return None, True, 0.0
                return None, False, 0.0
            if status in (301, 302, 303, 307, 308) and response.content:
                current = urljoin(current, response.content.decode("latin-1"))
                continue
            break
        else:
            return None, True, 0.0
        rules = robotparser.RobotFileParser(robots_url)
        rules.parse(response.content.decode("utf-8", "replace").splitlines())
        delay = rules.crawl_delay(ROBOTS_TOKEN)
        return rules, True, min(float(delay), MAX_CRAWL_DELAY) if delay else 0.0

    # ------------------------------------------------------------ one request

    def _attempts(self, url: str, headers: dict[str, str], max_bytes: int) -> tuple[int, Response]:
        """(status, response) of one GET, retried after transient failures. A redirect comes back
        with its Location as content; any other status but 200 and 304 is a FetchError."""
        pause = self.options.backoff
        for attempt in range(self.options.retries + 1):
            last = attempt == self.options.retries
            self._wait_turn(url)
            try:
                return self._once(url, headers, max_bytes)
            except _Retry as retry:
                if last:
                    raise FetchError(retry.reason) from None
                wait = retry.after if retry.after is not None else pause
                self.sleep(min(wait, MAX_RETRY_AFTER))
                pause *= 2
        raise AssertionError("not reached")

    def _once(self, url: str, headers: dict[str, str], max_bytes: int) -> tuple[int, Response]:
        timeout = self.options.timeout
        try:
            with self._http.stream("GET", url, headers=headers) as reply:
                status = reply.status_code
                if status in (301, 302, 303, 307, 308):
                    location = reply.headers.get("location", "")
                    return status, Response(url, status, location.encode("latin-1", "replace"))
                if status == 304:
                    return status, Response(url, 304, b"", etag=reply.headers.get("etag"),
                                            last_modified=reply.headers.get("last-modified"))
                if status in RETRY_STATUSES:
                    raise _Retry(f"HTTP {status} {reply.reason_phrase}".strip(), _retry_after(reply))
                if status != 200:
                    raise FetchError(f"HTTP {status} {reply.reason_phrase}".strip())
                content = self._body(reply, max_bytes)
                return status, Response(url, 200, content, reply.headers.get("content-type", ""),
                                        reply.headers.get("etag"), reply.headers.get("last-modified"))
        except httpx.TimeoutException:
            raise _Retry(f"timed out (no answer within {timeout:g} s)") from None
        except httpx.ConnectError as error:
            raise _Retry(f"could not connect: {error}") from None
        except httpx.TransportError as error:
            raise _Retry(f"network error: {type(error).__name__}: {error}") from None

    def _body(self, reply: httpx.Response, max_bytes: int) -> bytes:
        """The decompressed body, refused once it passes ``max_bytes`` (announced, received or
        decompressed) or the deadline."""
        announced = reply.headers.get("content-length", "")
        if announced.isdigit() and int(announced) > max_bytes:
            raise FetchError(f"too large: {int(announced):,} bytes announced (the limit is {max_bytes:,}, "
                             f"max_file_bytes)")
        encoding = reply.headers.get("content-encoding", "identity").strip().lower()
        if encoding in ("gzip", "x-gzip"):
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            inflater = zlib.decompressobj()
        elif encoding in ("identity", ""):
            inflater = None
        else:
            raise FetchError(f"unsupported Content-Encoding {encoding!r} (only gzip and deflate are asked for)")
        started = self.clock()
        received, parts, size = 0, [], 0
        for chunk in reply.iter_raw(CHUNK):
            received += len(chunk)
            if received > max_bytes:
                raise FetchError(f"too large: more than {max_bytes:,} bytes (max_file_bytes); stopped while "
                                 f"downloading")
            if inflater is not None:
                try:
                    chunk = inflater.decompress(chunk, max_bytes + 1 - size)
                except zlib.error as error:
                    raise FetchError(f"damaged {encoding} data: {error}") from None
                if inflater.unconsumed_tail:
                    chunk += b"x"  # more output is waiting: past the cap
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"too large once decompressed: more than {max_bytes:,} bytes from {received:,} "
                                 f"{encoding} bytes (a compression bomb?); stopped")
            parts.append(chunk)
            if self.clock() - started > self.options.deadline:
                raise FetchError(f"too slow: not complete within {self.options.deadline:g} s")
        return b"".join(parts)


class _Retry(Exception):
    def __init__(self, reason: str, after: float | None = None):
        super().__init__(reason)
        self.reason, self.after = reason, after


def _retry_after(reply: httpx.Response) -> float | None:
    value = reply.headers.get("retry-after", "").strip()
    return float(value) if value.isdigit() else None


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{(parts.hostname or '').lower()}:{parts.port or ''}"
