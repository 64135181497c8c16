"""Fault injection at the read boundary (issue 19): files from outside the project, special files,
lone surrogates, deep or large values, dates no calendar arithmetic survives, and failures inside
one article's analysis. Each bad input is skipped with its reason and the rest is read.

Every case here failed before the fix: an outside file was published, a FIFO was silently left
out (or stopped `analyze` when named), a surrogate or a deep value raised, a sidecar had no size
limit, a year-9999 date stopped the build in the digests, a deep page lost its text silently.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import stat
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.dates import find_dates
from generator.read import read_articles

from .conftest import REPO, copy_project

SEED = (REPO / "content" / "articles" / "003_0ac5d1cf285a5be9.txt").read_text(encoding="utf-8")


def body(tag: int | str) -> str:
    """A short article of its own (distinct bytes, so never a duplicate of another)."""
    return ("قالت الأمم المتحدة أمس إن بعثة المينورسو تواصل عملها في الصحراء الغربية. " * 2
            + f"وأضاف البيان رقم {tag} أن العمل مستمر.")


def read_dir(folder: Path) -> tuple[dict[str, object], dict[str, str]]:
    """(articles by path[#locator], reasons by path) of a folder read in a thread that must finish:
    a FIFO opened for reading would block it forever."""
    result = {}
    reader = threading.Thread(target=lambda: result.update(r=read_articles([folder])), daemon=True)
    reader.start()
    reader.join(120)
    assert not reader.is_alive(), "reading blocked (a FIFO or device was opened)"
    found = result["r"]
    articles = {a.source.path + (f"#{a.source.locator}" if a.source.locator else ""): a for a in found.articles}
    reasons: dict[str, str] = {}
    for skipped in found.skipped:
        skipped.reason.encode("utf-8")  # printable and storable: no lone surrogate in any reason
        assert len(skipped.reason) <= 1_000  # a reason that quotes its input is cut
        reasons[skipped.path] = "; ".join(filter(None, (reasons.get(skipped.path), skipped.reason)))
    return articles, reasons


@pytest.fixture
def folders(tmp_path):
    """(articles folder, a folder outside it holding a system-like file and a sidecar)."""
    articles, outside = tmp_path / "articles", tmp_path / "outside"
    articles.mkdir()
    outside.mkdir()
    (outside / "passwd").write_text("root:x:0:0:root:/root:/bin/bash\nسر من خارج المشروع\n" * 3)
    (outside / "secret.yml").write_text("title: عنوان سري\nsecret_key: hunter2\n")
    (articles / "good.txt").write_text(body("good"), encoding="utf-8")
    return articles, outside


# ------------------------------------------------------------------ links and special files

OUTSIDE = "a symbolic link to a file outside the articles folder (not read)"


def test_link_to_a_system_file_outside_is_refused_and_its_text_never_read(folders):
    articles, outside = folders
    (articles / "leak.txt").symlink_to(outside / "passwd")  # absolute target
    (articles / "sub").mkdir()
    (articles / "sub" / "rel.txt").symlink_to(Path("..") / ".." / "outside" / "passwd")  # relative target
    found, reasons = read_dir(articles)
    assert reasons == {"leak.txt": OUTSIDE, "sub/rel.txt": OUTSIDE}
    assert list(found) == ["good.txt"]
    assert "/outside/" not in " ".join(reasons.values())  # the target is not named on the public report


def test_a_chain_of_links_that_ends_outside_is_refused(folders):
    articles, outside = folders
    (articles / "step2.txt").symlink_to(outside / "passwd")
    (articles / "step1.txt").symlink_to(articles / "step2.txt")  # inside, but the chain leaves
    found, reasons = read_dir(articles)
    assert reasons == {"step1.txt": OUTSIDE, "step2.txt": OUTSIDE}


def test_a_link_inside_the_folder_is_followed(folders):
    articles, _ = folders
    (articles / "store").mkdir()
    (articles / "store" / "real.txt").write_text(body("real"), encoding="utf-8")
    (articles / "alias.txt").symlink_to(Path("store") / "real.txt")
    (articles / "alias.yml").symlink_to(articles / "meta.yaml.keep")
    (articles / "meta.yaml.keep").write_text("title: عنوان من ملف مرتبط\n", encoding="utf-8")
    found, reasons = read_dir(articles)
    assert found["alias.txt"].hints.title == "عنوان من ملف مرتبط"
    assert reasons == {"meta.yaml.keep": "unsupported file type .keep",
                       "store/real.txt": "duplicate of alias.txt"}


def test_a_linked_sidecar_from_outside_is_refused_with_its_article(folders):
    articles, outside = folders
    (articles / "a.txt").write_text(body("a"), encoding="utf-8")
    (articles / "a.yml").symlink_to(outside / "secret.yml")
    found, reasons = read_dir(articles)
    assert reasons == {"a.txt": f"sidecar a.yml: {OUTSIDE}"}
    assert "hunter2" not in str(reasons) and "secret_key" not in str(reasons)


@pytest.mark.parametrize("make,reason", [
    # label: two links pointing at each other never reach a file
    (lambda d: ((d / "x.txt").symlink_to(d / "y.txt"), (d / "y.txt").symlink_to(d / "x.txt")),
     {"x.txt": "a symbolic link that loops (it never reaches a file)",
      "y.txt": "a symbolic link that loops (it never reaches a file)"}),
    # label: a link to a file since deleted
    (lambda d: (d / "gone.txt").symlink_to(d / "deleted.txt"),
     {"gone.txt": "a broken symbolic link (what it points to does not exist)"}),
    # label: a named pipe: opening it for reading would block the build forever
    (lambda d: os.mkfifo(d / "pipe.txt"), {"pipe.txt": "not a regular file: a named pipe (FIFO) (not read)"}),
    # label: a pipe behind a link inside the folder is still a pipe
    (lambda d: (os.mkfifo(d / ".pipe"), (d / "via-link.html").symlink_to(d / ".pipe")),
     {"via-link.html": "not a regular file: a named pipe (FIFO) (not read)"}),
    # label: a named pipe as the sidecar
    (lambda d: ((d / "b.txt").write_text(body("b"), encoding="utf-8"), os.mkfifo(d / "b.yml")),
     {"b.txt": "sidecar b.yml: not a regular file: a named pipe (FIFO) (not read)"}),
    # label: a folder where the sidecar should be
    (lambda d: ((d / "c.txt").write_text(body("c"), encoding="utf-8"), (d / "c.yml").mkdir()),
     {"c.txt": "sidecar c.yml: not a regular file: a folder (not read)"}),
    # label: a folder named like an article is a folder: entered, nothing reported for it
    (lambda d: ((d / "folder.txt").mkdir(), (d / "folder.txt" / "inner.txt").write_text(body("i"), encoding="utf-8")),
     {}),
], ids=["loop", "broken", "fifo", "fifo-behind-link", "fifo-sidecar", "folder-sidecar", "folder-named-txt"])
def test_special_files_are_named_and_never_opened(folders, make, reason):
    articles, _ = folders
    make(articles)
    found, reasons = read_dir(articles)
    assert reasons == reason
    assert "good.txt" in found


def test_a_socket_is_refused(tmp_path):
    folder = tmp_path / "a"  # a short path: socket paths are limited to ~100 bytes
    folder.mkdir()
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(folder / "s.txt"))
        _, reasons = read_dir(folder)
    finally:
        server.close()
    assert reasons == {"s.txt": "not a regular file: a socket (not read)"}


def test_a_device_is_refused(tmp_path):
    try:
        os.mknod(tmp_path / "null.txt", stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    _, reasons = read_dir(tmp_path)
    assert reasons == {"null.txt": "not a regular file: a character device (not read)"}


def test_a_fifo_given_by_name_is_reported_not_an_error(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    result = read_articles([tmp_path / "pipe.txt"])
    assert [(s.path, s.reason) for s in result.skipped] == [
        ("pipe.txt", "not a regular file: a named pipe (FIFO) (not read)")]


def test_a_file_name_that_is_not_utf8_is_reported(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes: Python keeps them as lone surrogates
    try:
        (tmp_path / name).write_text(body("n"), encoding="utf-8")
    except (UnicodeEncodeError, OSError) as exc:
        pytest.skip(f"file system refuses the name: {exc}")
    _, reasons = read_dir(tmp_path)
    assert reasons == {"caf\\udce9.txt": "the file name is not UTF-8 text; rename the file to have it read"}


# ------------------------------------------------------------------ lone surrogates

def jsonl(*records: str) -> str:
    return "\n".join(records) + "\n"


SURROGATE_CASES = [
    # label, file name, content, articles read, reasons
    ("json: one lone surrogate in the text is dropped like a stray U+FFFD",
     "a.jsonl", jsonl('{"text": "نص \\ud800 ' + body(1) + '"}'), ["a.jsonl#line-1"], {}),
    ("json: three lone ones mean the text is damaged (\\ud800\\udc00 is a pair: one character)",
     "a.jsonl", jsonl('{"text": "\\ud800\\udc00x\\udfff\\ud801 ' + body(1) + '\\ud802"}', '{"text": "' + body(2) + '"}'),
     ["a.jsonl#line-2"], {"a.jsonl": "line 1: truncated or wrongly encoded: 3 replacement characters (\ufffd) in the text"}),
    ("json: a pair is one character (an emoji), not damage",
     "a.jsonl", jsonl('{"text": "' + body(1) + ' \\ud83d\\ude00", "title": "\\ud83d\\udcf0 عنوان"}'), ["a.jsonl#line-1"], {}),
    ("json: in the title it refuses the record, the next one is read",
     "a.jsonl", jsonl('{"text": "' + body(1) + '", "title": "x\\udfff"}', '{"text": "' + body(2) + '"}'),
     ["a.jsonl#line-2"],
     {"a.jsonl": "a.jsonl:1: title: not valid text: a lone surrogate (an escape such as \\ud800 that is half a character)"}),
    ("json: in a key, the reason shows it escaped",
     "a.jsonl", jsonl('{"text": "' + body(1) + '", "k\\udc80": 1}'), [],
     {"a.jsonl": "a.jsonl:1: k\\udc80: unknown key (known keys: fetched_at, outlet, published, reference_date, summary_en, "
                 "title, title_en, url)"}),
    ("feed: &#xD800; in title and text (feedparser itself failed on the whole feed)",
     "f.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>موقع</title><item><title>عنوان &#xD800;</title>'
     f'<link>https://example.ma/1</link><description>{body(1)} &#xD800;</description></item></channel></rss>',
     ["f.xml#" + hashlib.sha1(b"https://example.ma/1").hexdigest()[:8]], {}),
    ("feed: decimal, escaped-in-HTML and beyond-Unicode references",
     "f.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>موقع</title><item><title>&#55296;x</title>'
     f'<description>&lt;p&gt;{body(1)} &amp;#xDFFF;&lt;/p&gt; &#x110000;</description></item></channel></rss>',
     ["f.xml#1"], {}),
    ("html: &#xD800; becomes U+FFFD in the parser and is dropped",
     "p.html", f"<html><head><title>عنوان &#xD800;</title></head><body><article><p>{body(1)} &#xD800;</p>"
     f"<p>{body(2)}</p></article></body></html>", ["p.html"], {}),
    ("yaml sidecar: a \\ud800 escape (libyaml refuses it, PyYAML read it) refuses the sidecar",
     "s.txt", body(1), [], {"s.txt": "invalid sidecar: s.yml:1: title: not valid text: a lone surrogate (an escape "
                                     "such as \\ud800 that is half a character)"}),
    ("front matter: the same escape",
     "m.md", '---\ntitle: "\\udbff"\n---\n' + body(1), [],
     {"m.md": "invalid front matter: m.md:2: title: not valid text: a lone surrogate (an escape such as \\ud800 "
              "that is half a character)"}),
]


@pytest.mark.parametrize("label,name,content,read,reasons", SURROGATE_CASES, ids=[c[0] for c in SURROGATE_CASES])
def test_lone_surrogates_never_crash(tmp_path, label, name, content, read, reasons):
    (tmp_path / name).write_text(content, encoding="utf-8")
    if name == "s.txt":
        (tmp_path / "s.yml").write_text('title: "\\ud800 عنوان"\n', encoding="utf-8")
    found, got = read_dir(tmp_path)
    assert got == reasons
    assert sorted(found) == read
    for article in found.values():
        for value in (article.text, *(v for v in vars(article.hints).values() if isinstance(v, str))):
            value.encode("utf-8")
            assert "\ufffd" not in value


# ------------------------------------------------------------------ size and depth

def test_deep_json_line_is_refused_and_the_next_line_read(tmp_path):
    deep = '{"text": "' + body(1) + '", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    brackets_in_text = json.dumps({"text": body(2) + " " + "[" * 500 + "{" * 500}, ensure_ascii=False)
    (tmp_path / "a.jsonl").write_text(jsonl(deep, brackets_in_text), encoding="utf-8")
    found, reasons = read_dir(tmp_path)
    assert reasons == {"a.jsonl": "line 1: JSON nested more than 20 levels deep (a record is flat)"}
    assert list(found) == ["a.jsonl#line-2"]  # brackets inside a string are text, not nesting


@pytest.mark.parametrize("value,reason", [
    # label: an integer of 10,000 digits (Python refuses to convert more than 4,300)
    ("7" * 10_000, "line 1: JSON that cannot be read (Exceeds the limit (4300 digits) for integer string conversion"),
    # label: a title of 1 MB
    ('"' + "ع" * 1_000_000 + '"', "a.jsonl:1: n: unknown key"),
], ids=["huge-int", "huge-string-unknown-key"])
def test_large_json_values(tmp_path, value, reason):
    (tmp_path / "a.jsonl").write_text(jsonl('{"text": "' + body(1) + '", "n": ' + value + "}",
                                            '{"text": "' + body(2) + '"}'), encoding="utf-8")
    found, reasons = read_dir(tmp_path)
    assert reasons["a.jsonl"].startswith(reason)
    assert list(found) == ["a.jsonl#line-2"]


def test_huge_json_title_is_refused_with_its_length(tmp_path):
    record = json.dumps({"text": body(1), "title": "ع" * 1_000_000}, ensure_ascii=False)  # 2 MB
    (tmp_path / "a.jsonl").write_text(jsonl(record), encoding="utf-8")
    _, reasons = read_dir(tmp_path)
    assert reasons == {"a.jsonl": "a.jsonl:1: title: too long (1,000,000 characters; at most 500)"}


def test_json_record_with_a_thousand_keys(tmp_path):
    record = {"text": body(1), **{f"k{i}": i for i in range(1_000)}}
    (tmp_path / "a.jsonl").write_text(jsonl(json.dumps(record)), encoding="utf-8")
    _, reasons = read_dir(tmp_path)
    assert reasons["a.jsonl"].startswith("a.jsonl:1: 1,000 keys; a sidecar has at most 50 (it knows url, outlet")


def test_50_mb_sidecar_title_is_refused_unread(tmp_path):
    (tmp_path / "a.txt").write_text(body(1), encoding="utf-8")
    with (tmp_path / "a.yml").open("w", encoding="ascii") as handle:
        handle.write("title: ")
        for _ in range(50):
            handle.write("x" * 1_000_000)
    found, reasons = read_dir(tmp_path)
    assert reasons == {"a.txt": "sidecar a.yml: too large (50,000,007 bytes; the limit is 65,536)"}
    assert not found


@pytest.mark.parametrize("sidecar,reason", [
    # label: a million unknown keys: larger than a sidecar may be (it made a 119 MB report page)
    ("".join(f"k{i}: v\n" for i in range(1_000_000)), "sidecar a.yml: too large (10,888,890 bytes; the limit is 65,536)"),
    # label: 60 keys fit in 64 KiB but are no sidecar: refused before parsing, not listed one by one
    ("".join(f"k{i}: v\n" for i in range(60)), "invalid sidecar: a.yml: 60 keys; a sidecar has at most 50"),
    # label: the same keys as one flow mapping are counted after parsing
    ("{" + ", ".join(f"k{i}: v" for i in range(60)) + "}\n", "invalid sidecar: a.yml: 60 keys; a sidecar has at most 50"),
    # label: 16 MB of nested YAML (took 3.3 GB to read)
    ("title: " + "[" * 8_000_000 + "]" * 8_000_000 + "\n", "sidecar a.yml: too large (16,000,008 bytes;"),
    # label: 30,000 levels in 60 KB: PyYAML's composer recursed until RecursionError
    ("title: " + "[" * 30_000 + "]" * 30_000 + "\n", "invalid sidecar: a.yml: nested more than 8 levels deep"),
    # label: nesting by indentation and dashes
    ("title:\n" + "".join(" " * (2 * i) + "- \n" for i in range(1, 12)) + " " * 24 + "x\n", "invalid sidecar: a.yml: nested more than 8 levels deep"),
    # label: a title too long for any headline
    ("title: " + "ع" * 501 + "\n", "invalid sidecar: a.yml:1: title: too long (501 characters; at most 500)"),
    # label: an English summary may be longer than a title, but not endless
    ("summary_en: " + "w " * 2_600 + "\n", "invalid sidecar: a.yml:1: summary_en: too long (5,199 characters; at most 5,000)"),
], ids=["million-keys", "60-keys", "60-flow-keys", "16mb-nesting", "deep-flow", "deep-block", "long-title", "long-summary"])
def test_sidecar_limits(tmp_path, sidecar, reason):
    (tmp_path / "a.txt").write_text(body(1), encoding="utf-8")
    (tmp_path / "a.yml").write_text(sidecar, encoding="utf-8")
    (tmp_path / "b.txt").write_text(body(2), encoding="utf-8")
    found, reasons = read_dir(tmp_path)
    assert list(found) == ["b.txt"]
    assert reasons["a.txt"].startswith(reason)
    assert len(reasons["a.txt"]) < 1_000


def test_deep_front_matter_is_refused(tmp_path):
    (tmp_path / "m.md").write_text("---\ntitle: " + "{a: " * 20_000 + "1" + "}" * 20_000 + "\n---\n" + body(1),
                                   encoding="utf-8")
    _, reasons = read_dir(tmp_path)
    assert reasons == {"m.md": "invalid front matter: m.md: too large (100,009 bytes; a sidecar holds at most 65,536)"}
    (tmp_path / "m.md").write_text("---\ntitle: " + "[" * 9 + "x" + "]" * 9 + "\n---\n" + body(1), encoding="utf-8")
    _, reasons = read_dir(tmp_path)
    assert reasons["m.md"].startswith("invalid front matter: m.md: nested more than 8 levels deep")


def test_a_sidecar_nested_within_the_limit_is_judged_by_its_keys(tmp_path):
    # negative case: eight levels (the sidecar's mapping and seven lists) is no reason by itself;
    # the key is then reported as of a wrong type
    (tmp_path / "a.txt").write_text(body(1), encoding="utf-8")
    (tmp_path / "a.yml").write_text("title: " + "[" * 7 + "x" + "]" * 7 + "\n", encoding="utf-8")
    _, reasons = read_dir(tmp_path)
    assert reasons == {"a.txt": "invalid sidecar: a.yml:1: title: expected str, got a list"}


def html_page(depth: int) -> str:
    return ("<html><head><title>عنوان الصفحة</title></head><body>" + "<div>" * depth
            + f"<p>{body('deep')}</p>" + "</div>" * depth + f"<article><p>{body('after')}</p></article></body></html>")


def test_deeply_nested_html_is_refused_with_the_reason(tmp_path):
    (tmp_path / "deep.html").write_text(html_page(300), encoding="utf-8")
    (tmp_path / "huge.html").write_text(html_page(100_000), encoding="utf-8")
    (tmp_path / "fine.html").write_text(html_page(200), encoding="utf-8")
    found, reasons = read_dir(tmp_path)
    refused = ("HTML page nested more than 255 elements deep: the HTML parser stops there and the rest of the "
               "page would be lost (not read)")
    assert reasons == {"deep.html": refused, "huge.html": refused}
    assert "البيان رقم after" in found["fine.html"].text  # negative case: 200 levels read whole


def test_deeply_nested_feed_item_keeps_its_text(tmp_path):
    fragment = "&lt;div&gt;" * 1_000 + body("deep") + "&lt;/div&gt;" * 1_000 + f"&lt;p&gt;{body('after')}&lt;/p&gt;"
    (tmp_path / "f.xml").write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>موقع</title><item>'
                                    f"<title>عنوان</title><description>{fragment}</description></item></channel></rss>",
                                    encoding="utf-8")
    found, reasons = read_dir(tmp_path)
    assert not reasons
    (article,) = found.values()
    assert "البيان رقم deep" in article.text and "البيان رقم after" in article.text and "<" not in article.text


# ------------------------------------------------------------------ dates at the boundary

RANGE = "is outside the dates Marsad accepts (1900-01-01 to 2100-12-31)"
DATE_CASES = [
    ("sidecar published in year 9999", "a.txt", body(1), "published: 9999-12-31\n",
     {"a.txt": f"invalid sidecar: a.yml:1: published: '9999-12-31' {RANGE}"}, 0),
    ("sidecar reference day 0001-01-01 with «أمس» in the text", "a.txt", body(1), "reference_date: 0001-01-01\n",
     {"a.txt": f"invalid sidecar: a.yml:1: reference_date: '0001-01-01' {RANGE}"}, 0),
    ("sidecar date and time a day before the range", "a.txt", body(1), "published: 1899-12-31T23:59\n",
     {"a.txt": f"invalid sidecar: a.yml:1: published: '1899-12-31T23:59' {RANGE}"}, 0),
    ("negative: the first and last days of the range are accepted", "a.txt", body(1),
     "published: 2100-12-31\nreference_date: 1900-01-01\n", {}, 1),
    ("front matter in year 9999", "m.md", "---\npublished: 9999-01-01\n---\n" + body(1), None,
     {"m.md": f"invalid front matter: m.md:2: published: '9999-01-01' {RANGE}"}, 0),
    ("JSON line in year 9999, the next line read", "a.jsonl",
     jsonl(json.dumps({"text": body(1), "published": "9999-12-31T23:59"}), json.dumps({"text": body(2)})), None,
     {"a.jsonl": f"a.jsonl:1: published: '9999-12-31T23:59' {RANGE}"}, 1),
    ("feed item in year 9999, the next item read", "f.xml",
     '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
     f"<item><title>x</title><pubDate>Fri, 31 Dec 9999 23:00:00 GMT</pubDate><description>{body(1)}</description></item>"
     f"<item><title>y</title><pubDate>Wed, 29 Nov 2023 10:00:00 GMT</pubDate><description>{body(2)}</description></item>"
     "</channel></rss>", None, {"f.xml": f"item 1: its publication date 9999-12-31 {RANGE}"}, 1),
]


@pytest.mark.parametrize("label,name,content,sidecar,reasons,read", DATE_CASES, ids=[c[0] for c in DATE_CASES])
def test_dates_outside_the_range_are_refused_at_the_boundary(tmp_path, label, name, content, sidecar, reasons, read):
    (tmp_path / name).write_text(content, encoding="utf-8")
    if sidecar:
        (tmp_path / "a.yml").write_text(sidecar, encoding="utf-8")
    found, got = read_dir(tmp_path)
    assert got == reasons
    assert len(found) == read


def test_a_file_dated_year_9999_gives_no_day_to_count_from(tmp_path):
    (tmp_path / "a.txt").write_text(body(1), encoding="utf-8")
    far = 253_402_214_400  # 9999-12-31 00:00 UTC
    try:
        os.utime(tmp_path / "a.txt", (far, far))
    except (OverflowError, OSError) as exc:
        pytest.skip(f"file system refuses the time: {exc}")
    found, _ = read_dir(tmp_path)
    assert found["a.txt"].file_date is None


@pytest.mark.parametrize("reference", [date(1, 1, 1), date(9999, 12, 31)], ids=["year-1", "year-9999"])
def test_relative_dates_from_a_day_outside_the_range_stay_unresolved(reference):
    # «أمس» is a day back, «غدا» a day on: from 0001-01-01 or 9999-12-31 the arithmetic overflowed
    found = find_dates("قال أمس الخميس إن الاجتماع غدا الجمعة", reference)
    assert found and all(d.iso is None for d in found)


# ------------------------------------------------------------------ the per-article failure boundary


def _raise_on_marker(line):
    if "علامة-العطل" in line.text:
        raise ValueError("injected fault")
    return False


@pytest.mark.parametrize("workers", [False, True], ids=["serial", "workers"])
def test_one_failing_article_is_skipped_and_the_others_analysed(tmp_path, monkeypatch, workers):
    """A fault inside one article's cleaning (a rule that raises) skips that article only, serially
    and in worker processes (forked: they inherit the injected rule)."""
    import generator.analyze as analyze
    import generator.clean as clean
    from generator.config import load_config

    root = copy_project(tmp_path / "project")
    folder = root / "content" / "articles"
    (folder / "bad.txt").write_text(body("x") + "\nعلامة-العطل في هذا السطر.\n", encoding="utf-8")
    (folder / "feed.jsonl").write_text(jsonl(json.dumps({"text": body("y")}),
                                             json.dumps({"text": body("z") + " علامة-العطل"})), encoding="utf-8")
    monkeypatch.setattr(clean, "LINE_RULES", (_raise_on_marker, *clean.LINE_RULES))
    if workers:
        if analyze.worker_count() < 2:
            pytest.skip("one core: no worker processes")
        monkeypatch.setattr(analyze, "PARALLEL_FROM", 1)
        monkeypatch.setattr(analyze, "CHUNK_FILES", 2)
    result = analyze.analyze(load_config(root))
    assert {(s.path, s.reason) for s in result.skipped} == {
        ("bad.txt", "internal error in clean: ValueError: injected fault"),
        ("feed.jsonl", "line-2: internal error in clean: ValueError: injected fault"),
    }
    paths = sorted(a.source.path + a.source.locator for a in result.articles)
    assert paths == sorted([*(p.name for p in REPO.joinpath("content", "articles").glob("*.txt")), "feed.jsonlline-1"])


# ------------------------------------------------------------------ properties: any bytes

KINDS = [".txt", ".html", ".xml", ".jsonl", ".md", ".yml"]
HOSTILE = ["\ud800", "\udfff", "&#xD800;", "&#55296;", "&#x110000;", "&amp;#xDFFF;", "[" * 40, "{" * 40,
           "<div>" * 300, "\x00", "\u202e", "9999-12-31", "0001-01-01", "1899-12-31", "أمس", "غدا", "\n", "- ",
           "  ", "\\", '"', ":", "ملخص الخبر"]
# Text that may hold lone surrogates (st.text() never gives them), and the hostile pieces above.
TEXT = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=20),
                          st.sampled_from(["\ud800", "\udbff", "\udc00"])), max_size=12).map("".join)
DAY = st.one_of(st.sampled_from(["9999-12-31", "0001-01-01", "2023-11-29", "1900-01-01", "2100-12-31T23:59", "x"]),
                st.dates().map(str))
VALUE = st.recursive(st.one_of(TEXT, DAY, st.integers(), st.none()),
                     lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3), max_leaves=30)
SIDECAR_KEYS = st.sampled_from(["title", "published", "reference_date", "url", "outlet", "title_en", "summary_en"])
RECORD = st.dictionaries(st.one_of(SIDECAR_KEYS, st.just("text"), TEXT), st.one_of(TEXT, DAY, VALUE), max_size=6)


def _jsonl(records: list[dict]) -> bytes:  # ensure_ascii writes lone surrogates as \\ud800 escapes
    return "\n".join(json.dumps(r) for r in records).encode("utf-8")


def _feed(items: list[tuple[str, str, str]]) -> bytes:
    parts = [f"<item><title>{t}</title><pubDate>{d}</pubDate><description>{b}</description></item>"
             for t, d, b in items]
    text = '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>' + "".join(parts) + "</channel></rss>"
    return text.encode("utf-8", "surrogatepass")


def _html(depth: int, text: str) -> bytes:
    page = f"<html><head><title>{text[:40]}</title></head><body>" + "<div>" * depth + f"<p>{text}</p>" + "</div>" * depth
    return (page + "</body></html>").encode("utf-8", "surrogatepass")


def _yaml(data: dict) -> bytes:
    import yaml

    return yaml.safe_dump(data, allow_unicode=False).encode("utf-8")


SHAPED = {
    ".jsonl": st.lists(RECORD, min_size=1, max_size=4).map(_jsonl),
    ".xml": st.lists(st.tuples(TEXT, st.sampled_from(["Fri, 31 Dec 9999 23:00:00 GMT", "Mon, 01 Jan 0001 00:00:00 GMT",
                                                      "Wed, 29 Nov 2023 10:00:00 GMT", "x"]),
                               TEXT.map(lambda t: t + " " + body("f"))), min_size=1, max_size=3).map(_feed),
    ".html": st.builds(_html, st.integers(0, 400), TEXT.map(lambda t: t + " " + body("h"))),
    ".md": st.dictionaries(SIDECAR_KEYS, st.one_of(TEXT, DAY, VALUE), max_size=4).map(
        lambda d: b"---\n" + _yaml(d) + b"---\n" + body("m").encode("utf-8")),
    ".yml": st.dictionaries(st.one_of(SIDECAR_KEYS, TEXT), st.one_of(TEXT, DAY, VALUE), max_size=6).map(_yaml),
    ".txt": TEXT.map(lambda t: (t + body("t")).encode("utf-8", "surrogatepass")),
}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(kind=st.sampled_from(KINDS), data=st.data())
def test_any_bytes_are_read_or_skipped_with_a_reason(tmp_path_factory, kind, data):
    """Any bytes, or a file of the kind shaped with hostile values, as an article (or as the sidecar
    of a good article): read, or skipped with a reason, never an internal error."""
    content = data.draw(st.one_of(st.binary(max_size=3_000), SHAPED[kind]), label="content")
    folder = tmp_path_factory.mktemp("any")
    if kind == ".yml":
        (folder / "a.txt").write_text(body(1), encoding="utf-8")
    (folder / f"a{kind}").write_bytes(content)
    found, reasons = read_dir(folder)
    for path, reason in reasons.items():
        assert reason.strip() and "internal error" not in reason, (path, reason)
    name = "a.txt" if kind == ".yml" else f"a{kind}"
    assert name in reasons or any(path == name or path.startswith(f"{name}#") for path in found)
    for article in found.values():
        article.text.encode("utf-8")
        hints = article.hints
        for value in vars(hints).values():
            if isinstance(value, str):
                value.encode("utf-8")
        for day in (hints.reference_date, article.file_date):
            assert day is None or date(1900, 1, 1) <= day <= date(2100, 12, 31)
        assert hints.published is None or "1900-01-01" <= hints.published[:10] <= "2100-12-31"


# ------------------------------------------------------------------ end to end

BAD_NAMES = ["leak.txt", "side-leak.txt", "loop1.txt", "pipe.txt", "deep.jsonl", "surrogates.jsonl", "year9999.txt",
             "ref0001.txt", "feed9999.xml", "deep.html", "bigtitle.txt", "manykeys.txt", "deepyaml.txt"]


def add_bad_inputs(folder: Path, outside: Path) -> None:
    """One input of each bad kind (the names in BAD_NAMES), and good items inside bad files."""
    outside.mkdir()
    (outside / "passwd").write_text("root:x:0:0:SECRET-OUTSIDE:/root:/bin/bash\n" * 3)
    (outside / "side.yml").write_text("title: SECRET-SIDECAR\nsecret_key: hunter2\n")

    def write(name: str, text: str) -> None:
        (folder / name).write_text(text, encoding="utf-8")

    (folder / "leak.txt").symlink_to(outside / "passwd")
    write("side-leak.txt", body(1))
    (folder / "side-leak.yml").symlink_to(outside / "side.yml")
    (folder / "loop1.txt").symlink_to(folder / "loop2.txt")
    (folder / "loop2.txt").symlink_to(folder / "loop1.txt")
    os.mkfifo(folder / "pipe.txt")
    write("deep.jsonl", '{"text": "' + body(2) + '", "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    write("surrogates.jsonl", jsonl('{"text": "' + body(3) + ' \\ud800", "title": "مقال سليم"}',
                                    '{"text": "' + body(4) + '", "title": "x\\udfff"}'))
    write("feed-surrogate.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>موقع</title><item>'
                                f"<title>خبر &#xD800;</title><description>{body(5)} &#xD800;</description></item></channel></rss>")
    write("year9999.txt", body(6))
    write("year9999.yml", "published: 9999-12-31\n")
    write("ref0001.txt", body(7))
    write("ref0001.yml", "reference_date: 0001-01-01\n")
    write("feed9999.xml", '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</title>'
                          f"<pubDate>Fri, 31 Dec 9999 23:00:00 GMT</pubDate><description>{body(8)}</description></item></channel></rss>")
    write("deep.html", html_page(300))
    write("bigtitle.txt", body(9))
    write("bigtitle.yml", "title: " + "x" * 200_000 + "\n")
    write("manykeys.txt", body(10))
    write("manykeys.yml", "".join(f"k{i}: v\n" for i in range(100_000)))
    write("deepyaml.txt", body(11))
    write("deepyaml.yml", "title: " + "[" * 30_000 + "]" * 30_000 + "\n")


@pytest.mark.slow
def test_build_with_every_kind_of_bad_input(tmp_path):
    root = copy_project(tmp_path / "project")
    folder = root / "content" / "articles"
    seeds = sorted(p.stem for p in folder.glob("*.txt"))
    add_bad_inputs(folder, tmp_path / "outside")
    marsad = [str(Path(sys.executable).parent / "marsad"), "--root", str(root)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}

    done = subprocess.run([*marsad, "build"], capture_output=True, text=True, env=env, timeout=1_800)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-3_000:]
    assert "Traceback" not in output
    for name in BAD_NAMES:
        assert f"skipped {name}: " in output, name
    for stem in seeds:
        assert (root / "site" / "articles" / f"{stem.lower().replace('_', '-')}.html").exists(), stem
    published = " ".join(p.read_text(encoding="utf-8") for p in (root / "site").rglob("*.html"))
    assert "مقال سليم" in published  # the good line of a file with a bad one
    assert "SECRET-OUTSIDE" not in published and "SECRET-SIDECAR" not in published and "hunter2" not in published

    strict = subprocess.run([*marsad, "build", "--strict"], capture_output=True, text=True, env=env, timeout=1_800)
    assert strict.returncode == 1, (strict.stdout + strict.stderr)[-3_000:]
    assert "Traceback" not in strict.stdout + strict.stderr
