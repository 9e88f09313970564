"""Malformed input through ``khabar.analyze``: a clear KhabarError or a recorded rejection.

Never a traceback: each case either raises a :class:`KhabarError` with a code and a message,
or returns a Document whose ``rejected`` (or ``errors``) says what happened.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import khabar
from khabar.document import Document
from khabar.errors import KhabarError
from khabar.pipeline import Options, Pipeline

SENTENCE = "यह एक लंबी पंक्ति है जिसमें कोई विराम नहीं आता और शब्द दोहराए जाते हैं "


def outcome(source: Path | bytes) -> Document | KhabarError:
    try:
        return khabar.analyze(source)
    except KhabarError as exc:
        return exc


def assert_clear(result: Document | KhabarError, *codes: str) -> None:
    if isinstance(result, KhabarError):
        assert result.code in codes and result.message, result
    else:
        assert result.rejected is not None, result.errors
        assert result.rejected.code in codes and result.rejected.reason
        assert not result.errors


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert_clear(outcome(path), "E103")
    assert_clear(outcome(b"   \n\n "), "E103")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.bin"
    path.write_bytes(bytes(range(256)) * 64 + os.urandom(4096))
    assert_clear(outcome(path), "E104")


def test_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(("सरकार ने घोषणा की। ".encode() + b"\xff\xfe\xc3\x28\x80") * 40)
    result = outcome(path)
    if isinstance(result, Document) and result.rejected is None:
        # decoded with replacement characters: flagged, and the text layer still ran
        assert "decode:replaced_bytes" in result.meta.flags and result.tokens
    else:
        assert_clear(result, "E105")


def test_fifty_megabytes_of_one_line(tmp_path: Path) -> None:
    data = (SENTENCE * (50 * 1024 * 1024 // len(SENTENCE.encode()) + 1)).encode()
    data = data[: 50 * 1024 * 1024]
    data = data[: len(data.decode("utf-8", "ignore").encode())]  # end on a whole character
    path = tmp_path / "one-line.txt"
    path.write_bytes(data)
    assert_clear(outcome(path), "E106")  # the reader's size limit
    assert_clear(outcome(data), "E106")  # as bytes: the text layer's limit


def text_layer() -> Pipeline:
    """The default steps up to and including ``tokens`` (later steps are not tested here)."""
    names = Options.load().steps
    return Pipeline(steps=names[: names.index("tokens") + 1])


def test_long_line_below_the_limit_is_processed() -> None:
    text = SENTENCE * 3000  # about 200,000 characters, no terminator, no line break
    doc = text_layer()(text, kind="text")
    assert doc.ok, (doc.rejected, doc.errors)
    assert doc.language == "hi"
    assert len(doc.sentences) > 50 and max(s.end - s.start for s in doc.sentences) <= 2000
    assert len(doc.tokens) == len(text.split())


@pytest.mark.parametrize(
    "text",
    [
        "भारत की राजधानी दिल्ली है।\n\nThe capital of India is Delhi.\n\n"
        "پاکستان کا دارالحکومت اسلام آباد ہے۔\n\nবাংলাদেশের রাজধানী ঢাকা।\n\n日本の首都は東京です。",
        "दिल्लीDelhiدہلی১২৩४५६ ✓✓ 🙂\u200d🙂 ক্ষ क्\u200dष",
    ],
    ids=["paragraphs", "one-line"],
)
def test_mixed_scripts(text: str) -> None:
    doc = khabar.analyze(text, kind="text")
    assert doc.ok, (doc.rejected, doc.errors)
    assert doc.language is not None and doc.tokens
    assert all(b.lang is not None for b in doc.blocks)
    for tok in doc.tokens:
        assert doc.text[tok.start : tok.end].strip()
