"""Step ``decode``: the record's bytes to text, repaired.

Order: a byte-order mark; valid UTF-8 (pages that declare Latin-1 but send UTF-8 are
common); UTF-8 with a few bad sequences (a file cut inside a character: kept, the bad bytes
replaced and flagged); the declared charset (HTTP header, then ``<meta charset>`` / XML declaration;
Latin-1 and ASCII labels read as windows-1252, as browsers do); detection with
charset-normalizer. Then mojibake (UTF-8 read as cp1252 / Latin-1 / cp1251 / cp866) is
undone and Hindi typed in a legacy font (KrutiDev, Chanakya) is flagged.

Rejects empty input (E103), binary input (E104) and input no charset explains (E105) by
setting ``doc.rejected``; never raises on bad bytes.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from khabar.document import Document, Rejection
from khabar.extract.legacy_fonts import detect_legacy_font
from khabar.extract.mojibake import repair_mojibake
from khabar.pipeline import Step, register

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHARSET_RE = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING_RE = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
# Labels browsers read as windows-1252 (WHATWG Encoding Standard).
_AS_CP1252 = {"latin_1", "iso8859-1", "ascii", "cp1252"}
# Control bytes that never occur in text (TAB, LF, CR, FF, ESC are allowed).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
DETECT_BYTES = 262144
_UTF8_SHARE = 20  # valid non-ASCII characters per bad sequence for damaged UTF-8


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    how: str
    flags: list[str] = field(default_factory=list)


def looks_binary(data: bytes, max_control_ratio: float) -> bool:
    sample = data[:65536]
    if not sample:
        return False
    if b"\x00" in sample:
        return not _utf16_without_bom(sample)
    controls = len(sample) - len(sample.translate(None, _CONTROL))  # one pass, not one a byte
    return controls / len(sample) > max_control_ratio


def _utf16_without_bom(sample: bytes) -> bool:
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    half = max(1, len(sample) // 2)
    return max(zeros_even, zeros_odd) / half > 0.3 and min(zeros_even, zeros_odd) / half < 0.05


def declared_labels(data: bytes, content_type: str | None) -> list[str]:
    """Charset labels as declared: HTTP header first, then the document's own."""
    labels: list[str] = []
    if content_type:
        match = _CHARSET_RE.search(content_type.encode("latin-1", "ignore"))
        if match:
            labels.append(match.group(1).decode("ascii", "ignore"))
    head = data[:4096]
    for pattern in (_XML_ENCODING_RE, _CHARSET_RE):
        match = pattern.search(head)
        if match:
            labels.append(match.group(1).decode("ascii", "ignore"))
    return labels


def codec_name(label: str) -> str | None:
    """Python's codec for a charset label, or None when Python does not know it."""
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "cp1252" if name in _AS_CP1252 else name


def declared_charset(data: bytes, content_type: str | None) -> str | None:
    """The first declared charset Python knows."""
    for label in declared_labels(data, content_type):
        name = codec_name(label)
        if name is not None:
            return name
    return None


def decode_bytes(data: bytes, content_type: str | None = None) -> tuple[str, str] | None:
    """(text, encoding) or None when no encoding explains the bytes."""
    decoded = decode(data, content_type)
    return (decoded.text, decoded.encoding) if decoded is not None else None


def decode(data: bytes, content_type: str | None = None) -> Decoded | None:
    """The bytes as text, with how the encoding was found; None when nothing explains them."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(name, errors="replace"), name, "bom")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged
    flags: list[str] = []
    for label in declared_labels(data, content_type):
        codec = codec_name(label)
        if codec is None:
            flags.append(f"decode:unknown-charset:{label.lower()}")
            continue
        if codec == "utf-8":
            continue
        try:
            return Decoded(data.decode(codec), codec, "declared", flags)
        except (UnicodeDecodeError, LookupError):
            flags.append(f"decode:wrong-charset:{codec}")
    return _detect(data, flags)


def _damaged_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few bad byte sequences (a file cut inside a character, a stray byte):
    at least ``_UTF8_SHARE`` valid non-ASCII characters per bad sequence. Text in a one-byte
    code page has few valid UTF-8 sequences and is left to the declared or detected charset."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    wide = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    if bad > 0 and wide >= _UTF8_SHARE * bad:
        return Decoded(text, "utf-8", "utf-8-damaged")
    return None


def _detect(data: bytes, flags: list[str]) -> Decoded | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:DETECT_BYTES]).best()
    if best is None:
        return None
    name = codec_name(best.encoding) or best.encoding
    return Decoded(data.decode(name, errors="replace"), name, "detected", flags)


def repair(text: str) -> tuple[str, list[str]]:
    """(text with mojibake undone, flags: mojibake code pages undone, legacy font found)."""
    flags: list[str] = []
    fixed, undone = repair_mojibake(text)
    flags.extend(f"mojibake:{name}" for name in undone)
    font = detect_legacy_font(fixed)
    if font is not None:
        flags.append(f"legacy-font:{font}")
    return fixed, flags


@register
class Decode(Step):
    name = "decode"
    assigns = ("source_text", "meta.encoding", "meta.flags")

    def __call__(self, doc: Document) -> None:
        data = doc.raw if doc.raw is not None else doc.text.encode("utf-8")
        if not data.strip():
            doc.rejected = Rejection("E103", "the input is empty", self.name)
            return
        if looks_binary(data, float(self.config.get("max_control_ratio", 0.02))):
            doc.rejected = Rejection("E104", "the input is binary, not text", self.name)
            return
        decoded = decode(data, doc.meta.content_type)
        if decoded is None:
            doc.rejected = Rejection("E105", _undecodable_reason(data, doc), self.name)
            return
        replaced = decoded.text.count("\ufffd")
        limit = max(16, len(decoded.text) * float(self.config.get("max_replacement_ratio", 0.01)))
        if replaced > limit:
            reason = f"the input is not valid text ({replaced} undecodable bytes)"
            doc.rejected = Rejection("E105", reason, self.name)
            return
        doc.meta.flags.extend(decoded.flags)
        if replaced:
            doc.meta.flags.append("decode:replaced_bytes")
        if decoded.how == "detected":
            doc.meta.flags.append("decode:detected")
        text = decoded.text
        if self.config.get("repair", True):
            text, flags = repair(text)
            doc.meta.flags.extend(flags)
        doc.meta.encoding = decoded.encoding
        doc.source_text = text


def _undecodable_reason(data: bytes, doc: Document) -> str:
    unknown = [
        label for label in declared_labels(data, doc.meta.content_type)
        if codec_name(label) is None
    ]
    if unknown:
        return (f"the input declares charset {unknown[0]!r}, which is unknown, and no "
                "encoding explains its bytes")
    return "no character encoding explains the input"
