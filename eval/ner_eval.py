"""Score the shipped Hindi NER model on IL-NER Hindi (entity level, exact spans, micro-F1).

    .venv/bin/python eval/ner_eval.py                 # test split, each sentence alone
    .venv/bin/python eval/ner_eval.py --document      # the file as one stream (see below)
    .venv/bin/python eval/ner_eval.py --split dev     # dev split
    .venv/bin/python eval/ner_eval.py --limit 300     # the first 300 sentences only
    .venv/bin/python eval/ner_eval.py --system        # khabar's ``entities`` step (KB + tagger)

The headline figure tags each sentence alone. IL-NER files are not in document order: their
sentences are grouped by the entity types they contain (those with persons first, those with
no entity last), so ``--document`` (neighbouring-sentence context and the consistency pass)
sees neighbours chosen partly by the gold labels and its figure is optimistic.

Prints PER/LOC/ORG together (NEP, NEL, NEO), per-type precision / recall / F1 / support, and the
figure over every tag. The scorer is ``khabar.entities.nerdata.score`` (seqeval's default
reading of BIO tags).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from khabar.document import Document, Sentence, Token
from khabar.entities.nerdata import PER_LOC_ORG, Counts, read_conll, score, spans
from khabar.entities.neural import MODEL_PATH as BILSTM_PATH
from khabar.entities.steps import EntitiesStep
from khabar.entities.tagger import MODEL_PATH, tagger_for
from khabar.pipeline import Options

ROOT = Path(__file__).resolve().parents[1]
ILNER = ROOT / ".." / "shared" / "data" / "il-ner" / "Hindi"


def _row(name: str, counts: Counts) -> str:
    return (
        f"{name:<12} {counts.precision:>9.4f} {counts.recall:>9.4f} {counts.f1:>9.4f}"
        f" {counts.support:>8d}"
    )


# khabar mention labels -> IL-NER tags. Demonyms (``nationality``: भारतीय, रूसी) are not
# locations in IL-NER (train tags भारतीय O 466 times, B-NEL 7 times), so they are dropped.
LABEL_TAGS = {
    "person": "NEP",
    "country": "NEL",
    "city": "NEL",
    "region": "NEL",
    "location": "NEL",
    "facility": "NEL",
    "organisation": "NEO",
    "media": "NEO",
    "group": "NEO",
}


def sentence_document(tokens: list[str], number: int) -> Document:
    """One sentence as a document, its tokens at the corpus's token boundaries."""
    doc_tokens: list[Token] = []
    pos = 0
    for word in tokens:
        doc_tokens.append(Token(pos, pos + len(word)))
        pos += len(word) + 1
    text = " ".join(tokens)
    return Document(id=f"ilner-{number}", text=text, language="hi",
                    sentences=[Sentence(0, len(text), 0)], tokens=doc_tokens)


def system_tags(step: EntitiesStep, tokens: list[str], other: list[str], number: int) -> list[str]:
    """BIO tags from the ``entities`` step's mentions; tags of other types (time, number ...)
    are the tagger's own (the step keeps only persons, places and organisations)."""
    doc = sentence_document(tokens, number)
    step(doc)
    starts = {t.start: i for i, t in enumerate(doc.tokens)}
    ends = {t.end: i for i, t in enumerate(doc.tokens)}
    tags = ["O"] * len(tokens)
    for kind, begin, end in spans(other):
        if kind not in PER_LOC_ORG:
            tags[begin:end] = ["B-" + kind] + ["I-" + kind] * (end - begin - 1)
    for mention in doc.mentions:
        label = LABEL_TAGS.get(mention.label)
        first, last = starts.get(mention.start), ends.get(mention.end)
        if label is None or first is None or last is None:
            continue
        tags[first : last + 1] = ["B-" + label] + ["I-" + label] * (last - first)
    return tags


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--data", type=Path, default=ILNER)
    parser.add_argument(
        "--tagger", choices=("bilstm", "crf"), default="bilstm", help="which shipped model"
    )
    parser.add_argument("--model", type=Path, default=None, help="another model file")
    parser.add_argument("--limit", type=int, default=0, help="first N sentences only")
    parser.add_argument(
        "--document",
        action="store_true",
        help="tag the file as one document (neighbouring-sentence context; optimistic here)",
    )
    parser.add_argument(
        "--system",
        action="store_true",
        help="run khabar's entities step (gazetteer + tagger, merged) on each sentence",
    )
    args = parser.parse_args(argv)
    sentences = read_conll(args.data / f"Hindi-{args.split}.txt")
    if args.limit:
        sentences = sentences[: args.limit]
    if args.model is None:
        args.model = BILSTM_PATH if args.tagger == "bilstm" else MODEL_PATH
    tagger = tagger_for(args.model)
    started = time.perf_counter()
    tokens = [toks for toks, _ in sentences]
    if args.document:
        predicted = tagger.tag_document(tokens)
    else:
        # each sentence alone (the BiLSTM batches sentences, which does not change them)
        batch = getattr(tagger, "tag_many", None)
        predicted = batch(tokens) if batch else [tagger.tag(toks) for toks in tokens]
    if args.system:
        step = EntitiesStep(Options.load())
        step.__dict__["_tagger"] = tagger  # the step's tagger, over the model being scored
        predicted = [system_tags(step, toks, tags, n)
                     for n, (toks, tags) in enumerate(zip(tokens, predicted, strict=True))]
    seconds = time.perf_counter() - started
    table = score([tags for _, tags in sentences], predicted)
    out = [
        f"IL-NER Hindi {args.split}: {len(sentences)} sentences, model {args.model.name},"
        f" {'as one document' if args.document else 'each sentence alone'}"
        f"{' (system: entities step)' if args.system else ''}",
        f"{'type':<12} {'precision':>9} {'recall':>9} {'f1':>9} {'support':>8}",
    ]
    out += [_row(kind, counts) for kind, counts in table.items()]
    out.append(f"tagged in {seconds:.1f}s")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
