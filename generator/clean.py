"""Clean stage: raw scraped text → the article's own paragraphs.

Each non-blank line gets a label from the first named rule that claims it,
so a reviewer can see why any line was dropped (``CleanArticle.verdicts``).
Rules are small functions of a ``Line``; the list ``LINE_RULES`` is the
cleaner. After the per-line rules, two region rules apply: lines listed under a
"read also" marker are related headlines, and short lines outside the body
(before its first paragraph or after its last) are page furniture.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from collections.abc import Callable
from typing import NamedTuple

from .arabic import normalize
from .models import CleanArticle, LineVerdict, RawArticle

BULLETS = "•·▪●◦‣-*–—"
_TERMINALS = ".!?؟…:؛"
_CLOSING = "\"”»)"
_TIMESTAMP = re.compile(
    r"^[\W\d\u0660-\u0669]*\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}[\s|,،\-–]*(\d{1,2}:\d{2})?\W*$"
)
_INVISIBLE = "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad"  # bidi, zero-width
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_HIDDEN = re.compile(f"[{_INVISIBLE}{_CONTROL}]")


class Line(NamedTuple):
    no: int
    text: str
    norm: str  # normalised for phrase tests
    words: int
    ends_sentence: bool


def _has(line: Line, *phrases: str) -> bool:
    norm = line.norm
    return any(p in norm for p in _normalized_phrases(phrases))


@lru_cache(maxsize=1024)
def _normalized_phrases(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(map(normalize, phrases))


# ---------------------------------------------------------------- line rules
# Each returns True when the line is boilerplate of its kind.


def menu_bullet(line: Line) -> bool:
    """Bulleted menu entries and section lists: «• سياسة»."""
    return line.text.lstrip()[:1] in BULLETS and line.words <= 12 and not line.ends_sentence


def cookie_notice(line: Line) -> bool:
    return line.words <= 25 and _has(
        line, "ملفات تعريف الارتباط", "باستخدام هذا الموقع", "cookies", "سياسة الخصوصية وشروط الاستخدام"
    )


def login_block(line: Line) -> bool:
    return line.words <= 12 and _has(
        line, "تسجيل الدخول", "كلمة المرور", "إسم المستخدم", "اسم المستخدم", "هل لديك حساب",
        "مرحبا بك من جديد", "إنشاء حساب", "log in", "sign in", "password",
    )


def newsletter(line: Line) -> bool:
    if line.words > 25:
        return False
    if _has(line, "النشرة البريدية", "إلغاء الاشتراك", "من خلال الاشتراك", "كن مواكب", "صندوق الوارد",
            "newsletter", "subscribe"):
        return True
    # «النشرة الإخبارية» is also the evening news on television: a sign-up line is short or says «اشترك»
    return _has(line, "النشرة الإخبارية") and (line.words <= 8 or _has(line, "اشترك"))


def copyright_footer(line: Line) -> bool:
    return line.words <= 20 and ("©" in line.text or _has(line, "جميع الحقوق محفوظة", "all rights reserved"))


def share_and_follow(line: Line) -> bool:
    return line.words <= 4 and _has(
        line, "شارك", "تابعنا", "share", "tweet", "فيسبوك", "تويتر", "واتساب", "طباعة", "نسخ الرابط"
    )


def comment_prompt(line: Line) -> bool:
    return line.words <= 12 and _has(line, "أضف تعليق", "يضيف تعليق", "التعليقات", "اترك تعليقا", "comments")


def keyword_tags(line: Line) -> bool:
    return _has(line, "الكلمات المفتاحية", "الوسوم:", "كلمات مفتاحية", "tags:")


def breadcrumb(line: Line) -> bool:
    return line.text.count(" > ") >= 1 and line.words <= 30 and not line.ends_sentence


def ui_string(line: Line) -> bool:
    """Single UI labels: «قبول», «القائمة», «مدة القراءة: 2'», «تغيير حجم الخط»."""
    return line.words <= 6 and (
        _has(line, "تغيير حجم الخط", "إظهار المزيد", "مدة القراءة", "أقسام أخرى", "أنت تقرأ الآن",
             "الأخبار المخصصة", "اقرأ المزيد", "read more")
        or line.norm.strip() in _UI_WORDS
        or set(line.text.strip()) <= set("_-=*~ ")
    )


_UI_WORDS = {normalize(w) for w in ("قبول", "القائمة", "أخبار", "نشر", "dr", "الرئيسية", "إشعار", "بحث", "menu")}


LINE_RULES: tuple[Callable[[Line], bool], ...] = (
    cookie_notice,
    login_block,
    newsletter,
    copyright_footer,
    share_and_follow,
    comment_prompt,
    keyword_tags,
    breadcrumb,
    menu_bullet,
    ui_string,
)

READ_ALSO_MARKERS = tuple(
    normalize(m)
    for m in ("إقرأ أيضا", "اقرأ أيضا", "إقرأ أيضًا", "اقرأ أيضًا", "مواضيع ذات صلة", "أخبار ذات صلة",
              "آخر الأخبار", "الأكثر قراءة", "مقالات ذات صلة", "read also", "related")
)


def is_timestamp(line: Line) -> bool:
    return bool(_TIMESTAMP.match(line.text))


def is_paragraph(line: Line) -> bool:
    """A line that reads as running prose: long, or a sentence of some length."""
    return line.words >= 25 or (line.words >= 10 and line.ends_sentence)


def is_read_also_marker(line: Line) -> bool:
    return line.words <= 4 and any(line.norm.strip(" :").startswith(m) for m in READ_ALSO_MARKERS)


# ------------------------------------------------------------------ the cleaner


def clean(raw: RawArticle) -> CleanArticle:
    return clean_and_fold(raw)[0]


def clean_and_fold(raw: RawArticle) -> tuple[CleanArticle, tuple[str, ...]]:
    """``clean``, and the matching form (``arabic.normalize``) of each paragraph, which the
    cleaner computes anyway: later stages need not normalise the body again."""
    lines = split_lines(raw.text)
    labels: dict[int, tuple[str, str]] = {}
    for line in lines:
        verdict = _line_verdict(line)
        if verdict:
            labels[line.no] = verdict
    _mark_read_also_lists(lines, labels)
    _mark_outside_body(lines, labels)
    verdicts = tuple(LineVerdict(ln.no, ln.text, *labels.get(ln.no, ("body", "paragraph"))) for ln in lines)
    paragraphs = tuple(v.text for v in verdicts if v.label == "body")
    folded = tuple(ln.norm for ln, v in zip(lines, verdicts) if v.label == "body")
    return CleanArticle(raw=raw, paragraphs=paragraphs, verdicts=verdicts), folded


def split_lines(text: str) -> list[Line]:
    lines = []
    visible = strip_invisible(unicodedata.normalize("NFC", text))  # as tidy_text does, for all lines at once
    for no, text_line in enumerate(visible.split("\n"), start=1):
        words = text_line.split()
        if words:
            tidy = " ".join(words)
            lines.append(Line(no, tidy, normalize(tidy), len(words), ends_sentence(tidy)))
    return lines


def ends_sentence(text: str) -> bool:
    """A terminal mark («.», «؟», «:», …) at the end, before any closing quotes or brackets."""
    bare = text.rstrip().rstrip(_CLOSING)
    return bool(bare) and bare[-1] in _TERMINALS


def tidy_text(text: str) -> str:
    """Strip invisible formatting (bidi overrides, zero-width) and control characters; fold spaces."""
    return " ".join(strip_invisible(unicodedata.normalize("NFC", text)).split())


def strip_invisible(text: str) -> str:
    """Remove bidi controls, zero-width and control characters; keep the rest, line breaks included."""
    return _HIDDEN.sub("", text)


def _line_verdict(line: Line) -> tuple[str, str] | None:
    if is_timestamp(line):
        return ("timestamp", "timestamp")
    for rule in LINE_RULES:
        if rule(line):
            return ("boilerplate", rule.__name__)
    return None


def _mark_read_also_lists(lines: list[Line], labels: dict[int, tuple[str, str]]) -> None:
    """Under a «إقرأ أيضًا» marker, every line up to the next paragraph is a related headline."""
    in_list = False
    for line in lines:
        if is_read_also_marker(line):
            labels[line.no] = ("boilerplate", "read_also_marker")
            in_list = True
        elif in_list and (is_paragraph(line) and line.ends_sentence):
            in_list = False
        elif in_list and line.no not in labels:
            labels[line.no] = ("boilerplate", "related_headline")


def _mark_outside_body(lines: list[Line], labels: dict[int, tuple[str, str]]) -> None:
    """Keep the densest run of prose; around it only headlines and bylines may stay."""
    block = _body_block(lines, labels)
    if block is None:
        for line in lines:
            labels.setdefault(line.no, ("body", "no_paragraph_found"))
        return
    first, last = block
    for line in lines:
        if line.no in labels:
            continue
        if line.no < first:
            labels[line.no] = ("header", "before_body")
        elif line.no > last:
            labels[line.no] = ("boilerplate", "after_body")
        elif line.no == first and is_headline_like(line):
            labels[line.no] = ("header", "headline_before_body")
        elif not is_paragraph(line) and line.words < 10 and not line.ends_sentence:
            labels[line.no] = ("header", "short_line_in_body")  # a subhead or a caption; a short sentence stays


def is_headline_like(line: Line) -> bool:
    """Headlines have no commas and end without a single full stop."""
    text = line.text.rstrip()
    return line.words <= 25 and not re.search("[،,]", text) and not re.search(r"(?<!\.)\.$", text)


MAX_GAP_LINES = 8  # a "read also" list or a photo caption may sit between two paragraphs


def _body_block(lines: list[Line], labels: dict[int, tuple[str, str]]) -> tuple[int, int] | None:
    """(first, last) line numbers of the run of prose lines with the most text."""
    positions = {line.no: i for i, line in enumerate(lines)}
    prose = [ln for ln in lines if ln.no not in labels and is_paragraph(ln)]
    if not prose:
        return None
    runs: list[list[Line]] = [[prose[0]]]
    for line in prose[1:]:
        if positions[line.no] - positions[runs[-1][-1].no] - 1 <= MAX_GAP_LINES:
            runs[-1].append(line)
        else:
            runs.append([line])
    best = max(runs, key=lambda run: sum(len(ln.text) for ln in run))
    return best[0].no, best[-1].no
