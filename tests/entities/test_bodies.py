"""Public bodies named after a place ("समस्तीपुर पुलिस") are one organisation mention."""

from __future__ import annotations

from khabar.document import Document, Mention
from khabar.entities.bodies import add_bodies
from khabar.pipeline import Pipeline


def tokenised(text: str) -> Document:
    return Pipeline(steps=["decode", "extract", "language", "sentences", "tokens"])(text)


def place(doc: Document, name: str, label: str = "city") -> Mention:
    start = doc.text.index(name)
    return Mention(start, start + len(name), name, label, source="gazetteer")


def test_a_place_and_the_body_after_it_become_one_organisation() -> None:
    doc = tokenised("समस्तीपुर पुलिस ने दो लोगों को पकड़ा और लखनऊ नगर निगम ने जुर्माना लगाया।")
    out = add_bodies(doc.text, doc.tokens, [place(doc, "समस्तीपुर"), place(doc, "लखनऊ")])
    assert [(m.text, m.label, m.source) for m in out] == [
        ("समस्तीपुर पुलिस", "organisation", "cue"), ("लखनऊ नगर निगम", "organisation", "cue")]


def test_no_body_when_something_stands_between_or_it_is_already_named() -> None:
    doc = tokenised("पटना, पुलिस और प्रशासन पहुंचे। बिहार सरकार ने कहा।")
    patna, bihar = place(doc, "पटना"), place(doc, "बिहार", "region")
    assert add_bodies(doc.text, doc.tokens, [patna]) == [patna]  # a comma between
    start = doc.text.index("सरकार")
    taken = Mention(start, start + len("सरकार"), "सरकार", "organisation", source="tagger")
    assert add_bodies(doc.text, doc.tokens, [bihar, taken]) == [bihar, taken]
    person = place(doc, "बिहार", "person")
    assert add_bodies(doc.text, doc.tokens, [person]) == [person]  # only places
