"""Name indexes over the knowledge base, shared by the gazetteer and the linker.

Built once per process and knowledge base: exact word-key sequences (spelling variants folded
by ``khabar.lang.normalize.match_key``), script-neutral Latin keys (``khabar.lang.translit``),
vowel-less skeletons of multi-word person and organisation names (for misspellings), demonyms,
and the Aho-Corasick automata the gazetteer runs over a document.
"""

from __future__ import annotations

import gc
import logging
import threading
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ahocorasick
import regex
from rapidfuzz import fuzz

from khabar.kb.loader import KnowledgeBase, load_kb
from khabar.kb.model import KBEntity
from khabar.lang.translit import name_key, skeleton

log = logging.getLogger(__name__)

DATA = Path(__file__).with_name("data")
WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_DEVANAGARI = regex.compile(r"\p{Devanagari}")
_LATIN = regex.compile(r"\p{Latin}")
SKELETON_TYPES = frozenset({"person", "organisation", "media", "group"})


def _fallback_match_key(word: str) -> str:
    key = unicodedata.normalize("NFC", word).replace("\u093c", "").replace("\u0901", "\u0902")
    return key.replace("\u200c", "").replace("\u200d", "").casefold()


def _resolve_match_key() -> Callable[[str], str]:
    try:
        from khabar.lang.normalize import match_key
    except ImportError:  # the text layer may not be there yet
        return _fallback_match_key
    return match_key


_MATCH_KEY = _resolve_match_key()


@lru_cache(maxsize=200_000)
def word_key(word: str) -> str:
    """The matching key of one word: spelling variants folded, Latin case-folded."""
    return _MATCH_KEY(word).casefold()


def words(name: str) -> list[str]:
    return WORD.findall(name)


def phrase_key(name: str) -> str:
    """The key of a name or phrase: its word keys joined by single spaces."""
    return " ".join(word_key(w) for w in words(name))


def read_lines(name: str) -> list[str]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return [ln.strip() for ln in fh if ln.strip() and not ln.startswith("#")]


def read_rows(name: str) -> list[list[str]]:
    return [[c.strip() for c in ln.split("\t")] for ln in read_lines(name)]


@dataclass(frozen=True, slots=True)
class Hit:
    """What a gazetteer key stands for: entities, or a country through a demonym."""

    ids: tuple[str, ...]
    kind: str  # "name" or "demonym"
    latin: bool


@dataclass
class NameIndex:
    kb: KnowledgeBase
    exact: dict[str, list[str]] = field(default_factory=dict)
    latin: dict[str, list[str]] = field(default_factory=dict)
    skeletons: dict[str, list[str]] = field(default_factory=dict)
    buckets: dict[str, list[str]] = field(default_factory=dict)
    hits: dict[str, Hit] = field(default_factory=dict)
    stop: frozenset[str] = frozenset()
    automaton: ahocorasick.Automaton | None = None
    skeleton_automaton: ahocorasick.Automaton | None = None

    def candidates_exact(self, text: str) -> list[str]:
        return self.exact.get(phrase_key(text), [])

    def candidates_latin(self, text: str) -> list[str]:
        return self.latin.get(name_key(text), [])


def _add(table: dict[str, list[str]], key: str, entity_id: str) -> None:
    if not key:
        return
    ids = table.setdefault(key, [])
    if entity_id not in ids:
        ids.append(entity_id)


def _gazetteer_name(entity: KBEntity, name: str, key: str, stop: frozenset[str]) -> bool:
    """Whether the gazetteer may match ``name`` on its own (not a common word, not too weak)."""
    if entity.type == "other" or key in stop or len(key) < 2:
        return False
    if _LATIN.search(name) and " " not in key:
        return len(key) >= 3 or name.isupper()
    if " " not in key and entity.type == "city" and entity.prior < 0.5:
        # a small city's one-word name must sound like its English name (GeoNames lists
        # stray Devanagari alternates) and not be too short to be a word
        return len(key) >= 4 and fuzz.ratio(name_key(name), name_key(entity.name)) >= 70
    return True


def build_index(kb: KnowledgeBase) -> NameIndex:
    stop = frozenset(phrase_key(s) for s in read_lines("gazetteer_stop.txt"))
    index = NameIndex(kb=kb, stop=stop)
    gazetteer: dict[str, list[str]] = {}
    entities = sorted(kb, key=lambda e: (-e.prior, e.id))
    for entity in entities:
        for _lang, name in entity.all_names():
            key = phrase_key(name)
            _add(index.exact, key, entity.id)
            latin = name_key(name)
            _add(index.latin, latin, entity.id)
            if " " in latin and entity.type in SKELETON_TYPES:
                _add(index.skeletons, skeleton(latin), entity.id)
            if _gazetteer_name(entity, name, key, stop):
                _add(gazetteer, key, entity.id)
    for latin in index.latin:
        index.buckets.setdefault(latin[:1], []).append(latin)
    for key, ids in gazetteer.items():
        index.hits[key] = Hit(tuple(ids), "name", bool(_LATIN.search(key)))
    _add_demonyms(index, kb)
    _add_residents(index, kb)
    index.automaton = _automaton(index.hits)
    index.skeleton_automaton = _automaton(dict.fromkeys(index.skeletons, None))
    log.debug("name index: %d keys, %d gazetteer keys", len(index.exact), len(index.hits))
    return index


def _add_demonyms(index: NameIndex, kb: KnowledgeBase) -> None:
    countries = {e.country: e.id for e in kb if e.type == "country" and e.country}
    for row in read_rows("demonyms.tsv"):
        country = countries.get(row[0])
        if country is None:
            continue
        for form in _demonym_forms(row[1].split("|")) + row[2].split("|"):
            key = phrase_key(form)
            if key and key not in index.hits:
                index.hits[key] = Hit((country,), "demonym", bool(_LATIN.search(form)))


def _add_residents(index: NameIndex, kb: KnowledgeBase) -> None:
    """दिल्लीवासी, भारतवासियों: residents of a place, matched like demonyms of it."""
    suffixes = read_lines("resident_suffixes.txt")
    for entity in kb:
        if entity.type not in ("country", "region", "city") or entity.prior < 0.45:
            continue
        for name in entity.names.get("hi", []):
            if " " in name or phrase_key(name) in index.stop:
                continue
            for suffix in suffixes:
                key = phrase_key(name + suffix)
                if key not in index.hits:
                    index.hits[key] = Hit((entity.id,), "demonym", False)


def _demonym_forms(forms: Iterable[str]) -> list[str]:
    """Hindi demonyms with their plural / oblique forms (रूसी → रूसियों)."""
    out: list[str] = []
    for form in forms:
        out.append(form)
        if form.endswith("ी"):
            out += [form[:-1] + "ियों", form[:-1] + "ियो"]
        elif form.endswith("ीय"):
            out += [form + "ों"]
    return out


def _automaton(keys: Mapping[str, object]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    if keys:
        automaton.make_automaton()
    return automaton


_LOCK = threading.Lock()
_INDEXES: dict[tuple[str, ...], NameIndex] = {}


def get_index(user_files: Sequence[str] = ()) -> NameIndex:
    """The index over the shipped knowledge base (plus user files), built once per process."""
    key = tuple(user_files)
    with _LOCK:
        index = _INDEXES.get(key)
        if index is None:
            index = build_index(load_kb(key))
            _INDEXES[key] = index
            # The knowledge base and its index live as long as the process: move them out of
            # the cyclic collector's reach, else every full collection walks their millions
            # of objects again (a third of the pipeline's time on newspaper text).
            gc.freeze()
        return index
