"""Tokens: offsets, kinds, keys, number values; never a word split inside."""

from __future__ import annotations

import pickle

import pytest
import regex

from khabar.lang.normalize import match_key
from khabar.lang.tokens import Tokenizer, number_value

TOKENIZER = Tokenizer()


def surfaces(text: str) -> list[str]:
    return [text[t.start : t.end] for t in TOKENIZER.tokens(text)]


def test_words_keep_vowel_signs_virama_anusvara_nukta() -> None:
    text = "प्रधानमंत्री ने ज़िले के क्षेत्रों में संवाद किया"
    assert surfaces(text) == text.split()


def test_python_re_word_class_would_split_these() -> None:
    import re

    assert re.findall(r"\w+", "पुतिन") != ["पुतिन"]  # the pitfall this tokenizer avoids
    assert surfaces("पुतिन") == ["पुतिन"]


def test_punctuation_and_kinds() -> None:
    text = "मौसम (आज) ठीक है, पर कल? बारिश!! ₹ 40 %"
    toks = TOKENIZER.tokens(text)
    assert [text[t.start : t.end] for t in toks] == [
        "मौसम", "(", "आज", ")", "ठीक", "है", ",", "पर", "कल", "?", "बारिश", "!!", "₹", "40", "%"]
    kinds = {text[t.start : t.end]: t.kind for t in toks}
    assert kinds["("] == "punct" and kinds["₹"] == "symbol" and kinds["40"] == "number"
    assert kinds["मौसम"] == "word"


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,200", 1200.0), ("3.5", 3.5), ("1,20,000", 120000.0), ("१२,५००", 12500.0),
     ("४५", 45.0), ("2,50,00,000", 25000000.0), ("12/05/2023", None), ("10:30", None)],
)
def test_numbers_in_both_digit_sets(text: str, value: float | None) -> None:
    toks = TOKENIZER.tokens(f"कुल {text} लोग")
    assert [t.kind for t in toks] == ["word", "number", "word"]
    assert toks[1].value == value
    assert number_value(text) == value


def test_number_with_suffix_is_one_word_and_sentence_final_stop_is_not_part() -> None:
    assert surfaces("यह 21वीं सदी है") == ["यह", "21वीं", "सदी", "है"]
    assert surfaces("वर्ष 2021.") == ["वर्ष", "2021", "."]


def test_abbreviations_keep_their_stop() -> None:
    assert surfaces("डॉ. वर्मा 5 कि.मी. दूर गए.") == ["डॉ.", "वर्मा", "5", "कि.मी.", "दूर", "गए", "."]
    assert surfaces("Dr. Rao, U.S. visit") == ["Dr.", "Rao", ",", "U.S.", "visit"]


def test_url_email_and_visarga_colon() -> None:
    text = "लिखें seva@example.in या https://example.in/page देखें। अत: दु:ख हुआ: हां"
    toks = TOKENIZER.tokens(text)
    got = [(text[t.start : t.end], t.kind) for t in toks]
    assert ("seva@example.in", "email") in got
    assert ("https://example.in/page", "url") in got
    assert ("अत:", "word") in got and ("दु:ख", "word") in got
    assert ("हुआ", "word") in got and (":", "punct") in got


def test_keys_are_match_keys_and_offsets_slice_back() -> None:
    text = "हिन्दी और हिंदी, ज़मीन और जमीन"
    toks = TOKENIZER.tokens(text)
    for tok in toks:
        assert tok.key == match_key(text[tok.start : tok.end])
    words = [t for t in toks if t.kind == "word"]
    assert words[0].key == words[2].key and words[3].key == words[5].key


def test_range_and_pickle() -> None:
    text = "पहला भाग। दूसरा भाग।"
    toks = TOKENIZER.tokens(text, 10, len(text))
    assert [text[t.start : t.end] for t in toks] == ["दूसरा", "भाग", "।"]
    clone = pickle.loads(pickle.dumps(TOKENIZER))
    assert [(t.start, t.end) for t in clone.tokens(text)] == [
        (t.start, t.end) for t in TOKENIZER.tokens(text)]


def test_no_token_starts_with_a_combining_mark_on_mixed_text() -> None:
    text = "किम–पुतिन बैठक: ‘हथियार’ सौदे पर 2,000 करोड़ की बात (रिपोर्ट)"
    for tok in TOKENIZER.tokens(text):
        assert not regex.match(r"\p{M}", text[tok.start]), text[tok.start : tok.end]
