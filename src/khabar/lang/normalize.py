"""Text normalisation (placeholder: NFC and white space; the Hindi text layer replaces it)."""

from __future__ import annotations

import unicodedata

import regex

_SPACE = regex.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalize_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u200b", "").replace("\ufeff", "")
    lines = [_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)
