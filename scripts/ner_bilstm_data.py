"""Training data helpers for ``train_ner_bilstm.py``: the unlabelled newspaper text,
tag unions for self-training, mention replacement, and other IL-NER languages written in
Devanagari (each tried as more training data; EVALUATION.md has what each did on dev)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from khabar.entities.features import FeatureExtractor
from khabar.entities.nerdata import Sentence, read_conll, spans

# Unicode blocks of the Brahmic scripts of IL-NER's other languages (same layout as Devanagari)
BLOCKS = {"Odia": 0x0B00, "Telugu": 0x0C00}
OWN_LETTERS = {"\u0b5f": "\u092f", "\u0b71": "\u0935"}  # Odia yya, wa: Devanagari ya, va


def news_lines(root: Path) -> Iterator[tuple[str, list[str]]]:
    """Every paragraph line of the newspaper files (unlabelled text) and its tokens."""
    from khabar.lang.tokens import Tokenizer

    tokenizer = Tokenizer(("hi", "en"))
    for path in sorted(root.rglob("*.txt")):
        if path.name in ("Readme.txt", "SOURCE.txt"):
            continue
        for raw in path.read_text("utf-8", errors="replace").splitlines():
            line = raw.strip()
            yield line, [line[t.start : t.end] for t in tokenizer.tokens(line)]


def news_sentences(fx: FeatureExtractor, root: Path) -> list[list[str]]:
    """Folded tokens of the newspaper lines of at least 20 characters (for word vectors)."""
    return [fx.keys(tokens) for line, tokens in news_lines(root) if len(line) >= 20]


def news_token_sentences(root: Path, limit: int, seed: int) -> list[list[str]]:
    """Sentences (4 to 60 tokens) of the newspaper files, shuffled, the first ``limit``."""
    out: list[list[str]] = []
    for _, tokens in news_lines(root):
        current: list[str] = []
        for token in tokens:
            current.append(token)
            if token in ("।", "?", "!", "|"):
                out.append(current)
                current = []
        out.append(current)
    kept = [s for s in out if 4 <= len(s) <= 60]
    random.Random(seed).shuffle(kept)
    return kept[:limit]


def without_time_names(tokens: list[str], tags: list[str]) -> list[str]:
    """``tags`` with PER/LOC/ORG names made of time words only ("मंगलवार", "पिछले साल") set
    to O: IL-NER's train split has almost no weekday names, so a teacher guesses on them, and
    newspaper text is full of them (a student trained on the guesses took "मंगलवार को" for a
    place)."""
    from khabar.entities.combine import time_only

    out = list(tags)
    for kind, start, end in spans(tags):
        if kind in ("NEP", "NEL", "NEO") and time_only(tokens[start:end]):
            out[start:end] = ["O"] * (end - start)
    return out


KB_TAGS = {"person": "NEP", "organisation": "NEO", "media": "NEO", "group": "NEO",
           "country": "NEL", "region": "NEL", "city": "NEL", "location": "NEL",
           "facility": "NEL"}


def name_pool(sentences: list[Sentence], kb: bool) -> dict[str, list[list[str]]]:
    """PER/LOC/ORG names by type: those annotated in ``sentences`` and, with ``kb``, the
    knowledge base's Devanagari names."""
    pool: dict[str, list[list[str]]] = {"NEP": [], "NEL": [], "NEO": []}
    for tokens, tags in sentences:
        for kind, start, end in spans(tags):
            if kind in pool:
                pool[kind].append(tokens[start:end])
    if kb:
        from khabar.kb.loader import load_kb

        for entity in load_kb():
            kind = KB_TAGS.get(entity.type)
            for name in entity.names.get("hi", []) if kind else []:
                pool[kind].append(name.split())
    return pool


def replaced(sentences: list[Sentence], copies: int, kb: bool, seed: int) -> list[Sentence]:
    """Mention replacement: ``copies`` copies of each sentence that has PER/LOC/ORG names,
    every such name swapped for a random name of its type (``name_pool``), so that the
    model learns names from their context rather than by heart."""
    pool = name_pool(sentences, kb)
    rng = random.Random(seed)
    out: list[Sentence] = []
    for tokens, tags in sentences:
        found = [s for s in spans(tags) if s[0] in pool]
        for _ in range(copies if found else 0):
            new_tokens, new_tags, at = [], [], 0
            for kind, start, end in found:
                name = rng.choice(pool[kind])
                new_tokens += tokens[at:start] + name
                new_tags += tags[at:start] + ["B-" + kind] + ["I-" + kind] * (len(name) - 1)
                at = end
            out.append((new_tokens + tokens[at:], new_tags + tags[at:]))
    return out


def to_devanagari(text: str, block: int) -> str:
    """A Brahmic-script word in Devanagari letters: the Unicode blocks share one layout
    (ISCII), so a letter moves by the blocks' offset; joiners are dropped."""
    out = []
    for char in text:
        code = ord(char)
        if char in OWN_LETTERS:
            out.append(OWN_LETTERS[char])
        elif block <= code < block + 0x80:
            out.append(chr(code - block + 0x0900))
        elif char not in "\u200c\u200d":
            out.append(char)
    return "".join(out)


def other_language(root: Path, language: str) -> list[Sentence]:
    """IL-NER train sentences of another Brahmic-script language, in Devanagari letters."""
    block = BLOCKS[language]
    sentences = read_conll(root / language / f"{language}-train.txt")
    return [([to_devanagari(t, block) for t in tokens], tags) for tokens, tags in sentences]
