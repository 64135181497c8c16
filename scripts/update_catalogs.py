"""Extract the templates' UI strings and merge them into every language catalog.

    python scripts/update_catalogs.py

Runs ``pybabel extract`` into generator/locales/messages.pot, then updates each
generator/locales/<lang>/LC_MESSAGES/messages.po (new strings come in empty,
to be translated; obsolete ones are marked). Marsad compiles catalogs in memory
at build time, so there is no compile step.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "generator" / "locales"


def main() -> int:
    pot = LOCALES / "messages.pot"
    pybabel = [sys.executable, "-m", "babel.messages.frontend"]
    subprocess.run([*pybabel, "extract", "-F", str(ROOT / "babel.cfg"), "-o", str(pot),
                    "--no-location", "--omit-header", "--add-comments=TRANSLATORS:", str(ROOT)], check=True)
    for catalog in sorted(LOCALES.glob("*/LC_MESSAGES/messages.po")):
        language = catalog.parent.parent.name
        subprocess.run([*pybabel, "update", "-i", str(pot), "-d", str(LOCALES), "-l", language,
                        "--no-fuzzy-matching"], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
