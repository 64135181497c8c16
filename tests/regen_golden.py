"""Regenerate the golden clean bodies: python tests/regen_golden.py, then review `git diff tests/golden`."""

from pathlib import Path

from generator.clean import clean
from generator.read import read_articles

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden" / "clean"

if __name__ == "__main__":
    for raw in read_articles([REPO / "content" / "articles"]).articles:
        target = GOLDEN / (Path(raw.source.path).stem + ".txt")
        target.write_text("\n\n".join(clean(raw).paragraphs) + "\n", encoding="utf-8")
        print("wrote", target.relative_to(REPO))
