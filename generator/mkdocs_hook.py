"""A thin MkDocs hook: Marsad's settings and pages in, the search index out.

- ``on_config``: the site languages come from ``marsad.yml`` (``languages``), so a
  language is one entry there plus one catalog; mkdocs-static-i18n's ``languages``
  in ``mkdocs.yml`` only add display details (name, site name) and are completed
  or trimmed to match. Plain ``mkdocs serve`` / ``mkdocs build`` also run the
  generator first (``marsad build`` generates itself and sets MARSAD_GENERATED=1).
- ``MARSAD_EDITION=<code>`` (set by ``marsad build``, one MkDocs process per
  language): mkdocs-static-i18n builds that language only, to the folder it
  would use in a full build (``<code>/`` unless it is the first language), and
  still knows every language, so the header's language switcher keeps linking
  each page to the same page in the other editions.
- ``site_url`` comes from ``marsad.yml`` (unless ``mkdocs.yml`` or ``mkdocs serve`` set
  one). Without it MkDocs would write a sitemap of URLs that start with "None", so no
  sitemap is written at all.
- ``on_env``: the theme overrides (``overrides/``: 404 page, footer) translate their
  strings with Marsad's catalogs (``_()``), in the language being built, and link the
  edition's own pages through ``marsad_edition`` (``""`` at the root, ``"en/"``).
- ``on_post_template``: the 404 page of every language but the first is written to
  ``<code>/404.html``, so the root keeps the first language's (Arabic) 404.
- ``on_serve``: watches the sources (content, settings, templates, catalogs) and not
  the generated docs folder: each rebuild regenerates it, and a watch on it would
  start the next rebuild (the write manifest changes on every run), without end.
- ``on_post_page``: drops the per-page ``<link rel="alternate" hreflang>`` tags of
  the head. Material fetches ``sitemap.xml`` next to each of them, which is a 404
  (a console error) on every page outside the site root
  (squidfunk/mkdocs-material#6582); the header's language switcher keeps its
  page-to-page links, and sitemap.xml lists the language alternates.
- ``on_post_build``: after every language is built, Pagefind indexes the site, on
  each rebuild of ``mkdocs serve`` too (``marsad build`` indexes its staging folder
  itself, see pipeline.py). ``mkdocs serve`` reloads this module on every rebuild,
  so the hook keeps no state of its own.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.plugins.marsad")
_root = Path(__file__).resolve().parent.parent

@event_priority(100)  # before mkdocs-static-i18n (-100) reads its languages
def on_config(config, **kwargs):
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.current_language is not None:
        return config  # a nested build of another language: already done once
    from generator.config import load_config

    marsad = load_config(_root)
    if not config.site_url and marsad.settings.site_url:
        config.site_url = marsad.settings.site_url.rstrip("/") + "/"
    if i18n is not None:
        sync_languages(i18n.config, marsad.settings)
    edition = os.environ.get("MARSAD_EDITION")
    if edition:
        build_only_edition(i18n, edition)
    if os.environ.get("MARSAD_GENERATED") != "1":
        from generator.pipeline import generate

        # `marsad serve` previews without re-rendering PDFs (slow); `marsad build` makes them
        result = generate(_root, pdf=False if os.environ.get("MARSAD_SKIP_PDF") == "1" else None)
        for skipped in result.analysis.skipped:
            log.warning("marsad: skipped %s: %s", skipped.path, skipped.reason)
        log.info("marsad: %s", result.summary())
    return config


def sync_languages(i18n_config, settings) -> None:
    """Make mkdocs-static-i18n build exactly ``settings.languages``, the first at the root."""
    from babel import Locale
    from mkdocs_static_i18n.config import I18nPluginLanguage

    declared = {language.locale: language for language in i18n_config.languages}
    synced = []
    for position, code in enumerate(settings.languages):
        entry = declared.get(code)
        if entry is None:
            entry = I18nPluginLanguage()
            site_name = getattr(settings.site_name, code, None) or settings.site_name.en
            entry.load_dict({"locale": code, "name": _display_name(Locale, code), "site_name": site_name})
        default = position == 0
        if entry.default != default or entry.link is None:
            entry.default, entry.link = default, None
        entry.build = True
        failed, _warnings = entry.validate()
        if failed:
            raise ValueError(f"i18n language {code!r}: {failed}")
        synced.append(entry)
    i18n_config.languages = synced


def build_only_edition(i18n, code: str) -> None:
    """Build the language ``code`` alone, as the i18n plugin's own build of it would.

    Its ``build_only_locale`` would forget the other languages, and with them the
    language switcher and each page's alternates; instead the plugin starts at
    ``code`` and is marked as already inside its build loop, so its
    ``on_post_build`` builds no other language.
    """
    from mkdocs.exceptions import PluginError

    if i18n is None:
        raise PluginError(f"MARSAD_EDITION={code}: mkdocs.yml has no i18n plugin to build one language with")
    if code not in i18n.build_languages:
        raise PluginError(f"MARSAD_EDITION={code}: not one of marsad.yml languages {i18n.build_languages}")
    i18n.current_language = code
    i18n.building = True


def _display_name(locale_class, code: str) -> str:
    try:
        return locale_class.parse(code).get_display_name(code) or code
    except (ValueError, TypeError, LookupError):
        return code


def on_serve(server, config, builder, **kwargs):
    from generator.config import load_config

    marsad = load_config(_root)
    try:
        server.unwatch(config.docs_dir)  # generated by every rebuild from the sources watched below
    except KeyError:
        pass
    for path in (marsad.articles_dir, marsad.pages_dir, _root / "content", _root / "marsad.yml",
                 _root / "generator" / "templates", _root / "generator" / "locales"):
        if path.exists():
            server.watch(str(path))
    return server


_HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def on_env(env, config, files, **kwargs):
    from generator import i18n as marsad_i18n

    language = _building_language(config)
    try:
        catalog = marsad_i18n.translations(language)
    except FileNotFoundError:  # a language without a catalog shows the English msgids
        catalog = marsad_i18n.translations(marsad_i18n.SOURCE_LANGUAGE)
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(catalog, newstyle=True)
    env.globals["marsad_edition"] = "" if language == _first_language(config) else f"{language}/"
    return env


def _building_language(config) -> str:
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.current_language:
        return i18n.current_language
    return config.theme.get("language") or "en"


def _first_language(config) -> str:
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.build_languages:
        return i18n.build_languages[0]
    return _building_language(config)


def on_post_page(output, page, config, **kwargs):
    return _without_head_alternates(output)


def on_post_template(output_content, template_name, config, **kwargs):
    if template_name == "sitemap.xml" and not config.site_url:
        return ""  # no URL to list: MkDocs writes neither sitemap.xml nor sitemap.xml.gz
    if not template_name.endswith(".html"):
        return output_content
    html = _without_head_alternates(output_content)
    language = _building_language(config)
    if template_name == "404.html" and language != _first_language(config):
        # The root's 404 is the first language's; this one goes to the edition's folder.
        target = Path(config.site_dir) / language / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        return ""  # MkDocs writes no file for an empty template output
    return html


def _without_head_alternates(html: str) -> str:
    head, separator, body = html.partition("</head>")
    return _HEAD_ALTERNATE.sub("", head) + separator + body


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(config, **kwargs):
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return  # a nested language build or one edition; the outer build indexes the whole site
    if os.environ.get("MARSAD_GENERATED") == "1":
        return  # `marsad build` indexes its staging folder itself
    from generator.search import index_search

    log.info("marsad: search index: %s", index_search(config.site_dir))
