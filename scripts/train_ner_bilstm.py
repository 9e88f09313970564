"""Train the shipped Hindi NER model (BiLSTM-CRF) on IL-NER Hindi and export it for NumPy.

Needs the training extra (PyTorch, gensim): ``.venv/bin/pip install -e '.[train]'``; the
package itself runs the exported model with NumPy only (``khabar.entities.neural``).

The shipped model is made in three steps (self-training: a teacher tags unlabelled newspaper
sentences, which are added to the training data of the final model)::

    .venv/bin/python scripts/train_ner_bilstm.py final --epochs 8 --kb-spans \
        --out /tmp/ner_teacher.npz
    .venv/bin/python scripts/train_ner_bilstm.py pseudo --teacher /tmp/ner_teacher.npz \
        --out /tmp/ner_news.txt
    .venv/bin/python scripts/train_ner_bilstm.py final --epochs 8 --kb-spans \
        --extra /tmp/ner_news.txt

``final`` trains on IL-NER train + dev and writes ``src/khabar/entities/models/hi_ner_bilstm.npz``
unless ``--out`` says otherwise; ``pseudo`` tags 8,000 shuffled newspaper sentences with the
teacher and the shipped CRF (``hi_ner.crfsuite``, also train + dev), their PER/LOC/ORG names
joined, names made of time words only (मंगलवार) dropped. Tuning uses ``tune`` (train only,
dev F1 after every epoch) the same way, with a teacher trained by ``tune`` and a CRF trained
on train only (``scripts/train_ner.py final
--train-only``).

Word vectors start from a skip-gram word2vec trained here on the same IL-NER tokens (never
the test split) plus the unlabelled text of ``../shared/data/hindi-newspaper-text`` (tokens
only; ``--no-news`` leaves it out: dev F1 falls by about 0.03). The test file is never read;
``eval/ner_eval.py`` scores the model on it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import torch
from ner_bilstm_data import (
    news_sentences,
    news_token_sentences,
    other_language,
    replaced,
    without_time_names,
)
from torch import nn

from khabar.entities.features import FeatureExtractor
from khabar.entities.nerdata import Sentence, join_names, read_conll, score, to_bioes
from khabar.entities.neural import MODEL_PATH, sentence_span_features
from khabar.entities.tagger import MODEL_PATH as CRF_PATH

ROOT = Path(__file__).resolve().parents[1]
ILNER = ROOT / ".." / "shared" / "data" / "il-ner" / "Hindi"
NEWS = ROOT / ".." / "shared" / "data" / "hindi-newspaper-text"
SKIP = ("w=", "n=")  # the word itself is the word vector's job
MAX_CHARS = 20
Encoded = tuple[list[int], list[list[int]], list[list[int]], list[int]]


class Vocab:
    """Words, features, characters and labels of the training data."""

    def __init__(self, data: list[tuple[list[str], list[str], list[list[str]], list[str]]],
                 pretrained: list[str]) -> None:
        wc = Counter(k for _, keys, _, _ in data for k in keys)
        fc = Counter(f for _, _, fs, _ in data for ff in fs for f in ff)
        cc = Counter(ch for toks, _, _, _ in data for w in toks for ch in w[:MAX_CHARS])
        known = {w for w, c in wc.items() if c >= 2} | set(pretrained)
        self.words = ["<pad>", "<unk>", *sorted(known)]
        self.feats = ["<pad>", *sorted(f for f, c in fc.items() if c >= 3)]
        self.chars = ["<pad>", "<unk>", *sorted(c for c, n in cc.items() if n >= 2)]
        self.labels = sorted({t for *_, tags in data for t in tags} | {"O"})
        self.w = {x: i for i, x in enumerate(self.words)}
        self.f = {x: i for i, x in enumerate(self.feats)}
        self.c = {x: i for i, x in enumerate(self.chars)}
        self.y = {x: i for i, x in enumerate(self.labels)}

    def encode(self, item: tuple[list[str], list[str], list[list[str]], list[str]]) -> Encoded:
        toks, keys, fs, tags = item
        return (
            [self.w.get(k, 1) for k in keys],
            [[self.f[x] for x in ff if x in self.f] for ff in fs],
            [[self.c.get(ch, 1) for ch in t[:MAX_CHARS]] for t in toks],
            [self.y.get(t, self.y["O"]) for t in tags],
        )


def prepare(fx: FeatureExtractor, sentences: list[Sentence], kb: bool) -> list[Any]:
    """(tokens, folded keys, own features per token, BIOES tags) per sentence."""
    out = []
    for tokens, tags in sentences:
        keys = fx.keys(tokens)
        spans = sentence_span_features(fx, keys, kb)
        feats = [
            [f for f in fx.word_features(t) if not f.startswith(SKIP)] + s
            for t, s in zip(tokens, spans, strict=True)
        ]
        out.append((list(tokens), keys, feats, to_bioes(tags)))
    return out


def pseudo(args: argparse.Namespace) -> None:
    """Newspaper sentences tagged by a teacher (a BiLSTM model and the CRF, their names
    joined; names made of time words only dropped) as more training data (self-training);
    written as token TAB tag lines."""
    from khabar.entities.consistency import split_at_brackets
    from khabar.entities.neural import BiLstmTagger
    from khabar.entities.tagger import NerTagger

    sentences = news_token_sentences(args.news_dir, args.sentences, args.seed)
    neural = BiLstmTagger(args.teacher).tag_many(sentences)
    crf = NerTagger(args.crf)
    with args.out.open("w", encoding="utf-8") as handle:
        for tokens, tags in zip(sentences, neural, strict=True):
            joined = split_at_brackets(tokens, join_names(tags, crf.tag(tokens)))
            joined = without_time_names(tokens, joined)
            handle.write("".join(f"{t}\t{g}\n" for t, g in zip(tokens, joined, strict=True)))
            handle.write("\n")


def word_vectors(sentences: list[list[str]], args: argparse.Namespace) -> dict[str, np.ndarray]:
    from gensim.models import Word2Vec

    model = Word2Vec(sentences, vector_size=args.word_dim, window=args.w2v_window,
                     min_count=args.w2v_min_count, sg=1, negative=10, epochs=args.w2v_epochs,
                     workers=1, seed=args.seed)
    return {w: model.wv[w] for w in model.wv.index_to_key}


def batchify(items: list[Encoded]) -> tuple[torch.Tensor, ...]:
    size, width = len(items), max(len(i[0]) for i in items)
    nf = max(max((len(x) for x in i[1]), default=1) for i in items) or 1
    nc = max(max(len(x) for x in i[2]) for i in items)
    w = torch.zeros(size, width, dtype=torch.long)
    y = torch.zeros(size, width, dtype=torch.long)
    f = torch.zeros(size, width, nf, dtype=torch.long)
    c = torch.zeros(size, width, nc, dtype=torch.long)
    m = torch.zeros(size, width, dtype=torch.bool)
    for b, (ww, ff, cs, yy) in enumerate(items):
        n = len(ww)
        w[b, :n], y[b, :n], m[b, :n] = torch.tensor(ww), torch.tensor(yy), True
        for t, x in enumerate(ff):
            if x:
                f[b, t, : len(x)] = torch.tensor(x)
        for t, x in enumerate(cs):
            c[b, t, : len(x)] = torch.tensor(x)
    return w, f, c, y, m


class Crf(nn.Module):
    def __init__(self, n: int) -> None:
        super().__init__()
        self.trans = nn.Parameter(torch.zeros(n, n))
        self.start = nn.Parameter(torch.zeros(n))
        self.end = nn.Parameter(torch.zeros(n))

    def nll(self, em: torch.Tensor, y: torch.Tensor, m: torch.Tensor) -> torch.Tensor:
        gold = self.start[y[:, 0]] + em[:, 0].gather(1, y[:, :1]).squeeze(1)
        alpha = self.start + em[:, 0]
        for t in range(1, em.shape[1]):
            live = m[:, t]
            step = self.trans[y[:, t - 1], y[:, t]] + em[:, t].gather(1, y[:, t : t + 1]).squeeze(1)
            gold = gold + step * live
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans + em[:, t].unsqueeze(1), dim=1)
            alpha = torch.where(live.unsqueeze(1), nxt, alpha)
        last = y.gather(1, (m.sum(1) - 1).unsqueeze(1)).squeeze(1)
        gold = gold + self.end[last]
        return (torch.logsumexp(alpha + self.end, dim=1) - gold).sum()


class Net(nn.Module):
    def __init__(self, vocab: Vocab, vectors: dict[str, np.ndarray], args: argparse.Namespace):
        super().__init__()
        self.we = nn.Embedding(len(vocab.words), args.word_dim, padding_idx=0)
        with torch.no_grad():
            for word, i in vocab.w.items():
                if word in vectors:
                    self.we.weight[i] = torch.tensor(vectors[word])
        self.fe = nn.EmbeddingBag(len(vocab.feats), args.feat_dim, mode="sum", padding_idx=0)
        self.ce = nn.Embedding(len(vocab.chars), args.char_dim, padding_idx=0)
        self.cnn = nn.Conv1d(args.char_dim, args.char_filters, 3, padding=1)
        dim = args.word_dim + args.feat_dim + args.char_filters
        self.drop = nn.Dropout(args.dropout)
        self.lstm = nn.LSTM(dim, args.hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * args.hidden, len(vocab.labels))
        self.crf = Crf(len(vocab.labels))
        self.lm_f = nn.Linear(args.hidden, args.lm_vocab + 1)  # training only: not exported
        self.lm_b = nn.Linear(args.hidden, args.lm_vocab + 1)

    def emissions(self, w: torch.Tensor, f: torch.Tensor, c: torch.Tensor) -> torch.Tensor:
        return self.out(self.drop(self.states(w, f, c)))

    def lm_loss(self, h: torch.Tensor, targets: torch.Tensor, m: torch.Tensor) -> torch.Tensor:
        """Language-model side objective: each forward state predicts the next word, each
        backward state the previous one (mean cross-entropy over the sentence pairs)."""
        half = h.shape[2] // 2
        h = self.drop(h)
        fwd = self.lm_f(h[:, :-1, :half])
        bwd = self.lm_b(h[:, 1:, half:])
        pair = m[:, 1:] & m[:, :-1]
        loss = nn.functional.cross_entropy(fwd[pair], targets[:, 1:][pair])
        return loss + nn.functional.cross_entropy(bwd[pair], targets[:, :-1][pair])

    def states(self, w: torch.Tensor, f: torch.Tensor, c: torch.Tensor) -> torch.Tensor:
        size, width = w.shape
        feats = self.fe(f.view(size * width, -1)).view(size, width, -1)
        chars = self.ce(c.view(size * width, -1)).transpose(1, 2)
        conv = torch.relu(self.cnn(chars)) * (c.view(size * width, -1) > 0).unsqueeze(1)
        pooled = conv.max(2).values.view(size, width, -1)
        x = self.drop(torch.cat([self.we(w), feats, pooled], -1))
        lengths = (w > 0).sum(1).cpu()  # packed: the backward pass starts at each sentence's end
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True,
                                                   enforce_sorted=False)
        h, _ = nn.utils.rnn.pad_packed_sequence(self.lstm(packed)[0], batch_first=True,
                                                total_length=width)
        return h


def export(net: Net, vocab: Vocab, path: Path, kb_spans: bool) -> None:
    """One model's weights as float16 arrays plus its vocabularies (JSON), as the single
    member of a file ``khabar.entities.neural`` reads; ``merge`` joins such files."""
    sd = {k: v.detach().numpy() for k, v in net.state_dict().items()}
    meta = {"words": vocab.words, "feats": vocab.feats, "chars": vocab.chars,
            "labels": vocab.labels, "max_chars": MAX_CHARS, "skip_prefixes": list(SKIP),
            "kb_spans": kb_spans}
    arrays = {
        "word_emb": sd["we.weight"], "feat_emb": sd["fe.weight"], "char_emb": sd["ce.weight"],
        "conv_w": sd["cnn.weight"], "conv_b": sd["cnn.bias"],
        "f_wih": sd["lstm.weight_ih_l0"], "f_whh": sd["lstm.weight_hh_l0"],
        "f_b": sd["lstm.bias_ih_l0"] + sd["lstm.bias_hh_l0"],
        "b_wih": sd["lstm.weight_ih_l0_reverse"], "b_whh": sd["lstm.weight_hh_l0_reverse"],
        "b_b": sd["lstm.bias_ih_l0_reverse"] + sd["lstm.bias_hh_l0_reverse"],
        "out_w": sd["out.weight"], "out_b": sd["out.bias"],
        "trans": sd["crf.trans"], "start": sd["crf.start"], "end": sd["crf.end"],
    }
    half: dict[str, np.ndarray] = {f"m0/{k}": v.astype(np.float16) for k, v in arrays.items()}
    half["m0/meta"] = np.array(json.dumps(meta, ensure_ascii=False))
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **half)  # type: ignore[arg-type]


def merge(paths: list[Path], out: Path) -> None:
    """Several model files as one ensemble (members renumbered m0, m1, …)."""
    arrays: dict[str, np.ndarray] = {}
    for n, path in enumerate(paths):
        with np.load(path, allow_pickle=False) as data:
            for name in data.files:
                member, _, rest = name.rpartition("/")
                arrays[f"m{n}/{rest}"] = data[name]
                if member not in ("", "m0"):
                    raise SystemExit(f"{path}: already an ensemble")
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, **arrays)  # type: ignore[arg-type]


def dev_report(path: Path, dev: list[Sentence]) -> str:
    from khabar.entities.neural import BiLstmTagger

    tagger = BiLstmTagger(path)
    table = score([tags for _, tags in dev], tagger.tag_many([toks for toks, _ in dev]))
    main = table["PER_LOC_ORG"]
    parts = [f"PER/LOC/ORG F1={main.f1:.4f} (P={main.precision:.3f} R={main.recall:.3f})"]
    parts += [f"{k}={table[k].f1:.3f}" for k in ("NEP", "NEL", "NEO") if k in table]
    return "  ".join([*parts, f"all={table['ALL'].f1:.4f}"])


def train(args: argparse.Namespace, gold: list[Sentence], extra: list[Sentence],
          dev: list[Sentence] | None) -> None:
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    fx = FeatureExtractor()
    if args.augment:
        extra = extra + replaced(gold, args.augment, args.augment_kb, args.seed)
    data = prepare(fx, gold + extra, args.kb_spans)
    corpus = [keys for _, keys, _, _ in data]
    if args.news:
        corpus += news_sentences(fx, args.news_dir)
    vectors = word_vectors(corpus, args)
    vocab = Vocab(data, list(vectors))
    encoded = [vocab.encode(item) for item in data]
    lm = LmData(args, fx, vocab, corpus) if args.lm_weight > 0 else None
    net = Net(vocab, vectors, args)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    seen = len(encoded) + (min(args.lm_sentences, len(lm.pool)) if lm is not None else 0)
    steps = args.epochs * ((seen + args.batch - 1) // args.batch)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda step: 1.0 - 0.9 * step / steps)
    ema = Ema(net, args.ema)
    for epoch in range(args.epochs):
        started = time.time()
        loss = run_epoch(net, opt, sched, ema, encoded, args.batch, lm)
        with ema.swapped(net):
            export(net, vocab, args.out, args.kb_spans)
        line = f"epoch {epoch + 1} loss {loss:.3f}"
        if dev is not None:
            line += "  dev " + dev_report(args.out, dev)
        sys.stdout.write(f"{line}  ({time.time() - started:.0f}s)\n")
        sys.stdout.flush()


class Ema:
    """An exponential moving average of the weights (what is exported): steadier than the
    weights of the last step."""

    def __init__(self, net: Net, decay: float) -> None:
        self.decay = decay
        self.shadow = {k: v.detach().clone() for k, v in net.state_dict().items()}

    def update(self, net: Net) -> None:
        with torch.no_grad():
            for k, v in net.state_dict().items():
                if v.dtype.is_floating_point:
                    self.shadow[k].mul_(self.decay).add_(v, alpha=1.0 - self.decay)

    @contextlib.contextmanager
    def swapped(self, net: Net) -> Iterator[None]:
        current = {k: v.detach().clone() for k, v in net.state_dict().items()}
        net.load_state_dict(self.shadow)
        try:
            yield
        finally:
            net.load_state_dict(current)


class LmData:
    """The language-model side objective's data: the ``lm_vocab`` most frequent folded
    words as targets (the rest one class), and unlabelled newspaper sentences, a fresh sample
    of ``lm_sentences`` of them each epoch, trained on that objective alone."""

    def __init__(self, args: argparse.Namespace, fx: FeatureExtractor, vocab: Vocab,
                 corpus: list[list[str]]) -> None:
        counts = Counter(k for keys in corpus for k in keys)
        top = {w: i for i, (w, _) in enumerate(counts.most_common(args.lm_vocab))}
        self.target = torch.full((len(vocab.words),), args.lm_vocab, dtype=torch.long)
        for word, i in vocab.w.items():
            if word in top:
                self.target[i] = top[word]
        sentences = news_token_sentences(args.news_dir, 10**9, args.seed + 1)
        unlabelled = [(s, ["O"] * len(s)) for s in sentences]
        self.pool = [vocab.encode(item) for item in prepare(fx, unlabelled, args.kb_spans)]
        self.per_epoch = args.lm_sentences
        self.weight = args.lm_weight

    def sample(self) -> list[Encoded]:
        return random.sample(self.pool, min(self.per_epoch, len(self.pool)))


def run_epoch(net: Net, opt: torch.optim.Optimizer, sched: Any, ema: Ema,
              encoded: list[Encoded], size: int, lm: LmData | None = None) -> float:
    net.train()
    extra = lm.sample() if lm is not None else []
    every = encoded + extra
    order = sorted(range(len(every)), key=lambda i: len(every[i][0]) + random.random() * 6)
    batches = [order[i : i + size] for i in range(0, len(order), size)]
    random.shuffle(batches)
    total = 0.0
    for chunk in batches:
        items = [every[i] for i in chunk]
        labelled = torch.tensor([i < len(encoded) for i in chunk])
        targets = batchify(items)[0]
        items = [([1 if x > 1 and random.random() < 0.05 else x for x in w], f, c, y)
                 for w, f, c, y in items]
        w, f, c, y, m = batchify(items)
        if lm is None:
            loss = net.crf.nll(net.emissions(w, f, c), y, m) / len(chunk)
        else:
            h = net.states(w, f, c)
            loss = lm.weight * net.lm_loss(h, lm.target[targets], m)
            if labelled.any():
                em = net.out(net.drop(h[labelled]))
                loss = loss + net.crf.nll(em, y[labelled], m[labelled]) / int(labelled.sum())
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(net.parameters(), 5.0)
        opt.step()
        sched.step()
        ema.update(net)
        total += loss.item()
    return total / len(batches)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("tune", "final", "pseudo", "merge", "score"))
    parser.add_argument("--teacher", type=Path, help="pseudo: the BiLSTM model that tags")
    parser.add_argument("--crf", type=Path, default=CRF_PATH, help="pseudo: the CRF that tags")
    parser.add_argument("--sentences", type=int, default=8000, help="pseudo: how many")
    parser.add_argument("--inputs", type=Path, nargs="*", default=[], help="merge: model files")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1], help="final: one per member")
    parser.add_argument("--data", type=Path, default=ILNER)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--word-dim", type=int, default=100)
    parser.add_argument("--feat-dim", type=int, default=32)
    parser.add_argument("--char-dim", type=int, default=32)
    parser.add_argument("--char-filters", type=int, default=32)
    parser.add_argument("--dropout", type=float, default=0.5)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--ema", type=float, default=0.999, help="weight-average decay per step")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--w2v-epochs", type=int, default=10)
    parser.add_argument("--w2v-window", type=int, default=5)
    parser.add_argument("--w2v-min-count", type=int, default=3)
    parser.add_argument("--augment", type=int, default=0,
                        help="mention-replaced copies of each gold sentence with names")
    parser.add_argument("--augment-kb", action="store_true",
                        help="replacement names also from the knowledge base")
    parser.add_argument("--lm-weight", type=float, default=0.0,
                        help="language-model side objective's weight (0: off)")
    parser.add_argument("--lm-vocab", type=int, default=10000, help="its target words")
    parser.add_argument("--lm-sentences", type=int, default=8000,
                        help="unlabelled newspaper sentences per epoch for it")
    parser.add_argument("--extra", type=Path, nargs="*", default=[],
                        help="more training sentences (token TAB tag files)")
    parser.add_argument("--other-languages", nargs="*", default=[], choices=("Odia", "Telugu"),
                        help="IL-NER train sentences of these languages, in Devanagari letters")
    parser.add_argument("--kb-spans", action="store_true",
                        help="knowledge-base name matches as span features")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--news-dir", type=Path, default=NEWS)
    parser.add_argument("--no-news", dest="news", action="store_false",
                        help="word vectors from IL-NER tokens only")
    args = parser.parse_args(argv)
    sentences = read_conll(args.data / "Hindi-train.txt")
    extra = [s for path in args.extra for s in read_conll(path)]
    extra += [s for lang in args.other_languages for s in other_language(args.data.parent, lang)]
    dev = read_conll(args.data / "Hindi-dev.txt")
    if args.mode == "pseudo":
        pseudo(args)
        sys.stdout.write(f"-> {args.out}\n")
        return 0
    if args.mode == "merge":
        merge(args.inputs, args.out)
    elif args.mode == "score":
        sys.stdout.write(f"dev {dev_report(args.inputs[0], dev)}\n")
        return 0
    elif args.mode == "final":
        out = args.out or MODEL_PATH
        parts = []
        for seed in args.seeds:
            args.seed, args.out = seed, out.with_name(f"{out.stem}.seed{seed}.npz")
            train(args, sentences + dev, extra, None)
            parts.append(args.out)
        merge(parts, out)
        for part in parts:
            part.unlink()
        args.out = out
    else:
        args.out = args.out or Path("/tmp/hi_ner_bilstm_tune.npz")
        train(args, sentences, extra, dev)
    sys.stdout.write(f"-> {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
