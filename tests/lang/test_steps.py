"""The text layer in the pipeline: the reference page, mixed-language pages, pickling."""

from __future__ import annotations

import itertools
import pickle
from pathlib import Path

import pytest
import regex

import khabar
from khabar.document import Block, Document
from khabar.lang.normalize import match_key
from khabar.lang.steps import Language
from khabar.pipeline import Options, Pipeline

TERMINATORS = ("।", "?", "!", ".", "॥")


@pytest.fixture(scope="module")
def seed_doc(seed_path: Path) -> Document:
    return khabar.Pipeline()(seed_path)


@pytest.mark.realdata
def test_seed_language_and_steps(seed_doc: Document) -> None:
    assert seed_doc.ok, (seed_doc.rejected, seed_doc.errors)
    assert {"language", "sentences", "tokens"} <= set(seed_doc.steps)
    assert seed_doc.language == "hi"
    assert seed_doc.language_score is not None and seed_doc.language_score > 0.9
    body = [b for b in seed_doc.blocks if b.kind == "paragraph"]
    assert body and all(b.lang == "hi" for b in body)


@pytest.mark.realdata
def test_seed_sentences_slice_back_and_stay_in_blocks(seed_doc: Document) -> None:
    text = seed_doc.text
    assert len(seed_doc.sentences) >= 15
    for sent in seed_doc.sentences:
        block = seed_doc.blocks[sent.block]
        piece = text[sent.start : sent.end]
        assert block.start <= sent.start < sent.end <= block.end
        assert piece == piece.strip() and "\n\n" not in piece
    paragraphs = [i for i, b in enumerate(seed_doc.blocks) if b.kind == "paragraph"]
    for index in paragraphs:
        block = seed_doc.blocks[index]
        inside = [s for s in seed_doc.sentences if s.block == index]
        assert inside[0].start == block.start and inside[-1].end == block.end
        # every sentence but a block's last ends at a terminator
        assert all(text[s.end - 1] in (*TERMINATORS, '"', "'", ")", "”")
                   for s in inside[:-1])


@pytest.mark.realdata
def test_seed_tokens_slice_back_and_never_split_words(seed_doc: Document) -> None:
    text = seed_doc.text
    tokens = seed_doc.tokens
    assert len(tokens) > 300
    assert all(a.end <= b.start for a, b in itertools.pairwise(tokens))
    for tok in tokens:
        piece = text[tok.start : tok.end]
        assert piece and not piece.isspace()
        assert not regex.match(r"\p{M}", piece), piece  # never starts at a vowel sign etc.
        assert tok.end == len(text) or not regex.match(r"\p{M}", text[tok.end]), piece
        assert tok.key == match_key(piece)
    words = {text[t.start : t.end] for t in tokens if t.kind == "word"}
    assert {"पुतिन", "उत्तर", "कोरिया", "व्लादिवोस्तोक", "प्योंगयांग"} <= words
    years = [t for t in tokens if t.kind == "number" and t.value == 2019.0]
    assert years
    # all non-space text of the blocks is covered by tokens
    covered = sum(t.end - t.start for t in tokens)
    assert covered == sum(len(text[b.start : b.end].replace(" ", "").replace("\n", ""))
                          for b in seed_doc.blocks)


MIXED = (
    "शहर में नई बस सेवा शुरू\n\n"
    "नगर निगम ने सोमवार से बीस नए रास्तों पर बसें चलाने का फैसला किया है। अधिकारियों के "
    "अनुसार इससे रोज हजारों यात्रियों को सुविधा मिलेगी।\n\n"
    "Officials said the new routes would connect the railway station with the bus stand and "
    "that the fares would stay the same for the first month.\n\n"
    "यात्रियों ने इस फैसले का स्वागत किया है और कहा कि इससे समय की बचत होगी।\n"
)


def test_mixed_page_blocks_differ() -> None:
    doc = khabar.analyze(MIXED, kind="text")
    assert doc.ok, (doc.rejected, doc.errors)
    langs = [b.lang for b in doc.blocks]
    assert doc.language == "hi"
    assert "en" in langs and langs.count("hi") >= 2
    english = next(b for b in doc.blocks if b.lang == "en")
    assert doc.text[english.start : english.end].startswith("Officials said")
    for sent in doc.sentences:  # no sentence crosses a block
        block = doc.blocks[sent.block]
        assert block.start <= sent.start < sent.end <= block.end


def test_short_block_takes_document_language() -> None:
    label, body, english = "विदेश", MIXED.split("\n\n")[1], "Press Desk"
    text = f"{label}\n\n{body}\n\n{english}"
    doc = Document(text=text, blocks=[
        Block("section", 0, len(label)),
        Block("paragraph", len(label) + 2, len(label) + 2 + len(body)),
        Block("byline", len(text) - len(english), len(text)),
    ])
    Language(Options.load())(doc)
    assert doc.language == "hi"
    assert [b.lang for b in doc.blocks] == ["hi", "hi", "und"]  # other script: not inherited
    assert doc.blocks[0].lang_score is not None and doc.blocks[0].lang_score < 0.5


def test_pipeline_with_text_layer_is_picklable_and_round_trips() -> None:
    pipe = Pipeline(Options.load())
    clone = pickle.loads(pickle.dumps(pipe))
    doc = clone(MIXED, kind="text")
    assert doc.tokens and doc.sentences
    assert Document.from_json(doc.to_json()) == doc


def test_text_layer_limit_rejects_instead_of_running() -> None:
    pipe = Pipeline(overrides={"language": {"max_chars": 50}})
    doc = pipe(MIXED, kind="text")
    assert doc.rejected is not None and doc.rejected.code == "E106"
    assert doc.rejected.step == "language" and not doc.tokens
