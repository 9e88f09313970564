"""The Hindi NER tagger as a BiLSTM-CRF, run with NumPy (no deep-learning framework at run time).

The model is trained by ``scripts/train_ner_bilstm.py`` (PyTorch, a training-only dependency)
on IL-NER Hindi and exported to ``models/hi_ner_bilstm.npz``. Each token is read as three
parts joined together: a word vector, the sum of the vectors of the token's own features (the
CRF tagger's word-only attributes and gazetteer-span attributes from
:mod:`khabar.entities.features`), and a character CNN (max-pooled). A bidirectional LSTM reads
the sentence, a linear layer gives per-label scores, and Viterbi over the learnt transitions
picks the BIOES tags (returned as BIO).

Speed: the LSTM's input projection is linear, so everything that depends on the word form
alone (word vector, own features, characters) is projected once per word form and cached;
a sentence then costs the span features, the recurrences (batched over many sentences of
similar length) and a batched Viterbi.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import ThreadpoolController

from khabar.entities.consistency import propagate, split_at_brackets
from khabar.entities.features import FeatureExtractor
from khabar.entities.nerdata import to_bio

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent / "models" / "hi_ner_bilstm.npz"
# Word forms whose projected inputs are kept (2 directions x 4 x hidden floats each: 60 MB at
# hidden 64); past this the cache starts over.
_CACHE_LIMIT = 30_000
_BATCH = 128
_BATCH_TOKENS = 128 * 48

Array = NDArray[np.floating[Any]]


class _Weights:
    """The exported arrays of one model, with the vocabularies as lookup tables."""

    def __init__(self, arrays: dict[str, NDArray[Any]], meta: dict[str, Any]) -> None:
        self.words = {w: i for i, w in enumerate(meta["words"])}
        self.feats = {f: i for i, f in enumerate(meta["feats"])}
        self.chars = {c: i for i, c in enumerate(meta["chars"])}
        self.labels: list[str] = meta["labels"]
        self.max_chars = int(meta["max_chars"])
        self.skip_prefixes = tuple(meta["skip_prefixes"])
        self.kb_spans = bool(meta.get("kb_spans", False))
        f32 = {name: value.astype(np.float32) for name, value in arrays.items()}
        self.word_emb, self.feat_emb = f32["word_emb"], f32["feat_emb"]
        self.char_emb, self.conv_w, self.conv_b = f32["char_emb"], f32["conv_w"], f32["conv_b"]
        self.char_emb[0] = 0.0  # padding
        directions = [lstm_gates(f32[f"{d}_wih"], f32[f"{d}_whh"], f32[f"{d}_b"]) for d in "fb"]
        self.wih = (directions[0][0], directions[1][0])
        self.whh_t = (directions[0][1], directions[1][1])
        self.bias = (directions[0][2], directions[1][2])
        self.out_w_t, self.out_b = f32["out_w"].T.copy(), f32["out_b"]
        self.trans, self.start, self.end = f32["trans"], f32["start"], f32["end"]
        word_dim, feat_dim = self.word_emb.shape[1], self.feat_emb.shape[1]
        self.feat_slice = slice(word_dim, word_dim + feat_dim)


def load_members(path: Path) -> list[_Weights]:
    """The models of one file: arrays ``<member>/<name>`` with the vocabularies in
    ``<member>/meta`` (JSON). Several members are an ensemble: their label scores and
    transitions are averaged."""
    with np.load(path, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    if "meta" in arrays:  # a single model written without a member prefix
        arrays = {f"m0/{name}": value for name, value in arrays.items()}
    members = sorted({name.split("/", 1)[0] for name in arrays})
    out = []
    for member in members:
        own = {k.split("/", 1)[1]: v for k, v in arrays.items() if k.startswith(member + "/")}
        meta = json.loads(str(own.pop("meta")))
        out.append(_Weights(own, meta))
    if any(m.labels != out[0].labels for m in out):
        raise ValueError(f"{path}: the ensemble's members have different labels")
    return out


class _Transitions:
    """Label transition scores (averaged over the members of an ensemble)."""

    def __init__(self, members: list[_Weights]) -> None:
        self.trans = np.mean([m.trans for m in members], axis=0)
        self.start = np.mean([m.start for m in members], axis=0)
        self.end = np.mean([m.end for m in members], axis=0)
        self.trans_t = np.ascontiguousarray(self.trans.T)  # (to, from)


def lstm_gates(wih: Array, whh: Array, bias: Array) -> tuple[Array, Array, Array]:
    """PyTorch's LSTM weights (gates i, f, g, o) as :func:`_run` takes them: gates reordered
    to (i, f, o, g) and the sigmoid gates' rows halved, so that one tanh over all gates gives
    sigmoid(x) = 0.5 * tanh(x / 2) + 0.5; the recurrent matrix transposed."""
    hidden = whh.shape[1]
    order = np.r_[0 : 2 * hidden, 3 * hidden : 4 * hidden, 2 * hidden : 3 * hidden]
    scale = np.r_[np.full(3 * hidden, 0.5), np.ones(hidden)].astype(np.float32)
    return (
        wih[order] * scale[:, None],
        (whh[order] * scale[:, None]).T.copy(),
        bias[order] * scale,
    )


class _Member:
    """One model of the ensemble with its cache of projected word inputs."""

    def __init__(self, weights: _Weights) -> None:
        self.weights = weights
        self.rows: dict[str, int] = {}  # word form -> row of ``table``; row 0 is padding
        gates = weights.wih[0].shape[0]
        # Per direction: row r is word form r's projected input (bias included); 0 is padding.
        self.table: list[Array] = [np.zeros((4096, gates), np.float32) for _ in range(2)]
        self.spans: dict[str, int] = {}  # span feature -> row of ``span_table``
        self.span_table: Array = np.zeros((0, 2 * gates), np.float32)

    def emissions(
        self,
        extractor: FeatureExtractor,
        batch: list[Sequence[str]],
        span_names: list[tuple[int, int, str]],
    ) -> Array:
        """Label scores (positions × sentences × labels: time-major) for a batch."""
        weights = self.weights
        lengths = np.array([len(sentence) for sentence in batch])
        width = int(lengths.max())
        ids = np.zeros((len(batch), width), np.int64)
        for row, found in enumerate(self._rows_of(extractor, batch)):
            ids[row, : len(found)] = found
        # The backward direction reads sentence b's position n_b - 1 - t at step t.
        back = np.maximum(lengths[:, None] - 1 - np.arange(width)[None, :], 0)
        cols = np.arange(len(batch))[:, None]
        forward_in = np.take(self.table[0], ids.T, axis=0)
        backward_in = np.take(self.table[1], ids[cols, back].T, axis=0)
        if span_names:
            self._add_spans(span_names, lengths, forward_in, backward_in)
        forward = _run(forward_in, weights.whh_t[0], lengths.tolist())
        backward = _run(backward_in, weights.whh_t[1], lengths.tolist())[back.T, cols.T]
        return np.concatenate([forward, backward], axis=2) @ weights.out_w_t + weights.out_b

    def _add_spans(
        self,
        span_names: list[tuple[int, int, str]],
        lengths: NDArray[np.int64],
        forward_in: Array,
        backward_in: Array,
    ) -> None:
        """Add the projected span features to the inputs of their positions (summed first
        where one position has several)."""
        rows = np.array([row for row, _, _ in span_names])
        positions = np.array([pos for _, pos, _ in span_names])
        ids = np.array([self._span_row(name) for _, _, name in span_names])
        batch = forward_in.shape[1]
        place = positions * batch + rows
        order = np.argsort(place, kind="stable")
        place = place[order]
        first = np.flatnonzero(np.r_[True, place[1:] != place[:-1]])
        summed = np.add.reduceat(np.take(self.span_table, ids[order], axis=0), first, axis=0)
        rows, positions = rows[order][first], positions[order][first]
        gates = forward_in.shape[2]
        forward_in[positions, rows] += summed[:, :gates]
        backward_in[lengths[rows] - 1 - positions, rows] += summed[:, gates:]

    def _rows_of(self, extractor: FeatureExtractor, batch: list[Sequence[str]]) -> list[list[int]]:
        """Each token's row in the table of projected word inputs (both directions, bias
        included); word forms seen for the first time are computed together."""
        rows, weights = self.rows, self.weights
        new = list(dict.fromkeys(t for sentence in batch for t in sentence if t not in rows))
        if new and len(rows) + len(new) > _CACHE_LIMIT:
            rows.clear()
            new = list(dict.fromkeys(t for sentence in batch for t in sentence))
        if new:
            first = len(rows) + 1
            needed = first + len(new)
            if needed > len(self.table[0]):
                size = max(needed, min(2 * len(self.table[0]), _CACHE_LIMIT + 1))
                for d, old in enumerate(self.table):
                    self.table[d] = np.zeros((size, old.shape[1]), np.float32)
                    self.table[d][: len(old)] = old
            vectors = _word_vectors(extractor, weights, new)
            for d in range(2):
                self.table[d][first:needed] = vectors @ weights.wih[d].T + weights.bias[d]
            rows.update(zip(new, range(first, needed), strict=True))
        return [[rows[t] for t in sentence] for sentence in batch]

    def _span_row(self, name: str) -> int:
        """The row of a span feature's projected input (both directions) in ``span_table``."""
        row = self.spans.get(name)
        if row is None:
            weights = self.weights
            index = weights.feats.get(name)
            vector = np.zeros(self.span_table.shape[1], np.float32)
            if index is not None:
                emb = weights.feat_emb[index]
                vector = np.concatenate([
                    weights.wih[0][:, weights.feat_slice] @ emb,
                    weights.wih[1][:, weights.feat_slice] @ emb,
                ])
            row = len(self.spans)
            self.span_table = np.vstack([self.span_table[:row], vector[None, :]])
            self.spans[name] = row
        return row


class BiLstmTagger:
    """BIO tagging with the exported BiLSTM-CRF (one model or an averaged ensemble); the
    same interface as the CRF tagger."""

    def __init__(self, model_path: Path = MODEL_PATH) -> None:
        self.model_path = Path(model_path)
        self._members: list[_Member] = []
        self._transitions: _Transitions | None = None
        self._extractor: FeatureExtractor | None = None
        self._keys: dict[int, tuple[Sequence[str], list[str]]] = {}
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"model_path": self.model_path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["model_path"])  # type: ignore[misc]

    def _open(self) -> FeatureExtractor:
        if self._extractor is None:
            with self._lock:
                if self._extractor is None:
                    members = load_members(self.model_path)
                    self._members = [_Member(weights) for weights in members]
                    self._transitions = _Transitions(members)
                    self._extractor = FeatureExtractor()
                    log.debug("opened NER model %s (%d)", self.model_path, len(members))
        return self._extractor

    def clear_cache(self) -> None:
        """Forget the per-word caches (they are rebuilt as words are seen again)."""
        for member in self._members:
            member.rows.clear()
        if self._extractor is not None:
            self._extractor.clear_cache()

    @property
    def labels(self) -> list[str]:
        """Every BIO tag the model can give."""
        self._open()
        return sorted({to_bio(label) for label in self._members[0].weights.labels})

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """One BIO tag per token; an empty sequence gives an empty list."""
        return self.tag_many([tokens])[0]

    def tag_document(
        self, sentences: Sequence[Sequence[str]], consistent: bool = True
    ) -> list[list[str]]:
        """Tags for the sentences of one document; with ``consistent``, a PER/LOC/ORG name
        found in one sentence is copied to its untagged repeats in the sentences nearby."""
        tags = self.tag_many(sentences)
        return self.consistent(sentences, tags) if consistent else tags

    def consistent(
        self, sentences: Sequence[Sequence[str]], tags: list[list[str]]
    ) -> list[list[str]]:
        """The document pass over tags already found (``khabar.entities.consistency``)."""
        extractor = self._open()
        known = self._keys
        keys = [
            hit[1] if (hit := known.get(id(sentence))) is not None and hit[0] is sentence
            else extractor.keys(sentence)
            for sentence in sentences
        ]
        return propagate(keys, tags, extractor.lex.stop_words, extractor.is_short_form)

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags for many sentences, run in batches of similar length, with BLAS on one
        thread (these matrices are small: more threads only wait for each other)."""
        with _blas().limit(limits=1, user_api="blas"):
            return self._tag_many(sentences)

    def _tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        # the folded words of this call's sentences, kept for ``consistent`` (by identity)
        self._keys = {}
        out: list[list[str]] = [[] for _ in sentences]
        order = sorted((i for i, s in enumerate(sentences) if s), key=lambda i: len(sentences[i]))
        for chunk in _batches(order, [len(s) for s in sentences]):
            for i, tags in zip(chunk, self._tag_batch([sentences[i] for i in chunk]), strict=True):
                out[i] = split_at_brackets(sentences[i], tags) if "I-" in "".join(tags) else tags
        return out

    def _tag_batch(self, batch: list[Sequence[str]]) -> list[list[str]]:
        extractor = self._open()
        assert self._transitions is not None
        first = self._members[0].weights
        span_names: list[tuple[int, int, str]] = []
        for row, sentence in enumerate(batch):
            keys = extractor.keys(sentence)
            self._keys[id(sentence)] = (sentence, keys)
            found = sentence_span_features(extractor, keys, first.kb_spans)
            span_names.extend((row, pos, name) for pos, names in enumerate(found) for name in names)
        emissions = self._members[0].emissions(extractor, batch, span_names)
        for member in self._members[1:]:
            emissions += member.emissions(extractor, batch, span_names)
        emissions /= len(self._members)
        paths = _viterbi(emissions, [len(s) for s in batch], self._transitions)
        labels = self._members[0].weights.labels
        return [[to_bio(labels[j]) for j in path] for path in paths]


def sentence_span_features(
    extractor: FeatureExtractor, keys: Sequence[str], kb: bool
) -> list[list[str]]:
    """The position-dependent attributes of a sentence (its folded words, ``keys``):
    gazetteer spans, and knowledge-base names when the model was trained with them."""
    found = extractor.span_features(keys)
    if kb:
        for here, more in zip(found, extractor.kb_span_features(keys), strict=True):
            here.extend(more)
    return found


def _batches(order: list[int], lengths: list[int]) -> Iterator[list[int]]:
    """Runs of ``order`` (sentences by rising length) of at most ``_BATCH`` sentences and
    ``_BATCH_TOKENS`` padded positions (memory stays bounded on very long "sentences")."""
    chunk: list[int] = []
    for i in order:
        if chunk and (len(chunk) >= _BATCH or lengths[i] * (len(chunk) + 1) > _BATCH_TOKENS):
            yield chunk
            chunk = []
        chunk.append(i)
    if chunk:
        yield chunk


@cache
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


def _word_vectors(extractor: FeatureExtractor, weights: _Weights, words: list[str]) -> Array:
    """The LSTM input vectors of word forms: word vector, own-feature bag, character CNN."""
    bags = np.zeros((len(words), weights.feat_emb.shape[1]), np.float32)
    keys = []
    for n, word in enumerate(words):
        keys.append(weights.words.get(extractor.key(word), 1))
        ids = [
            weights.feats[name]
            for name in extractor.word_features(word)
            if not name.startswith(weights.skip_prefixes) and name in weights.feats
        ]
        if ids:
            bags[n] = weights.feat_emb[ids].sum(axis=0)
    return np.concatenate([weights.word_emb[keys], bags, _char_cnn(weights, words)], axis=1)


def _char_cnn(weights: _Weights, words: list[str]) -> Array:
    """Per word, the max over its characters of ReLU(conv1d(character vectors)), kernel 3,
    zero padding 1 (row 0 of the character table is the zero padding vector)."""
    size = weights.max_chars
    ids = np.zeros((len(words), size + 2), np.int64)
    lengths = np.zeros(len(words), np.int64)
    for n, word in enumerate(words):
        chars = [weights.chars.get(char, 1) for char in word[:size]]
        ids[n, 1 : len(chars) + 1] = chars
        lengths[n] = len(chars)
    table = weights.char_emb[ids]  # (words, size + 2, dim)
    conv = weights.conv_b + sum(
        table[:, k : k + size] @ weights.conv_w[:, :, k].T for k in range(3)
    )
    conv = np.maximum(conv, 0.0) * (np.arange(size)[None, :] < lengths[:, None])[:, :, None]
    return np.asarray(conv.max(axis=1), dtype=np.float32)


def _live_from(lengths: Sequence[int], width: int) -> NDArray[np.intp]:
    """For each step t, the first row still inside its sentence (rows sorted by length)."""
    return np.searchsorted(np.asarray(lengths), np.arange(width), side="right")


def _run(inputs: Array, whh_t: Array, lengths: Sequence[int]) -> Array:
    """One LSTM direction over a padded, time-major batch (positions × sentences × gates),
    gates in the order (i, f, o, g) with the sigmoid gates pre-halved (:func:`lstm_gates`).
    Rows must be sorted by length: step t only computes the rows still inside their sentence
    (outputs past a sentence's end stay zero)."""
    width, batch, gates = inputs.shape
    if list(lengths) != sorted(lengths):
        raise ValueError("_run needs rows sorted by length")
    hidden = gates // 4
    h = np.zeros((batch, hidden), np.float32)
    c = np.zeros((batch, hidden), np.float32)
    z = np.empty((batch, gates), np.float32)
    out = np.zeros((width, batch, hidden), np.float32)
    sig = slice(0, 3 * hidden)
    for t, k in enumerate(_live_from(lengths, width)):
        zk, ck, hk = z[k:], c[k:], h[k:]
        np.matmul(hk, whh_t, out=zk)
        zk += inputs[t, k:]
        np.tanh(zk, out=zk)
        zk[:, sig] *= 0.5
        zk[:, sig] += 0.5
        ck *= zk[:, hidden : 2 * hidden]
        ck += zk[:, :hidden] * zk[:, 3 * hidden :]
        np.tanh(ck, out=hk)
        hk *= zk[:, 2 * hidden : 3 * hidden]
        out[t, k:] = hk
    return out


def _viterbi(emissions: Array, lengths: list[int], weights: _Transitions) -> list[list[int]]:
    """Best label paths of a padded, time-major batch (positions × sentences × labels).
    Rows are taken in order of length so that step t only scores the rows still inside their
    sentence; scores are laid out (sentence, to, from) so that each step reduces the
    contiguous axis; the paths are traced back for all rows at once."""
    width, batch, labels = emissions.shape
    order = np.argsort(np.asarray(lengths), kind="stable")
    emissions = emissions[:, order]
    ordered = np.asarray([lengths[i] for i in order])
    score = weights.start[None, :] + emissions[0]
    pointers = np.zeros((width, batch, labels), np.intp)
    buffer = np.empty((batch, labels, labels), np.float32)
    for t, k in enumerate(_live_from(ordered.tolist(), width)):
        if t == 0:
            continue
        total = buffer[k:]
        np.add(score[k:, None, :], weights.trans_t[None, :, :], out=total)
        best = total.argmax(axis=2)
        score[k:] = np.take_along_axis(total, best[:, :, None], axis=2)[:, :, 0] + emissions[t, k:]
        pointers[t, k:] = best
    last = (score + weights.end[None, :]).argmax(axis=1)
    rows = np.arange(batch)
    label = last.copy()
    path = np.zeros((width, batch), np.intp)
    for t in range(width - 1, -1, -1):
        starting = ordered - 1 == t
        label[starting] = last[starting]  # a sentence's path starts from its last position
        path[t] = label
        if t > 0:
            label = pointers[t, rows, label]
    paths: list[list[int]] = [[] for _ in lengths]
    for row, length in enumerate(ordered.tolist()):
        paths[int(order[row])] = path[:length, row].tolist()
    return paths
