"""PDF briefings read back: one PDF per period (the latest digest, the archived ones, each topic's
latest period), a cover and contents an editor would send (topics, whole titles, long dates,
plurals, no «0» shown as a fact), sources cited by outlet, title, day and link (never a file
name), embedded Arabic fonts, reproducible bytes, a PDF rendered only when its inputs changed,
and the site linking its PDFs."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest

from generator.config import load_config
from generator.models import Analysis, Article, KeyFigure, Passage, Quote, Source, Story, TopicMatch
from generator.pdf import (
    ARCHIVE_PERIODS,
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
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# Longer than any cut the contents ever made (90 characters): it must read back whole.
LONG_TITLE = ("المينورسو ترصد تحركات جديدة قرب الجدار الرملي وتبلغ مجلس الأمن بتفاصيل الخروقات المسجلة "
              "خلال الأسبوع الماضي في منطقة المحبس")


def need(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} not found (install poppler-utils)")


def pdftotext(path: Path, first: int | None = None, last: int | None = None) -> str:
    need("pdftotext")
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    return BIDI_CONTROLS.sub("", out)


def flat(text: str) -> str:
    """pdftotext's lines joined: a title that wraps reads back whole."""
    return " ".join(text.split())


def words(text: str) -> str:
    """Letters and digits only, one space between runs: pdftotext moves the spaces and brackets
    around numbers in right-to-left lines («48من ( 2023»), not the order of the words."""
    return " ".join(re.findall(r"\d+|[^\W\d_]+", text))


def article(n: int, title: str, *, day: str | None = "2023-11-29", topics=("peacekeeping",), **extra) -> Article:
    lead = extra.pop("lead", f"قالت الأمم المتحدة إن جان بيير لاكروا زار المنطقة في الخبر {n}.")
    return Article(
        id=f"a{n:03d}", source=Source(f"a{n:03d}.txt", "text"), title=title, lead=lead,
        body=extra.pop("body", (f"{lead} نص المقال.", "فقرة ثانية.")), content_hash=f"h{n}", published=day,
        topics=tuple(TopicMatch(t, ("حفظ السلام",)) for t in topics), **extra)


QUOTE = Quote("الأمم المتحدة ملتزمة بدعم العملية السياسية", "jean-pierre-lacroix", "جان بيير لاكروا", "")
STORY = Story(id="s-a001", title="زيارة لاكروا إلى العيون بعد هجمات السمارة", article_ids=("a002", "a001"),
              first_day="2023-11-29", last_day="2023-11-30",
              summary=("زار جان بيير لاكروا العيون بعد هجمات السمارة.",), topics=("peacekeeping", "minurso"),
              entities=("lacroix",), quotes=(QUOTE,), figures=(KeyFigure("1724", "1724 من القبعات الزرق"),),
              summary_passages=(Passage("a002", 0),))  # the sentence stands in a002's first paragraph


def sample_articles() -> tuple[Article, ...]:
    """Three ISO weeks (2023-W48 the latest, W47, W46), an undated article, two topics with nothing."""
    return (
        article(1, "لاكروا يزور العيون بعد هجمات السمارة", day="2023-11-29T20:54", outlet="hespress",
                url="https://example.org/news/1", quotes=(QUOTE,),
                figures=(KeyFigure("1724", "1724 من القبعات الزرق"),), story="s-a001",
                topics=("peacekeeping", "minurso")),
        article(2, "الأمم المتحدة تدين هجمات السمارة", day="2023-11-30", url="javascript:alert(1)",
                body=(f"{STORY.summary[0]} وأدانت الأمم المتحدة الهجمات.",),
                outlet="le360-ar", story="s-a001", topics=("peacekeeping", "minurso")),
        article(3, "بوريطة يستقبل وكيل الأمين العام لعمليات السلام", day="2023-11-20", outlet="hespress",
                url="https://example.org/news/3"),
        article(4, "نسخة من خبر بوريطة", day="2023-11-21", duplicate_of="a003", outlet="alyaoum24"),
        article(5, "مقال بلا تاريخ عن حفظ السلام", day=None, topics=("peacekeeping", "minurso")),
        article(6, LONG_TITLE, day="2023-11-28", topics=("minurso",), outlet="alyaoum24"),
        article(7, "مجلس الأمن يناقش مسار التسوية في الصحراء", day="2023-11-14",
                topics=("western-sahara-politics",)),
    )


def sample_analysis() -> Analysis:
    return Analysis(articles=sample_articles(), stories=(STORY,))


@pytest.fixture(scope="module")
def config():
    return load_config(REPO)


def documents_named(config, analysis, *names):
    return [d for d in briefing_documents(config, analysis, GENERATED) if d.filename in names]


@pytest.fixture(scope="module")
def rendered(config, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pdf")
    write_pdfs(documents_named(config, sample_analysis(), "digest.ar.pdf", "digest.en.pdf",
                               "briefing-minurso.ar.pdf", "briefing-polisario.ar.pdf",
                               "digest-2023-W46.ar.pdf"), out)
    return {p.name: p for p in out.rglob("*.pdf")}


# ------------------------------------------------------------------ which PDFs, holding what


def shape(document) -> list[tuple[str | None, list[str]]]:
    """(group label, section titles) of a document: what it holds, in order."""
    return [(g.label, [s.title for s in g.sections]) for g in document.groups]


def test_one_pdf_per_period_and_per_topic_in_each_language(config):
    names = {d.filename for d in briefing_documents(config, sample_analysis(), GENERATED)}
    expected = set()
    for language in config.settings.languages:
        # W48 is the latest period; W47 and W46 are archived (ARCHIVE_PERIODS of them at most).
        expected |= {f"digest.{language}.pdf",
                     *(f"digest-{key}.{language}.pdf" for key in ("2023-W47", "2023-W46")[:ARCHIVE_PERIODS])}
        expected |= {f"briefing-{topic.id}.{language}.pdf" for topic in config.topics}
    assert names == expected


def test_the_digest_holds_the_latest_period_each_story_once_under_its_first_topic(config):
    digest, = documents_named(config, sample_analysis(), "digest.ar.pdf")
    assert digest.period.key == "2023-W48"
    # The story is in peacekeeping and MINURSO: once, under MINURSO (first in topics.yml).
    assert shape(digest) == [("بعثة المينورسو", ["زيارة لاكروا إلى العيون بعد هجمات السمارة", LONG_TITLE])]


def test_an_archived_digest_holds_its_own_period(config):
    archived, = documents_named(config, sample_analysis(), "digest-2023-W47.en.pdf")
    assert (archived.period.start, archived.period.end) == ("2023-11-20", "2023-11-26")
    assert shape(archived) == [("UN peacekeeping", ["بوريطة يستقبل وكيل الأمين العام لعمليات السلام"])]
    assert [r.article_id for r in archived.sections[0].reports] == ["a003", "a004"]  # with its wire copy


@pytest.mark.parametrize("topic, period, titles", [
    # label: a topic's brief covers its own latest period, not the site's
    ("minurso", "2023-W48", ["زيارة لاكروا إلى العيون بعد هجمات السمارة", LONG_TITLE]),
    ("western-sahara-politics", "2023-W46", ["مجلس الأمن يناقش مسار التسوية في الصحراء"]),
    # label: a topic with nothing (the site still links its brief): no period, no section
    ("polisario", None, []),
])
def test_a_topic_brief_covers_the_topics_latest_period(config, topic, period, titles):
    brief, = documents_named(config, sample_analysis(), f"briefing-{topic}.ar.pdf")
    assert (brief.period.key if brief.period else None) == period
    assert [s.title for s in brief.sections] == titles


def test_the_cover_ranks_top_stories_as_the_home_page_does(config):
    """digest.story_score (reports × outlets × recency × topic weight), not the contents' newest-first
    order: a report carried by three outlets two days earlier outranks a lone report of the last day."""
    lone = article(20, "خبر وحيد من آخر يوم", day="2023-11-30", outlet="hespress")
    carried = article(21, "خبر نقلته ثلاثة منابر", day="2023-11-28", outlet="hespress")
    copies = (article(22, "نسخة أولى", day="2023-11-28", outlet="le360-ar", duplicate_of="a021"),
              article(23, "نسخة ثانية", day="2023-11-28", outlet="alyaoum24", duplicate_of="a021"))
    digest, = documents_named(config, Analysis(articles=(lone, carried, *copies)), "digest.ar.pdf")
    assert [s.title for s in digest.sections] == ["خبر وحيد من آخر يوم", "خبر نقلته ثلاثة منابر"]
    assert [s.title for s in digest.top] == ["خبر نقلته ثلاثة منابر", "خبر وحيد من آخر يوم"]


def test_articles_without_a_story_stand_for_their_own_with_their_wire_copies():
    analysis = sample_analysis()
    groups = section_groups(analysis, list(analysis.articles), list(analysis.stories))
    shape_ = [(story.id if story else None, [a.id for a in members]) for story, members in groups]
    assert shape_ == [("s-a001", ["a002", "a001"]), (None, ["a006"]), (None, ["a003", "a004"]),
                      (None, ["a007"]), (None, ["a005"])]


# ------------------------------------------------------------------ what a reader sees


def test_arabic_text_reads_back_in_logical_order(rendered):
    text = pdftotext(rendered["digest.ar.pdf"])
    for expected in ("الأمم المتحدة", "لاكروا", "زيارة لاكروا إلى العيون بعد هجمات السمارة", "موجز الفترة",
                     "المحتويات", "الأمم المتحدة ملتزمة بدعم العملية السياسية", "من القبعات الزرق"):
        assert expected in text, expected
    assert "األمم" not in text and "الكروا" not in text


def test_the_english_pdf_reads_back_with_the_english_headlines(config, rendered):
    """Each section of the English digest is headed by the English the pages give (english.py), in the
    contents and over its text; the Arabic headline stays beneath it as the original."""
    (document,) = documents_named(config, sample_analysis(), "digest.en.pdf")
    text = flat(pdftotext(rendered["digest.en.pdf"]))
    contents = flat(pdftotext(rendered["digest.en.pdf"], 1, 1))
    assert document.sections
    for section in document.sections:
        english = section.title_en
        latin, arabic = len(re.findall(r"[A-Za-z]", english or "")), len(re.findall(r"[\u0621-\u064A]", english or ""))
        assert english and latin >= 0.8 * (latin + arabic), (section.title, english)
        assert english in contents and english in text, english
        assert section.title in text  # the original
    (arabic_document,) = documents_named(config, sample_analysis(), "digest.ar.pdf")
    assert all(s.title_en is None for s in arabic_document.sections)  # the Arabic edition keeps its headlines


@pytest.mark.parametrize("name, expected", [
    # label: the period and the build day in long form, Arabic month names (Morocco's: نونبر, دجنبر)
    ("digest.ar.pdf", ["الأسبوع 48 من 2023", "الاثنين، 27 نونبر 2023", "الأحد، 3 دجنبر 2023",
                       "تاريخ الإعداد: الجمعة، 1 دجنبر 2023"]),
    ("digest.en.pdf", ["Week 48 of 2023", "Monday 27 November 2023", "Sunday 3 December 2023",
                       "Generated on: Friday 1 December 2023"]),
])
def test_the_cover_names_the_period_and_build_day_in_long_form(rendered, name, expected):
    cover = words(pdftotext(rendered[name], 1, 1))
    for phrase in expected:
        assert words(phrase) in cover, (phrase, cover)


@pytest.mark.parametrize("name, expected", [
    # label: counts on the cover, forms written from Arabic grammar: 2 → dual, 3-10 → plural
    ("digest.ar.pdf", ["قصتان", "3 تقارير", "3 منابر"]),
    ("digest.en.pdf", ["2 stories", "3 reports", "3 outlets"]),
    # label: one of each: the number word alone, as Arabic says it
    ("digest-2023-W46.ar.pdf", ["قصة واحدة", "تقرير واحد"]),
])
def test_counts_on_the_cover_take_the_right_plural(rendered, name, expected):
    cover = words(pdftotext(rendered[name], 1, 1))
    for phrase in expected:
        assert words(phrase) in cover, (phrase, cover)


@pytest.mark.parametrize("name", [
    "briefing-polisario.ar.pdf",  # label: a topic with no report says so in a sentence
    "digest-2023-W46.ar.pdf",  # label: a week whose one report names no outlet: no outlet count at all
])
def test_no_zero_count_is_shown_as_a_fact(rendered, name):
    text = flat(pdftotext(rendered[name]))
    assert not re.search(r"(^|\s)0(\s|$)", text), text
    assert "لا منابر" not in text and "لا قصص" not in text and "لا تقارير" not in text.replace(
        "لا تقارير عن هذا الموضوع بعد", "")
    if name.startswith("briefing-"):
        assert "لا تقارير عن هذا الموضوع بعد" in text


@pytest.mark.parametrize("name", ["digest.ar.pdf", "digest.en.pdf", "briefing-minurso.ar.pdf"])
def test_no_file_name_and_no_iso_date_anywhere(rendered, name):
    text = pdftotext(rendered[name])
    assert not re.search(r"a\d{3}\.txt", text)
    assert not ISO_DAY.search(text), ISO_DAY.findall(text)


def toc_entries(path: Path, titles: list[str]) -> dict[str, int]:
    """Each title's page number in the contents (page 1), read after the title's last word."""
    page = flat(pdftotext(path, 1, 1))
    # the contents follow the cover's top stories, and the first stories follow the contents
    toc = page[max(page.find("المحتويات"), page.find("Contents")):]
    found = {}
    for title in titles:
        assert title in toc, f"{title!r} missing whole from the contents:\n{toc}"
        after = toc[toc.index(title) + len(title):]
        numbers = re.findall(r"\d+", after[:400])
        assert numbers, after
        found[title] = int(numbers[0])
    return found


def page_of(path: Path, title: str) -> list[int]:
    from pypdf import PdfReader

    count = len(PdfReader(path).pages)
    # the stories follow the contents on page 1: there the title must stand twice (contents, heading)
    return [n for n in range(1, count + 1) if flat(pdftotext(path, n, n)).count(title) >= (2 if n == 1 else 1)]


@pytest.mark.parametrize("name", ["digest.ar.pdf", "digest.en.pdf"])
def test_contents_are_grouped_by_topic_with_whole_titles_and_their_pages(config, rendered, name):
    page = flat(pdftotext(rendered[name], 1, 1))
    contents = page[page.index("المحتويات" if name.endswith(".ar.pdf") else "Contents"):]
    label = "بعثة المينورسو" if name.endswith(".ar.pdf") else "MINURSO"
    titles = ["زيارة لاكروا إلى العيون بعد هجمات السمارة", LONG_TITLE]
    if name.endswith(".en.pdf"):  # the English edition lists the English headlines (english.py)
        (document,) = documents_named(config, sample_analysis(), name)
        titles = [next(s.title_en for s in document.sections if s.title == title) for title in titles]
    assert label in contents and contents.index(label) < contents.index(titles[-1]), contents
    for title, number in toc_entries(rendered[name], titles).items():
        assert number in page_of(rendered[name], title), (title, number)


@pytest.mark.parametrize("name, language", [("digest.ar.pdf", "ar"), ("digest.en.pdf", "en")])
def test_each_source_is_cited_by_outlet_title_day_and_link(config, rendered, name, language):
    raw = pdftotext(rendered[name])
    text = words(raw)
    outlets = {o.id: o.name.get(language) for o in config.outlets}
    # a001: Hespress, its title, its day and time in long form, its link.
    # (pdftotext gives a right-to-left line's number runs in visual order: the time is read apart.)
    day = "الأربعاء، 29 نونبر 2023" if language == "ar" else "Wednesday 29 November 2023"
    for part in ("لاكروا يزور العيون بعد هجمات السمارة", day):
        assert words(part) in text, part
    for outlet in (outlets["hespress"], outlets["le360-ar"]):  # «Le360 بالعربية» follows the item's number
        assert all(word in text.split() for word in words(outlet).split()), outlet
    assert "20:54" in raw and "https://example.org/news/1" in raw and "javascript:" not in raw


@pytest.mark.parametrize("name", ["digest.ar.pdf", "digest.en.pdf"])
def test_each_summary_sentence_cites_its_outlet_and_paragraph(config, rendered, name):
    """A summary sentence ends with its source's number, outlet and paragraph («[1] Le360 ¶1»), read
    back on the sentence's own line (pdftotext gives right-to-left lines in visual order: words are
    compared, not their order)."""
    document, = documents_named(config, sample_analysis(), name)
    cited = [(sentence, c) for s in document.sections for sentence, c in zip(s.summary, s.citations) if c]
    assert len(cited) >= 2  # the story's sentence (from its second report) and a lone report's lead
    lines = [words(line).split() for line in pdftotext(rendered[name]).splitlines() if "¶" in line]
    assert len(lines) == len(cited)
    for sentence, citation in cited:
        wanted = words(sentence).split()[:3] + words(citation.outlet).split() + [str(citation.paragraph)]
        assert any(all(word in line for word in wanted) for line in lines), (sentence, citation)
    story = next(s for s in document.sections if s.title == STORY.title)
    assert story.citations[0].source == 1 and story.reports[0].article_id == "a002"  # [1] is a002


def test_no_monospace_font_and_arabic_fonts_embedded(rendered):
    need("pdffonts")
    for name in ("digest.ar.pdf", "digest.en.pdf", "briefing-minurso.ar.pdf"):
        fonts = subprocess.run(["pdffonts", str(rendered[name])], check=True, capture_output=True,
                               text=True).stdout
        assert re.search(r"Noto-Naskh-Arabic|Amiri", fonts), fonts
        assert "Kufi" not in fonts and "Mono" not in fonts, fonts


def test_metadata_title_language_and_date(rendered):
    from pypdf import PdfReader

    reader = PdfReader(rendered["digest.ar.pdf"])
    assert "موجز الفترة" in reader.metadata.title and "الأسبوع 48 من 2023" in reader.metadata.title
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    assert reader.metadata["/CreationDate"].startswith("D:20231201")


def test_same_input_gives_identical_bytes(config):
    document, = documents_named(config, sample_analysis(), "briefing-western-sahara-politics.ar.pdf")
    assert render_pdf(render_html(document)) == render_pdf(render_html(document))


def test_source_date_epoch_fixes_the_generation_date():
    assert generation_time({"SOURCE_DATE_EPOCH": "1700000000"}) == datetime(2023, 11, 14, 22, 13, 20,
                                                                             tzinfo=timezone.utc)
    assert generation_time({}).hour == 0


# ------------------------------------------------------------------ rendering only what changed


def mtimes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*.pdf")}


def arabic(config, analysis, generated=GENERATED):
    return [d for d in briefing_documents(config, analysis, generated) if d.language == "ar"]


def test_an_unchanged_rebuild_renders_no_pdf_even_on_a_later_day(config, tmp_path):
    first = write_pdfs(arabic(config, sample_analysis()), tmp_path)
    assert len(first.written) == 3 + len(config.topics)  # latest digest, 2 archived, one brief per topic
    before = mtimes(tmp_path)
    manifest = (tmp_path / MANIFEST).stat().st_mtime_ns
    later = datetime(2023, 12, 5, tzinfo=timezone.utc)  # the build date alone changes no input
    again = write_pdfs(arabic(config, sample_analysis(), later), tmp_path)
    assert (again.written, again.copied, again.unchanged) == ([], [], len(first.written))
    assert mtimes(tmp_path) == before and (tmp_path / MANIFEST).stat().st_mtime_ns == manifest


@pytest.mark.parametrize("new, rendered_again", [
    # label: news in the latest week: its digest and the briefs of its topics, nothing archived
    (article(8, "خبر جديد عن المينورسو", day="2023-12-01", topics=("minurso",), outlet="hespress"),
     ["ar/pdf/briefing-minurso.ar.pdf", "ar/pdf/digest.ar.pdf"]),
    # label: a late report of an archived week: that week's digest only
    (article(9, "تقرير متأخر عن السمارة", day="2023-11-15", topics=("western-sahara-politics",)),
     ["ar/pdf/briefing-western-sahara-politics.ar.pdf", "ar/pdf/digest-2023-W46.ar.pdf"]),
])
def test_a_new_article_renders_again_only_the_pdfs_of_its_period(config, tmp_path, new, rendered_again):
    write_pdfs(arabic(config, sample_analysis()), tmp_path)
    before = mtimes(tmp_path)
    grown = Analysis(articles=(*sample_articles(), new), stories=(STORY,))
    report = write_pdfs(arabic(config, grown), tmp_path)
    assert sorted(report.written) == rendered_again
    after = mtimes(tmp_path)
    assert sorted(p for p in after if after[p] != before.get(p)) == rendered_again


def test_a_new_period_moves_the_latest_digest_to_the_archive_without_rendering_it(config, tmp_path):
    write_pdfs(arabic(config, sample_analysis()), tmp_path)
    latest = (tmp_path / "ar" / "pdf" / "digest.ar.pdf").read_bytes()
    week_49 = article(10, "خبر من الأسبوع التالي", day="2023-12-05", topics=("polisario",))
    report = write_pdfs(arabic(config, Analysis(articles=(*sample_articles(), week_49), stories=(STORY,))),
                        tmp_path)
    assert report.copied == ["ar/pdf/digest-2023-W48.ar.pdf"]
    assert (tmp_path / "ar" / "pdf" / "digest-2023-W48.ar.pdf").read_bytes() == latest
    assert sorted(report.written) == ["ar/pdf/briefing-polisario.ar.pdf", "ar/pdf/digest.ar.pdf"]
    if ARCHIVE_PERIODS == 2:  # W46 falls out of the archive
        assert report.removed == ["ar/pdf/digest-2023-W46.ar.pdf"]


def test_force_and_removal(config, tmp_path):
    documents = documents_named(config, sample_analysis(), "briefing-polisario.ar.pdf", "briefing-polisario.en.pdf")
    write_pdfs(documents, tmp_path)
    assert len(write_pdfs(documents, tmp_path, force=True).written) == 2
    changed = [replace(documents[0], site_name="Marsad 2"), documents[1]]
    assert write_pdfs(changed, tmp_path).written == ["ar/pdf/briefing-polisario.ar.pdf"]
    assert write_pdfs(documents[1:], tmp_path).removed == ["ar/pdf/briefing-polisario.ar.pdf"]
    assert not (tmp_path / "ar" / "pdf" / "briefing-polisario.ar.pdf").exists()


# ------------------------------------------------------------------ bad data


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
    analysis = Analysis(articles=(bad, article(10, "خبر ثان عن الأمم المتحدة", day=fields.get("day", "2023-11-29"))))
    document, = documents_named(config, analysis, "briefing-peacekeeping.en.pdf")
    report = write_pdfs([document], tmp_path)
    pdf = tmp_path / "en" / "pdf" / "briefing-peacekeeping.en.pdf"
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


def test_each_digest_page_with_a_pdf_links_it(config):
    """A digest page links its period's PDF: the latest period's and the archived ones' (by the
    names write_pdfs gives them); a period without a PDF links nothing."""
    from generator.graph import SiteGraph
    from generator.render import Renderer, digest_path

    graph = SiteGraph.build(config, sample_analysis())
    documents = {document.filename.split(".")[0] for document in briefing_documents(config, sample_analysis())}
    for language in config.settings.languages:
        renderer = Renderer(graph, language)
        stems = renderer.digest_pdf_stems()
        assert stems == {"2023-W48": "digest", "2023-W47": "digest-2023-W47", "2023-W46": "digest-2023-W46"}
        assert set(stems.values()) <= documents
        pages = {spec.path: spec for spec in renderer.specs()}
        for digest in graph.digests:
            text = renderer.render(pages[digest_path(digest.key)]).text
            assert f'pdf/{stems[digest.key]}.{language}.pdf"' in text


@pytest.mark.parametrize("name, speaker", [("digest.ar.pdf", "جان بيير لاكروا"), ("digest.en.pdf", "Jean-Pierre Lacroix")])
def test_a_known_speaker_is_named_in_the_edition_language(rendered, name, speaker):
    # the quote stays in Arabic; its speaker, a gazetteer person, is named as the edition names him
    text = flat(pdftotext(rendered[name]))
    assert "الأمم المتحدة ملتزمة بدعم العملية السياسية" in text
    assert f"— {speaker}" in text
