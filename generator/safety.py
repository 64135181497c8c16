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

from markupsafe import Markup

from .clean import strip_invisible, tidy_text

_TITLE_UNSAFE = str.maketrans({"<": "‹", ">": "›", "&": "＆", '"': "”", "`": "ʻ", "\\": "∖"})
_SAFE_SCHEMES = {"http", "https"}


def plain_title(text: str, limit: int = 160) -> str:
    """A title fit for front matter and theme chrome: no markup characters, one line, bounded."""
    one_line = tidy_text(text).translate(_TITLE_UNSAFE)
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


def visible(value: object) -> object:
    """Jinja ``finalize``: every value a template prints loses bidi controls, zero-width and control
    characters (titles from sidecars and file names have not been through the cleaner)."""
    if isinstance(value, Markup):
        return Markup(strip_invisible(value))
    if isinstance(value, str):
        return strip_invisible(value)
    return value
