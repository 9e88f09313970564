"""The shipped Hindi NER tagger: a CRF trained on IL-NER Hindi by ``scripts/train_ner.py``.

``load_tagger("crf")`` returns one cached :class:`NerTagger` (``load_tagger()`` the default,
the BiLSTM-CRF of :mod:`khabar.entities.neural`). Tags are BIO with the IL-NER labels: NEP
person, NEL location, NEO organisation, NETI time, NEN number, NEAR artefact, NEU url or e-mail
(the model itself is trained on BIOES tags; they are turned back into BIO). The tagger is
picklable: the crfsuite handle is dropped on pickling and reopened lazily.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from khabar.entities.consistency import propagate
from khabar.entities.features import FeatureExtractor
from khabar.entities.nerdata import to_bio

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent / "models" / "hi_ner.crfsuite"
LABELS = ("NEP", "NEL", "NEO", "NETI", "NEN", "NEAR", "NEU")


class NerTagger:
    """BIO tagging of token sequences with the shipped (or a given) crfsuite model."""

    def __init__(self, model_path: Path = MODEL_PATH) -> None:
        self.model_path = Path(model_path)
        self._extractor: FeatureExtractor | None = None
        self._tagger: Any = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"model_path": self.model_path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["model_path"])  # type: ignore[misc]

    def _open(self) -> tuple[FeatureExtractor, Any]:
        if self._tagger is None or self._extractor is None:
            with self._lock:
                if self._tagger is None:
                    import pycrfsuite

                    tagger = pycrfsuite.Tagger()
                    tagger.open(str(self.model_path))
                    self._extractor = FeatureExtractor()
                    self._tagger = tagger
                    log.debug("opened NER model %s", self.model_path)
        assert self._extractor is not None
        return self._extractor, self._tagger

    def clear_cache(self) -> None:
        """Forget the per-word feature cache (it is rebuilt as words are seen again)."""
        if self._extractor is not None:
            self._extractor.clear_cache()

    @property
    def labels(self) -> list[str]:
        """Every BIO tag the model can give."""
        return sorted({to_bio(label) for label in self._open()[1].labels()})

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """One BIO tag per token; an empty sequence gives an empty list."""
        if not tokens:
            return []
        extractor, tagger = self._open()
        with self._lock:
            return [to_bio(tag) for tag in tagger.tag(extractor.sentence(tokens))]

    def tag_document(
        self, sentences: Sequence[Sequence[str]], consistent: bool = True
    ) -> list[list[str]]:
        """Tags for the sentences of one document; with ``consistent``, a PER/LOC/ORG name
        found in one sentence is copied to its untagged repeats in the sentences nearby."""
        extractor, tagger = self._open()
        features = [extractor.sentence(sentence) for sentence in sentences]
        with self._lock:
            tags = [[to_bio(tag) for tag in tagger.tag(xseq)] if xseq else [] for xseq in features]
        if not consistent:
            return tags
        keys = [[extractor.key(token) for token in sentence] for sentence in sentences]
        return propagate(keys, tags, extractor.lex.stop_words, extractor.is_short_form)

    def tag_with_scores(self, tokens: Sequence[str]) -> list[tuple[str, float]]:
        """Each token's tag with its marginal probability under the model."""
        if not tokens:
            return []
        extractor, tagger = self._open()
        with self._lock:
            tags = list(tagger.tag(extractor.sentence(tokens)))
            return [(to_bio(tag), float(tagger.marginal(tag, i))) for i, tag in enumerate(tags)]


TAGGERS = ("bilstm", "crf")


@cache
def load_tagger(kind: str = "bilstm") -> Any:
    """The shared tagger of one kind over its shipped model (opened on first use):
    ``bilstm`` (:class:`khabar.entities.neural.BiLstmTagger`, the default) or ``crf``."""
    if kind == "crf":
        return NerTagger(MODEL_PATH)
    if kind == "bilstm":
        from khabar.entities.neural import BiLstmTagger

        return BiLstmTagger()
    raise ValueError(f"unknown NER tagger {kind!r} (one of {', '.join(TAGGERS)})")


def tagger_for(model: Path) -> Any:
    """A tagger over a given model file: ``.npz`` is a BiLSTM-CRF, anything else crfsuite."""
    if model.suffix == ".npz":
        from khabar.entities.neural import BiLstmTagger

        return BiLstmTagger(model)
    return NerTagger(model)
