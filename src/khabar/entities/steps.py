"""Pipeline steps ``entities`` (mentions from gazetteer + NER tagger) and ``link`` (entities).

``entities`` adds ``doc.mentions``: knowledge-base names found by the gazetteer (label = the
entity type, ``nationality`` for demonyms) and the tagger's person / location / organisation
spans that no gazetteer match overlaps. ``link`` sets ``Mention.entity`` and adds
``doc.entities``. Both load the knowledge base lazily, once per process, and are picklable.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from khabar.document import Document, Mention, Token
from khabar.entities.combine import combine_document
from khabar.entities.gazetteer import Gazetteer, Match
from khabar.entities.index import NameIndex, get_index
from khabar.entities.linker import Linker
from khabar.entities.resolve import link_document
from khabar.pipeline import Options, Step, register

log = logging.getLogger(__name__)

TAG_LABELS = {"NEP": "person", "NEL": "location", "NEO": "organisation"}


def _user_files(options: Options) -> tuple[str, ...]:
    files = options.get("kb", "user_files", [])
    return tuple(str(f) for f in files) if isinstance(files, list) else ()


class _KBStep(Step):
    def __init__(self, options: Options) -> None:
        super().__init__(options)
        self._index: NameIndex | None = None

    @property
    def index(self) -> NameIndex:
        if self._index is None:
            self._index = get_index(_user_files(self.options))
        return self._index

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_index"] = None
        state.pop("_tagger", None)
        state.pop("_pretagged", None)
        state.pop("_linker", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


@register
class EntitiesStep(_KBStep):
    name = "entities"
    requires = ("tokens",)
    assigns = ("mentions",)

    def __call__(self, doc: Document) -> None:
        gazetteer = Gazetteer(self.index, float(self.config.get("fuzzy_min", 80.0)))
        found = [self._mention(doc, m) for m in gazetteer.find(doc.text, doc.tokens)]
        if self.config.get("use_tagger", True):
            found = combine_document(doc.text, doc.tokens, found, self._tagged(doc),
                                     self.config)
        doc.mentions.extend(sorted(found, key=lambda m: (m.start, m.end)))

    def _mention(self, doc: Document, match: Match) -> Mention:
        entity = self.index.kb.get(match.ids[0])
        label = "nationality" if match.kind == "demonym" else (entity.type if entity else "other")
        source = {"name": "gazetteer"}.get(match.kind, match.kind)
        return Mention(match.start, match.end, doc.text[match.start : match.end], label,
                       score=round(match.score, 3), source=source)

    def _get_tagger(self) -> Any:
        if "_tagger" not in self.__dict__:
            self._tagger = _tagger(str(self.config.get("tagger", "bilstm")))
        return self._tagger

    def prepare(self, docs: list[Document]) -> None:
        """Tag the sentences of the whole window in one call when the tagger batches
        (the BiLSTM runs many sentences of similar length together); ``__call__`` then only
        reads the tags. A fault here leaves each document to be tagged alone."""
        self._pretagged: dict[int, _Tagged] = {}
        tagger = self._get_tagger()
        if tagger is None or not hasattr(tagger, "tag_many") or not self.config.get(
            "use_tagger", True
        ):
            return
        sentences = [_token_sentences(doc) if doc.tokens else [] for doc in docs]
        words = [[_texts(doc, s) for s in doc_sentences]
                 for doc, doc_sentences in zip(docs, sentences, strict=True)]
        try:
            flat = tagger.tag_many([sentence for doc_words in words for sentence in doc_words])
        except Exception:
            log.warning("NER tagger failed on a window of %d documents", len(docs), exc_info=True)
            return
        begin = 0
        for doc, doc_sentences, doc_words in zip(docs, sentences, words, strict=True):
            tags = flat[begin : begin + len(doc_words)]
            self._pretagged[id(doc)] = (len(doc.tokens), doc_sentences, doc_words, tags)
            begin += len(doc_words)

    def _tagged(self, doc: Document) -> list[Mention]:
        tagger = self._get_tagger()
        if tagger is None or not doc.tokens:
            return []
        ready = self.__dict__.get("_pretagged", {}).pop(id(doc), None)
        try:  # the whole document at once: a name tagged once is kept in its repeats
            if ready is not None and ready[0] == len(doc.tokens):
                _, sentences, words, found = ready
                tagged = tagger.consistent(words, found)
            else:
                sentences = _token_sentences(doc)
                words = [_texts(doc, sentence) for sentence in sentences]
                tagged = tagger.tag_document(words)
        except Exception:  # a tagger fault must not lose the gazetteer's mentions
            log.warning("NER tagger failed on %s", doc.id, exc_info=True)
            return []
        out: list[Mention] = []
        for sentence, tags in zip(sentences, tagged, strict=True):
            out.extend(_spans(doc, sentence, tags))
        return out


def _tagger(kind: str) -> Any:
    try:
        from khabar.entities.tagger import load_tagger
    except ImportError:
        return None
    try:
        tagger = load_tagger(kind)
        tagger.tag(["परीक्षण"])
    except Exception:
        log.info("NER tagger unavailable; gazetteer only", exc_info=True)
        return None
    return tagger


# What ``prepare`` found for one document: its token count, sentences, words and tags.
_Tagged = tuple[int, list[list[Token]], list[list[str]], list[list[str]]]


def _texts(doc: Document, tokens: Sequence[Token]) -> list[str]:
    """The words of one sentence (as the tagger reads them)."""
    text = doc.text
    return [text[t.start : t.end] for t in tokens]


def _token_sentences(doc: Document) -> list[list[Token]]:
    if not doc.sentences:
        return [list(doc.tokens)]
    out: list[list[Token]] = [[] for _ in doc.sentences]
    k = 0
    for token in doc.tokens:
        while k + 1 < len(doc.sentences) and token.start >= doc.sentences[k + 1].start:
            k += 1
        out[k].append(token)
    return [s for s in out if s]


def _spans(doc: Document, tokens: Sequence[Token], tags: Sequence[str]) -> list[Mention]:
    if tags.count("O") == len(tags):  # most sentences: no name
        return []
    out: list[Mention] = []
    start: int | None = None
    label = ""
    end = 0
    for token, tag in zip([*tokens, None], [*tags, "O"], strict=True):
        kind = tag[2:] if len(tag) > 2 else ""
        inside = tag.startswith("I-") and kind == label and start is not None
        if start is not None and not inside:
            text = doc.text[start:end]
            out.append(Mention(start, end, text, TAG_LABELS[label], score=0.7, source="tagger"))
            start = None
        if token is not None and tag[:2] in ("B-", "I-") and kind in TAG_LABELS and not inside:
            start, label = token.start, kind
        if token is not None:
            end = token.end
    return out


def _merge(gazetteer: list[Mention], tagged: list[Mention]) -> list[Mention]:
    """Gazetteer mentions, plus tagger spans that overlap none of them."""
    out = list(gazetteer)
    for mention in tagged:
        same = [g for g in gazetteer if g.start == mention.start and g.end == mention.end]
        if same:
            same[0].source = "gazetteer+tagger"
        elif not any(g.start < mention.end and mention.start < g.end for g in gazetteer):
            out.append(mention)
    return out


@register
class LinkStep(_KBStep):
    name = "link"
    requires = ("entities",)
    assigns = ("entities",)

    def __call__(self, doc: Document) -> None:
        link_document(doc, self.linker)

    @property
    def linker(self) -> Linker:
        linker = self.__dict__.get("_linker")
        if linker is None:
            linker = Linker(self.index, threshold=float(self.config.get("threshold", 0.62)),
                            fuzzy_min=float(self.config.get("fuzzy_min", 82.0)),
                            home_country=str(self.config.get("home_country", "IND")),
                            margin=float(self.config.get("margin", 0.03)),
                            word_prior=float(self.config.get("word_prior", 0.55)))
            self.__dict__["_linker"] = linker
        return linker
