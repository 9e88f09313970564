"""Step ``decode``: the record's bytes to text (BOM, declared charset, UTF-8, detection).

Rejects empty input (E103), binary input (E104) and input no charset explains (E105) by
setting ``doc.rejected``; never raises on bad bytes.
"""

from __future__ import annotations

import codecs
import re

from khabar.document import Document, Rejection
from khabar.pipeline import Step, register

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CHARSET_RE = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Control bytes that never occur in text (TAB, LF, CR, FF, ESC are allowed).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def looks_binary(data: bytes, max_control_ratio: float) -> bool:
    sample = data[:65536]
    if not sample:
        return False
    if b"\x00" in sample:
        return not _utf16_without_bom(sample)
    controls = sum(sample.count(bytes([c])) for c in _CONTROL)
    return controls / len(sample) > max_control_ratio


def _utf16_without_bom(sample: bytes) -> bool:
    zeros_even = sample[0::2].count(0)
    zeros_odd = sample[1::2].count(0)
    half = max(1, len(sample) // 2)
    return max(zeros_even, zeros_odd) / half > 0.3 and min(zeros_even, zeros_odd) / half < 0.05


def declared_charset(data: bytes, content_type: str | None) -> str | None:
    """Charset from the HTTP header, else from an HTML/XML declaration in the first 4 KiB."""
    for blob in (content_type.encode("latin-1", "ignore") if content_type else b"", data[:4096]):
        match = _CHARSET_RE.search(blob)
        if match:
            name = match.group(1).decode("ascii", "ignore")
            try:
                return codecs.lookup(name).name
            except LookupError:
                continue
    return None


def decode_bytes(data: bytes, content_type: str | None = None) -> tuple[str, str] | None:
    """(text, encoding) or None when no encoding explains the bytes."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data, content_type)
    if declared and declared != "utf-8":
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:262144]).best()
    if best is not None:
        return data.decode(best.encoding, errors="replace"), best.encoding
    return None


@register
class Decode(Step):
    name = "decode"
    assigns = ("source_text", "meta.encoding")

    def __call__(self, doc: Document) -> None:
        data = doc.raw if doc.raw is not None else doc.text.encode("utf-8")
        if not data.strip():
            doc.rejected = Rejection("E103", "the input is empty", self.name)
            return
        if looks_binary(data, float(self.config.get("max_control_ratio", 0.02))):
            doc.rejected = Rejection("E104", "the input is binary, not text", self.name)
            return
        decoded = decode_bytes(data, doc.meta.content_type)
        if decoded is None:
            doc.rejected = Rejection("E105", "no character encoding explains the input", self.name)
            return
        text, encoding = decoded
        replaced = text.count("\ufffd")
        if replaced > max(16, len(text) * float(self.config.get("max_replacement_ratio", 0.01))):
            doc.rejected = Rejection(
                "E105", f"the input is not valid text ({replaced} undecodable bytes)", self.name
            )
            return
        if replaced:
            doc.meta.flags.append("decode:replaced_bytes")
        doc.meta.encoding = encoding
        doc.source_text = text
