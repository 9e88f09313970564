"""Token features for the Hindi NER tagger (CRF through python-crfsuite).

Feature extraction is lean on purpose: everything that depends on one word only is computed
once per word form and cached; a sentence then only adds window, cue and gazetteer-span
features. The normalisation here is local and frozen (NFC, nukta and zero-width joiners
removed, candrabindu as anusvara, Latin lower case) so that the shipped model keeps seeing the
features it was trained with even if the text layer's matching key changes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

_FOLD = str.maketrans({"\u093c": None, "\u200c": None, "\u200d": None, "\u0901": "\u0902"})
_MAX_SPAN = 4
_WINDOW = (-2, -1, 1, 2)
_CACHE_LIMIT = 200_000
_EDGE = tuple(f"{off}n=#" for off in _WINDOW)
CLUSTER_FILE = "ner_clusters.tsv"


_NASALS = {
    "ङ": "कखगघ",
    "ञ": "चछजझ",
    "ण": "टठडढ",
    "न": "तथदध",
    "म": "पफबभ",
}
_ANUSVARA = tuple(
    (nasal + "\u094d" + stop, "\u0902" + stop)
    for nasal, stops in _NASALS.items()
    for stop in stops
)


def fold(word: str) -> str:
    """The frozen matching form of one token: NFC, no nukta or zero-width joiners, candrabindu
    and a homorganic half nasal as anusvara (हिन्दी = हिंदी), Latin lower case."""
    key = unicodedata.normalize("NFC", word).translate(_FOLD).lower()
    if "\u094d" in key:
        for half, anusvara in _ANUSVARA:
            if half in key:
                key = key.replace(half, anusvara)
    return key


def _read_lines(name: str) -> list[str]:
    text = resources.files("khabar.entities").joinpath("data", name).read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


@dataclass(frozen=True)
class Lexicons:
    """Word sets (single folded tokens) and phrase tables (tuples of folded tokens)."""

    given: frozenset[str]
    surname: frozenset[str]
    org_head: frozenset[str]
    title: frozenset[str]
    postposition: frozenset[str]
    place_cue: frozenset[str]
    letters: frozenset[str]
    clusters: dict[str, tuple[str, str]]
    phrases: dict[str, dict[tuple[str, ...], str]]

    @property
    def stop_words(self) -> frozenset[str]:
        """Cue and function words that are never a one-word name."""
        return self.postposition | self.title | self.place_cue | self.org_head

    @classmethod
    def load(cls) -> Lexicons:
        def words(name: str) -> frozenset[str]:
            return frozenset(fold(line) for line in _read_lines(name))

        table: dict[tuple[str, ...], str] = {}
        for kind, names in (
            ("wd", ("ner_wikidata_names.txt",)),
            ("loc", ("ner_india_places.txt", "ner_cldr_places.txt")),
        ):
            for name in names:
                for line in _read_lines(name):
                    table[tuple(fold(part) for part in line.replace("-", " - ").split())] = kind
        phrases = index_phrases(table)
        return cls(
            given=words("ner_given_names.txt"),
            surname=words("ner_surnames.txt"),
            org_head=words("ner_org_words.txt"),
            title=words("ner_titles.txt"),
            postposition=words("ner_postpositions.txt"),
            place_cue=words("ner_place_cues.txt"),
            letters=words("ner_letter_names.txt"),
            clusters=_read_clusters(CLUSTER_FILE),
            phrases=phrases,
        )


def _read_clusters(name: str) -> dict[str, tuple[str, str]]:
    """``word<TAB>coarse<TAB>fine`` rows; a missing file gives no clusters."""
    try:
        lines = _read_lines(name)
    except FileNotFoundError:
        return {}
    table: dict[str, tuple[str, str]] = {}
    for line in lines:
        parts = line.split("\t")
        if len(parts) == 3:
            table[parts[0]] = (parts[1], parts[2])
    return table


def index_phrases(table: dict[tuple[str, ...], str]) -> dict[str, dict[tuple[str, ...], str]]:
    """Phrase table keyed by its first token, for the longest-match scan."""
    index: dict[str, dict[tuple[str, ...], str]] = {}
    for key, kind in table.items():
        if 0 < len(key) <= _MAX_SPAN:
            index.setdefault(key[0], {})[key] = kind
    return index


@cache
def lexicons() -> Lexicons:
    return Lexicons.load()


_KB_KINDS = {
    "person": "kbp",
    "organisation": "kbo",
    "media": "kbo",
    "group": "kbo",
    "country": "kbl",
    "region": "kbl",
    "city": "kbl",
    "location": "kbl",
    "facility": "kbl",
}


@cache
def kb_phrases() -> dict[str, dict[tuple[str, ...], str]]:
    """The shipped knowledge base's Hindi and English names (folded tokens) by kind."""
    from khabar.kb.loader import load_kb

    table: dict[tuple[str, ...], str] = {}
    for entity in load_kb():
        kind = _KB_KINDS.get(entity.type)
        if kind is None:
            continue
        for lang, name in entity.all_names():
            if lang in ("hi", "en"):
                table.setdefault(tuple(fold(part) for part in name.split()), kind)
    return index_phrases(table)


def is_acronym(key: str, letters: frozenset[str]) -> bool:
    """Whether a folded Devanagari token splits wholly into two or more letter names."""
    if len(key) < 2 or len(key) > 16 or not "\u0900" <= key[0] <= "\u097f":
        return False
    best = [0] + [99] * len(key)  # fewest letter names covering key[:i]
    for end in range(1, len(key) + 1):
        for size in range(1, min(6, end) + 1):
            if best[end - size] + 1 < best[end] and key[end - size : end] in letters:
                best[end] = best[end - size] + 1
    return 2 <= best[-1] < 99


def _char_class(char: str) -> str:
    if "\u0900" <= char <= "\u097f":
        return "d" if "\u0966" <= char <= "\u096f" else "D"
    if char.isdigit():
        return "0"
    if char.isalpha():
        return "A" if char.isupper() else "a"
    return char if char in ".,-/:%()'\"" else "p"


def shape(word: str) -> str:
    """A compressed shape: runs of one character class collapse to one symbol."""
    out: list[str] = []
    for char in word[:12]:
        cls = _char_class(char)
        if not out or out[-1] != cls:
            out.append(cls)
    return "".join(out)


WordInfo = tuple[str, tuple[str, ...], str, str]


class FeatureExtractor:
    """Turns a token sequence into per-token lists of CRF attribute strings."""

    def __init__(self, lex: Lexicons | None = None) -> None:
        self.lex = lex or lexicons()
        self._word_cache: dict[str, WordInfo] = {}
        self._context_cache: dict[str, tuple[tuple[str, ...], ...]] = {}

    def key(self, word: str) -> str:
        """The folded form of a word (cached)."""
        return self._word(word)[0]

    def is_short_form(self, key: str) -> bool:
        """Whether a folded token looks like an acronym (एनएचबी, NHB)."""
        return is_acronym(key, self.lex.letters) or (key.isascii() and key.isalpha())

    def keys(self, words: Sequence[str]) -> list[str]:
        """The folded forms of many words (cached)."""
        cache = self._word_cache
        out = []
        for word in words:
            hit = cache.get(word)
            out.append(hit[0] if hit is not None else self._word(word)[0])
        return out

    def word_features(self, word: str) -> tuple[str, ...]:
        """The attributes of a word that depend on the word alone (cached)."""
        return self._word(word)[1]

    def span_features(self, keys: Sequence[str]) -> list[list[str]]:
        """Gazetteer-phrase attributes (``wd=B1``, ``loc=I3`` …) per folded token."""
        return self._spans(keys)

    def kb_span_features(self, keys: Sequence[str]) -> list[list[str]]:
        """Knowledge-base name matches as span attributes (``kbp=B1`` person, ``kbo``
        organisation / media / group, ``kbl`` place). Not among the CRF's attributes: the
        BiLSTM model reads them when it was trained with them."""
        out: list[list[str]] = [[] for _ in keys]
        _mark(keys, kb_phrases(), "", out)
        return out

    def clear_cache(self) -> None:
        self._word_cache.clear()
        self._context_cache.clear()

    def _word(self, word: str) -> WordInfo:
        """(folded form, word-only features, cue class, coarse cluster) of a word, cached."""
        hit = self._word_cache.get(word)
        if hit is not None:
            return hit
        key = fold(word)
        lex = self.lex
        feats = [
            "w=" + word,
            "n=" + key,
            "sh=" + shape(word),
            "len=" + str(min(len(key), 8)),
        ]
        for k in (1, 2, 3):
            if len(key) > k:
                feats.append(f"p{k}=" + key[:k])
        for k in (1, 2, 3, 4):
            if len(key) > k:
                feats.append(f"s{k}=" + key[-k:])
        cue = ""
        if is_acronym(key, lex.letters) or (len(word) > 1 and word.isupper()):
            feats.append("acr")
            cue = "acr"
        for name, members in (
            ("gn", lex.given),
            ("sn", lex.surname),
            ("org", lex.org_head),
            ("ttl", lex.title),
            ("pp", lex.postposition),
            ("pc", lex.place_cue),
        ):
            if key in members:
                feats.append("lx=" + name)
                cue = cue or name
        coarse, fine = lex.clusters.get(key, ("", ""))
        if coarse:
            feats += ["k=" + coarse, "kf=" + fine]
        result = (key, tuple(feats), cue, coarse)
        if len(self._word_cache) < _CACHE_LIMIT:
            self._word_cache[word] = result
        return result

    def _context(self, word: str, info: WordInfo) -> tuple[tuple[str, ...], ...]:
        """What a word adds to a neighbour's features, for each offset of the window, cached
        (the same strings the window loop would build: ``-1n=…``, ``-1c=…``, ``-1k=…``)."""
        hit = self._context_cache.get(word)
        if hit is not None:
            return hit
        key, _, cue, coarse = info
        result = tuple(
            (f"{off}n=" + key,)
            + ((f"{off}c=" + cue,) if cue else ())
            + ((f"{off}k=" + coarse,) if coarse and off in (-1, 1) else ())
            for off in _WINDOW
        )
        if len(self._context_cache) < _CACHE_LIMIT:
            self._context_cache[word] = result
        return result

    def _spans(self, keys: Sequence[str]) -> list[list[str]]:
        """Longest gazetteer phrase matches as B/I features per token."""
        out: list[list[str]] = [[] for _ in keys]
        _mark(keys, self.lex.phrases, "", out)
        return out

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """CRF attributes for every token of one sentence."""
        info = [self._word(token) for token in tokens]
        keys = [item[0] for item in info]
        cues = [item[2] for item in info]
        context = [self._context(token, item) for token, item in zip(tokens, info, strict=True)]
        spans = self._spans(keys)
        n = len(tokens)
        result: list[list[str]] = []
        for i in range(n):
            feats = ["b", *info[i][1], *spans[i]]
            for k, off in enumerate(_WINDOW):
                j = i + off
                if 0 <= j < n:
                    feats.extend(context[j][k])
                else:
                    feats.append(_EDGE[k])
            if i + 1 < n:
                feats.append("nn=" + keys[i] + "|" + keys[i + 1])
                if cues[i + 1] == "pp":
                    feats.append("pp+1=" + keys[i + 1])
            if i > 0:
                feats.append("pn=" + keys[i - 1] + "|" + keys[i])
            for off in (1, 2, 3):
                if i + off < n and cues[i + off] == "org":
                    feats.append(f"orgR{off}")
            if i + 2 < n and keys[i + 1] == "(" and cues[i + 2] == "acr":
                feats.append("acrR")
            result.append(feats)
        return result


def _mark(
    keys: Sequence[str],
    phrases: dict[str, dict[tuple[str, ...], str]],
    prefix: str,
    out: list[list[str]],
) -> None:
    n = len(keys)
    for start, first in enumerate(keys):
        table = phrases.get(first)
        if table is None:
            continue
        for length in range(min(_MAX_SPAN, n - start), 0, -1):
            kind = table.get(tuple(keys[start : start + length]))
            if kind is None:
                continue
            tag = f"{length if length < 3 else 3}"
            out[start].append(f"{prefix}{kind}=B{tag}")
            for inside in range(start + 1, start + length):
                out[inside].append(f"{prefix}{kind}=I{tag}")
            break
