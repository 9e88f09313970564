"""The Document's JSON form: versioned, exact round-trip on generated Documents."""

from __future__ import annotations

import dataclasses
import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.document import (
    SCHEMA_VERSION,
    Attribution,
    Block,
    Boilerplate,
    Cameo,
    Casualties,
    Document,
    Entity,
    Event,
    Evidence,
    Mention,
    Metadata,
    Place,
    PublishedTime,
    Rejection,
    Sentence,
    StepError,
    TimeExpression,
    Token,
)
from khabar.errors import SchemaError

# Text in the scripts khabar reads, plus controls and astral characters.
texts = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0900, max_codepoint=0x097F),
        st.characters(codec="utf-8"),
    ),
    max_size=40,
)
ints = st.integers(min_value=0, max_value=10**6)
floats = st.floats(allow_nan=False, allow_infinity=False, width=64)
opt = st.none().__or__


def spans(cls: type, **extra: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.builds(cls, start=ints, end=ints, **extra)


time_exprs = st.builds(
    TimeExpression, start=ints, end=ints, text=texts, value=opt(texts),
    precision=st.sampled_from(["day", "month", "year", "week", "unknown"]), anchor=opt(texts),
)
attributions = st.builds(
    Attribution, kind=st.sampled_from(["named", "unnamed"]), cue=texts, source=opt(texts),
    start=opt(ints), end=opt(ints),
)
events = st.builds(
    Event,
    id=texts, type=st.sampled_from(["CONSULT", "THREATEN", "ACCIDENT"]), mode=opt(texts),
    subtype=opt(texts),
    cameo=opt(st.builds(Cameo, code=texts, root=texts, quad_class=st.integers(1, 4),
                        goldstein=floats)),
    actors=st.lists(texts, max_size=3), recipients=st.lists(texts, max_size=3),
    place=opt(st.builds(Place, text=texts, entity=opt(texts), start=opt(ints), end=opt(ints))),
    time=opt(time_exprs),
    casualties=opt(st.builds(Casualties, killed=opt(ints), injured=opt(ints),
                             approximate=st.booleans())),
    modality=st.sampled_from(["asserted", "future", "hypothetical", "negated", "historical"]),
    unconfirmed=st.booleans(), attributions=st.lists(attributions, max_size=2),
    evidence=st.lists(st.builds(Evidence, sentence=ints, start=ints, end=ints,
                                trigger_start=opt(ints), trigger_end=opt(ints)), max_size=2),
    confidence=floats,
)
metadata = st.builds(
    Metadata, url=opt(texts), title=opt(texts), section=opt(texts),
    authors=st.lists(texts, max_size=3),
    published=opt(st.builds(PublishedTime, value=texts, source=texts, confidence=floats)),
    flags=st.lists(texts, max_size=2),
)
documents = st.builds(
    Document,
    id=texts, text=texts, language=opt(texts), language_score=opt(floats), meta=metadata,
    blocks=st.lists(spans(Block, kind=st.sampled_from(["title", "heading", "paragraph"]),
                          lang=opt(texts), lang_score=opt(floats)), max_size=3),
    sentences=st.lists(spans(Sentence, block=ints), max_size=3),
    tokens=st.lists(spans(Token, kind=st.sampled_from(["word", "number", "punct"]), key=texts,
                          value=opt(floats)), max_size=4),
    boilerplate=st.lists(st.builds(Boilerplate, text=texts, rule=texts, line=ints), max_size=2),
    mentions=st.lists(spans(Mention, text=texts, label=texts, entity=opt(texts),
                            score=floats, source=texts), max_size=3),
    entities=st.lists(st.builds(Entity, id=texts, type=st.sampled_from(["person", "city"]),
                                name=texts, kb_id=opt(texts), mentions=st.lists(ints, max_size=3),
                                score=floats), max_size=2),
    times=st.lists(time_exprs, max_size=2),
    events=st.lists(events, max_size=2),
    steps=st.lists(texts, max_size=3),
    errors=st.lists(st.builds(StepError, step=texts, code=texts, message=texts), max_size=2),
    rejected=opt(st.builds(Rejection, code=texts, reason=texts, step=texts)),
)


@settings(max_examples=150, deadline=None)
@given(documents)
def test_json_round_trip_is_exact(doc: Document) -> None:
    again = Document.from_json(doc.to_json())
    assert again == doc
    assert again.to_json() == doc.to_json()


@settings(max_examples=50, deadline=None)
@given(documents)
def test_json_is_plain_json_with_version(doc: Document) -> None:
    data = json.loads(doc.to_json(indent=2))
    assert data["schema_version"] == SCHEMA_VERSION
    assert "raw" not in data and "source_text" not in data


def test_transient_fields_are_not_serialised() -> None:
    doc = Document(id="x", text="नमस्ते", raw=b"\xff\x00", source_text="raw text")
    again = Document.from_json(doc.to_json())
    assert again.raw is None and again.source_text is None
    assert again == doc  # transient fields take no part in equality


def test_floats_stay_floats() -> None:
    doc = Document(language_score=1.0, events=[Event(id="e", type="AID", confidence=1.0)])
    again = Document.from_json(doc.to_json())
    assert isinstance(again.language_score, float)
    assert isinstance(again.events[0].confidence, float)


def test_other_schema_version_is_refused() -> None:
    data = Document(id="a").to_dict()
    data["schema_version"] = SCHEMA_VERSION + 1
    with pytest.raises(SchemaError):
        Document.from_dict(data)


def test_non_object_json_is_refused() -> None:
    with pytest.raises(SchemaError):
        Document.from_json("[1, 2]")


def test_non_finite_float_is_refused() -> None:
    with pytest.raises(ValueError, match="non-finite"):
        Document(language_score=math.nan).to_json()


def test_every_field_of_the_event_model_is_present() -> None:
    names = {f.name for f in dataclasses.fields(Event)}
    assert {"type", "mode", "subtype", "cameo", "actors", "recipients", "place", "time",
            "casualties", "modality", "unconfirmed", "attributions", "evidence",
            "confidence"} <= names
