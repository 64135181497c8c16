"""Untrusted text stays text: the few places where article text meets markup.

Templates render article text only inside block-level HTML with Jinja's
autoescape on, where Python-Markdown interprets neither Markdown nor HTML.
What is left is text that leaves the page body: the page title (front matter,
which themes print unescaped), URLs, and file names.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

_TITLE_UNSAFE = str.maketrans({"<": "‹", ">": "›", "&": "＆", '"': "”", "`": "ʻ", "\\": "∖"})
_SAFE_SCHEMES = {"http", "https"}


def plain_title(text: str, limit: int = 160) -> str:
    """A title fit for front matter and theme chrome: no markup characters, one line, bounded."""
    one_line = " ".join(text.split()).translate(_TITLE_UNSAFE)
    if len(one_line) > limit:
        one_line = one_line[: limit - 1].rstrip() + "…"
    return one_line


def yaml_string(text: str) -> str:
    """A double-quoted scalar that YAML reads back as exactly ``text``."""
    return json.dumps(text, ensure_ascii=False)


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) link without spaces or control characters, else None."""
    if not url:
        return None
    url = url.strip()
    if re.search(r"[\s\x00-\x1f\x7f<>\"']", url):
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return None
    return url
