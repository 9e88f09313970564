"""Detection of Hindi typed in legacy font encodings (KrutiDev, Chanakya).

Such text is Latin-1 on the wire: "Hkkjr" is भारत only in the KrutiDev font. It cannot be
read as Hindi without converting it, so the Document is flagged ``legacy-font:<name>`` for
the user (and later a converter) to act on. The marker words live in
``data/legacy_fonts.toml``.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data") / "legacy_fonts.toml"
# Markup only (no word classes), so the faster stdlib ``re`` serves.
_TAG = re.compile(r"<[^>]*>")
MAX_SCAN = 200_000


@dataclass(frozen=True, slots=True)
class LegacyFont:
    name: str
    markers: frozenset[str]
    min_hits: int
    min_share: float
    strip: str
    strong: frozenset[str]


@cache
def legacy_fonts() -> tuple[LegacyFont, ...]:
    with DATA.open("rb") as fh:
        data = tomllib.load(fh)
    return tuple(
        LegacyFont(name, frozenset(t["markers"]), int(t["min_hits"]), float(t["min_share"]),
                   str(t.get("strip", "")), frozenset(t.get("strong", t["markers"])))
        for name, t in data.items()
    )


def detect_legacy_font(text: str) -> str | None:
    """The legacy encoding ``text`` (plain or HTML) is typed in, or None."""
    sample = _TAG.sub(" ", text[:MAX_SCAN])
    total = len(sample.split())
    if not total:
        return None
    # Only a word made of characters the markers (or their trailing strip) use can be one.
    counts = Counter(_candidate_words().findall(sample))
    best: tuple[float, str] | None = None
    for font in legacy_fonts():
        found: Counter[str] = Counter()
        for word, n in counts.items():
            marker = _marker(word, font)
            if marker:
                found[marker] += n
        share = sum(found.values()) / total
        distinct = set(found)
        if (len(distinct) >= font.min_hits and share >= font.min_share
                and distinct & font.strong and (best is None or share > best[0])):
            best = (share, font.name)
    return best[1] if best else None


@cache
def _candidate_words() -> re.Pattern[str]:
    """Whitespace-delimited words made only of characters of some font's markers or strip."""
    chars: set[str] = set()
    for font in legacy_fonts():
        chars.update(*font.markers, font.strip)
    body = "".join(re.escape(c) for c in sorted(chars))
    return re.compile(rf"(?<!\S)[{body}]+(?!\S)")


def _marker(word: str, font: LegacyFont) -> str | None:
    if word in font.markers:
        return word
    bare = word.rstrip(font.strip)
    return bare if bare in font.markers else None
