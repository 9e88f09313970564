"""Sentence splitting: terminators, abbreviations, numbers, quotes, lines, long input."""

from __future__ import annotations

from khabar.lang.sentences import load_rules, split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_danda_question_exclamation() -> None:
    text = "बारिश सुबह से हो रही है। क्या स्कूल खुलेंगे? नहीं! सब घर पर रहें॥ ठीक।"
    assert sentences(text) == [
        "बारिश सुबह से हो रही है।", "क्या स्कूल खुलेंगे?", "नहीं!", "सब घर पर रहें॥", "ठीक।",
    ]


def test_danda_without_space_after_it() -> None:
    assert sentences("मैच रद्द हुआ।दर्शक लौट गए।") == ["मैच रद्द हुआ।", "दर्शक लौट गए।"]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "डॉ. मीना ने श्री. रमेश से बात की. प्रो. ए. के. सिंह भी थे."
    assert sentences(text) == ["डॉ. मीना ने श्री. रमेश से बात की.", "प्रो. ए. के. सिंह भी थे."]
    english = "Dr. Rao met Mr. J. Singh at 5 p.m. today. They agreed."
    assert sentences(english) == ["Dr. Rao met Mr. J. Singh at 5 p.m. today.", "They agreed."]


def test_decimal_numbers_urls_and_ellipsis_are_not_ends() -> None:
    text = "महंगाई 3.5 प्रतिशत रही... विवरण www.example.org पर है। आगे देखें."
    assert sentences(text) == ["महंगाई 3.5 प्रतिशत रही... विवरण www.example.org पर है।",
                               "आगे देखें."]
    link = "फॉर्म https://example.org/form?id=7&x=1 पर मिलेगा। जल्दी करें!"
    assert sentences(link) == ["फॉर्म https://example.org/form?id=7&x=1 पर मिलेगा।", "जल्दी करें!"]


def test_closing_quotes_and_brackets_stay_with_the_sentence() -> None:
    text = 'उसने कहा, "हम जीतेंगे।" (यह भरोसा नया था।) फिर सब चले गए।'
    assert sentences(text) == ['उसने कहा, "हम जीतेंगे।"', "(यह भरोसा नया था।)",
                               "फिर सब चले गए।"]


def test_heading_line_ends_sentence_wrapped_line_does_not() -> None:
    text = "नदी का जलस्तर बढ़ा\nगांव के लोगों ने रात ऊंची जगह पर बिताई।"
    assert sentences(text) == ["नदी का जलस्तर बढ़ा", "गांव के लोगों ने रात ऊंची जगह पर बिताई।"]
    wrapped = ("जिले के कई हिस्सों में लगातार दो दिन से हो रही तेज बारिश के कारण\n"
               "निचले इलाकों में पानी भर गया है।")
    assert sentences(wrapped) == [wrapped]


def test_list_numbers_at_line_start() -> None:
    text = "1. पहले पंजीकरण करें।\n2. फिर फॉर्म भरें।"
    assert sentences(text) == ["1. पहले पंजीकरण करें।", "2. फिर फॉर्म भरें।"]


def test_offsets_inside_a_range_and_trimmed() -> None:
    text = "xx  पहला वाक्य।   दूसरा वाक्य।  yy"
    spans = split_sentences(text, 2, len(text) - 2)
    assert [text[a:b] for a, b in spans] == ["पहला वाक्य।", "दूसरा वाक्य।"]
    assert all(2 <= a < b <= len(text) - 2 for a, b in spans)


def test_no_sentence_is_longer_than_the_cap() -> None:
    rules = load_rules(max_chars=100)
    text = "शब्द " * 200
    spans = split_sentences(text, rules=rules)
    assert spans and all(b - a <= 100 for a, b in spans)
    assert "".join(text[a:b] for a, b in spans).replace(" ", "") == text.replace(" ", "")


def test_one_huge_line_is_linear() -> None:
    text = "क" * 5_000_000  # no space, no terminator: cut at the cap in one pass
    spans = split_sentences(text)
    assert len(spans) == 2500
    assert spans[0] == (0, 2000) and spans[-1][1] == len(text)
