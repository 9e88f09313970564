"""Document-level linking: context, short forms (पुतिन, किम जोंग → the full entity), and
document-local entities for names the knowledge base does not know."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property

from khabar.document import Document, Entity, EntityType, Mention
from khabar.entities.combine import title_free
from khabar.entities.gazetteer import Word, text_words
from khabar.entities.index import WORD, phrase_key, read_lines, word_key
from khabar.entities.linker import Context, Link, Linker
from khabar.kb.model import KBEntity

LOCAL_TYPES: dict[str, EntityType] = {
    "person": "person", "location": "location", "organisation": "organisation",
}
_FUNCTION_WORDS = frozenset(word_key(w) for w in read_lines("hindi_function_words.txt"))
SHORT_FORM_SCORE = 0.8


@dataclass
class _State:
    doc: Document
    sentence_starts: list[int]
    links: dict[int, Link]

    @cached_property
    def words(self) -> list[Word]:
        """The document's words, built on first use (context and short forms need them)."""
        return [w for w in text_words(self.doc.text, self.doc.tokens) if w is not None]

    @cached_property
    def word_starts(self) -> list[int]:
        return [w.start for w in self.words]

    @cached_property
    def token_starts(self) -> list[int]:
        return [t.start for t in self.doc.tokens]

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, pos) - 1)

    def words_before(self, mention: Mention, n: int = 4) -> list[str]:
        if self.doc.tokens and "words" not in self.__dict__:
            before = self._token_words_before(mention.start, n)
        else:
            i = bisect.bisect_left(self.word_starts, mention.start)
            before = self.words[max(0, i - n) : i]
        sent = self.sentence_of(mention.start)
        return [word_key(w.text) for w in before if self.sentence_of(w.start) == sent]

    def _token_words_before(self, pos: int, n: int) -> list[Word]:
        """The last ``n`` words starting before ``pos``, read back from the tokens (the same
        words ``self.words`` holds, without building them for the whole document)."""
        tokens, text = self.doc.tokens, self.doc.text
        j = bisect.bisect_left(self.token_starts, pos)
        out: list[Word] = []
        while j > 0 and len(out) < n:
            j -= 1
            piece = text[tokens[j].start : tokens[j].end]
            if WORD.fullmatch(piece) is not None:
                out.append(Word(tokens[j].start, tokens[j].end, piece))
        out.reverse()
        return out


def link_document(doc: Document, linker: Linker) -> None:
    """Link ``doc.mentions`` and fill ``doc.entities``; see the module doc."""
    state = _State(doc, [s.start for s in doc.sentences] or [0], {})
    for i, mention in enumerate(doc.mentions):
        link = linker.link(mention.text, mention.label)
        if link is not None:
            state.links[i] = link
    countries = _countries_by_sentence(state)
    for i, mention in enumerate(doc.mentions):
        if len(linker.candidates(mention.text)) < 2:
            continue  # context can only choose between candidates
        sent = state.sentence_of(mention.start)
        context = linker.context(state.words_before(mention), sorted(countries.get(sent, ())))
        if context.roles or context.countries:
            link = linker.link(mention.text, mention.label, context)
            if link is not None:
                state.links[i] = link
    _short_forms(state, linker.index.stop)
    _build_entities(state)


def _countries_by_sentence(state: _State) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for i, link in state.links.items():
        if link.entity.type == "country" and link.entity.country:
            sent = state.sentence_of(state.doc.mentions[i].start)
            out.setdefault(sent, set()).add(link.entity.country)
    return out


def _short_keys(entity: KBEntity, stop: frozenset[str]) -> set[str]:
    """Word-key sequences that stand for a person once named in full: first-name prefixes
    (किम, किम जोंग) and the surname (पुतिन) unless it is a common word or family name (सिंह)."""
    keys: set[str] = set()
    for _lang, name in entity.all_names():
        parts = phrase_key(name).split()
        if len(parts) < 2:
            continue
        for n in range(1, len(parts)):
            keys.add(" ".join(parts[:n]))
        if parts[-1] not in stop:
            keys.add(parts[-1])
    return {k for k in keys if k not in _FUNCTION_WORDS and len(k) >= 2}


def _short_forms(state: _State, stop: frozenset[str]) -> None:
    owners: dict[str, set[str]] = {}
    entities: dict[str, KBEntity] = {}
    for link in state.links.values():
        if link.entity.type == "person":  # organisations' first words are common words
            entities[link.entity.id] = link.entity
            for key in _short_keys(link.entity, stop):
                owners.setdefault(key, set()).add(link.entity.id)
    short = {k: next(iter(v)) for k, v in owners.items() if len(v) == 1}
    if not short:
        return
    doc = state.doc
    for i, mention in enumerate(doc.mentions):
        target = short.get(phrase_key(mention.text))
        if target and (i not in state.links or state.links[i].score < SHORT_FORM_SCORE):
            state.links[i] = Link(entities[target], SHORT_FORM_SCORE, "short-form")
    _add_short_mentions(state, short, entities)


def _add_short_mentions(state: _State, short: dict[str, str],
                        entities: dict[str, KBEntity]) -> None:
    doc = state.doc
    taken = sorted((m.start, m.end) for m in doc.mentions)
    longest = max(len(k.split()) for k in short)
    keys = [word_key(w.text) for w in state.words]
    firsts = {k.split(" ", 1)[0] for k in short}
    i = 0
    while i < len(state.words):
        if keys[i] not in firsts:
            i += 1
            continue
        for n in range(min(longest, len(keys) - i), 0, -1):
            target = short.get(" ".join(keys[i : i + n]))
            if target is None:
                continue
            start, end = state.words[i].start, state.words[i + n - 1].end
            if not any(s < end and start < e for s, e in taken):
                doc.mentions.append(Mention(start, end, doc.text[start:end], entities[target].type,
                                            score=SHORT_FORM_SCORE, source="short-form"))
                state.links[len(doc.mentions) - 1] = Link(entities[target], SHORT_FORM_SCORE,
                                                          "short-form")
                taken.append((start, end))
            i += n - 1
            break
        i += 1


def _build_entities(state: _State) -> None:
    doc = state.doc
    by_id: dict[str, Entity] = {}
    local: dict[str, str] = {}
    parts: dict[str, str] = {}
    for i in sorted(range(len(doc.mentions)), key=lambda j: doc.mentions[j].start):
        mention = doc.mentions[i]
        link = state.links.get(i)
        if link is not None:
            ent = _kb_entity(by_id, link)
            mention.score = round(link.score, 3)
        elif mention.label in LOCAL_TYPES:
            ent = _local_entity(by_id, local, parts, mention)
        else:
            continue
        mention.entity = ent.id
        ent.mentions.append(i)
        ent.score = max(ent.score, mention.score)
    doc.entities.extend(by_id.values())


def _local_entity(by_id: dict[str, Entity], local: dict[str, str], parts: dict[str, str],
                  mention: Mention) -> Entity:
    """A document-local entity; a person's later first or last name alone joins it. A
    person is named without the titles written before the name (:func:`title_free`)."""
    name = (title_free(mention.text) if mention.label == "person" else "") or mention.text
    key = phrase_key(name)
    local_id = local.get(key) or (parts.get(key) if mention.label == "person" else None)
    if not local_id:
        local_id = f"doc:{len(set(local.values())) + 1}"
        local[key] = local_id
        words = key.split()
        if mention.label == "person" and len(words) > 1:
            for word in {words[0], words[-1]} - _FUNCTION_WORDS:
                parts[word] = local_id if parts.get(word, local_id) == local_id else ""
    ent = by_id.get(local_id)
    if ent is None:
        ent = Entity(local_id, LOCAL_TYPES[mention.label], name, score=mention.score)
        by_id[local_id] = ent
    return ent


def _kb_entity(by_id: dict[str, Entity], link: Link) -> Entity:
    kb = link.entity
    ent = by_id.get(kb.id)
    if ent is None:
        ent = Entity(kb.id, kb.type, kb.name, kb_id=kb.id, name_hi=kb.name_hi,
                     country=kb.country)
        by_id[kb.id] = ent
    return ent


__all__ = ["Context", "link_document"]
