"""Cleaning quality: realistic HTML pages built from known paragraphs, and character-level
precision/recall of the text kept. Shared by tests/test_read.py and bench/bench_clean.py.

Each page wraps an article's own paragraphs (the golden clean body of a seed) in what real news
pages carry: a cookie banner, a navigation menu, a breadcrumb, teaser headlines with timestamps,
share buttons, a "read also" list, tags, a newsletter form and a copyright footer. The paragraphs
are the gold; anything else kept counts against precision.
"""

from __future__ import annotations

import html
from difflib import SequenceMatcher
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden" / "clean"
SEEDS = REPO / "content" / "articles"

MENU = ("الرئيسية", "سياسة", "مجتمع", "اقتصاد", "رياضة", "خارج الحدود", "ثقافة وفن", "الرأي")
TEASERS = (
    ("صحيفة موريتانية: نواكشوط تنأى بنفسها عن البوليساريو في ظل متغيرات الصحراء", "20/05/2025 | 00:59"),
    ("أزمة “أورانو” في النيجر.. تعليق تصدير اليورانيوم يهدد النفوذ الفرنسي في إفريقيا", "19/05/2025 | 21:15"),
    ("فوضى على متن رحلة من لندن إلى مراكش تنتهي باعتقال راكب في مدريد", "19/05/2025 | 17:24"),
)
RELATED = (
    "بنعبد الله يدعو لتعميق الحوار ومحاسبة الحكومة لعدم الوفاء بوعودها الانتخابية",
    "تنظيم جديد من “أكابس” لتأطير الانخراط الرقمي في جمعيات التقاعد",
    "برلماني يتهم الحكومة بـ”الإنكار الجماعي” لأزمة التعليم ويكشف اختلالات التعليم الأولي",
    "الرباط.. التأكيد على عمق العلاقات المغربية-الزامبية والإرادة السياسية الأكيدة لقيادتي البلدين",
)
SITE = "جريدة المرصد"


def golden_paragraphs(stem: str) -> list[str]:
    return (GOLDEN / f"{stem}.txt").read_text(encoding="utf-8").strip().split("\n\n")


def seed_stems() -> list[str]:
    return sorted(p.stem for p in GOLDEN.glob("*.txt"))


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _menu() -> str:
    items = "".join(f'<li><a href="/{i}">{_e(m)}</a></li>' for i, m in enumerate(MENU))
    return f'<nav class="menu"><ul>{items}</ul></nav>'


def _teasers() -> str:
    items = "".join(
        f'<li><a href="/t{i}">{_e(title)}</a><span class="time">{_e(stamp)}</span></li>'
        for i, (title, stamp) in enumerate(TEASERS)
    )
    return f'<div class="ticker"><h3>آخر الأخبار</h3><ul>{items}</ul></div>'


def _related() -> str:
    items = "".join(f'<li><a href="/r{i}">{_e(t)}</a></li>' for i, t in enumerate(RELATED))
    return f'<aside class="related"><h4>إقرأ أيضًا</h4><ul>{items}</ul></aside>'


def _footer() -> str:
    return (
        '<div class="newsletter"><h4>اشترك في النشرة الإخبارية</h4>'
        "<p>كن مواكبًا! احصل على آخر الأخبار العاجلة التي يتم إرسالها مباشرة إلى صندوق الوارد الخاص بك.</p>"
        '<form><input type="email"><button>اشترك</button></form></div>'
        f'<footer><ul><li><a href="/c">إتصل بنا</a></li><li><a href="/p">سياسة الخصوصية</a></li></ul>'
        f"<p>جميع الحقوق محفوظة لـ{_e(SITE)} © 2025</p></footer>"
    )


def news_page(title: str, paragraphs: list[str], layout: str = "article") -> str:
    """A whole news page around ``paragraphs``. Layouts: "article" (semantic <article>),
    "divs" (div soup, no semantic tags), "comments" (article followed by reader comments)."""
    body = "".join(f"<p>{_e(p)}</p>" for p in paragraphs)
    head = (
        f'<head><meta charset="utf-8"><title>{_e(title)} | {_e(SITE)}</title>'
        f'<meta property="og:site_name" content="{_e(SITE)}">'
        f'<meta property="og:title" content="{_e(title)}">'
        '<meta property="article:published_time" content="2023-11-29T20:54:00+01:00">'
        '<meta name="author" content="الحافظ ملعين">'
        '<link rel="canonical" href="https://example.ma/news/2023/11/29/article.html"></head>'
    )
    cookie = '<div class="cookies">باستخدام هذا الموقع، فإنك توافق على سياسة الخصوصية وشروط الاستخدام. <button>قبول</button></div>'
    crumbs = f'<div class="breadcrumb"><a href="/">{_e(SITE)}</a> &gt; <a href="/s">سياسة</a> &gt; {_e(title)}</div>'
    share = '<div class="share"><a>شارك</a> <a>فيسبوك</a> <a>تويتر</a> <a>واتساب</a></div>'
    tags = '<div class="tags">الكلمات المفتاحية: <a>الأمم المتحدة</a> <a>المغرب</a></div>'
    if layout == "divs":
        main = (f'<div id="content"><div class="title">{_e(title)}</div><div class="date">29/11/2023 | 20:54</div>'
                f'{share}<div class="text">{body}</div>{tags}</div>')
    else:
        main = (f'<article><h1>{_e(title)}</h1><time datetime="2023-11-29T20:54">29/11/2023 | 20:54</time>'
                f"{share}<div class=\"entry-content\">{body}</div>{tags}</article>")
    if layout == "comments":
        main += ('<section class="comments"><h3>التعليقات</h3>'
                 "<div class=\"comment\"><p>مواطن: مقال ممتاز شكرا لكم</p></div>"
                 "<div class=\"comment\"><p>زائر: متى ستنشرون التقرير الكامل؟</p></div></section>")
    return (f'<!DOCTYPE html><html lang="ar" dir="rtl">{head}<body>{cookie}<header>{_menu()}</header>'
            f"{crumbs}{_teasers()}<main>{main}{_related()}</main>{_footer()}</body></html>")


LAYOUTS = ("article", "divs", "comments")


def html_samples() -> list[tuple[str, str, list[str]]]:
    """(name, page, gold paragraphs) for every seed and layout."""
    samples = []
    for stem in seed_stems():
        gold = golden_paragraphs(stem)
        title = gold[0].split("،")[0][:80]
        for layout in LAYOUTS:
            samples.append((f"{stem}/{layout}", news_page(title, gold, layout), gold))
    return samples


def char_overlap(kept: str, gold: str) -> tuple[int, int, int]:
    """(matched, kept, gold) counts of non-space characters; texts are aligned word by word, in
    reading order, and a matched word counts all its characters."""
    kept_words, gold_words = kept.split(), gold.split()
    matcher = SequenceMatcher(None, kept_words, gold_words, autojunk=False)
    matched = sum(len(w) for block in matcher.get_matching_blocks()
                  for w in kept_words[block.a : block.a + block.size])
    return matched, sum(map(len, kept_words)), sum(map(len, gold_words))


def precision_recall(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """Micro-averaged character precision and recall over (kept, gold) pairs."""
    matched = kept_total = gold_total = 0
    for kept, gold in pairs:
        m, k, g = char_overlap(kept, gold)
        matched, kept_total, gold_total = matched + m, kept_total + k, gold_total + g
    return (matched / kept_total if kept_total else 0.0, matched / gold_total if gold_total else 0.0)
