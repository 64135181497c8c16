"""marsad fetch against real HTTP servers on loopback (http.server in a thread).

The servers serve feeds (RSS, Atom, a news sitemap), article pages, robots.txt, and every
failure a real outlet can send: 404, a timeout, a redirect loop, an HTML page where the feed
should be, a 50 MB page, a gzip bomb, a feed in another charset than it declares. Each request is
recorded (path, headers, and the time of the fetcher's clock), so politeness is checked by count
and order, never by measuring real time.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
import time
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.config import ConfigError, load_config
from generator.fetch import FetchOptions, fetch, options_for
from generator.fetch.client import Client
from generator.fetch.feeds import NotAFeed, parse_feed
from generator.read import page_metadata, read_articles

from .conftest import copy_project

BODY = ("قال المبعوث الشخصي للأمين العام للأمم المتحدة إلى الصحراء الغربية ستافان دي ميستورا إن المشاورات "
        "مع الأطراف ستتواصل خلال الأسابيع المقبلة من أجل التوصل إلى حل سياسي واقعي ودائم. ")


def article_page(title: str, paragraph: str, canonical: str | None = None, published: str | None = None,
                 extra: str = "") -> bytes:
    head = f'<meta property="og:site_name" content="موقع الاختبار">'
    if canonical:
        head += f'<link rel="canonical" href="{canonical}">'
    if published:
        head += f'<meta property="article:published_time" content="{published}">'
    paragraphs = "".join(f"<p>{paragraph} {BODY * 2}</p>" for _ in range(3))
    return (f"<!doctype html><html lang=ar><head><meta charset=utf-8><title>{title}</title>{head}</head>"
            f"<body><nav>الرئيسية</nav><article><h1>{title}</h1>{extra}{paragraphs}</article></body></html>"
            ).encode("utf-8")


def rss(items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (title, link, RFC 822 date) items."""
    entries = "".join(f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate></item>"
                      for t, link, d in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>موقع</title>'
            f"<link>http://example.invalid/</link>{entries}</channel></rss>").encode("utf-8")


# ------------------------------------------------------------------ the servers


class FakeClock:
    """The fetcher's clock and sleep: time passes only when the fetcher waits. The servers stamp each
    request with it, so the stamps show the waits the fetcher made, exactly, whatever the machine."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    stamp: float
    status: int = 0


@dataclass
class Route:
    """What the server answers at a path: a status, headers and a body (or a function of the handler)."""

    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None


class Site:
    """An HTTP server on a loopback address, in a thread, answering from ``routes``."""

    def __init__(self, host: str = "127.0.0.1", clock: FakeClock | None = None):
        self.routes: dict[str, Route | callable] = {}
        self.seen: list[Seen] = []
        self.clock = clock
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                record = Seen(self.path, {k.lower(): v for k, v in self.headers.items()},
                              site.clock.now if site.clock else time.monotonic())
                site.seen.append(record)
                route = site.routes.get(self.path)
                if route is None:
                    route = Route(b"not found", 404) if self.path != "/robots.txt" else Route(b"", 404)
                if callable(route):
                    record.status = 200
                    route(self)
                    return
                if route.etag and self.headers.get("If-None-Match") == route.etag or \
                        route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified:
                    record.status = 304
                    self.send_response(304)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                record.status = route.status
                self.send_response(route.status)
                headers = {"Content-Length": str(len(route.body)), **route.headers}
                if route.etag:
                    headers["ETag"] = route.etag
                if route.last_modified:
                    headers["Last-Modified"] = route.last_modified
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(route.body)

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://{host}:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def requests(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def site():
    server = Site()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


def project(tmp_path: Path, feeds: list[tuple[str, str]], extra: str = "") -> Path:
    """A copy of the project whose marsad.yml lists ``feeds`` (url, outlet id)."""
    root = copy_project(tmp_path / "project")
    lines = ["pdf: false", "feeds:"] + [f"  - url: {url}\n    outlet: {outlet}" for url, outlet in feeds]
    (root / "marsad.yml").write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return root


def fetched_files(root: Path) -> dict[str, bytes]:
    folder = root / "content" / "articles" / "fetched"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run_fetch(root: Path, clock: FakeClock | None = None, **given) -> object:
    config = load_config(root)
    options = options_for(config, **{"delay": 0.0, "timeout": 2.0, "retries": 0, **given})
    clock = clock or FakeClock()
    with Client(options, clock=clock.clock, sleep=clock.sleep) as client:
        return fetch(config, options, client=client)


def snapshot(root: Path) -> dict[str, str]:
    """Every file of the project but the fetch folder, with a hash of its bytes."""
    fetched = root / "content" / "articles" / "fetched"
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and fetched not in p.parents}


RFC_DAY = "Wed, 29 Nov 2023 20:54:00 +0100"


def news_site(site: Site) -> None:
    """An outlet with an RSS feed (ETag), an Atom feed (Last-Modified) and a news sitemap."""
    site.routes["/feed.rss"] = Route(rss([
        ("الخبر الأول", site.url("/news/1?utm_source=rss"), RFC_DAY),
        ("الخبر الثاني", site.url("/news/2"), "Thu, 30 Nov 2023 09:00:00 +0000"),
    ]), headers={"Content-Type": "application/rss+xml; charset=utf-8"}, etag='"v1"')
    site.routes["/news/1?utm_source=rss"] = Route(article_page("الخبر الأول", "الفقرة الأولى",
                                                               canonical=site.url("/news/1")),
                                                  headers={"Content-Type": "text/html; charset=utf-8"})
    site.routes["/news/2"] = Route(article_page("الخبر الثاني", "الفقرة الثانية"),
                                   headers={"Content-Type": "text/html"})
    atom = (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            f'<entry><title>الخبر الثالث</title><link href="{site.url("/news/3")}"/><id>3</id>'
            f"<updated>2023-12-01T08:15:00+01:00</updated></entry>"
            # the same article again under another address: saved once
            f'<entry><title>نسخة</title><link href="{site.url("/copy/1")}"/><id>4</id>'
            f"<updated>2023-12-01T09:00:00Z</updated></entry></feed>").encode("utf-8")
    site.routes["/feed.atom"] = Route(atom, headers={"Content-Type": "application/atom+xml"},
                                      last_modified=format_datetime(datetime(2023, 12, 1, tzinfo=timezone.utc),
                                                                    usegmt=True))
    site.routes["/news/3"] = Route(article_page("الخبر الثالث", "الفقرة الثالثة",
                                                published="2023-12-01T08:15:00+01:00"),
                                   headers={"Content-Type": "text/html"})
    site.routes["/copy/1"] = Route(site.routes["/news/2"].body, headers={"Content-Type": "text/html"})
    sitemap = (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
               f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>{site.url("/news/4")}</loc>'
               f"<news:news><news:publication><news:name>x</news:name><news:language>ar</news:language>"
               f"</news:publication><news:publication_date>2023-12-02</news:publication_date>"
               f"<news:title>الخبر الرابع</news:title></news:news></url></urlset>").encode("utf-8")
    site.routes["/sitemap-news.xml"] = Route(sitemap, headers={"Content-Type": "application/xml"})
    site.routes["/news/4"] = Route(article_page("الخبر الرابع", "الفقرة الرابعة", published="2023-12-02T07:00"),
                                   headers={"Content-Type": "text/html"})


# ------------------------------------------------------------------ fetching


def test_fetch_saves_each_new_page_with_its_sidecar(tmp_path, site):
    news_site(site)
    root = project(tmp_path, [(site.url("/feed.rss"), "hespress"), (site.url("/feed.atom"), "hespress"),
                              (site.url("/sitemap-news.xml"), "akhbarona")])
    report = run_fetch(root)
    assert not report.failed, [r.failures for r in report.feeds]
    files = fetched_files(root)
    pages = {name: data for name, data in files.items() if name.endswith(".html")}
    # four articles: /copy/1 is /news/2's text under another address
    assert len(pages) == 4 and report.feeds[1].known == 1
    sidecars = {name: yaml.safe_load(files[name[:-5] + ".yml"]) for name in pages}
    by_url = {s["url"]: (name, s) for name, s in sidecars.items()}
    # the canonical URL, not the feed's link with its tracking parameter
    name, first = by_url[site.url("/news/1")]
    assert name.startswith("hespress/2023-11-29-")
    # the feed's time as the outlet stated it (its own zone, so its own day)
    assert first["outlet"] == "hespress" and first["published"] == "2023-11-29T20:54"
    assert pages[name] == site.routes["/news/1?utm_source=rss"].body  # the page as fetched, byte for byte
    assert datetime.fromisoformat(first["fetched_at"]).tzinfo is not None
    assert by_url[site.url("/news/3")][1]["published"] == "2023-12-01T08:15"
    assert by_url[site.url("/news/4")][0].startswith("akhbarona/2023-12-02-")
    assert by_url[site.url("/news/4")][1]["published"] == "2023-12-02"
    # robots.txt asked once for the host, and the User-Agent names Marsad
    assert len(site.requests("/robots.txt")) == 1
    assert all(s.headers["user-agent"].startswith("Marsad/") for s in site.seen)
    # what the build reads: the sidecar is valid and wins
    read = read_articles([root / "content" / "articles" / "fetched"])
    assert not read.skipped and len(read.articles) == 4
    assert {a.hints.url for a in read.articles} == set(by_url)


def test_a_second_fetch_sends_conditional_requests_and_saves_nothing(tmp_path, site):
    news_site(site)
    root = project(tmp_path, [(site.url("/feed.rss"), "hespress"), (site.url("/feed.atom"), "hespress"),
                              (site.url("/sitemap-news.xml"), "akhbarona")])
    run_fetch(root)
    before = fetched_files(root)
    site.seen.clear()
    report = run_fetch(root)
    assert not report.failed
    rss_asked, = site.requests("/feed.rss")
    atom_asked, = site.requests("/feed.atom")
    assert rss_asked.headers["if-none-match"] == '"v1"' and rss_asked.status == 304
    assert atom_asked.headers["if-modified-since"] == site.routes["/feed.atom"].last_modified
    assert atom_asked.status == 304
    # the sitemap has no validators: fetched again, its one item known, its page not asked for
    assert site.requests("/sitemap-news.xml")[0].status == 200
    assert not [s for s in site.seen if s.path.startswith(("/news/", "/copy/"))]
    assert report.feeds[0].not_modified and report.feeds[2].known == 1
    assert fetched_files(root).keys() == before.keys() - {".fetch-state.json"} | {".fetch-state.json"}


def test_an_item_seen_under_a_new_address_or_with_the_same_text_is_not_saved_again(tmp_path, site):
    news_site(site)
    root = project(tmp_path, [(site.url("/feed.rss"), "hespress")])
    run_fetch(root)
    # The feed changes: a redirect to a page already saved, and the same text at a third address.
    site.routes["/feed.rss"] = Route(rss([("أ", site.url("/short/1"), RFC_DAY), ("ب", site.url("/mirror/2"), RFC_DAY),
                                          ("ج", site.url("/news/5"), RFC_DAY)]),
                                     headers={"Content-Type": "application/rss+xml"}, etag='"v2"')
    site.routes["/short/1"] = Route(b"", 301, {"Location": "/news/1?utm_source=rss"})
    site.routes["/mirror/2"] = Route(site.routes["/news/2"].body, headers={"Content-Type": "text/html"})
    site.routes["/news/5"] = Route(article_page("الخبر الخامس", "الفقرة الخامسة"), headers={"Content-Type": "text/html"})
    report = run_fetch(root)
    assert [s.url for s in report.saved] == [site.url("/news/5")]
    assert report.feeds[0].known == 2
    assert len([n for n in fetched_files(root) if n.endswith(".html")]) == 3


def test_nothing_is_written_outside_the_fetch_folder(tmp_path, site):
    news_site(site)
    root = project(tmp_path, [(site.url("/feed.rss"), "hespress"), (site.url("/feed.atom"), "hespress")])
    before = snapshot(root)
    assert main(["--root", str(root), "fetch", "--delay", "0", "--retries", "0"]) == 0
    assert snapshot(root) == before
    assert fetched_files(root)


def test_the_fetch_folder_is_never_written_through_a_link(tmp_path, site):
    news_site(site)
    root = project(tmp_path, [(site.url("/feed.rss"), "hespress")])
    outside = tmp_path / "outside"
    outside.mkdir()
    os.symlink(outside, root / "content" / "articles" / "fetched")
    assert main(["--root", str(root), "fetch", "--delay", "0"]) == 1
    assert not list(outside.iterdir())


# ------------------------------------------------------------------ politeness


def test_one_request_a_second_per_host_and_robots_crawl_delay(tmp_path):
    """Counted on the fetcher's clock, as the servers saw it: per host, no two requests less than the
    delay apart; hosts do not wait for each other's turn; robots.txt's Crawl-delay lengthens it."""
    clock = FakeClock()
    first, second = Site("127.0.0.1", clock), Site("127.0.0.2", clock)
    try:
        for server in (first, second):
            items = [(f"خبر {i}", server.url(f"/news/{i}"), RFC_DAY) for i in range(3)]
            server.routes["/feed.rss"] = Route(rss(items), headers={"Content-Type": "application/rss+xml"})
            for i in range(3):
                server.routes[f"/news/{i}"] = Route(article_page(f"خبر {i} {server.base}", f"فقرة {i} {server.base}"),
                                                    headers={"Content-Type": "text/html"})
        second.routes["/robots.txt"] = Route(b"User-agent: *\nCrawl-delay: 5\n", headers={"Content-Type": "text/plain"})
        root = project(tmp_path, [(first.url("/feed.rss"), "hespress"), (second.url("/feed.rss"), "akhbarona")])
        report = run_fetch(root, clock, delay=1.0)
        assert not report.failed and len(report.saved) == 6
        for server, gap in ((first, 1.0), (second, 5.0)):
            stamps = [s.stamp for s in server.seen]
            assert len(stamps) == 5  # robots.txt, the feed, three pages
            assert all(later - earlier >= gap for earlier, later in zip(stamps, stamps[1:])), stamps
        # the second host's first request did not wait for the first host's turn
        assert second.seen[0].stamp == first.seen[-1].stamp
    finally:
        first.close()
        second.close()


def test_robots_txt_is_obeyed(tmp_path, site):
    news_site(site)
    site.routes["/robots.txt"] = Route(b"User-agent: Marsad\nDisallow: /news/2\n\nUser-agent: *\nDisallow: /\n")
    root = project(tmp_path, [(site.url("/feed.rss"), "hespress")])
    report = run_fetch(root)
    # a page robots.txt keeps Marsad from is skipped and listed, not a failure (the exit code stays 0)
    assert not report.failed
    assert report.feeds[0].disallowed == [site.url("/news/2")]
    assert "1 skipped (robots.txt)" in report.feeds[0].line()
    assert not site.requests("/news/2") and len(report.saved) == 1


def test_a_feed_robots_txt_disallows_is_a_failure(tmp_path, site):
    # the feed itself cannot be read: the user has to act on it, so the exit code says so
    news_site(site)
    site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /feed.rss\n")
    root = project(tmp_path, [(site.url("/feed.rss"), "hespress")])
    report = run_fetch(root)
    assert report.failed and "disallowed by robots.txt" in report.feeds[0].failures[0]
    assert not site.requests("/feed.rss")


def test_a_robots_txt_that_cannot_be_fetched_allows_nothing(tmp_path, site):
    news_site(site)
    site.routes["/robots.txt"] = Route(b"down", 503)
    root = project(tmp_path, [(site.url("/feed.rss"), "hespress")])
    report = run_fetch(root)
    assert "robots.txt of" in report.feeds[0].failures[0] and "could not be fetched" in report.feeds[0].failures[0]
    assert [s.path for s in site.seen] == ["/robots.txt"]


def test_retries_back_off_then_succeed(tmp_path, site):
    news_site(site)
    answers = iter([503, 503])

    def flaky(handler):
        status = next(answers, 200)
        body = site.routes["/feed.rss"].body if status == 200 else b"busy"
        handler.send_response(status)
        handler.send_header("Content-Length", str(len(body)))
        handler.send_header("Content-Type", "application/rss+xml")
        handler.end_headers()
        handler.wfile.write(body)

    site.routes["/flaky.rss"] = flaky
    root = project(tmp_path, [(site.url("/flaky.rss"), "hespress")])
    clock = FakeClock()
    report = run_fetch(root, clock, retries=2)
    assert not report.failed and len(report.saved) == 2
    assert len(site.requests("/flaky.rss")) == 3
    assert clock.sleeps == [2.0, 4.0]  # backoff: 2 s, then twice as long


# ------------------------------------------------------------------ failures


def endless(handler, announce: bool):
    """A 50 MB page, sent a chunk at a time until the client hangs up."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    if announce:
        handler.send_header("Content-Length", str(50_000_000))
    handler.send_header("Connection", "close")
    handler.end_headers()
    chunk = b"<!-- " + b"x" * 65_000 + b" -->"
    try:
        for _ in range(50_000_000 // len(chunk)):
            handler.wfile.write(chunk)
    except OSError:
        pass
    handler.close_connection = True


def slow(handler):
    time.sleep(1.5)
    try:
        handler.send_response(200)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
    except OSError:
        pass


BOMB = gzip.compress(b"<rss>" + b" " * 60_000_000, compresslevel=9)

# (label, path, route, the reason reported) -- each a feed that fails beside one that works
FAILING_FEEDS = [
    ("404", "/gone.rss", Route(b"gone", 404), "HTTP 404 Not Found"),
    ("timeout", "/slow.rss", slow, "timed out (no answer within 0.5 s)"),
    ("redirect loop", "/loop-a", Route(b"", 302, {"Location": "/loop-b"}), "redirect loop ("),
    ("HTML, not a feed", "/page.html", Route(article_page("ص", "ف"), headers={"Content-Type": "text/html"}),
     "not a feed: an HTML page (text/html)"),
    ("50 MB announced", "/huge.rss", lambda h: endless(h, True),
     "too large: 50,000,000 bytes announced (the limit is 1,000,000, max_file_bytes)"),
    ("50 MB streamed", "/stream.rss", lambda h: endless(h, False),
     "too large: more than 1,000,000 bytes (max_file_bytes); stopped while downloading"),
    ("gzip bomb", "/bomb.rss", Route(BOMB, headers={"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"}),
     "too large once decompressed: more than 1,000,000 bytes from"),
    # Arabic in Windows-1256 served as UTF-8: refused, not read as mojibake
    ("wrong charset", "/cp1256.rss", Route(rss([("خبر", "/news/9", RFC_DAY)]).decode("utf-8").replace(
        'encoding="utf-8"', 'encoding="windows-1256"').encode("cp1256"),
        headers={"Content-Type": "application/rss+xml; charset=utf-8"}),
     "wrongly encoded: utf-8 declared in its Content-Type, but byte"),
    ("a sitemap index", "/index.xml", Route(b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/'
                                            b'schemas/sitemap/0.9"><sitemap><loc>/a.xml</loc></sitemap></sitemapindex>'),
     "a sitemap index, not a news sitemap"),
]


def test_each_failing_feed_is_reported_and_the_others_go_on(tmp_path, site, capsys):
    news_site(site)
    site.routes["/loop-b"] = Route(b"", 302, {"Location": "/loop-a"})
    for _, path, route, _ in FAILING_FEEDS:
        site.routes[path] = route
    feeds = [(site.url(path), "hespress") for _, path, _, _ in FAILING_FEEDS]
    root = project(tmp_path, [*feeds, (site.url("/feed.rss"), "akhbarona")], extra="max_file_bytes: 1000000\n")
    code = main(["--root", str(root), "fetch", "--delay", "0", "--timeout", "0.5", "--retries", "0"])
    err = capsys.readouterr().err
    assert code == 1
    for label, path, _, reason in FAILING_FEEDS:
        assert f"failed {site.url(path)}: {reason}" in err, label
    assert len([n for n in fetched_files(root) if n.startswith("akhbarona/") and n.endswith(".html")]) == 2
    assert "fetch: feed 10/10:" in err and "2 new page(s) saved, 9 failure(s)" in err


def test_a_failed_page_is_reported_and_retried_next_run(tmp_path, site):
    news_site(site)
    page = site.routes.pop("/news/2")
    root = project(tmp_path, [(site.url("/feed.rss"), "hespress")])
    report = run_fetch(root)
    assert report.feeds[0].failures == [f"{site.url('/news/2')}: HTTP 404 Not Found"] and len(report.saved) == 1
    site.routes["/news/2"] = page
    site.seen.clear()
    report = run_fetch(root)
    # the feed was not marked as read (no If-None-Match), so the page missed is asked for again
    assert "if-none-match" not in site.requests("/feed.rss")[0].headers
    assert [s.url for s in report.saved] == [site.url("/news/2")] and not report.failed


def test_a_page_without_article_text_is_refused(tmp_path, site):
    news_site(site)
    site.routes["/news/2"] = Route(b"<html><head><title>t</title></head><body><script>1</script></body></html>", headers={"Content-Type": "text/html"})
    site.routes["/news/1?utm_source=rss"] = Route(b"%PDF-1.4", headers={"Content-Type": "application/pdf"})
    root = project(tmp_path, [(site.url("/feed.rss"), "hespress")])
    report = run_fetch(root)
    reasons = sorted(f.split(": ", 1)[1] for f in report.feeds[0].failures)
    assert reasons == ["HTML page: no article text found (trafilatura extracted nothing)",
                       "not an HTML page (application/pdf)"]
    assert not [n for n in fetched_files(root) if n.endswith(".html")]


# ------------------------------------------------------------------ feeds and page metadata


FEED_CASES = [
    # (label, content type, bytes, expected [(url, published)] or the start of the NotAFeed reason)
    ("RSS: the time in the outlet's own zone", "application/rss+xml",
     rss([("t", "http://x.test/a", "Wed, 29 Nov 2023 23:30:00 +0100")]), [("http://x.test/a", "2023-11-29T23:30")]),
    ("RSS: a relative link resolved against the feed", "application/rss+xml",
     rss([("t", "/b", "Wed, 29 Nov 2023 08:00:00 GMT")]), [("http://base.test/b", "2023-11-29T08:00")]),
    ("RSS: a link that is not a web address is dropped", "application/rss+xml",
     rss([("t", "javascript:alert(1)", RFC_DAY)]), []),
    ("RSS: a date outside the accepted days is none", "application/rss+xml",
     rss([("t", "http://x.test/c", "Mon, 01 Jan 1800 00:00:00 GMT")]), [("http://x.test/c", None)]),
    ("a plain sitemap is every page of a site, not news", "application/xml",
     b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>http://x.test/'
     b"</loc></url></urlset>", "a sitemap without news entries"),
    ("JSON is not a feed", "application/json", b'{"items": []}', "not a feed: neither RSS, Atom nor a news sitemap"),
    ("an entity expansion in a sitemap is not expanded", "application/xml",
     b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY e SYSTEM "file:///etc/passwd">]><urlset xmlns="http://www.sitemaps'
     b'.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>http://x.test/'
     b"&e;</loc><news:news><news:publication_date>2023-11-29</news:publication_date></news:news></url></urlset>",
     [("http://x.test/", "2023-11-29")]),
]


@pytest.mark.parametrize("label, content_type, data, expected", FEED_CASES, ids=[c[0] for c in FEED_CASES])
def test_feed_parsing(label, content_type, data, expected):
    if isinstance(expected, str):
        with pytest.raises(NotAFeed) as error:
            parse_feed(data, content_type, "http://base.test/feed")
        assert str(error.value).startswith(expected)
    else:
        items = parse_feed(data, content_type, "http://base.test/feed")
        assert [(i.url, i.published) for i in items] == expected


PAGE_CASES = [
    # (label, head and body markup, expected (canonical, site name, published, source))
    ("article:published_time wins", '<meta property="article:published_time" content="2024-05-02T09:30:00+01:00">'
     '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-05-01"}</script>',
     (None, None, "2024-05-02T09:30", "article:published_time")),
    ("JSON-LD NewsArticle in @graph", '<script type="application/ld+json">{"@graph":[{"@type":"WebPage",'
     '"datePublished":"2020-01-01"},{"@type":["NewsArticle"],"datePublished":"2024-03-04T22:10:00Z"}]}</script>',
     (None, None, "2024-03-04T22:10", "JSON-LD datePublished")),
    ("JSON-LD of a WebPage only is not the article's date",
     '<script type="application/ld+json">{"@type":"WebPage","datePublished":"2020-01-01"}</script>',
     (None, None, None, "")),
    ("<time> in the one article", '<article><time datetime="2023-11-29">29</time></article>',
     (None, None, "2023-11-29", "<time datetime>")),
    ("teasers of two days in a list: no day (unknown beats wrong)",
     '<article><time datetime="2023-11-29">a</time><time datetime="2023-11-20">b</time></article>',
     (None, None, None, "")),
    ("two <article>s: their times are teasers", '<article><time datetime="2023-11-29">a</time></article>'
     '<article><time datetime="2023-11-29">b</time></article>', (None, None, None, "")),
    ("<time pubdate> anywhere", '<div><time pubdate datetime="2023-11-29T10:00">a</time></div>',
     (None, None, "2023-11-29T10:00", "<time datetime>")),
    ("canonical link before og:url; og:site_name",
     '<link rel="canonical" href="https://a.test/x"><meta property="og:url" content="https://a.test/og">'
     '<meta property="og:site_name" content="هسبريس">', ("https://a.test/x", "هسبريس", None, "")),
    ("a relative canonical is resolved against the page's address", '<link rel="canonical" href="/y">',
     ("https://base.test/y", None, None, "")),
    ("a javascript: canonical is none", '<link rel="canonical" href="javascript:alert(1)">', (None, None, None, "")),
    ("a date that is not a date", '<meta property="article:published_time" content="2023-13-45">',
     (None, None, None, "")),
]


@pytest.mark.parametrize("label, markup, expected", PAGE_CASES, ids=[c[0] for c in PAGE_CASES])
def test_page_metadata(label, markup, expected):
    found = page_metadata(f"<html><head>{markup}</head><body><p>نص</p></body></html>", base_url="https://base.test/p")
    assert (found.canonical, found.site_name, found.published, found.published_source) == expected


# ------------------------------------------------------------------ configuration


def test_feeds_are_validated_with_file_line_and_key(tmp_path):
    root = project(tmp_path, [("https://www.hespress.com/feed", "hespress"), ("ftp://x.test/feed", "hespress"),
                              ("https://www.hespress.com/feed", "hespress"), ("https://a.test/rss", "no-such-outlet")])
    with pytest.raises(ConfigError) as error:
        load_config(root)
    path = root / "marsad.yml"
    assert error.value.problems[:3] == [
        f"{path}:5: feeds[1].url: 'ftp://x.test/feed' is not an absolute http(s) URL",
        f"{path}:7: feeds[2].url: 'https://www.hespress.com/feed' is listed twice (also feeds[0])",
        f"{path}:10: feeds[3].outlet: 'no-such-outlet' is not an outlet id of content/outlets.yml; known: 24saa, "
        f"2m, akhbarona, al-arabiya, al-jazirah, al-madina, al-mayadeen, al-quds-al-arabi ...",
    ]


def test_fetch_without_feeds_says_how_to_add_them(tmp_path, capsys):
    root = copy_project(tmp_path / "p")
    assert main(["--root", str(root), "fetch"]) == 0
    assert "no feeds: list them under 'feeds:' in marsad.yml" in capsys.readouterr().err
    assert not (root / "content" / "articles" / "fetched").exists()


def test_the_user_agent_names_marsad_and_the_site():
    agent = FetchOptions(site_url="https://briefing.example.org/").user_agent
    assert agent.startswith("Marsad/") and "+https://briefing.example.org/" in agent


# ------------------------------------------------------------------ fetch, then build


@pytest.mark.slow
def test_fetched_articles_show_their_original_url_outlet_and_day_and_stay_inert(tmp_path, site):
    from generator.pipeline import generate

    hostile = (f"<p>&lt;script&gt;alert('fetched')&lt;/script&gt; {BODY}</p><script>window.__pwned=1</script>"
               "<img src=x onerror=alert(1)>")
    site.routes["/feed.rss"] = Route(rss([("الخبر", site.url("/news/1"), RFC_DAY)]),
                                     headers={"Content-Type": "application/rss+xml"})
    site.routes["/news/1"] = Route(article_page("المبعوث الشخصي يواصل مشاوراته", "الفقرة الأولى",
                                                canonical=site.url("/news/1"), extra=hostile),
                                   headers={"Content-Type": "text/html"})
    root = project(tmp_path, [(site.url("/feed.rss"), "hespress")])
    shutil_rmtree_seeds(root)
    # `marsad update` as cron runs it: fetch, then the whole build (MkDocs and search included)
    assert main(["--root", str(root), "update", "--delay", "0", "--retries", "0"]) == 0
    result = generate(root, pdf=False)  # the same analysis again, to name the article
    assert not result.analysis.skipped
    (article,) = result.analysis.articles
    assert (article.url, article.outlet, article.day) == (site.url("/news/1"), "hespress", "2023-11-29")
    published = (root / "site" / "articles" / f"{article.id}.html").read_text(encoding="utf-8")
    assert f'href="{site.url("/news/1")}"' in published and "__pwned" not in published
    page = (root / "build" / "docs" / "ar" / "articles" / f"{article.id}.md").read_text(encoding="utf-8")
    assert f'href="{site.url("/news/1")}"' in page and "هسبريس" in page and "2023" in page
    # the page's script is gone, the script written as text in its paragraph is text
    assert "<script" not in page and "__pwned" not in page and "<img" not in page
    assert "&lt;script&gt;alert(" in page


def shutil_rmtree_seeds(root: Path) -> None:
    for path in (root / "content" / "articles").iterdir():
        if path.is_file():
            path.unlink()
