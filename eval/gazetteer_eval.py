"""The gazetteer alone as a tagger, scored on IL-NER Hindi dev (exact spans, seqeval style).

Knowledge-base matches are turned into BIO tags (person → NEP; country, region, city, location,
facility → NEL; organisation, media, group → NEO; demonyms are not names in IL-NER and are left
out) and scored with the project's span scorer. This says how much of the dev set's names the
knowledge base knows, and how often a knowledge-base name in text is not tagged as a name there.
Dev only: the test split is kept for the tagger's final figure.

Run: ``.venv/bin/python eval/gazetteer_eval.py [--errors 20]``
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.entities.gazetteer import Gazetteer  # noqa: E402
from khabar.entities.index import get_index  # noqa: E402
from khabar.entities.nerdata import read_conll, score, spans  # noqa: E402

DEV = ROOT / ".." / "shared" / "data" / "il-ner" / "Hindi" / "Hindi-dev.txt"
TAGS = {"person": "NEP", "country": "NEL", "region": "NEL", "city": "NEL", "location": "NEL",
        "facility": "NEL", "organisation": "NEO", "media": "NEO", "group": "NEO"}


def gazetteer_tags(gazetteer: Gazetteer, tokens: list[str]) -> list[str]:
    """BIO tags for one tokenised sentence from the gazetteer's matches."""
    text = " ".join(tokens)
    starts, pos = [], 0
    for token in tokens:
        starts.append(pos)
        pos += len(token) + 1
    tags = ["O"] * len(tokens)
    for match in gazetteer.find(text):
        entity = gazetteer.index.kb.get(match.ids[0])
        if match.kind == "demonym" or entity is None or entity.type not in TAGS:
            continue
        inside = [i for i, s in enumerate(starts) if match.start <= s < match.end]
        for n, i in enumerate(inside):
            tags[i] = ("B-" if n == 0 else "I-") + TAGS[entity.type]
    return tags


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEV)
    parser.add_argument("--errors", type=int, default=0, help="show the commonest misses")
    args = parser.parse_args()
    gazetteer = Gazetteer(get_index())
    sentences = read_conll(args.data)
    predicted = [gazetteer_tags(gazetteer, tokens) for tokens, _ in sentences]
    table = score([tags for _, tags in sentences], predicted)
    print(f"{args.data.name}: {len(sentences)} sentences")
    for kind in ("NEP", "NEL", "NEO", "PER_LOC_ORG"):
        c = table.get(kind)
        if c is not None:
            print(f"  {kind:<12} precision {c.precision:.3f}  recall {c.recall:.3f}  "
                  f"F1 {c.f1:.3f}  (gold {c.support})")
    if args.errors:
        _print_errors(sentences, predicted, args.errors)
    return 0


def _print_errors(sentences: list[tuple[list[str], list[str]]], predicted: list[list[str]],
                  n: int) -> None:
    false_pos: Counter[str] = Counter()
    for (tokens, gold), pred in zip(sentences, predicted, strict=True):
        for kind, start, end in set(spans(pred)) - set(spans(gold)):
            false_pos[f"{kind} {' '.join(tokens[start:end])}"] += 1
    print("commonest gazetteer spans that are not gold spans:")
    for item, count in false_pos.most_common(n):
        print(f"  {count:>3}  {item}")


if __name__ == "__main__":
    raise SystemExit(main())
