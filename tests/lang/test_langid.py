"""Language identification on sentences written for these tests, one set per language."""

from __future__ import annotations

import pickle

import pytest

from khabar.lang.langid import LanguageIdentifier, script_counts

LANGUAGES = ("hi", "mr", "ne", "ur", "en", "bn", "gu", "pa")
IDENTIFIER = LanguageIdentifier(LANGUAGES)

SAMPLES = {
    "hi": [
        "नगर निगम ने बारिश से पहले सभी नालों की सफाई का काम शुरू कर दिया है।",
        "किसानों का कहना है कि इस साल गेहूं की फसल अच्छी हुई है और दाम भी ठीक मिले हैं।",
        "पुलिस ने बताया कि आरोपी को रविवार की रात स्टेशन के पास से पकड़ा गया।",
    ],
    "mr": [
        "महापालिकेने पावसाळ्यापूर्वी सर्व नाल्यांची सफाई सुरू केली आहे.",
        "शेतकऱ्यांनी सांगितले की यंदा गव्हाचे पीक चांगले आले आहे आणि भावही योग्य मिळाला.",
        "पोलिसांनी आरोपीला रविवारी रात्री स्थानकाजवळ अटक केली असून तपास सुरू आहे.",
    ],
    "ne": [
        "नगरपालिकाले वर्षा सुरु हुनुअघि सबै नालाहरूको सफाइ सुरु गरेको छ।",
        "किसानहरूले यस वर्ष गहुँको उब्जनी राम्रो भएको र मूल्य पनि ठीक पाएको बताए।",
        "प्रहरीले आरोपीलाई आइतबार राति स्टेसन नजिकबाट पक्राउ गरेको जनाएको छ।",
    ],
    "ur": [
        "بلدیہ نے بارش سے پہلے تمام نالوں کی صفائی کا کام شروع کر دیا ہے۔",
        "کسانوں کا کہنا ہے کہ اس سال گندم کی فصل اچھی ہوئی ہے۔",
    ],
    "en": [
        "The city council has started cleaning all the drains before the monsoon arrives.",
        "Farmers said that the wheat crop was good this year and prices were fair.",
    ],
    "bn": ["পৌরসভা বর্ষার আগে সব নালা পরিষ্কারের কাজ শুরু করেছে।"],
    "gu": ["નગરપાલિકાએ ચોમાસા પહેલાં બધી ગટરોની સફાઈ શરૂ કરી છે."],
    "pa": ["ਨਗਰ ਨਿਗਮ ਨੇ ਬਰਸਾਤ ਤੋਂ ਪਹਿਲਾਂ ਸਾਰੀਆਂ ਨਾਲੀਆਂ ਦੀ ਸਫ਼ਾਈ ਸ਼ੁਰੂ ਕਰ ਦਿੱਤੀ ਹੈ।"],
}


@pytest.mark.parametrize(
    ("lang", "text"), [(lang, text) for lang, texts in SAMPLES.items() for text in texts]
)
def test_each_language(lang: str, text: str) -> None:
    code, score = IDENTIFIER.identify(text)
    assert code == lang, (code, score)
    assert 0.35 <= score <= 1.0


def test_unsure_gives_und() -> None:
    assert IDENTIFIER.identify("")[0] == "und"
    assert IDENTIFIER.identify("12345 !!! ---")[0] == "und"
    assert IDENTIFIER.identify("विदेश")[0] == "und"  # one Devanagari word: no evidence
    assert IDENTIFIER.identify("aaj mausam bahut accha hai")[0] == "und"  # romanised Hindi


def test_language_outside_the_configured_set_is_und() -> None:
    only_hindi = LanguageIdentifier(["hi"])
    assert only_hindi.identify(SAMPLES["bn"][0])[0] == "und"
    assert only_hindi.identify(SAMPLES["hi"][0])[0] == "hi"


def test_script_counts_and_mixed_text_score() -> None:
    counts = script_counts("abc क्षेत्र 12")
    assert counts["Latin"] == 3 and counts["Devanagari"] == 7
    mixed = SAMPLES["hi"][0] + " " + SAMPLES["en"][0] + " " + SAMPLES["en"][1]
    code, score = IDENTIFIER.identify(mixed)
    pure_code, pure_score = IDENTIFIER.identify(SAMPLES["en"][0] + " " + SAMPLES["en"][1])
    assert code == pure_code == "en" and score < pure_score


def test_picklable() -> None:
    clone = pickle.loads(pickle.dumps(IDENTIFIER))
    assert clone.identify(SAMPLES["mr"][0]) == IDENTIFIER.identify(SAMPLES["mr"][0])
