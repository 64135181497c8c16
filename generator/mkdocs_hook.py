"""A thin MkDocs hook: regenerate Marsad's pages before MkDocs reads them.

MkDocs renders what the generator wrote; this hook only lets plain `mkdocs serve`
and `mkdocs build` run the generator first and watch the inputs for changes.
`marsad build` generates itself and sets MARSAD_GENERATED=1 to skip the hook.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.marsad")
_root = Path(__file__).resolve().parent.parent


def on_config(config, **kwargs):
    if os.environ.get("MARSAD_GENERATED") == "1":
        return config
    from generator.pipeline import generate

    result = generate(_root)
    log.info("marsad: %s", result.summary())
    return config


def on_serve(server, config, builder, **kwargs):
    from generator.config import load_config

    marsad = load_config(_root)
    for path in (marsad.articles_dir, marsad.pages_dir, _root / "content", _root / "marsad.yml",
                 _root / "generator" / "templates", _root / "generator" / "locales"):
        if path.exists():
            server.watch(str(path))
    return server
