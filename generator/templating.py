"""The one Jinja2 setup shared by the Markdown pages and the PDF briefings.

Autoescape is on (article text is untrusted), undefined names fail loudly, UI
strings go through the language's Babel catalog, and every printed value passes
``safety.visible`` (no bidi overrides or invisible characters from any source).
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from . import i18n, safety


def template_environment(folder: Path, language: str, **options) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
        finalize=safety.visible,
        **options,
    )
    env.install_gettext_translations(i18n.translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters["number"] = lambda n: i18n.format_number(n, language)
    env.globals["count"] = lambda n, noun: i18n.count(n, noun, language)  # every count a page prints
    return env
