"""Gazetteer matching on sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.document import Document
from khabar.entities.gazetteer import Gazetteer, Match
from khabar.entities.index import get_index
from khabar.pipeline import Pipeline


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(get_index())


def found(gazetteer: Gazetteer, text: str) -> dict[str, Match]:
    return {text[m.start : m.end]: m for m in gazetteer.find(text)}


def test_names_before_postpositions(gazetteer: Gazetteer) -> None:
    text = "कल अमेरिका ने रूस के खिलाफ नए प्रतिबंधों का एलान किया और उत्तर कोरिया को चेताया।"
    hits = found(gazetteer, text)
    assert hits["अमेरिका"].ids[0] == "Q30"
    assert hits["रूस"].ids[0] == "Q159"
    assert hits["उत्तर कोरिया"].ids[0] == "Q423"
    assert "कोरिया" not in hits  # the longer name wins


def test_word_boundaries_in_devanagari(gazetteer: Gazetteer) -> None:
    # रूस inside a longer word is no match; vowel signs never split a word
    hits = found(gazetteer, "भारतवर्ष की रूसलान नाम की दुकान बंद रही।")
    assert not any(m.ids[0] in ("Q668", "Q159") for m in hits.values())


def test_demonyms_and_their_oblique_plurals(gazetteer: Gazetteer) -> None:
    hits = found(gazetteer, "भारतीय दल ने रूसी अधिकारियों से बात की, कई भारतीयों को लौटाया गया।")
    assert hits["भारतीय"].ids[0] == "Q668" and hits["भारतीय"].kind == "demonym"
    assert hits["रूसी"].ids[0] == "Q159"
    assert hits["भारतीयों"].ids[0] == "Q668"
    residents = found(gazetteer, "दिल्लीवासियों और मुंबईवासी दोस्तों ने मैच देखा।")
    assert residents["दिल्लीवासियों"].ids[0] == "Q1353"
    assert residents["मुंबईवासी"].ids[0] == "Q1156"


def test_latin_names_inside_hindi_text(gazetteer: Gazetteer) -> None:
    hits = found(gazetteer, "रूसी राष्ट्रपति व्लादिमीर पुतिन (Vladimir Putin) ने Reuters से कहा।")
    assert hits["Vladimir Putin"].ids[0] == "Q7747"
    assert hits["व्लादिमीर पुतिन"].ids[0] == "Q7747"
    assert hits["Reuters"].ids[0] == "Q130879"
    lower = found(gazetteer, "the word putin in lower case")
    assert "putin" not in lower


def test_misspelt_person_found_through_skeleton(gazetteer: Gazetteer) -> None:
    hits = found(gazetteer, "रक्षा मंत्री शरजेई शोइजू ने दौरा किया।")
    assert hits["शरजेई शोइजू"].ids[0] == "khabar:sergei-shoigu"
    assert hits["शरजेई शोइजू"].kind == "skeleton"


def test_common_words_are_not_names(gazetteer: Gazetteer) -> None:
    hits = found(gazetteer, "आप हवाई जहाज से आए, सोना महंगा हुआ और कोरोना के मामले घटे।")
    assert hits == {}


def test_tokens_from_the_pipeline_give_the_same_matches(gazetteer: Gazetteer) -> None:
    text = "व्हाइट हाउस ने कहा कि जॉन किरबी आज प्योंगयांग के बारे में बोलेंगे।"
    doc = Pipeline(steps=["decode", "extract", "language", "sentences", "tokens"])(text)
    with_tokens = [(m.start, m.end, m.ids) for m in gazetteer.find(doc.text, doc.tokens)]
    without = [(m.start, m.end, m.ids) for m in gazetteer.find(doc.text)]
    assert with_tokens == without
    assert [doc.text[s:e] for s, e, _ in without] == ["व्हाइट हाउस", "जॉन किरबी", "प्योंगयांग"]


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from("रूसअमेरिकाभारत ्ािीु।,.-()AaZz\n😀0९"), max_size=60))
def test_steps_never_raise_on_odd_text(text: str) -> None:
    from khabar.entities.steps import EntitiesStep, LinkStep
    from khabar.pipeline import Options

    options = Options.load()
    doc = Document(text=text)
    EntitiesStep(options)(doc)
    LinkStep(options)(doc)
    for m in doc.mentions:
        assert doc.text[m.start : m.end] == m.text


def test_no_text_no_matches(gazetteer: Gazetteer) -> None:
    assert gazetteer.find("") == []
    assert gazetteer.find("।।, ...") == []
    assert isinstance(Document().mentions, list)


def test_tagger_spans_merge_with_gazetteer_mentions() -> None:
    from khabar.entities.steps import _merge, _spans

    text = "कल रमेश चौहान और अमेरिका के अफसर मिले।"
    doc = Pipeline(steps=["decode", "extract", "language", "sentences", "tokens"])(text)
    words = [doc.text[t.start : t.end] for t in doc.tokens]
    tags = ["O"] * len(words)
    tags[words.index("रमेश")], tags[words.index("चौहान")] = "B-NEP", "I-NEP"
    tags[words.index("अमेरिका")] = "B-NEL"
    tags[words.index("अफसर")] = "B-NETI"  # not a name label: ignored
    tagged = _spans(doc, doc.tokens, tags)
    assert [(m.text, m.label) for m in tagged] == [("रमेश चौहान", "person"),
                                                   ("अमेरिका", "location")]
    gazetteer = Gazetteer(get_index())
    from khabar.entities.steps import EntitiesStep
    from khabar.pipeline import Options

    step = EntitiesStep(Options.load())
    found = [step._mention(doc, m) for m in gazetteer.find(doc.text, doc.tokens)]
    merged = _merge(found, tagged)
    assert [(m.text, m.source) for m in sorted(merged, key=lambda m: m.start)] == [
        ("रमेश चौहान", "tagger"), ("अमेरिका", "gazetteer+tagger")]
