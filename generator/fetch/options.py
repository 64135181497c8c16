"""The options of ``marsad fetch`` (kept apart from the HTTP client, so the command line reads them
without importing httpx)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import __version__


@dataclass(frozen=True)
class FetchOptions:
    """How ``marsad fetch`` behaves on the network; one immutable object, passed whole."""

    delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 20.0  # seconds to connect, and between two reads
    retries: int = 2  # further attempts after a timeout, a refused connection, 429 or 5xx
    backoff: float = 2.0  # seconds before the first retry; doubled for each next one
    max_redirects: int = 5
    max_bytes: int = 5_000_000  # per response, after decompression (marsad.yml's max_file_bytes)
    max_items: int = 100  # new pages fetched per feed and run
    site_url: str = ""  # named in the User-Agent, so an outlet can see who fetches

    @property
    def user_agent(self) -> str:
        contact = f"; +{self.site_url}" if self.site_url else ""
        return f"Marsad/{__version__} (news briefing fetcher{contact})"

    @property
    def deadline(self) -> float:
        """Seconds a whole response may take (a server trickling bytes is cut off)."""
        return max(60.0, 3 * self.timeout)
