"""Script-neutral Latin keys for names: किरबी ~ Kirby, शोइजू ~ Shoigu, पुतिन ~ Putin.

Two layers:

* :func:`devanagari_to_latin` — a plain romanisation of Devanagari with Hindi schwa deletion
  (the inherent ``a`` is dropped word-finally after a single consonant, and medially in a
  ``VC_CV`` context, scanning right to left).
* :func:`latin_key` — a lossy phonetic key over Latin text: lower case, accents stripped,
  aspiration and digraphs folded (``sh``→``s``, ``ph``→``f``, ``kh``→``k``), ``w``→``v``,
  ``z``/``g``→``j``, ``c``/``q``→``k``/``s``, long vowels shortened, doubled letters collapsed.

:func:`name_key` combines both for any script. :func:`skeleton` drops the vowels of a key, for
candidate generation across misspellings (शरजेई ~ Sergei).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

_CONSONANTS: dict[str, str] = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n",
    "च": "ch", "छ": "chh", "ज": "j", "झ": "jh", "ञ": "n",
    "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n",
    "त": "t", "थ": "th", "द": "d", "ध": "dh", "न": "n",
    "प": "p", "फ": "ph", "ब": "b", "भ": "bh", "म": "m",
    "य": "y", "र": "r", "ल": "l", "ळ": "l", "व": "v",
    "श": "sh", "ष": "sh", "स": "s", "ह": "h",
    "क़": "q", "ख़": "kh", "ग़": "g", "ज़": "z", "ड़": "r", "ढ़": "rh", "फ़": "f", "य़": "y",
    "ऩ": "n", "ऱ": "r", "ऴ": "l",
}
_NUKTA_FORMS = {"क": "क़", "ख": "ख़", "ग": "ग़", "ज": "ज़", "ड": "ड़", "ढ": "ढ़", "फ": "फ़", "य": "य़"}
_VOWELS: dict[str, str] = {
    "अ": "a", "आ": "aa", "इ": "i", "ई": "ii", "उ": "u", "ऊ": "uu", "ऋ": "ri",
    "ए": "e", "ऐ": "ai", "ओ": "o", "औ": "au", "ऑ": "o", "ऍ": "e", "ॲ": "e",
    "ऎ": "e", "ऒ": "o",
}
_MATRAS: dict[str, str] = {
    "ा": "aa", "ि": "i", "ी": "ii", "ु": "u", "ू": "uu", "ृ": "ri",
    "े": "e", "ै": "ai", "ो": "o", "ौ": "au", "ॉ": "o", "ॅ": "e", "ॆ": "e", "ॊ": "o",
}
_VIRAMA = "्"
_NUKTA = "़"
_NASALS = {"ं": "n", "ँ": "n", "ः": "h"}
_LABIALS = frozenset("pbm")
_KEEP_AFTER_CONJUNCT = frozenset({"r", "y", "v", "l"})
_DIGITS = {chr(0x966 + i): str(i) for i in range(10)}


class _Unit:
    """One akshara piece: a consonant with its vowel, or an independent vowel."""

    __slots__ = ("conj", "cons", "nasal", "schwa", "vowel")

    def __init__(self, cons: str = "", vowel: str = "", schwa: bool = False) -> None:
        self.cons = cons
        self.vowel = vowel
        self.schwa = schwa  # the vowel is the inherent a, open to deletion
        self.conj = False  # this consonant is the end of a conjunct (C + virama + C)
        self.nasal = ""


def _units(word: str) -> list[_Unit]:
    units: list[_Unit] = []
    chars = list(word)
    i = 0
    while i < len(chars):
        ch = chars[i]
        if i + 1 < len(chars) and chars[i + 1] == _NUKTA and ch in _NUKTA_FORMS:
            ch = _NUKTA_FORMS[ch]
            i += 1
        i += 1
        if ch in _CONSONANTS:
            prev_virama = bool(units) and units[-1].cons != "" and units[-1].vowel == _VIRAMA
            unit = _Unit(_CONSONANTS[ch], "a", schwa=True)
            unit.conj = prev_virama
            units.append(unit)
        elif ch in _MATRAS and units and units[-1].cons and units[-1].schwa:
            units[-1].vowel, units[-1].schwa = _MATRAS[ch], False
        elif ch == _VIRAMA and units and units[-1].cons:
            units[-1].vowel, units[-1].schwa = _VIRAMA, False
        elif ch in _VOWELS:
            units.append(_Unit("", _VOWELS[ch]))
        elif ch in _NASALS and units:
            units[-1].nasal += _NASALS[ch]
        elif ch in _DIGITS:
            units.append(_Unit(_DIGITS[ch], ""))
        elif ch.isascii() and ch.isalnum():
            units.append(_Unit(ch.lower(), ""))
    return units


def _delete_schwas(units: list[_Unit]) -> None:
    """Hindi schwa deletion, right to left (after Ohala): final, then ``VC_CV``."""
    n = len(units)
    for k in range(n - 1, -1, -1):
        unit = units[k]
        if not unit.schwa or unit.nasal:
            continue
        if k == n - 1:
            # word-final schwa goes, except in a one-unit word or after a conjunct ending in
            # a semivowel (mitra, rajya, shukla; but park, sanyukt, times lose it)
            if k > 0 and not (unit.conj and unit.cons in _KEEP_AFTER_CONJUNCT):
                unit.vowel = ""
            continue
        if k == 0:
            continue
        nxt = units[k + 1]
        prev = units[k - 1]
        next_has_vowel = nxt.cons != "" and nxt.vowel not in ("", _VIRAMA)
        prev_has_vowel = prev.vowel not in ("", _VIRAMA)
        if next_has_vowel and prev_has_vowel and not unit.conj and nxt.vowel != "":
            unit.vowel = ""


def _render(units: list[_Unit]) -> str:
    out: list[str] = []
    for k, unit in enumerate(units):
        vowel = "" if unit.vowel == _VIRAMA else unit.vowel
        out.append(unit.cons + vowel)
        if unit.nasal:
            nxt = units[k + 1].cons[:1] if k + 1 < len(units) else ""
            out.append(unit.nasal.replace("n", "m") if nxt in _LABIALS and nxt else unit.nasal)
    return "".join(out)


_DEVA_WORD = regex.compile(r"[\p{Devanagari}]+|[^\p{Devanagari}]+")
_IS_DEVA = regex.compile(r"\p{Devanagari}")
_NON_WORD_SPLIT = regex.compile(r"([^\p{L}\p{M}\p{N}]+)")


def devanagari_to_latin(text: str) -> str:
    """Romanise the Devanagari words of ``text`` (other characters pass through)."""
    parts: list[str] = []
    for m in _DEVA_WORD.finditer(unicodedata.normalize("NFC", text)):
        piece = m.group()
        if _IS_DEVA.match(piece):
            for word in _NON_WORD_SPLIT.split(piece):
                units = _units(word)
                _delete_schwas(units)
                parts.append(_render(units) if units else word)
        else:
            parts.append(piece)
    return "".join(parts)


_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("chh", "c"), ("sch", "s"), ("tch", "c"), ("ch", "c"), ("sh", "s"), ("zh", "j"),
    ("ph", "f"), ("kh", "k"), ("gh", "g"), ("th", "t"), ("dh", "d"), ("bh", "b"),
    ("jh", "j"), ("rh", "r"), ("ck", "k"), ("ks", "x"),
)
_VOWEL_FOLDS: tuple[tuple[str, str], ...] = (
    ("aa", "a"), ("ee", "i"), ("ii", "i"), ("oo", "u"), ("uu", "u"), ("ou", "u"),
    ("ey", "ei"), ("ay", "ai"), ("ye", "e"), ("ie", "i"),
)
_ONE = str.maketrans({"w": "v", "z": "j", "g": "j", "q": "k", "y": "i", "x": "ks"})
_NON_ALNUM = regex.compile(r"[^a-z0-9]+")
_DOUBLE = regex.compile(r"(.)\1+")
_SOFT_C = regex.compile(r"c(?=[eiy])")
_VOWEL = regex.compile(r"[aeiou]")


def _fold_word(word: str) -> str:
    if not word:
        return ""
    word = _SOFT_C.sub("s", word)
    for old, new in _DIGRAPHS:
        word = word.replace(old, new)
    # a remaining h is kept only word-initially (John ~ जॉन, Bahrain ~ बहरीन)
    word = word[:1] + word[1:].replace("h", "")
    word = word.replace("c", "k")
    for old, new in _VOWEL_FOLDS:
        word = word.replace(old, new)
    word = word.translate(_ONE)
    return _DOUBLE.sub(r"\1", word)


def latin_key(text: str) -> str:
    """Phonetic key of Latin text: ``"Vladimir Putin"`` → ``"vladimir putin"``."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    words = _NON_ALNUM.sub(" ", plain).split()
    return " ".join(w for w in (_fold_word(w) for w in words) if w)


_NAME_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")


@lru_cache(maxsize=200_000)
def _word_key(word: str) -> str:
    if word.isascii():
        return latin_key(word)
    return latin_key(devanagari_to_latin(word))


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Script-neutral key of a name in Devanagari or Latin script (others: Latin part only)."""
    keys = (_word_key(w) for w in _NAME_WORD.findall(text))
    return " ".join(k for k in keys if k)


def skeleton(key: str) -> str:
    """The key without vowels except a word-initial one: ``"sarjei soiju"`` → ``"srj sj"``."""
    return " ".join(w[:1] + _VOWEL.sub("", w[1:]) for w in key.split())
