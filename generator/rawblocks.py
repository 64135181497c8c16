"""A Python-Markdown extension: whole raw HTML blocks are stashed without running an HTML parser.

Marsad's pages are mostly raw HTML blocks (lists, cards, the article body). Python-Markdown
finds where each block ends with ``html.parser``, and MkDocs runs a second ``html.parser``
pass over the page to collect anchor ids; the two cost about 40% of MkDocs' time per page.

This preprocessor runs before both. It takes a chunk of lines between blank lines that is
exactly one block-level element (``<ul …>`` … ``</ul>``, tags balanced, nothing after its end
tag) and stashes it as Python-Markdown would, so the HTML out is the same
(``tests/test_rawblocks.py`` builds a site both ways and compares every page). Any chunk it is
not sure of (comments, scripts, ``<pre>``, unbalanced or several elements, hand-written
Markdown) is left to Python-Markdown. Markdown inside a stashed block is never interpreted,
as before: article text stays text.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

_OPENING = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>]")
# What html.parser treats specially, or what could hide a tag from a count: left to Python-Markdown.
_UNSURE = re.compile(r"<!|<\?|<(?:script|style|pre|textarea|code)[\s>]|`", re.IGNORECASE)


class RawBlockPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        chunk: list[str] = []
        for line in [*lines, ""]:
            if line.strip():
                chunk.append(line)
                continue
            if chunk:
                out.extend(self._stashed(chunk) or chunk)
                chunk = []
            out.append(line)
        return out[:-1]

    def _stashed(self, chunk: list[str]) -> list[str] | None:
        """The lines that replace ``chunk`` when it is one whole block element, else None."""
        text = "\n".join(chunk)
        tag = _block_tag(text)
        if tag is None or not self.md.is_block_level(tag) or _UNSURE.search(text):
            return None
        if not _one_element(text, tag):
            return None
        # As Python-Markdown's HTML block parser leaves it: the raw block (with the newline of the
        # blank line after it) in the stash, its placeholder on a line of its own.
        return ["", self.md.htmlStash.store(text + "\n"), "", ""]


def _block_tag(text: str) -> str | None:
    match = _OPENING.match(text)
    return match.group(1).lower() if match else None


def _one_element(text: str, tag: str) -> bool:
    """The chunk is one ``tag`` element: it ends with its end tag, and the first time the tags
    of that name balance is at the very end."""
    closing = f"</{tag}>"
    if not text.lower().endswith(closing):
        return False
    depth = 0
    for match in re.finditer(rf"<(/?){tag}[\s>]", text, re.IGNORECASE):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end() == len(text)
    return False


class RawBlocks(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace normalisation (30), before MkDocs' anchor scan (21) and the HTML block parser (20).
        md.preprocessors.register(RawBlockPreprocessor(md), "marsad_raw_blocks", 25)


def makeExtension(**kwargs) -> RawBlocks:
    return RawBlocks(**kwargs)
