"""Untrusted text stays text: a hostile corpus built into the real site, checked in headless Chromium.

The corpus is ``tests/hostile/`` (see its README) plus files whose names are themselves hostile and
a 100,000-character line, made at test time so the repository stays portable.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.analyze import assign_ids
from generator.models import RawArticle, Source

from .browsing import chromium, serve_directory
from .conftest import copy_project

pytestmark = pytest.mark.slow

HOSTILE = Path(__file__).parent / "hostile"
OUTPUT_FOLDERS = ("site", "build", "output")
FILLER = ("وقالت بعثة الأمم المتحدة لحفظ السلام في الصحراء إن المشاورات مستمرة مع جميع الأطراف من أجل التوصل "
          "إلى حل سياسي واقعي ودائم ومقبول لدى الجميع في المنطقة خلال الأسابيع المقبلة.")
HOSTILE_NAMES = (
    "con.txt", "CON.txt", "aux.txt", "nul.txt", "com1.txt", "..txt", "...txt", "-rf.txt", "a b'\"`$(id).txt",
    "<img src=x onerror=alert(1)>.txt", "invoice\u202efdp.txt", "..%2F..%2Fetc%2Fpasswd.txt", "عنوان.txt",
    "a.txt", "A.txt", "index.txt",
)
BIDI_AND_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
SAFE_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# What each hostile article must show as plain text in its body (Arabic edition).
LITERALS = {
    "01-script": ['<script>alert("body");window.__pwned=1</script>', "<img src=x onerror=",
                  '</p></div></div><script>alert("breakout")', "<style>body{display:none}</style>"],
    "02-links": ['[اضغط هنا](javascript:alert("md-link"))', '<a href="javascript:alert(\'a\')">',
                 '[x]: javascript:alert("ref")', '<form action="javascript:alert(\'form\')">'],
    "03-markdown": ["# عنوان من المستوى الأول", "| عمود | عمود | |---|---|", '<div markdown="1">**غامق**',
                    "{: onclick=\"alert('attr_list')\" }", "<!-- تعليق -->"],
    "04-jinja": ["{{ config.site_name }} {{ page.title }} {{ 7*7 }}", "{% include '/etc/passwd' %}",
                 '--8<-- "/etc/passwd"', "!!! warning", ":material-alert:", "{{< shortcode >}}"],
    "05-entities": ["&lt;script&gt;alert('entity')&lt;/script&gt;", "&#60;img src=x onerror=alert(1)&#62;",
                    "AT&T 1 < 2 > 0 &"],
    "06-bidi": ["invoicefdp.exe", "كلماتمخفية وسط"],
    "07-passwd": ["../../etc/passwd", "file:///etc/passwd"],
    "11-frontmatter": ["--- فاصل في بداية الفقرة"],
}


# ------------------------------------------------------------------ the corpus and its build


def make_articles(folder: Path) -> None:
    """The hostile corpus: the files of tests/hostile plus hostile file names and a huge line."""
    folder.mkdir(parents=True)
    for source in sorted(HOSTILE.iterdir()):
        if source.name != "README.md":
            shutil.copy2(source, folder / source.name)
    for i, name in enumerate(HOSTILE_NAMES):
        try:
            (folder / name).write_text(f"خبر باسم ملف خبيث رقم {i}\n\n{FILLER} {FILLER}\n", encoding="utf-8")
        except OSError:
            continue  # a name this filesystem refuses is a name no user can hand us
    (folder / "con.yml").write_text('title: "../../etc/passwd"\nurl: "javascript:alert(1)"\n', encoding="utf-8")
    words = (FILLER + " ") * (100_000 // (len(FILLER) + 1) + 1)
    (folder / "long-line.txt").write_text(f"سطر طويل جدا في خبر عن المينورسو\n\n{words[:100_000]}\n",
                                          encoding="utf-8")
    (folder / "long-word.txt").write_text(f"كلمة طويلة جدا في خبر عن المينورسو\n\n{'ب' * 100_000}\n\n{FILLER}\n",
                                          encoding="utf-8")


def tree(folder: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Every file under ``folder`` (outside ``skip``) with the sha256 of its bytes."""
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if relative.parts[0] in skip or "__pycache__" in relative.parts or not path.is_file():
            continue
        found[relative.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    from generator.pipeline import build

    top = tmp_path_factory.mktemp("hostile")
    articles = top / "incoming"
    make_articles(articles)
    root = copy_project(top / "project", articles=articles)
    shutil.rmtree(articles)
    before = tree(top)
    result = build(root)
    return {"root": root, "top": top, "before": before, "after": tree(top), "result": result}


@pytest.fixture(scope="module")
def site(hostile) -> Path:
    return hostile["root"] / "site"


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# ------------------------------------------------------------------ file-level guarantees


def test_nothing_is_written_outside_the_output_folders(hostile):
    root = hostile["root"]
    outside = {p for p in hostile["after"] if not p.startswith("project/") or
               Path(p).parts[1] not in OUTPUT_FOLDERS}
    assert {p: hostile["after"][p] for p in outside} == {p: h for p, h in hostile["before"].items() if p in outside}
    assert not [p for p in root.parent.iterdir() if p.name != root.name], "files left beside the project"
    assert not [p.name for p in root.iterdir() if p.name.startswith(".")], "staging or backup folders left over"


def test_content_folder_is_unchanged_byte_for_byte(hostile):
    def content(snapshot: dict[str, str]) -> dict[str, str]:
        return {p: h for p, h in snapshot.items() if p.startswith("project/content/")}

    assert content(hostile["before"]) and content(hostile["after"]) == content(hostile["before"])


def test_ids_are_safe_unique_and_one_page_each(hostile, site):
    articles = hostile["result"].generated.analysis.articles
    ids = [a.id for a in articles]
    assert len(ids) == len(set(ids))
    assert all(SAFE_ID.match(i) and len(i) <= 80 for i in ids), ids
    for article_id in ids:
        assert (site / "articles" / f"{article_id}.html").is_file()
    same_title = [a for a in articles if a.title == "عنوان مكرر تماما في خبرين عن بعثة المينورسو"]
    assert len(same_title) == 2 and same_title[0].id != same_title[1].id


def test_hostile_file_names_get_safe_ids(hostile):
    paths = {a.source.path for a in hostile["result"].generated.analysis.articles}
    assert {"con.txt", "-rf.txt", "<img src=x onerror=alert(1)>.txt", "invoice\u202efdp.txt"} <= paths
    reserved = {"index", "con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
    for article in hostile["result"].generated.analysis.articles:
        assert article.id not in reserved, f"{article.source.path} got the reserved name {article.id}"


@pytest.mark.parametrize("names", [
    ["a.txt", "A.txt", "a-" + hashlib.sha1(b"a.txt").hexdigest()[:10] + ".txt"],
    ["A.txt", "a-" + hashlib.sha1(b"a.txt").hexdigest()[:10] + ".txt", "a.txt"],
    ["con.txt", "CON.txt", "con-1.txt", "con-2.txt"],
    ["عنوان.txt", "خبر.txt", "..txt", "...txt", "-.txt"],
    ["index.txt", "index-file.txt", "lpt1.TXT", "LPT1.txt"],
])
def test_assign_ids_never_collides(names):
    raws = [RawArticle(source=Source(name, "text"), text="x", encoding="utf-8") for name in names]
    ids = assign_ids(raws)
    assert len(set(ids)) == len(ids), ids
    assert all(SAFE_ID.match(i) for i in ids), ids


def test_nul_bytes_are_skipped_with_their_reason(hostile, site):
    skipped = {s.path: s.reason for s in hostile["result"].generated.analysis.skipped}
    assert "NUL" in skipped.get("10-nul.txt", "")
    report = (site / "report.html").read_text(encoding="utf-8")
    assert "10-nul.txt" in report and "NUL bytes" in report


class _Markup(HTMLParser):
    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.urls.extend(value or "" for name, value in attrs if name in self.URL_ATTRIBUTES)


def test_no_page_links_to_a_script_or_data_url(site):
    for page in html_pages(site):
        parser = _Markup()
        parser.feed(page.read_text(encoding="utf-8"))
        bad = [u for u in parser.urls if re.match(r"\s*(javascript|data|vbscript):", u, re.I)]
        assert not bad, f"{page.relative_to(site)}: {bad}"


def test_no_bidi_control_or_invisible_character_reaches_a_page(site):
    for page in html_pages(site):
        found = BIDI_AND_INVISIBLE.findall(page.read_text(encoding="utf-8"))
        assert not found, f"{page.relative_to(site)}: {[hex(ord(c)) for c in found]}"


def test_page_titles_carry_no_markup(site):
    for page in html_pages(site):
        title = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8"), re.S).group(1)
        assert "<" not in title and "&lt;" not in title, f"{page.relative_to(site)}: {title}"


# ------------------------------------------------------------------ in the browser


@pytest.fixture(scope="module")
def served(site):
    with serve_directory(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


BODY_ELEMENTS = "img, script, iframe, object, embed, frame, svg, form, input, button, style, link, video, audio"
# The outlet lens's charts (svg.marsad-chart, _lens_charts.md.j2) are drawn by the build, not brought by an article.
PAGE_FACTS = """() => ({
    pwned: window.__pwned !== undefined,
    text: document.body.innerText,
    title: document.title,
    badLinks: [...document.querySelectorAll('a[href], area[href], form[action], iframe[src]')]
        .map(el => el.href || el.action || el.src)
        .filter(url => /^\\s*(javascript|data|vbscript):/i.test(url)),
    foreign: [...document.querySelectorAll('.md-content')]
        .flatMap(c => [...c.querySelectorAll('%s')]).filter(el => !el.closest('svg.marsad-chart')).map(el => el.outerHTML.slice(0, 120)),
    body: [...document.querySelectorAll('.marsad-body')].map(el => el.innerText).join('\\n'),
})""" % BODY_ELEMENTS


@pytest.fixture(scope="module")
def visits(site, served, browser):
    """Every generated page loaded once; what happened on it."""
    context = browser.new_context()
    facts = {}
    for path in html_pages(site):
        relative = path.relative_to(site).as_posix()
        page = context.new_page()
        seen = {"dialogs": [], "errors": [], "requests": []}
        page.on("dialog", lambda dialog, seen=seen: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
        page.on("console", lambda msg, seen=seen: msg.type == "error" and seen["errors"].append(msg.text))
        page.on("pageerror", lambda exc, seen=seen: seen["errors"].append(str(exc)))
        page.on("request", lambda req, seen=seen: req.url.startswith(served) or seen["requests"].append(req.url))
        page.goto(f"{served}/{relative}", wait_until="load")
        facts[relative] = {**seen, **page.evaluate(PAGE_FACTS)}
        page.close()
    context.close()
    return facts


@pytest.mark.browser
def test_every_page_was_visited(visits, hostile):
    articles = hostile["result"].generated.analysis.articles
    assert {f"articles/{a.id}.html" for a in articles} <= set(visits)
    assert {f"en/articles/{a.id}.html" for a in articles} <= set(visits)


@pytest.mark.browser
def test_no_script_from_an_article_runs(visits):
    ran = {p: (f["dialogs"], f["pwned"]) for p, f in visits.items() if f["dialogs"] or f["pwned"]}
    assert not ran


@pytest.mark.browser
def test_no_console_error(visits):
    assert not {p: f["errors"] for p, f in visits.items() if f["errors"]}


@pytest.mark.browser
def test_no_link_to_a_script_or_data_url_in_the_dom(visits):
    assert not {p: f["badLinks"] for p, f in visits.items() if f["badLinks"]}


@pytest.mark.browser
def test_no_element_from_an_article_and_no_request_off_the_site(visits):
    assert not {p: f["foreign"] for p, f in visits.items() if f["foreign"]}
    assert not {p: f["requests"] for p, f in visits.items() if f["requests"]}


@pytest.mark.browser
@pytest.mark.parametrize("article_id", sorted(LITERALS))
def test_hostile_text_shows_literally(visits, article_id):
    for edition in ("", "en/"):
        body = visits[f"{edition}articles/{article_id}.html"]["body"]
        for literal in LITERALS[article_id]:
            assert literal in body, f"{edition}{article_id}: {literal!r} is not shown as text"


@pytest.mark.browser
def test_titles_show_as_text(visits):
    text = visits["articles/01-script.html"]["text"]
    assert '<script>alert("title");window.__pwned=1</script>' in text or "عنوان من الملف الجانبي" in text
    assert "{{ " in visits["articles/04-jinja.html"]["text"]


@pytest.mark.browser
def test_no_bidi_control_in_rendered_text(visits):
    assert not {p: f["text"] for p, f in visits.items() if BIDI_AND_INVISIBLE.search(f["text"] + f["title"])}


# ------------------------------------------------------------------ the PDFs


def pdf_files(site: Path) -> list[Path]:
    if not (Path(__file__).parent.parent / "generator" / "pdf.py").exists():
        pytest.skip("generator/pdf.py is not there yet: no PDFs to check")
    found = sorted(site.rglob("*.pdf"))
    assert found, "PDF briefings are enabled but none was built"
    return found


def test_pdfs_carry_no_script_and_link_only_to_the_web(site):
    from pypdf import PdfReader

    for path in pdf_files(site):
        data = path.read_bytes()
        assert not re.search(rb"/(JavaScript|JS|Launch|SubmitForm|ImportData)\b", data), path.name
        reader = PdfReader(path)
        root = reader.trailer["/Root"]
        assert "/OpenAction" not in root and "/AA" not in root, path.name
        assert "/JavaScript" not in (root.get("/Names") or {}), path.name
        for page in reader.pages:
            for annotation in page.get("/Annots") or ():
                action = annotation.get_object().get("/A") or {}
                assert action.get("/S") in (None, "/URI", "/GoTo"), (path.name, action)
                uri = str(action.get("/URI", "https://x"))
                assert re.match(r"https?://", uri), (path.name, uri)


def test_pdfs_show_hostile_text_literally_and_no_bidi_control(site):
    from pypdf import PdfReader

    raw = {p.name: "\n".join(page.extract_text() or "" for page in PdfReader(p).pages) for p in pdf_files(site)}
    assert not {name: BIDI_AND_INVISIBLE.findall(text) for name, text in raw.items()
                if BIDI_AND_INVISIBLE.search(text)}
    # poppler's pdftotext gives logical order (pypdf mirrors «<» inside right-to-left runs) but adds
    # its own embedding marks, so it is read for the literal text only
    texts = {p.name: subprocess.run(["pdftotext", str(p), "-"], capture_output=True, text=True, check=True).stdout
             for p in pdf_files(site)}
    # an HTML renderer would drop <script> elements; shown literally, the tag name and its code stay
    assert any("script" in text and "alert(" in text for text in texts.values())
    # a report title; Jinja would have turned «{{ 7*7 }}» into 49 (braces reorder inside right-to-left runs)
    assert any("7*7" in text for text in texts.values())


def test_raw_block_stash_gives_the_same_html_on_hostile_pages(hostile):
    """The fast raw-block path (generator/rawblocks.py) sees every hostile page as Python-Markdown does."""
    from .test_rawblocks import convert, generated_pages, without_front_matter

    pages = generated_pages(hostile["root"])
    assert pages
    for page in pages:
        text = without_front_matter(page.read_text(encoding="utf-8"))
        assert convert(text, fast=True) == convert(text, fast=False), page
