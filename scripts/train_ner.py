"""Train the shipped Hindi NER model (CRF, L-BFGS) on IL-NER Hindi.

Tuning (train on train, score on dev, one line per c1/c2 setting)::

    .venv/bin/python scripts/train_ner.py tune --c1 0.1 0.2 0.3 0.5 --c2 0.01

Final model (hyper-parameters fixed from the dev runs: c1=0.3, c2=0.01, 300 iterations;
trained on train + dev)::

    .venv/bin/python scripts/train_ner.py final

The word clusters (``scripts/build_ner_clusters.py``) and gazetteers
(``scripts/build_ner_lexicons.py``) must exist first; both are committed.

The test file is never read here; ``eval/ner_eval.py`` scores the shipped model on it.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path

import pycrfsuite

from khabar.entities.features import FeatureExtractor
from khabar.entities.nerdata import Sentence, read_conll, score, to_bioes
from khabar.entities.tagger import MODEL_PATH, NerTagger

ROOT = Path(__file__).resolve().parents[1]
MIN_FREQ = 1
ILNER = ROOT / ".." / "shared" / "data" / "il-ner" / "Hindi"


def train(
    sentences: list[Sentence], model: Path, c1: float, c2: float, max_iter: int
) -> float:
    """Train one CRF and write it to ``model``; returns the seconds spent."""
    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    extractor = FeatureExtractor()
    features = [extractor.sentence(tokens) for tokens, _ in sentences]
    for xseq, (_, tags) in zip(features, sentences, strict=True):
        trainer.append(xseq, to_bioes(tags))
    trainer.select("lbfgs")
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iter,
            "feature.possible_transitions": True,
            "feature.minfreq": MIN_FREQ,
        }
    )
    model.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model))
    return time.perf_counter() - started


def predict(model: Path, sentences: list[Sentence]) -> list[list[str]]:
    """Each sentence tagged alone (IL-NER files are not in document order)."""
    tagger = NerTagger(model)
    return [tagger.tag(tokens) for tokens, _ in sentences]


def report(label: str, gold: list[Sentence], predicted: list[list[str]]) -> str:
    table = score([tags for _, tags in gold], predicted)
    main = table["PER_LOC_ORG"]
    parts = [f"{label}  PER/LOC/ORG F1={main.f1:.4f} (P={main.precision:.3f} R={main.recall:.3f})"]
    parts += [f"{kind}={table[kind].f1:.3f}" for kind in ("NEP", "NEL", "NEO") if kind in table]
    parts.append(f"all={table['ALL'].f1:.4f}")
    return "  ".join(parts)


def tune(args: argparse.Namespace) -> int:
    train_set = read_conll(args.data / "Hindi-train.txt")
    dev_set = read_conll(args.data / "Hindi-dev.txt")
    with tempfile.TemporaryDirectory() as tmp:
        for c1, c2 in itertools.product(args.c1, args.c2):
            model = Path(tmp) / f"m_{c1}_{c2}.crfsuite"
            seconds = train(train_set, model, c1, c2, args.max_iter)
            line = report(f"c1={c1} c2={c2}", dev_set, predict(model, dev_set))
            sys.stdout.write(f"{line}  ({seconds:.0f}s)\n")
            sys.stdout.flush()
    return 0


def final(args: argparse.Namespace) -> int:
    sentences = read_conll(args.data / "Hindi-train.txt")
    if not args.train_only:
        sentences += read_conll(args.data / "Hindi-dev.txt")
    seconds = train(sentences, args.out, args.c1[0], args.c2[0], args.max_iter)
    size = args.out.stat().st_size / 1e6
    sys.stdout.write(
        f"trained on {len(sentences)} sentences in {seconds:.0f}s -> {args.out} ({size:.1f} MB)\n"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("tune", "final"))
    parser.add_argument("--data", type=Path, default=ILNER)
    parser.add_argument("--c1", type=float, nargs="+", default=[0.3])
    parser.add_argument("--c2", type=float, nargs="+", default=[0.01])
    parser.add_argument("--max-iter", type=int, default=300)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--train-only", action="store_true", help="final model without dev")
    args = parser.parse_args(argv)
    return tune(args) if args.mode == "tune" else final(args)


if __name__ == "__main__":
    raise SystemExit(main())
