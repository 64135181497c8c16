"""Every count a page prints goes through one helper with the language's plural rules.

Arabic (CLDR) has six plural categories: zero (0), one (1), two (2), few (3-10, and
103-110 …), many (11-99, 111-199 …) and other (100-102 …). The expected phrases below
were written by hand from Arabic grammar, not generated from the catalog: 3-10 take the
plural noun in the genitive («3 قصص»), 11-99 the singular in the accusative («11 مقالا»,
«11 قصة»), 100-102 the singular in the genitive («100 مقال»). Zero is «لا قصص»
("no stories"). Counts are printed as phrases standing alone, so the dual is nominative
(«قصتان»).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import i18n
from generator.templating import template_environment

NUMBERS = (*range(0, 13), 100, 101, 102, 103, 111)
NBSP = "\u00a0"  # a count is one unit: no line ends between the number and its noun

# noun: (zero, one, two, few 3-10, many 11-99, other 100-102); "N" stands for the number.
ARABIC = {
    "story": ("لا قصص", "قصة واحدة", "قصتان", "N قصص", "N قصة", "N قصة"),
    "article": ("لا مقالات", "مقال واحد", "مقالان", "N مقالات", "N مقالا", "N مقال"),
    "report": ("لا تقارير", "تقرير واحد", "تقريران", "N تقارير", "N تقريرا", "N تقرير"),
    "outlet": ("لا منابر", "منبر واحد", "منبران", "N منابر", "N منبرا", "N منبر"),
    "topic": ("لا مواضيع", "موضوع واحد", "موضوعان", "N مواضيع", "N موضوعا", "N موضوع"),
}
ENGLISH = {"story": ("story", "stories"), "article": ("article", "articles"), "report": ("report", "reports"),
           "outlet": ("outlet", "outlets"), "topic": ("topic", "topics")}


def arabic_form(noun: str, n: int) -> str:
    """The phrase for ``n`` by the ranges of Arabic grammar, written out without Babel."""
    zero, one, two, few, many, other = ARABIC[noun]
    if n == 0:
        form = zero
    elif n == 1:
        form = one
    elif n == 2:
        form = two
    elif 3 <= n % 100 <= 10:
        form = few
    elif 11 <= n % 100 <= 99:
        form = many
    else:  # 100, 101, 102, 200 …
        form = other
    return form.replace("N", str(n)).replace(" ", NBSP)


def english_form(noun: str, n: int) -> str:
    singular, plural = ENGLISH[noun]
    return f"{n}{NBSP}{singular if n == 1 else plural}"


def test_every_counted_noun_has_expected_forms():
    assert set(i18n.COUNTED_NOUNS) == set(ARABIC) == set(ENGLISH)


@pytest.mark.parametrize("noun", sorted(ARABIC))
@pytest.mark.parametrize("n", NUMBERS)
def test_arabic_count(noun, n):
    assert i18n.count(n, noun, "ar") == arabic_form(noun, n)


@pytest.mark.parametrize("noun", sorted(ENGLISH))
@pytest.mark.parametrize("n", NUMBERS)
def test_english_count(noun, n):
    assert i18n.count(n, noun, "en") == english_form(noun, n)


def test_the_template_global_is_the_same_helper(tmp_path):
    (tmp_path / "t.j2").write_text('{{ count(n, "story") }}', encoding="utf-8")
    for language, form in (("ar", arabic_form), ("en", english_form)):
        env = template_environment(tmp_path, language)
        assert [env.get_template("t.j2").render(n=n) for n in NUMBERS] == [form("story", n) for n in NUMBERS]


def test_an_unknown_noun_fails_loudly():
    with pytest.raises(KeyError, match="not a counted noun"):
        i18n.count(3, "page", "ar")


TEMPLATES = Path(__file__).resolve().parent.parent / "generator" / "templates"
# A number in a UI string followed by a counted noun: "%(count)s articles", "%(num)s stories"
# written by hand, or ngettext called in a template instead of the shared helper.
HAND_WRITTEN_COUNT = re.compile(r"%\(\w+\)s (?:article|stor|report|outlet|topic)|ngettext\(|\| length \| number\) }} "
                                r"(?:article|stor|report)")


@pytest.mark.parametrize("template", sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.j2")))
def test_no_template_writes_a_count_by_hand(template):
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    assert not HAND_WRITTEN_COUNT.findall(text), f"{template}: counts go through count(n, noun)"
