"""Feed parsing: the bytes of an RSS or Atom feed, or of a news sitemap → the items it lists.

Each item is a page address with what the feed says of it (publication time, title). A
response that is not a feed (an HTML page, a sitemap index, a plain sitemap without news
entries), or whose bytes are not in the character set it declares, is refused with the reason.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

from ..config import is_accepted_day

MAX_ITEMS = 5_000  # items read from one feed; a news feed or news sitemap lists up to 1,000
_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']", re.I)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._-]+)", re.I)
_ROOT = re.compile(rb"<(rss|feed|rdf:RDF|urlset|sitemapindex|html)[\s>]", re.I)
_SKIP_PROLOG = re.compile(rb"\A(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.S | re.I)


class NotAFeed(Exception):
    """Raised with the reason a response cannot be read as a feed."""


@dataclass(frozen=True)
class FeedItem:
    url: str  # absolute http(s) address of the item's page
    published: str | None = None  # ISO date, or date and time to the minute, as the feed states it
    title: str | None = None


def parse_feed(data: bytes, content_type: str, base_url: str) -> list[FeedItem]:
    """The items of an RSS/Atom feed or a news sitemap, newest feed order kept; NotAFeed otherwise."""
    if not data.strip():
        raise NotAFeed("empty response (not a feed)")
    text_start = _decoded_start(data, content_type)
    match = _ROOT.search(text_start[:4096])
    kind = match.group(1).lower() if match else b""
    if kind == b"html" or (not match and b"<html" in text_start[:4096].lower()):
        raise NotAFeed(f"not a feed: an HTML page ({content_type or 'no content type'})")
    if kind in (b"rss", b"feed", b"rdf:rdf"):
        return _feed_items(data, content_type, base_url)
    if kind == b"urlset":
        return _sitemap_items(data, base_url)
    if kind == b"sitemapindex":
        raise NotAFeed("a sitemap index, not a news sitemap: list its news sitemaps in feeds: instead")
    raise NotAFeed(f"not a feed: neither RSS, Atom nor a news sitemap ({content_type or 'no content type'})")


def _decoded_start(data: bytes, content_type: str) -> bytes:
    """The bytes checked against the character set the response declares (HTTP header, else the XML
    declaration, else UTF-8 as XML says); NotAFeed when they are not in it. Returned as ASCII-ish
    bytes for sniffing the root element."""
    declared = _CHARSET.search(content_type or "")
    from_xml = _XML_DECLARATION.match(data)
    charset = (declared.group(1) if declared else from_xml.group(1).decode("ascii") if from_xml else "utf-8")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        charset = "utf-16"
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        raise NotAFeed(f"unknown character set {charset!r} declared") from None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        where = "in its Content-Type" if declared else "in its XML declaration" if from_xml else "by default (XML)"
        raise NotAFeed(f"wrongly encoded: {charset} declared {where}, but byte {exc.start:,} is not {charset} "
                       f"text") from None
    return _SKIP_PROLOG.sub(b"", text.lstrip("\ufeff")[:8192].encode("utf-8"), count=1)


def _feed_items(data: bytes, content_type: str, base_url: str) -> list[FeedItem]:
    import feedparser

    parsed = feedparser.parse(data, response_headers={"content-type": content_type or "application/xml"})
    if not parsed.entries:
        problem = getattr(parsed, "bozo_exception", None)
        if problem is not None and not parsed.feed:
            raise NotAFeed(f"not a feed: the XML cannot be read ({problem})")
        return []
    items = []
    for entry in parsed.entries[:MAX_ITEMS]:
        url = _absolute(entry.get("link"), base_url)
        if url:
            published = _stamp(entry.get("published") or entry.get("updated"))
            if published is None:
                parsed_time = entry.get("published_parsed") or entry.get("updated_parsed")
                published = _minutes(datetime(*parsed_time[:6])) if parsed_time else None
                published = published if published and is_accepted_day(published) else None
            items.append(FeedItem(url, published, _one_line(entry.get("title"))))
    return items


def _sitemap_items(data: bytes, base_url: str) -> list[FeedItem]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise NotAFeed(f"not a feed: the sitemap's XML cannot be read ({exc})") from None
    items, plain = [], 0
    for url_element in root.iter("{*}url"):
        loc = _absolute(url_element.findtext("{*}loc"), base_url)
        news = url_element.find("{*}news")
        if news is None:
            plain += 1
            continue
        if loc and len(items) < MAX_ITEMS:
            items.append(FeedItem(loc, _stamp(news.findtext("{*}publication_date")),
                                  _one_line(news.findtext("{*}title"))))
    if plain and not items:
        raise NotAFeed(f"a sitemap without news entries (<news:news>; {plain:,} plain URLs): only news "
                       f"sitemaps are read, not a site's list of every page")
    return items


def _absolute(link: object, base_url: str) -> str | None:
    if not isinstance(link, str) or not link.strip() or len(link) > 2_000:
        return None
    url = urljoin(base_url, link.strip())
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or re.search(r"\s", url):
        return None
    return url


def _stamp(value: object) -> str | None:
    """An RFC 822 (RSS) or ISO 8601 (Atom, sitemaps) time as the feed states it, to the minute, in
    the feed's own time zone (the outlet's day); None when it is not a time Marsad accepts."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    when = None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if when is None:
        return None
    has_time = "T" in value or ":" in value
    stamp = _minutes(when) if has_time else when.date().isoformat()
    return stamp if is_accepted_day(stamp) else None


def _minutes(when: datetime) -> str:
    return when.replace(tzinfo=None).isoformat(timespec="minutes")


def _one_line(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value[:500] or None
