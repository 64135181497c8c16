"""Quotes and speakers: precision and recall on the gold labels of tests/gold/quotes.yml.

The articles of ../shared/corpus and the seeds go through the real pipeline (``analyze``: reading,
cleaning, then ``find_quotes``), and each article's quotes are compared with its gold labels:

- quote precision: of the quotes found that the gold labels (as a quote or as no quote), the share
  that are quotes; a quote found that the gold does not list counts as wrong. Spans labelled
  ``ambiguous`` count neither way.
- quote recall: the share of the gold quotes found (``unpaired`` ones included).
- speaker precision: of the gold quotes found with a speaker, the share whose speaker is right.
- speaker recall: the share of the gold quotes with a speaker found with the right speaker.

A found quote is a gold one when their normalised texts are equal or one holds the other (a quote
whose marks are unbalanced is cut where the pattern pairs them). A speaker is right when its name as
written, normalised, equals the gold ``speaker`` or one of its ``also`` forms: «بوريطة» is right for
«وزير الخارجية المغربي ناصر بوريطة» only because the gold lists «بوريطة» among its forms, and
«الأمم المتحدة» is never right for «موقع الأمم المتحدة».
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
SEEDS = REPO / "content" / "articles"
GOLD = REPO / "tests" / "gold" / "quotes.yml"

# Measured on 2026-12-01 (issue 13 part 5) over ../shared/corpus (75 articles) and the five seeds;
# each floor is the measured figure minus 0.02, rounded down to 0.01. Never lowered silently.
FLOORS: dict[str, float] = {
    "corpus quote precision": 0.96,  # measured 0.985 (before issue 13 part 5: 0.925)
    "corpus quote recall": 0.93,  # 0.955 (0.980)
    "corpus speaker precision": 0.94,  # 0.966 (0.756)
    "corpus speaker recall": 0.68,  # 0.705 (0.310)
    "seeds quote precision": 0.98,  # 1.000 (0.692; 0.818 before the antecedent and unquoted-term rules)
    "seeds quote recall": 0.98,  # 1.000 (1.000)
    "seeds speaker precision": 0.98,  # 1.000 (1.000)
    "seeds speaker recall": 0.86,  # 0.889 (0.778)
}
# The gate of issue 13: quote precision ≥ 0.9 and speaker recall ≥ 0.7 at speaker precision ≥ 0.9.
GATE: dict[str, float] = {"corpus quote precision": 0.9, "corpus speaker precision": 0.9, "corpus speaker recall": 0.7}


@dataclass
class Tally:
    quotes_right: int = 0  # found quotes that are gold quotes
    quotes_wrong: int = 0  # found quotes that are not_quotes or not listed
    gold_quotes: int = 0
    gold_found: int = 0
    speakers_given: int = 0  # gold quotes found with a speaker
    speakers_right: int = 0
    gold_speakers: int = 0  # gold quotes with a speaker

    def figures(self, prefix: str) -> dict[str, float]:
        def share(part: int, whole: int) -> float:
            return part / whole if whole else 1.0

        return {
            f"{prefix} quote precision": share(self.quotes_right, self.quotes_right + self.quotes_wrong),
            f"{prefix} quote recall": share(self.gold_found, self.gold_quotes),
            f"{prefix} speaker precision": share(self.speakers_right, self.speakers_given),
            f"{prefix} speaker recall": share(self.speakers_right, self.gold_speakers),
        }


def load_gold(path: Path = GOLD) -> dict[str, dict]:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _text_key(text: str) -> str:
    from generator.arabic import tokens

    return " ".join(tokens(text))


def _name_key(name: str) -> tuple[str, ...]:
    """A name's normalised words, the article «ال» aside («الوزارة» = «وزارة»)."""
    from generator.arabic import tokens

    return tuple(w[2:] if w.startswith("ال") and len(w) > 4 else w for w in tokens(name))


def _same_text(found: str, gold: str) -> bool:
    return found == gold or (len(found) >= 8 and found in gold) or (len(gold) >= 8 and gold in found)


def speaker_right(found_name: str | None, label: dict) -> bool:
    if not found_name or not label.get("speaker"):
        return False
    forms = {_name_key(label["speaker"]), *(_name_key(f) for f in label.get("also") or ())}
    return _name_key(found_name) in forms


def score(found: dict[str, list], gold: dict[str, dict], tally: Tally, mistakes: list[str] | None = None) -> Tally:
    """Add the articles of ``found`` (gold key → the article's quotes) to ``tally``."""
    for key, quotes in found.items():
        labels = gold.get(key)
        if labels is None:
            raise KeyError(f"{key}: not in {GOLD.name}; read the article and label it")
        golden = list({_text_key(q["text"]): q for q in reversed(labels.get("quotes") or ())}.items())[::-1]
        # the same words quoted twice in one article are one quote (an article lists each once)
        not_quotes = [_text_key(q["text"]) for q in labels.get("not_quotes") or ()]
        ambiguous = [_text_key(q["text"]) for q in labels.get("ambiguous") or ()]
        tally.gold_quotes += len(golden)
        tally.gold_speakers += sum(1 for _, q in golden if q.get("speaker"))
        matched: set[int] = set()
        for quote in quotes:
            text = _text_key(quote.text)
            hit = next((i for i, (g, _) in enumerate(golden) if i not in matched and _same_text(text, g)), None)
            if hit is None:
                hit = next((i for i, (g, _) in enumerate(golden) if _same_text(text, g)), None)
                if hit is not None:
                    continue  # the same quote twice in one article: neither right nor wrong again
                if any(_same_text(text, a) for a in ambiguous):
                    continue
                tally.quotes_wrong += 1
                if mistakes is not None:
                    why = "not a quote" if any(_same_text(text, n) for n in not_quotes) else "not in gold"
                    mistakes.append(f"{key}: {why}: «{quote.text[:60]}» speaker={quote.speaker_name}")
                continue
            matched.add(hit)
            label = golden[hit][1]
            tally.quotes_right += 1
            if quote.speaker_name:
                tally.speakers_given += 1
                if speaker_right(quote.speaker_name, label):
                    tally.speakers_right += 1
                elif mistakes is not None:
                    mistakes.append(f"{key}: wrong speaker {quote.speaker_name!r} (gold {label.get('speaker')!r})"
                                    f" for «{quote.text[:50]}»; evidence {getattr(quote, 'speaker_evidence', '')!r}")
            elif mistakes is not None and label.get("speaker"):
                mistakes.append(f"{key}: no speaker (gold {label['speaker']!r}) for «{quote.text[:50]}»")
        tally.gold_found += len(matched)
        if mistakes is not None:
            for i, (_, label) in enumerate(golden):
                if i not in matched:
                    mistakes.append(f"{key}: missed «{label['text'][:60]}»")
    return tally


def found_quotes(folder: Path, prefix: str = "") -> dict[str, list]:
    """Gold key → the quotes the pipeline finds in each article of ``folder``."""
    from generator.analyze import analyze
    from generator.config import load_config

    analysis = analyze(load_config(REPO), [folder])
    return {prefix + a.source.path: list(a.quotes) for a in analysis.articles}


def measure(corpus: Path = CORPUS, mistakes: list[str] | None = None) -> dict[str, float]:
    if not (corpus / "articles").is_dir():
        raise FileNotFoundError(f"development corpus not found at {corpus}")
    gold = load_gold()
    figures = score(found_quotes(corpus / "articles"), gold, Tally(), mistakes).figures("corpus")
    figures |= score(found_quotes(SEEDS, "seeds/"), gold, Tally(), mistakes).figures("seeds")
    return figures


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(REPO))
    errors: list[str] = []
    for name, value in measure(mistakes=errors).items():
        print(f"{name:<28} {value:.3f}")
    if "-v" in sys.argv:
        print("\n".join(errors))
