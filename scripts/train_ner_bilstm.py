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
joined. Tuning uses ``tune`` (train only, dev F1 after every epoch) the same way, with a
teacher trained by ``tune`` and a CRF trained on train only (``scripts/train_ner.py final
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
from torch import nn

from khabar.entities.features import FeatureExtractor
from khabar.entities.nerdata import Sentence, read_conll, score, spans, to_bioes
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


def news_lines(root: Path) -> Iterator[tuple[str, list[str]]]:
    """Every paragraph line of the newspaper files (unlabelled text) and its tokens."""
    from khabar.lang.tokens import Tokenizer

    tokenizer = Tokenizer(("hi", "en"))
    for path in sorted(root.rglob("*.txt")):
        if path.name in ("Readme.txt", "SOURCE.txt"):
            continue
        for raw in path.read_text("utf-8", errors="replace").splitlines():
            line = raw.strip()
            yield line, [line[t.start : t.end] for t in tokenizer.tokens(line)]


def news_sentences(fx: FeatureExtractor, root: Path) -> list[list[str]]:
    """Folded tokens of the newspaper lines of at least 20 characters (for word vectors)."""
    return [fx.keys(tokens) for line, tokens in news_lines(root) if len(line) >= 20]


def news_token_sentences(root: Path, limit: int, seed: int) -> list[list[str]]:
    """Sentences (4 to 60 tokens) of the newspaper files, shuffled, the first ``limit``."""
    out: list[list[str]] = []
    for _, tokens in news_lines(root):
        current: list[str] = []
        for token in tokens:
            current.append(token)
            if token in ("।", "?", "!", "|"):
                out.append(current)
                current = []
        out.append(current)
    kept = [s for s in out if 4 <= len(s) <= 60]
    random.Random(seed).shuffle(kept)
    return kept[:limit]


def union(first: list[str], second: list[str]) -> list[str]:
    """``first``'s tags plus ``second``'s PER/LOC/ORG names where ``first`` has only O."""
    out = list(first)
    taken = spans(first)
    for kind, start, end in spans(second):
        if kind not in ("NEP", "NEL", "NEO") or any(s < end and start < e for _, s, e in taken):
            continue
        out[start : end] = ["B-" + kind] + ["I-" + kind] * (end - start - 1)
    return out


def pseudo(args: argparse.Namespace) -> None:
    """Newspaper sentences tagged by a teacher (a BiLSTM model and the CRF, their names
    joined) as more training data (self-training); written as token TAB tag lines."""
    from khabar.entities.consistency import split_at_brackets
    from khabar.entities.neural import BiLstmTagger
    from khabar.entities.tagger import NerTagger

    sentences = news_token_sentences(args.news_dir, args.sentences, args.seed)
    neural = BiLstmTagger(args.teacher).tag_many(sentences)
    crf = NerTagger(args.crf)
    with args.out.open("w", encoding="utf-8") as handle:
        for tokens, tags in zip(sentences, neural, strict=True):
            joined = split_at_brackets(tokens, union(tags, crf.tag(tokens)))
            handle.write("".join(f"{t}\t{g}\n" for t, g in zip(tokens, joined, strict=True)))
            handle.write("\n")


def word_vectors(sentences: list[list[str]], dim: int, seed: int) -> dict[str, np.ndarray]:
    from gensim.models import Word2Vec

    model = Word2Vec(sentences, vector_size=dim, window=5, min_count=3, sg=1, negative=10,
                     epochs=10, workers=1, seed=seed)
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

    def emissions(self, w: torch.Tensor, f: torch.Tensor, c: torch.Tensor) -> torch.Tensor:
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
        return self.out(self.drop(h))


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
    data = prepare(fx, gold + extra, args.kb_spans)
    corpus = [keys for _, keys, _, _ in data]
    if args.news:
        corpus += news_sentences(fx, args.news_dir)
    vectors = word_vectors(corpus, args.word_dim, args.seed)
    vocab = Vocab(data, list(vectors))
    encoded = [vocab.encode(item) for item in data]
    net = Net(vocab, vectors, args)
    opt = torch.optim.Adam(net.parameters(), lr=args.lr)
    steps = args.epochs * ((len(encoded) + args.batch - 1) // args.batch)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda step: 1.0 - 0.9 * step / steps)
    ema = Ema(net, args.ema)
    for epoch in range(args.epochs):
        started = time.time()
        loss = run_epoch(net, opt, sched, ema, encoded, args.batch)
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


def run_epoch(net: Net, opt: torch.optim.Optimizer, sched: Any, ema: Ema,
              encoded: list[Encoded], size: int) -> float:
    net.train()
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i][0]) + random.random() * 6)
    batches = [order[i : i + size] for i in range(0, len(order), size)]
    random.shuffle(batches)
    total = 0.0
    for chunk in batches:
        items = [encoded[i] for i in chunk]
        items = [([1 if x > 1 and random.random() < 0.05 else x for x in w], f, c, y)
                 for w, f, c, y in items]
        w, f, c, y, m = batchify(items)
        loss = net.crf.nll(net.emissions(w, f, c), y, m) / len(chunk)
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
    parser.add_argument("--extra", type=Path, nargs="*", default=[],
                        help="more training sentences (token TAB tag files)")
    parser.add_argument("--kb-spans", action="store_true",
                        help="knowledge-base name matches as span features")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--news-dir", type=Path, default=NEWS)
    parser.add_argument("--no-news", dest="news", action="store_false",
                        help="word vectors from IL-NER tokens only")
    args = parser.parse_args(argv)
    sentences = read_conll(args.data / "Hindi-train.txt")
    extra = [s for path in args.extra for s in read_conll(path)]
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
