"""Property tests: on any text the text layer keeps its offset invariants and never raises."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.document import Block, Document
from khabar.lang.normalize import match_key, normalize_text
from khabar.lang.steps import Language, Sentences, Tokens
from khabar.pipeline import Options

OPTIONS = Options.load()
STEPS = (Language(OPTIONS), Sentences(OPTIONS), Tokens(OPTIONS))
# Devanagari letters and signs, digits, Latin, Arabic, punctuation, spaces, joiners, controls.
ALPHABET = st.sampled_from(
    list("कखगजडतदनपमरलवसहािीुूेैोौंँ़्ःअआइए०१२३४५६७८९0123456789abcXYZ")
    + list("ابپتہےں।॥.,;:!?'\"()[]-–—/@%₹… \t\n\u00a0\u200b\u200c\u200d\ufeff\x00\x07")
)


def document(raw: str) -> Document:
    """One paragraph block per normalised line, joined as the extract step joins blocks."""
    doc = Document()
    pos = 0
    parts: list[str] = []
    for line in normalize_text(raw).split("\n"):
        if parts:
            parts.append("\n\n")
            pos += 2
        doc.blocks.append(Block("paragraph", pos, pos + len(line)))
        parts.append(line)
        pos += len(line)
    doc.text = "".join(parts)
    return doc


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=300))
def test_offsets_invariants(raw: str) -> None:
    doc = document(raw)
    for step in STEPS:
        step(doc)
    text = doc.text
    assert doc.language is not None and all(b.lang is not None for b in doc.blocks)
    for sent in doc.sentences:
        block = doc.blocks[sent.block]
        assert block.start <= sent.start < sent.end <= block.end
        assert not text[sent.start].isspace() and not text[sent.end - 1].isspace()
    for a, b in zip(doc.sentences, doc.sentences[1:], strict=False):
        assert a.end <= b.start
    for tok in doc.tokens:
        piece = text[tok.start : tok.end]
        assert piece and not any(c.isspace() for c in piece)
        assert tok.key == match_key(piece)
    covered = sum(t.end - t.start for t in doc.tokens)
    assert covered == sum(1 for c in text if not c.isspace())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_normalize_is_idempotent_on_any_text(raw: str) -> None:
    once = normalize_text(raw)
    assert normalize_text(once) == once
    assert "\n\n" not in once and not once.startswith((" ", "\n")) and not once.endswith(" ")
