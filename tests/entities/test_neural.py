"""The BiLSTM-CRF tagger run with NumPy: its pieces against plain references, and the shipped
model on IL-NER Hindi test (the issue's floor)."""

from __future__ import annotations

import itertools
import pickle

import numpy as np
import pytest

from khabar.entities import neural
from khabar.entities.nerdata import read_conll, score, spans
from khabar.entities.neural import MODEL_PATH, BiLstmTagger
from khabar.entities.tagger import load_tagger
from support import shared_path

# The whole IL-NER Hindi test split, each sentence tagged alone: PER/LOC/ORG micro-F1 0.772
# with the shipped model (2026-11-29, third session; per-type figures in EVALUATION.md).
# Issue 4 asks for 0.80, which is NOT reached; this floor guards against regressions below
# what ships.
TEST_FLOOR = 0.76


def _lstm_reference(x: np.ndarray, wih: np.ndarray, whh: np.ndarray, b: np.ndarray) -> np.ndarray:
    """A one-sentence LSTM written from the equations, token by token."""
    hidden = whh.shape[1]
    h, c, out = np.zeros(hidden), np.zeros(hidden), []
    for row in x:
        z = wih @ row + whh @ h + b
        i, f, g, o = (z[k * hidden : (k + 1) * hidden] for k in range(4))
        c = 1 / (1 + np.exp(-f)) * c + 1 / (1 + np.exp(-i)) * np.tanh(g)
        h = 1 / (1 + np.exp(-o)) * np.tanh(c)
        out.append(h)
    return np.array(out)


def test_batched_lstm_matches_the_equations_both_ways() -> None:
    rng = np.random.default_rng(3)
    hidden, dim, lengths = 5, 4, [1, 3, 7]
    wih = rng.normal(size=(4 * hidden, dim))
    whh = rng.normal(size=(4 * hidden, hidden))
    b = rng.normal(size=4 * hidden)
    xs = [rng.normal(size=(n, dim)) for n in lengths]
    wih_g, whh_t, b_g = neural.lstm_gates(wih, whh, b)
    width = max(lengths)
    forward_in = np.zeros((width, len(xs), 4 * hidden), np.float32)
    backward_in = np.zeros((width, len(xs), 4 * hidden), np.float32)
    for row, x in enumerate(xs):
        forward_in[: len(x), row] = x @ wih_g.T + b_g
        backward_in[: len(x), row] = x[::-1] @ wih_g.T + b_g
    forward = neural._run(forward_in, whh_t.astype(np.float32), lengths)
    backward = neural._run(backward_in, whh_t.astype(np.float32), lengths)
    for row, x in enumerate(xs):
        n = len(x)
        assert np.allclose(forward[:n, row], _lstm_reference(x, wih, whh, b), atol=1e-4)
        reverse = _lstm_reference(x[::-1], wih, whh, b)
        assert np.allclose(backward[:n, row], reverse, atol=1e-4)


class _Transitions:
    def __init__(self, rng: np.random.Generator, labels: int) -> None:
        self.trans = rng.normal(size=(labels, labels)).astype(np.float32)
        self.start = rng.normal(size=labels).astype(np.float32)
        self.end = rng.normal(size=labels).astype(np.float32)
        self.trans_t = np.ascontiguousarray(self.trans.T)


def test_viterbi_finds_the_best_path_by_brute_force() -> None:
    rng = np.random.default_rng(7)
    labels, lengths = 3, [4, 2, 1]
    weights = _Transitions(rng, labels)
    emissions = rng.normal(size=(max(lengths), len(lengths), labels)).astype(np.float32)
    paths = neural._viterbi(emissions, lengths, weights)  # type: ignore[arg-type]
    for row, n in enumerate(lengths):

        def total(path: tuple[int, ...], row: int = row) -> float:
            value = weights.start[path[0]] + weights.end[path[-1]]
            value += sum(emissions[t, row, y] for t, y in enumerate(path))
            value += sum(weights.trans[a, b] for a, b in itertools.pairwise(path))
            return float(value)

        best = max(itertools.product(range(labels), repeat=n), key=total)
        assert tuple(paths[row]) == best


def test_model_ships_small_and_is_the_default() -> None:
    assert MODEL_PATH.is_file()
    assert MODEL_PATH.stat().st_size < 8_000_000
    tagger = load_tagger()
    assert isinstance(tagger, BiLstmTagger)
    assert {"B-NEP", "B-NEL", "B-NEO", "I-NEO"} <= set(tagger.labels)


def test_person_and_place_in_a_written_sentence() -> None:
    text = "कल श्री राजेश वर्मा ने पटना में किसानों की एक सभा को संबोधित किया ।"
    tokens = text.split(" ")
    found = {(kind, " ".join(tokens[s:e])) for kind, s, e in spans(load_tagger().tag(tokens))}
    assert ("NEL", "पटना") in found
    assert any(kind == "NEP" and "वर्मा" in text for kind, text in found)


def test_empty_odd_and_pickled() -> None:
    tagger = load_tagger()
    assert tagger.tag([]) == []
    assert tagger.tag_many([[], ["।"]]) == [[], ["O"]]
    odd = ["𝔘𝔫𝔦", "1234567890" * 5, "\u200d", "ॐ"]
    assert len(tagger.tag(odd)) == len(odd)
    copy = pickle.loads(pickle.dumps(tagger))
    assert copy.tag(["भारत", "और", "नेपाल"]) == tagger.tag(["भारत", "और", "नेपाल"])


@pytest.mark.realdata
def test_batches_do_not_change_tags() -> None:
    sentences = [tokens for tokens, _ in read_conll(
        shared_path("data", "il-ner", "Hindi", "Hindi-dev.txt"))[::25]]
    tagger = BiLstmTagger()
    together = tagger.tag_many(sentences)
    assert together == [tagger.tag(tokens) for tokens in sentences]
    assert sum(tag != "O" for tags in together for tag in tags) > 20


@pytest.mark.realdata
def test_word_cache_starting_over_keeps_tags(monkeypatch: pytest.MonkeyPatch) -> None:
    sentences = [tokens for tokens, _ in read_conll(
        shared_path("data", "il-ner", "Hindi", "Hindi-dev.txt"))[::40]]
    expected = BiLstmTagger().tag_many(sentences)
    monkeypatch.setattr(neural, "_CACHE_LIMIT", 60)
    small = BiLstmTagger()
    assert [small.tag(tokens) for tokens in sentences] == expected
    widest = max(len(set(tokens)) for tokens in sentences)
    assert all(len(member.rows) <= 60 + widest for member in small._members)


@pytest.mark.realdata
def test_il_ner_test_split_floor() -> None:
    sentences = read_conll(shared_path("data", "il-ner", "Hindi", "Hindi-test.txt"))
    predicted = BiLstmTagger().tag_many([tokens for tokens, _ in sentences])
    table = score([tags for _, tags in sentences], predicted)
    assert table["PER_LOC_ORG"].support == 622
    assert table["PER_LOC_ORG"].f1 >= TEST_FLOOR
