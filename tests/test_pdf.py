"""PDF briefings read back: text in logical order, embedded Arabic fonts, a TOC that points right,
bad data that never breaks a PDF, reproducible bytes, and the site linking its PDFs."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest

from generator.config import load_config
from generator.models import Analysis, Article, KeyFigure, Quote, Source, Story, TopicMatch
from generator.pdf import (
    MANIFEST,
    briefing_documents,
    generation_time,
    render_html,
    render_pdf,
    section_groups,
    write_pdfs,
)

from .conftest import REPO

pytestmark = pytest.mark.slow

GENERATED = datetime(2023, 12, 1, tzinfo=timezone.utc)
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def need(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} not found (install poppler-utils)")


def pdftotext(path: Path, first: int | None = None, last: int | None = None) -> str:
    need("pdftotext")
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return BIDI_CONTROLS.sub("", out)


def article(n: int, title: str, *, day: str | None = "2023-11-29", topics=("peacekeeping",), **extra) -> Article:
    return Article(
        id=f"a{n:03d}", source=Source(f"a{n:03d}.txt", "text"), title=title,
        lead=extra.pop("lead", f"قالت الأمم المتحدة إن جان بيير لاكروا زار المنطقة في الخبر {n}."),
        body=("نص المقال.",), content_hash=f"h{n}", published=day,
        topics=tuple(TopicMatch(t, ("حفظ السلام",)) for t in topics), **extra)


def sample_analysis() -> Analysis:
    quote = Quote("الأمم المتحدة ملتزمة بدعم العملية السياسية", "lacroix", "جان بيير لاكروا", "")
    articles = (
        article(1, "لاكروا يزور العيون بعد هجمات السمارة", day="2023-11-29T20:54", outlet="hespress",
                url="https://example.org/news/1", quotes=(quote,),
                figures=(KeyFigure("1724", "1724 من القبعات الزرق"),), story="s-a001"),
        article(2, "الأمم المتحدة تدين هجمات السمارة", day="2023-11-30", url="javascript:alert(1)",
                story="s-a001"),
        article(3, "بوريطة يستقبل وكيل الأمين العام لعمليات السلام", day="2023-11-20"),
        article(4, "نسخة من خبر بوريطة", day="2023-11-20", duplicate_of="a003"),
        article(5, "مقال بلا تاريخ عن حفظ السلام", day=None, topics=("peacekeeping", "minurso")),
    )
    story = Story(id="s-a001", title="زيارة لاكروا إلى العيون بعد هجمات السمارة", article_ids=("a002", "a001"),
                  first_day="2023-11-29", last_day="2023-11-30",
                  summary=("زار جان بيير لاكروا العيون بعد هجمات السمارة.",), topics=("peacekeeping",),
                  entities=("lacroix",), quotes=(quote,), figures=(KeyFigure("1724", "1724 من القبعات الزرق"),))
    return Analysis(articles=articles, stories=(story,))


@pytest.fixture(scope="module")
def config():
    return load_config(REPO)


@pytest.fixture(scope="module")
def rendered(config, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    documents = [d for d in briefing_documents(config, sample_analysis(), GENERATED)
                 if d.kind == "digest" or d.topic.id == "peacekeeping"]
    write_pdfs(documents, out)
    return {p.name: p for p in out.rglob("*.pdf")}


def test_one_document_per_topic_and_language_plus_a_digest(config):
    names = {d.filename for d in briefing_documents(config, sample_analysis(), GENERATED)}
    for language in config.settings.languages:
        assert f"digest.{language}.pdf" in names
        for topic in config.topics:
            assert f"briefing-{topic.id}.{language}.pdf" in names
    assert len(names) == len(config.settings.languages) * (len(config.topics) + 1)


def test_articles_without_a_story_stand_for_their_own_with_their_wire_copies():
    analysis = sample_analysis()
    groups = section_groups(analysis, list(analysis.articles), list(analysis.stories))
    shape = [(story.id if story else None, [a.id for a in members]) for story, members in groups]
    assert shape == [("s-a001", ["a002", "a001"]), (None, ["a003", "a004"]), (None, ["a005"])]


def test_arabic_text_reads_back_in_logical_order(rendered):
    text = pdftotext(rendered["digest.ar.pdf"])
    for expected in ("الأمم المتحدة", "لاكروا", "زيارة لاكروا إلى العيون بعد هجمات السمارة",
                     "بوريطة يستقبل وكيل الأمين العام لعمليات السلام", "موجز الفترة", "المحتويات",
                     "الأمم المتحدة ملتزمة بدعم العملية السياسية", "من القبعات الزرق"):
        assert expected in text, expected
    assert "األمم" not in text and "الكروا" not in text


def test_dates_keep_their_reading_order_in_rtl(rendered):
    text = pdftotext(rendered["digest.ar.pdf"])
    assert "2023-11-29 20:54" in text
    assert "2023-11-20 – 2023-11-30" in text or "2023-11-30 – 2023-11-20" in text


def test_english_edition_is_left_to_right_with_english_ui(rendered):
    text = pdftotext(rendered["digest.en.pdf"])
    assert "Digest of the period" in text and "Contents" in text and "Key figures" in text
    assert "الأمم المتحدة" in text


@pytest.mark.parametrize("name", ["digest.ar.pdf", "digest.en.pdf", "briefing-peacekeeping.ar.pdf"])
def test_arabic_fonts_are_embedded(rendered, name):
    need("pdffonts")
    fonts = subprocess.run(["pdffonts", str(rendered[name])], check=True, capture_output=True,
                           text=True).stdout
    assert re.search(r"Noto-Naskh-Arabic|Amiri", fonts), fonts
    assert "Kufi" not in fonts


def toc_entries(path: Path, titles: list[str]) -> dict[str, int]:
    toc = pdftotext(path, 2, 2)
    found = {}
    for title in titles:
        line = next((line for line in toc.splitlines() if title in line), None)
        assert line is not None, f"{title!r} missing from the contents page:\n{toc}"
        numbers = re.findall(r"\d+", line.replace(title, ""))
        assert numbers, line
        found[title] = int(numbers[0])
    return found


def page_of(path: Path, title: str) -> list[int]:
    from pypdf import PdfReader

    count = len(PdfReader(path).pages)
    return [n for n in range(3, count + 1) if title in pdftotext(path, n, n)]


@pytest.mark.parametrize("name", ["digest.ar.pdf", "digest.en.pdf"])
def test_contents_lists_every_story_with_the_page_it_is_on(rendered, name):
    titles = ["زيارة لاكروا إلى العيون بعد هجمات السمارة", "بوريطة يستقبل وكيل الأمين العام لعمليات السلام",
              "مقال بلا تاريخ عن حفظ السلام"]
    for title, number in toc_entries(rendered[name], titles).items():
        assert number in page_of(rendered[name], title), (title, number)


def test_annex_lists_safe_urls_and_no_file_paths(rendered):
    """A report without a safe link says so; the file it was read from is for maintainers (issue 14)."""
    text = pdftotext(rendered["digest.en.pdf"])
    assert "https://example.org/news/1" in text
    assert "javascript:" not in text
    assert "a002.txt" not in text
    assert "No link to the original is known." in text


def test_metadata_title_language_and_date(rendered):
    from pypdf import PdfReader

    reader = PdfReader(rendered["digest.ar.pdf"])
    assert "موجز الفترة" in reader.metadata.title
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    assert reader.metadata["/CreationDate"].startswith("D:20231201")


def test_same_input_gives_identical_bytes(config, tmp_path):
    document = next(d for d in briefing_documents(config, sample_analysis(), GENERATED)
                    if d.filename == "briefing-de-mistura.ar.pdf")
    assert render_pdf(render_html(document)) == render_pdf(render_html(document))


def test_source_date_epoch_fixes_the_generation_date():
    assert generation_time({"SOURCE_DATE_EPOCH": "1700000000"}) == datetime(2023, 11, 14, 22, 13, 20,
                                                                             tzinfo=timezone.utc)
    assert generation_time({}).hour == 0


def test_only_changed_documents_are_rendered_again(config, tmp_path):
    documents = [d for d in briefing_documents(config, sample_analysis(), GENERATED)
                 if d.filename in ("briefing-de-mistura.ar.pdf", "briefing-de-mistura.en.pdf")]
    assert len(write_pdfs(documents, tmp_path).written) == 2
    again = write_pdfs(documents, tmp_path)
    assert (again.written, again.unchanged) == ([], 2)
    assert (tmp_path / MANIFEST).exists()
    changed = [replace(documents[0], site_name="Marsad 2"), documents[1]]
    assert write_pdfs(changed, tmp_path).written == ["ar/pdf/briefing-de-mistura.ar.pdf"]
    assert write_pdfs(documents[1:], tmp_path).removed == ["ar/pdf/briefing-de-mistura.ar.pdf"]
    assert not (tmp_path / "ar" / "pdf" / "briefing-de-mistura.ar.pdf").exists()


BAD = {
    "no date": dict(day=None),
    "very long title": dict(title="عنوان طويل جدا " * 134),
    "huge quote": dict(quotes=(Quote("كلام " * 10_000, None, None, ""),)),
    "markup in text": dict(title="<script>alert('x')</script> <b>عريض</b> & «الأمم المتحدة»",
                           lead="<img src=x onerror=alert(1)> نص"),
    "unbreakable url": dict(url="https://example.org/" + "x" * 3000),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_bad_data_never_breaks_the_pdf(config, tmp_path, case):
    fields = dict(BAD[case])
    title = fields.pop("title", "خبر عادي عن حفظ السلام")
    bad = article(9, title, **fields)
    analysis = Analysis(articles=(bad, article(10, "خبر ثان عن الأمم المتحدة")))
    document = next(d for d in briefing_documents(config, analysis, GENERATED) if d.filename == "digest.en.pdf")
    report = write_pdfs([document], tmp_path)
    pdf = tmp_path / "en" / "pdf" / "digest.en.pdf"
    assert report.written and pdf.read_bytes().startswith(b"%PDF")
    text = pdftotext(pdf)
    assert "خبر ثان عن الأمم المتحدة" in text
    if case == "markup in text":
        assert "&lt;script&gt;" in render_html(document) and "<script" not in render_html(document)
        assert "alert('x')" in text and "script" in text and "عريض" in text
    if case == "very long title":
        assert "عنوان طويل جدا" in text


def test_built_site_links_existing_pdfs(built_seeds):
    site = built_seeds / "site"
    config = load_config(built_seeds)
    for language, prefix in ((config.settings.languages[0], site), ("en", site / "en")):
        for topic in config.topics:
            page = (prefix / "topics" / f"{topic.id}.html").read_text(encoding="utf-8")
            href = f"../pdf/briefing-{topic.id}.{language}.pdf"
            assert href in page, (language, topic.id)
            assert (prefix / "topics" / href).resolve().read_bytes().startswith(b"%PDF")
        home = (prefix / "index.html").read_text(encoding="utf-8")
        assert f"pdf/digest.{language}.pdf" in home
        assert (prefix / "pdf" / f"digest.{language}.pdf").exists()
