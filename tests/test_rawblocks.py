"""The raw-block stash (generator/rawblocks.py): the same HTML as Python-Markdown's own parsing."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from generator.rawblocks import RawBlockPreprocessor, RawBlocks

MKDOCS_EXTENSIONS = ["toc", "tables", "fenced_code"]  # what MkDocs always loads


def convert(text: str, fast: bool) -> str:
    return markdown.markdown(text, extensions=[*MKDOCS_EXTENSIONS, *([RawBlocks()] if fast else [])])


def without_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        return text[end + 5:] if end > 0 else text
    return text


def generated_pages(root: Path) -> list[Path]:
    return sorted((root / "build" / "docs").rglob("*.md"))


def stashed(text: str) -> int:
    """How many chunks of ``text`` the preprocessor takes as whole raw blocks."""
    md = markdown.Markdown()
    RawBlockPreprocessor(md).run(text.split("\n"))
    return md.htmlStash.html_counter


def test_every_generated_page_converts_to_the_same_html(built_seeds):
    pages = generated_pages(built_seeds)
    assert len(pages) > 50
    blocks = 0
    for page in pages:
        text = without_front_matter(page.read_text(encoding="utf-8"))
        assert convert(text, fast=True) == convert(text, fast=False), page
        blocks += stashed(text)
    assert blocks > 3 * len(pages)  # the fast path did the work


CASES = {
    "one element": '<ul class="x">\n<li><a href="a.html">A</a></li>\n</ul>\n\nText *em*.\n',
    "nested same tag": "<div>\n<div>inner</div>\n</div>\n",
    "two elements in one chunk": "<p>one</p>\n<p>two</p>\n\n## Heading\n",
    "closed early, text after": "<div>a</div> tail *em*\n",
    "comment": "<!-- note -->\n<div>x</div>\n",
    "markdown inside": "<p>[x](javascript:alert(1)) *not em* __strong__</p>\n\n*em*\n",
    "backtick": "<p>`code`</p>\n",
    "inline start": "<span>inline</span> *em*\n",
    "unclosed": "<div>\nopen\n\nmore *em*\n",
    "escaped text": "<p>&lt;script&gt;alert(1)&lt;/script&gt; [a](b)</p>\n",
    "heading then block": "# Title\n\n<h1 lang=\"ar\" dir=\"rtl\">عنوان</h1>\n\n## نص\n\n<div class=\"b\">\n<p>فقرة</p>\n</div>\n",
    "table": "| a | b |\n| --- | --- |\n| 1 | 2 |\n\n<table><tr><td>x</td></tr></table>\n",
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_cases_convert_as_python_markdown_does(name):
    assert convert(CASES[name], fast=True) == convert(CASES[name], fast=False)


def test_markdown_inside_a_stashed_block_stays_text():
    html = convert(CASES["markdown inside"], fast=True)
    assert "<a " not in html and "<em>not em</em>" not in html and "<strong>" not in html
    assert "<em>em</em>" in html  # outside the block, Markdown is Markdown


@pytest.mark.parametrize("name, count", [("one element", 1), ("nested same tag", 1), ("markdown inside", 1),
                                         ("escaped text", 1), ("heading then block", 2), ("table", 1),
                                         ("two elements in one chunk", 0), ("closed early, text after", 0),
                                         ("comment", 0), ("inline start", 0), ("unclosed", 0), ("backtick", 0)])
def test_what_is_taken_as_a_whole_block(name, count):
    assert stashed(CASES[name]) == count
