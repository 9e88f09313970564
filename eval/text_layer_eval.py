"""Agreement of khabar's tokens and sentences with the IL-NER Hindi corpus.

    .venv/bin/python eval/text_layer_eval.py

Tokens: each corpus sentence is rebuilt as text (``spaced``: tokens joined by spaces;
``natural``: punctuation attached as in news text, see ``khabar.lang.detokenize``) and
tokenised again; recall = share of corpus token spans reproduced exactly, precision = share of
khabar's spans that are corpus spans. Sentences: corpus sentences (natural text) are joined
five to a paragraph and split again; recall counts the boundaries after a sentence that ends
with a terminator (a heading joined to the next sentence by a space cannot be found), false
splits are khabar boundaries inside a corpus sentence, per corpus sentence.
Language id: every test sentence of IL-NER Hindi, Urdu, Odia and Telugu (natural text) is
identified among khabar's default languages; Odia and Telugu are not among them, so the right
answer there is ``und``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from khabar.entities.nerdata import read_conll
from khabar.lang.agreement import sentence_agreement, token_agreement
from khabar.lang.detokenize import natural, spaced
from khabar.lang.langid import LanguageIdentifier
from khabar.pipeline import Options

ILNER = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "il-ner" / "Hindi"


LANGID_CORPORA = {"Hindi": "hi", "Urdu": "ur", "Odia": "und", "Telugu": "und"}


def language_id(root: Path) -> None:
    languages = Options.load().get("language", "languages", [])
    identifier = LanguageIdentifier(languages)
    print(f"\n{'corpus':<8} {'expected':>8} {'right':>7} {'und':>7} {'other':>7} {'sentences':>9}")
    for name, expected in LANGID_CORPORA.items():
        path = root / name / f"{name}-test.txt"
        if not path.exists():
            continue
        codes = [identifier.identify(natural(t)[0])[0] for t, _ in read_conll(path)]
        right = sum(c == expected for c in codes) / len(codes)
        und = sum(c == "und" for c in codes) / len(codes)
        other = sum(c not in (expected, "und") for c in codes) / len(codes)
        print(f"{name:<8} {expected:>8} {right:>7.4f} {und:>7.4f} {other:>7.4f} {len(codes):>9d}")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ILNER)
    args = parser.parse_args()
    splits = {s: [t for t, _ in read_conll(args.corpus / f"Hindi-{s}.txt")]
              for s in ("train", "dev", "test")}
    if not all(splits.values()):
        print(f"IL-NER Hindi not found under {args.corpus}", file=sys.stderr)
        return 1
    splits["all"] = [s for name in ("train", "dev", "test") for s in splits[name]]
    print(f"{'split':<6} {'style':<8} {'token recall':>12} {'precision':>10} {'tokens':>8}")
    for name, sentences in splits.items():
        for style, rebuild in (("spaced", spaced), ("natural", natural)):
            recall, precision, n = token_agreement(sentences, rebuild)
            print(f"{name:<6} {style:<8} {recall:>12.4f} {precision:>10.4f} {n:>8d}")
    print(f"\n{'split':<6} {'boundary recall':>15} {'false splits/sent':>18} {'boundaries':>10}")
    for name, sentences in splits.items():
        recall, false_rate, counted = sentence_agreement(sentences)
        print(f"{name:<6} {recall:>15.4f} {false_rate:>18.4f} {counted:>10d}")
    language_id(args.corpus.parent)
    return 0


if __name__ == "__main__":
    sys.exit(main())
