"""The reference page: all 13 named entities found and linked, short forms resolved."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from khabar.document import Document
from khabar.pipeline import Pipeline

pytestmark = pytest.mark.realdata

STEPS = ["decode", "extract", "language", "sentences", "tokens", "entities", "link"]
EXPECTED = {
    "Russia": "Q159", "Ukraine": "Q212", "North Korea": "Q423", "United States": "Q30",
    "Kim Jong Un": "Q56226", "Vladimir Putin": "Q7747", "The New York Times": "Q9684",
    "White House": "Q35525", "United States National Security Council": None,
    "John Kirby": None, "Sergei Shoigu": None, "Pyongyang": "Q18808", "Vladivostok": "Q959",
}


@pytest.fixture(scope="module")
def doc(seed_path: Path) -> Document:
    return Pipeline(steps=STEPS)(seed_path)


def test_all_thirteen_entities_linked_with_english_names(doc: Document) -> None:
    assert doc.ok, doc.errors
    by_name = {e.name: e for e in doc.entities}
    assert set(EXPECTED) <= set(by_name), sorted(by_name)
    for name, qid in EXPECTED.items():
        entity = by_name[name]
        assert entity.kb_id is not None
        if qid is not None:
            assert entity.kb_id == qid
    assert len([e for e in doc.entities if e.kb_id is not None]) == 13


def test_misspelt_shoigu_and_nsc(doc: Document) -> None:
    linked = {m.text: m.entity for m in doc.mentions}
    assert linked["शरजेई शोइजू"] == "khabar:sergei-shoigu"
    assert linked["एनएससी"] == "khabar:us-nsc"


def test_short_forms_resolved(doc: Document) -> None:
    forms = {(m.text, m.entity) for m in doc.mentions}
    assert ("पुतिन", "Q7747") in forms
    assert ("किम", "Q56226") in forms
    assert ("किम जोंग", "Q56226") in forms


def test_news_desk_is_not_an_entity(doc: Document) -> None:
    assert not any("News" in m.text or "Desk" in m.text for m in doc.mentions)


def test_offsets_json_and_pickling(doc: Document) -> None:
    for m in doc.mentions:
        assert doc.text[m.start : m.end] == m.text
    for i, entity in enumerate(doc.entities):
        assert all(doc.mentions[j].entity == entity.id for j in entity.mentions), i
    assert Document.from_json(doc.to_json()) == doc
    pipeline = Pipeline(steps=STEPS)
    again = pickle.loads(pickle.dumps(pipeline))
    assert again.step_names == STEPS
