"""Time normalisation: each expression family, with and without a publication date."""

from __future__ import annotations

import datetime as dt

import pytest
from event_helpers import make_doc

from khabar.events.time import anchor_date, find_times

PUB = dt.date(2023, 9, 5)  # a Tuesday

# (sentence, expression text, value with the anchor, precision, value without the anchor)
CASES = [
    ("सम्मेलन इसी महीने होगा।", "इसी महीने", "2023-09", "month", None),
    ("बीते महिने टीम वहां पहुंची थी।", "बीते महिने", "2023-08", "month", None),
    ("पिछले महीने दाम बढ़े थे।", "पिछले महीने", "2023-08", "month", None),
    ("अगले महीने चुनाव होंगे।", "अगले महीने", "2023-10", "month", None),
    ("पिछले हफ्ते बैठक हुई थी।", "पिछले हफ्ते", "2023-W35", "week", None),
    ("पिछले सप्ताह बारिश हुई।", "पिछले सप्ताह", "2023-W35", "week", None),
    ("गत वर्ष यहां बाढ़ आई थी।", "गत वर्ष", "2022", "year", None),
    ("इस साल फसल अच्छी है।", "इस साल", "2023", "year", None),
    ("कल मंत्री ने दौरा किया था।", "कल", "2023-09-04", "day", None),
    ("मंत्री कल दौरे पर जाएंगे।", "कल", "2023-09-06", "day", None),
    ("आज संसद में बहस है।", "आज", "2023-09-05", "day", None),
    ("बुधवार को हमला हुआ था।", "बुधवार", "2023-08-30", "day", None),
    ("शुक्रवार को वे मिलेंगे।", "शुक्रवार", "2023-09-08", "day", None),
    ("तीन लोग 3 दिन पहले लापता हुए।", "3 दिन पहले", "2023-09-02", "day", None),
    ("2019 में भी वह वहां गया था।", "2019", "2019", "year", "2019"),
    ("वर्ष 2008 में यह पुल बना।", "वर्ष 2008", "2008", "year", "2008"),
    ("12 नवंबर 2021 को समझौता हुआ।", "12 नवंबर 2021", "2021-11-12", "day", "2021-11-12"),
    ("१५ अगस्त १९४७ को देश आजाद हुआ।", "१५ अगस्त १९४७", "1947-08-15", "day", "1947-08-15"),
    ("मार्च 2020 में तालाबंदी हुई।", "मार्च 2020", "2020-03", "month", "2020-03"),
    ("दस्तावेज़ 05/09/2023 को जारी हुआ।", "05/09/2023", "2023-09-05", "day", "2023-09-05"),
    ("बैठक 2 सितंबर को हुई थी।", "2 सितंबर", "2023-09-02", "day", None),
]


@pytest.mark.parametrize(("sentence", "text", "value", "precision", "bare"), CASES)
def test_with_and_without_anchor(
    sentence: str, text: str, value: str, precision: str, bare: str | None
) -> None:
    for anchor, expected in ((PUB, value), (None, bare)):
        found = [t for t in find_times(sentence, 0, len(sentence), anchor) if t.text == text]
        assert found, (sentence, anchor)
        t = found[0]
        assert (t.value, t.precision) == (expected, precision), (sentence, anchor)
        relative = bare is None
        assert t.anchor == (PUB.isoformat() if anchor and relative else None)


def test_kal_without_tense_is_not_guessed() -> None:
    sentence = "कल का मौसम साफ"
    (t,) = find_times(sentence, 0, len(sentence), PUB)
    assert t.value is None and t.precision == "day"


def test_vague_recent_has_no_value() -> None:
    sentence = "वह हाल ही में लौटा था"
    (t,) = find_times(sentence, 0, len(sentence), PUB)
    assert t.text == "हाल ही में" and t.value is None


def test_anchor_from_metadata() -> None:
    assert anchor_date(make_doc("कुछ", "2024-02-29T08:00:00+05:30")) == dt.date(2024, 2, 29)
    assert anchor_date(make_doc("कुछ")) is None
    assert anchor_date(make_doc("कुछ", "not a date")) is None


def test_month_arithmetic_crosses_year() -> None:
    sentence = "पिछले महीने ठंड थी"
    (t,) = find_times(sentence, 0, len(sentence), dt.date(2024, 1, 31))
    assert t.value == "2023-12"
