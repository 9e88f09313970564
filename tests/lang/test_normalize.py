"""normalize_text (the one document text) and match_key (spelling variants as keys)."""

from __future__ import annotations

import unicodedata

import pytest

from khabar.lang.normalize import match_key, normalize_text


def test_nfc_and_spaces() -> None:
    decomposed = unicodedata.normalize("NFD", "क़िला")  # decomposed nukta form stays NFC-safe
    text = normalize_text(f"  {decomposed}\u00a0 में\t\u2003मेला   लगा  ")
    assert text == unicodedata.normalize("NFC", f"{decomposed} में मेला लगा")


def test_invisible_characters_removed() -> None:
    raw = "\ufeffबाज़ार\u200b में\u2060 भीड़\u00ad थी\u200e"
    assert normalize_text(raw) == "बाज़ार में भीड़ थी"


def test_lines_kept_stripped_and_empty_lines_dropped() -> None:
    raw = "पहली पंक्ति  \r\n\r\n   \n  दूसरी पंक्ति\u2028तीसरी"
    assert normalize_text(raw) == "पहली पंक्ति\nदूसरी पंक्ति\nतीसरी"


def test_joiners_kept_after_virama_dropped_elsewhere() -> None:
    half_form = "क्\u200dष"  # ZWJ after a virama asks for a half form: meaningful
    assert normalize_text(half_form) == half_form
    assert normalize_text("राम\u200c श्याम\u200d") == "राम श्याम"
    assert normalize_text("abc\u200cdef") == "abcdef"


def test_normalize_is_idempotent() -> None:
    raw = " एक\u00a0\u00a0दो \n\n तीन\u200b "
    once = normalize_text(raw)
    assert normalize_text(once) == once
    assert normalize_text("") == ""


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("हिन्दी", "हिंदी"),        # nasal consonant + virama vs anusvara
        ("सम्बन्ध", "संबंध"),
        ("गङ्गा", "गंगा"),
        ("ज़िंदगी", "जिंदगी"),      # nukta
        ("\u095b\u093eर", "जार"),  # precomposed nukta letter
        ("हँसना", "हंसना"),        # chandrabindu vs anusvara
        ("डॉक्टर", "डाक्टर"),      # candra O
        ("गये", "गए"),             # whole-word variant
        ("चाहिये", "चाहिए"),
        ("संभवत:", "संभवतः"),      # colon for visarga
        ("क्\u200dष", "क्ष"),       # joiner
        ("२०२३", "2023"),          # Devanagari digits
        ("Delhi", "DELHI"),
    ],
)
def test_match_key_folds_variants(a: str, b: str) -> None:
    assert match_key(a) == match_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("दिन", "दीन"),    # long / short vowel changes the word: not folded
        ("अन्य", "अंय"),   # न before य is not homorganic: left alone
        ("कि", "की"),
        ("में", "मैं"),
    ],
)
def test_match_key_keeps_distinct_words_apart(a: str, b: str) -> None:
    assert match_key(a) != match_key(b)


def test_match_key_never_changes_latin_colon_or_digits_meaning() -> None:
    assert match_key("10:30") == "10:30"
    assert match_key("१०:३०") == "10:30"
