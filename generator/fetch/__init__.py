"""``marsad fetch``: the outlets' feeds (``feeds:`` in marsad.yml) → new pages in the articles folder.

    feeds.py   bytes of a feed           → FeedItem (page URL, publication time, title)
    client.py  URL                       → Response (polite, capped, conditional)
    store.py   page + what is known      → <articles_dir>/fetched/<outlet>/NAME.html + NAME.yml

For each feed, in the order of marsad.yml: a conditional GET; the items not fetched before; each
one's page, kept only when it holds an article text (read as the build will read it: read.py)
whose URL and text were never saved. Its sidecar holds ``url`` (the page's canonical URL),
``outlet`` (the feed's), ``published`` (the feed item's time, else the page's metadata) and
``fetched_at``. A feed or page that fails is reported with its reason and the others go on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from ..config import Config, Feed
from .options import FetchOptions
from .store import FETCH_FOLDER, Saved, Store, StoreError

if TYPE_CHECKING:  # imported where used: httpx and feedparser load only when fetching
    from .client import Client
    from .feeds import FeedItem

__all__ = ["FETCH_FOLDER", "FeedReport", "FetchOptions", "FetchReport", "StoreError", "fetch", "options_for"]

Say = Callable[[str], None]
FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
HTML_TYPES = ("text/html", "application/xhtml+xml")
PROGRESS_EVERY = 10  # pages


@dataclass
class FeedReport:
    """What one feed gave: pages saved, items already known, and each failure with its reason."""

    feed: Feed
    not_modified: bool = False
    saved: list[Saved] = field(default_factory=list)
    known: int = 0  # items already fetched (or the same page or text as one that was)
    later: int = 0  # new items beyond max_items, left for the next run
    failures: list[str] = field(default_factory=list)  # "URL: reason"; the feed's own first when it failed
    disallowed: list[str] = field(default_factory=list)  # pages the site's robots.txt keeps Marsad from

    def line(self) -> str:
        if self.not_modified:
            return f"{self.feed.url}: not modified since the last fetch"
        parts = [f"{len(self.saved)} new", f"{self.known} already fetched"]
        if self.later:
            parts.append(f"{self.later} left for the next run (--max-items)")
        if self.disallowed:
            parts.append(f"{len(self.disallowed)} skipped (robots.txt)")
        if self.failures:
            parts.append(f"{len(self.failures)} failed")
        return f"{self.feed.url} ({self.feed.outlet}): {', '.join(parts)}"


@dataclass
class FetchReport:
    feeds: list[FeedReport] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(report.failures for report in self.feeds)

    @property
    def saved(self) -> list[Saved]:
        return [saved for report in self.feeds for saved in report.saved]

    def summary(self) -> str:
        failures = sum(len(r.failures) for r in self.feeds)
        return (f"fetched {len(self.feeds)} feed(s): {len(self.saved)} new page(s) saved, "
                f"{failures} failure(s)")


def options_for(config: Config, **given: object) -> FetchOptions:
    """The fetch options of a project: marsad.yml's max_file_bytes and site_url, and those given."""
    return FetchOptions(max_bytes=config.settings.max_file_bytes, site_url=config.settings.site_url,
                        **{k: v for k, v in given.items() if v is not None})


def fetch(config: Config, options: FetchOptions, say: Say | None = None, client: Client | None = None) -> FetchReport:
    """Fetch every feed of ``config``; never raises for a feed or a page, only when the fetch folder
    itself cannot be written (StoreError)."""
    from .client import Client

    say = say or (lambda message: None)
    store = Store.open(config.articles_dir)
    report = FetchReport()
    feeds = config.settings.feeds
    own_client = client is None
    client = client or Client(options)
    try:
        for number, feed in enumerate(feeds, start=1):
            feed_report = _fetch_feed(feed, client, store, options, say)
            store.save_state()
            report.feeds.append(feed_report)
            say(f"fetch: feed {number}/{len(feeds)}: {feed_report.line()}")
            for url in feed_report.disallowed:
                say(f"  skipped {url}: disallowed by the site's robots.txt")
            for failure in feed_report.failures:
                say(f"  failed {failure}")
    finally:
        if own_client:
            client.__exit__()
    return report


def _fetch_feed(feed: Feed, client: Client, store: Store, options: FetchOptions, say: Say) -> FeedReport:
    from .client import Disallowed, FetchError
    from .feeds import NotAFeed, parse_feed

    report = FeedReport(feed)
    etag, last_modified = store.validators(feed.url)
    try:
        response = client.get(feed.url, etag, last_modified, accept=FEED_ACCEPT)
        if response.status == 304:
            report.not_modified = True
            return report
        items = parse_feed(response.content, response.content_type, response.url)
    except (FetchError, NotAFeed) as error:
        report.failures.append(f"{feed.url}: {error}")
        return report
    new: list[FeedItem] = []
    for item in items:
        if store.seen_url(item.url) or any(item.url == other.url for other in new):
            report.known += 1
        else:
            new.append(item)
    report.later = max(0, len(new) - options.max_items)
    new = new[: options.max_items]
    for done, item in enumerate(new, start=1):
        try:
            saved = _fetch_page(item, feed, client, store)
        except Disallowed:
            report.disallowed.append(item.url)  # a page the site keeps from robots is skipped, not failed
        except (FetchError, _Refused) as error:
            report.failures.append(f"{item.url}: {error}")
        else:
            if saved is None:
                report.known += 1
            else:
                report.saved.append(saved)
        if len(new) > PROGRESS_EVERY and (done % PROGRESS_EVERY == 0 or done == len(new)):
            say(f"fetch: {feed.url}: page {done}/{len(new)}")
    if not report.failures and not report.later:
        # Only a feed read whole is marked: otherwise the next run asks for it again and retries the rest.
        store.remember_feed(feed.url, response.etag, response.last_modified)
    return report


class _Refused(Exception):
    """A page fetched but not kept (not HTML, no article text, undecodable), with the reason."""


def _fetch_page(item: FeedItem, feed: Feed, client: Client, store: Store) -> Saved | None:
    """The page saved, or None when its URL or its text was saved before."""
    from ..read import Unreadable, decode, page_metadata, read_html

    response = client.get(item.url, accept=PAGE_ACCEPT)
    kind = response.content_type.split(";")[0].strip().lower()
    if kind and kind not in HTML_TYPES:
        raise _Refused(f"not an HTML page ({kind})")
    try:
        html, _ = decode(response.content)
        text = read_html(html).text
    except Unreadable as error:
        raise _Refused(str(error)) from None
    page = page_metadata(html, base_url=response.url)
    canonical = page.canonical or response.url
    earlier = store.seen_url(canonical) or store.seen_url(response.url) or store.seen_text(text)
    if earlier:
        store.also_known_as(earlier, [item.url, response.url, canonical])
        return None
    fetched_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return store.save(feed.outlet, [item.url, response.url], canonical, item.published or page.published,
                      fetched_at, response.content, text)
