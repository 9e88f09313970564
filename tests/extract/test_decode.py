"""Decoding: declared and detected charsets, mojibake repaired, legacy Hindi fonts flagged."""

from __future__ import annotations

import codecs

import pytest

from khabar.document import Document, Metadata
from khabar.extract.decode import codec_name, declared_charset, decode
from khabar.extract.legacy_fonts import detect_legacy_font
from khabar.extract.mojibake import repair_mojibake
from khabar.pipeline import Pipeline

HINDI = ("राज्य सरकार ने कहा कि नई सड़क का काम अगले महीने शुरू होगा। "
         "ग्रामीणों ने इस फ़ैसले का स्वागत किया और ऊँची आवाज़ में नारे लगाए।")


def sloppy_cp1252(data: bytes) -> str:
    """What a Windows program shows for UTF-8 bytes: cp1252, undefined bytes kept as is."""
    return "".join(
        bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
        for b in data
    )


def garble(text: str, how: str) -> str:
    data = text.encode("utf-8")
    return sloppy_cp1252(data) if how == "cp1252" else data.decode(how)


def test_the_issue_examples() -> None:
    assert garble("कार", "cp866") == "рдХрд╛рд░"
    assert garble("कार", "cp1252") == "à¤•à¤¾à¤°"
    assert repair_mojibake("рдХрд╛рд░ рдХрд╛рд░") == ("कार कार", ["cp866"])
    assert repair_mojibake("à¤•à¤¾à¤° à¤•à¤¾à¤°") == ("कार कार", ["cp1252"])


@pytest.mark.parametrize("how", ["cp1252", "latin-1", "cp1251", "cp866"])
def test_mojibake_repaired(how: str) -> None:
    garbled = garble(HINDI, how)
    assert garbled != HINDI
    fixed, undone = repair_mojibake(garbled)
    assert fixed == HINDI
    assert len(undone) == 1


def test_partly_garbled_text() -> None:
    text = "सही वाक्य। " + garble("यह हिस्सा बिगड़ गया था।", "cp866") + " English stays."
    fixed, _ = repair_mojibake(text)
    assert fixed == "सही वाक्य। यह हिस्सा बिगड़ गया था। English stays."


@pytest.mark.parametrize("text", [
    "Съешь же ещё этих мягких французских булок, да выпей чаю. Ребёнок рекомендует результат.",
    "Ёжик Сёма и её ёлка",
    "Crème brûlée à la française — déjà vu, naïve façade, “quoted” in Zürich.",
    HINDI,
    "plain ascii only",
])
def test_genuine_text_left_alone(text: str) -> None:
    assert repair_mojibake(text) == (text, [])


def doc_of(data: bytes, content_type: str | None = None) -> Document:
    doc = Document(meta=Metadata(content_type=content_type), raw=data)
    return Pipeline(steps=["decode"]).run(doc)


def test_decode_step_repairs_and_flags() -> None:
    page = f"<html><body><p>{garble(HINDI, 'cp1251')}</p></body></html>".encode()
    doc = doc_of(page)
    assert doc.ok
    assert doc.source_text is not None and HINDI in doc.source_text
    assert "mojibake:cp1251" in doc.meta.flags
    assert doc.meta.encoding == "utf-8"


def test_utf8_cut_inside_a_character_is_kept() -> None:
    """A file cut in the middle of a Devanagari letter (a truncated download) or with one
    stray byte is UTF-8 with damage, not undecodable: the text stays, the damage is flagged."""
    data = HINDI.encode("utf-8")
    cut = data[: len(data) - 1]
    decoded = decode(cut)
    assert decoded is not None and decoded.encoding == "utf-8"
    assert decoded.text == HINDI[:-1] + "\ufffd" and decoded.how == "utf-8-damaged"
    at = data.index(b" ", 30)  # between two words
    stray = data[:at] + b"\xff" + data[at:]
    decoded = decode(stray)
    assert decoded is not None and decoded.text.replace("\ufffd", "") == HINDI
    doc = doc_of(cut)
    assert doc.ok and doc.source_text is not None and HINDI[:-1] in doc.source_text
    assert "decode:replaced_bytes" in doc.meta.flags


def test_mostly_one_byte_code_page_is_not_taken_for_damaged_utf8() -> None:
    """Latin text with one accented letter in cp1252 has no valid UTF-8 sequence: it is
    left to detection (the accent is not replaced)."""
    text = "Le marché de la ville ouvre demain matin, dit le maire. " * 4
    decoded = decode(text.encode("cp1252"))
    assert decoded is not None and decoded.how != "utf-8-damaged"
    assert "\ufffd" not in decoded.text


def test_declared_charsets() -> None:
    body = "<p>Café, naïve, 10 €</p>"
    latin = body.encode("cp1252")
    header = "text/html; charset=ISO-8859-1"
    assert declared_charset(latin, header) == "cp1252"  # as browsers read Latin-1 labels
    decoded = decode(latin, header)
    assert decoded is not None and decoded.text == body and decoded.how == "declared"
    meta = b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
    russian = meta + "<p>Новости дня</p>".encode("cp1251")
    decoded = decode(russian)
    assert decoded is not None and "Новости дня" in decoded.text
    assert decoded.encoding == "cp1251"


def test_header_wins_over_meta() -> None:
    data = b'<meta charset="koi8-r"><p>' + "Привет".encode("cp1251") + b"</p>"
    decoded = decode(data, "text/html; charset=windows-1251")
    assert decoded is not None and "Привет" in decoded.text


@pytest.mark.parametrize("bom", ["utf-8-sig", "utf-16"])
def test_bom(bom: str) -> None:
    decoded = decode(HINDI.encode(bom))
    assert decoded is not None and decoded.text.lstrip("\ufeff") == HINDI
    assert decoded.how == "bom"


def test_detection_when_nothing_is_declared() -> None:
    text = "Новости дня: в городе открылся новый мост через реку. " * 20
    decoded = decode(text.encode("cp1251"))
    assert decoded is not None and decoded.how == "detected"
    assert decoded.text == text


def test_unknown_charset_label() -> None:
    assert codec_name("x-user-defined-hindi") is None
    assert codec_name(codecs.lookup("latin-1").name) == "cp1252"


# "भारत सरकार ने कहा कि यह योजना अगले वर्ष से लागू होगी। गाँव के लोगों ने इसका स्वागत
# किया।" typed in the KrutiDev 010 and Chanakya fonts (composed from their key maps).
KRUTIDEV = ('Hkkjr ljdkj us dgk fd ;g ;kstuk vxys o"kZ ls ykxw gksxhA '
            "xkao ds yksxksa us bldk Lokxr fd;kA")
CHANAKYA = ("ÖæÚUÌ âÚU·¤æÚU Ùð ·¤ãæ ç·¤ ØãU ØôÁÙæ ¥»Üð âæÜ âð Üæ»ê ãô»èÐ "
            "»æ¢ß ·ð¤ Üô»ô´ Ùð SßæñÌ ç·¤Øæ ãñÐ")


def test_legacy_fonts_detected() -> None:
    assert detect_legacy_font(KRUTIDEV) == "krutidev"
    assert detect_legacy_font(f"<html><body><p>{CHANAKYA}</p></body></html>") == "chanakya"
    english = ("Let us see what the dk team says; the ls command lists files. "
               "The government said the plan would start next month.")
    assert detect_legacy_font(english) is None
    assert detect_legacy_font(HINDI) is None


def test_krutidev_page_flagged_on_the_document() -> None:
    page = f"<html><body><p>{KRUTIDEV}</p><p>{KRUTIDEV}</p></body></html>".encode()
    doc = doc_of(page, "text/html")
    assert "legacy-font:krutidev" in doc.meta.flags
