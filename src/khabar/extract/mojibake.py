"""Repair of mojibake: UTF-8 text that was read as a single-byte code page and saved again.

Devanagari in UTF-8 is three bytes a letter (E0 A4 95 for क). Read as cp866 they show as
"рдХ", as cp1251 as "а¤•", as cp1252 or Latin-1 as "à¤•". Each character of such a run maps
back to exactly one byte; where those bytes form valid UTF-8 sequences, the sequences are
decoded and put back. A code page is used only when its repairs cover most of the text it
could have garbled, so genuine Cyrillic or Latin text is left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

CODEPAGES = ("cp1252", "cp1251", "cp866")
MIN_SEQUENCES = 2
MIN_COVERAGE = 0.5
MIN_DOMINANCE = 0.8
# Valid multi-byte UTF-8 sequences (no overlongs, no surrogates). The stdlib ``re`` is used
# on purpose: these are plain character classes, no ``\\w``, and ``re`` scans them ~6x faster.
_UTF8_SEQ = re.compile(
    rb"[\xC2-\xDF][\x80-\xBF]|\xE0[\xA0-\xBF][\x80-\xBF]|[\xE1-\xEC\xEE\xEF][\x80-\xBF]{2}"
    rb"|\xED[\x80-\x9F][\x80-\xBF]|\xF0[\x90-\xBF][\x80-\xBF]{2}|[\xF1-\xF3][\x80-\xBF]{3}"
    rb"|\xF4[\x80-\x8F][\x80-\xBF]{2}"
)


@dataclass(frozen=True, slots=True)
class _Codepage:
    name: str
    to_byte: dict[str, int]
    run: re.Pattern[str]
    probe: re.Pattern[str]


def _byte_table(name: str) -> dict[str, int]:
    """Character -> byte of code page ``name``, 'sloppy': undefined bytes stand for
    themselves, and Latin-1 control characters map to their bytes as Latin-1 readers leave
    them."""
    to_byte: dict[str, int] = {}
    for value in range(0x80, 0x100):
        try:
            char = bytes([value]).decode(name)
        except UnicodeDecodeError:
            char = chr(value)
        to_byte[char] = value
    for value in range(0x80, 0xA0):
        to_byte.setdefault(chr(value), value)
    return to_byte


def _char_class(chars: set[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


@cache
def _probe(names: tuple[str, ...]) -> re.Pattern[str]:
    """A UTF-8 lead byte followed by a continuation byte, as any of ``names`` shows them."""
    leads: set[str] = set()
    conts: set[str] = set()
    for name in names:
        for char, value in _byte_table(name).items():
            if 0xC2 <= value <= 0xF4:
                leads.add(char)
            elif 0x80 <= value <= 0xBF:
                conts.add(char)
    return re.compile(_char_class(leads) + _char_class(conts))


@cache
def _codepage(name: str) -> _Codepage:
    to_byte = _byte_table(name)
    run = re.compile(_char_class(set(to_byte)) + "+")
    return _Codepage(name, to_byte, run, _probe((name,)))


@dataclass(slots=True)
class Repair:
    """A code page's repair of a text, with the evidence for it."""

    text: str
    codepage: str
    sequences: int = 0
    covered: int = 0
    candidates: int = 0
    decoded: list[str] = field(default_factory=list)

    @property
    def coverage(self) -> float:
        """Share of the characters this code page could have garbled that were repaired."""
        return self.covered / max(1, self.candidates)

    @property
    def dominance(self) -> float:
        """Share of repaired letters in their most common 128-character block: garbled
        Hindi comes back all Devanagari, while genuine Cyrillic 'repairs' to a scatter."""
        blocks = Counter(ord(c) >> 7 for c in self.decoded if not 0x2000 <= ord(c) < 0x2070)
        if not blocks:
            return 1.0
        return blocks.most_common(1)[0][1] / sum(blocks.values())

    @property
    def plausible(self) -> bool:
        return (self.sequences >= MIN_SEQUENCES and self.coverage >= MIN_COVERAGE
                and self.dominance >= MIN_DOMINANCE)


def _repair_run(run: str, page: _Codepage, repair: Repair) -> str:
    data = bytes(page.to_byte[c] for c in run)
    out: list[str] = []
    pos = 0
    for match in _UTF8_SEQ.finditer(data):
        char = match.group().decode("utf-8")
        out.append(run[pos : match.start()])
        out.append(char)
        pos = match.end()
        repair.sequences += 1
        repair.covered += match.end() - match.start()
        repair.decoded.append(char)
    out.append(run[pos:])
    repair.candidates += len(run)
    return "".join(out)


def repair_with(text: str, name: str) -> Repair:
    """``text`` repaired as if it had been read as code page ``name``."""
    page = _codepage(name)
    repair = Repair(text, name)
    if not page.probe.search(text):
        return repair
    parts: list[str] = []
    pos = 0
    for match in page.run.finditer(text):
        parts.append(text[pos : match.start()])
        parts.append(_repair_run(match.group(), page, repair))
        pos = match.end()
    parts.append(text[pos:])
    repair.text = "".join(parts)
    return repair


def repair_mojibake(text: str, codepages: tuple[str, ...] = CODEPAGES) -> tuple[str, list[str]]:
    """(repaired text, code pages undone, in order). Twice-garbled text is undone twice."""
    undone: list[str] = []
    for _round in range(2):
        if text.isascii() or not _probe(tuple(codepages)).search(text):
            break
        repairs = [r for r in (repair_with(text, n) for n in codepages) if r.plausible]
        if not repairs:
            break
        best = max(repairs, key=lambda r: r.sequences)
        text = best.text
        undone.append(best.codepage)
    return text, undone
