"""Hand-built documents for event tests: a tiny gazetteer fills mentions and entities."""

from __future__ import annotations

import regex

from khabar.document import Document, Entity, Mention, Metadata, PublishedTime, Sentence

# surface form -> (entity id, type, English name, country id). Written for these tests.
GAZETTEER: dict[str, tuple[str, str, str, str | None]] = {
    "रूस": ("Q159", "country", "Russia", None),
    "यूक्रेन": ("Q212", "country", "Ukraine", None),
    "उत्तर कोरिया": ("Q423", "country", "North Korea", None),
    "अमेरिका": ("Q30", "country", "United States", None),
    "भारत": ("Q668", "country", "India", None),
    "चीन": ("Q148", "country", "China", None),
    "पाकिस्तान": ("Q843", "country", "Pakistan", None),
    "जापान": ("Q17", "country", "Japan", None),
    "जर्मनी": ("Q183", "country", "Germany", None),
    "किम जोंग उन": ("Q56226", "person", "Kim Jong Un", "Q423"),
    "किम जोंग": ("Q56226", "person", "Kim Jong Un", "Q423"),
    "किम": ("Q56226", "person", "Kim Jong Un", "Q423"),
    "व्लादिमीर पुतिन": ("Q7747", "person", "Vladimir Putin", "Q159"),
    "पुतिन": ("Q7747", "person", "Vladimir Putin", "Q159"),
    "मोदी": ("Q1058", "person", "Narendra Modi", "Q668"),
    "शी जिनपिंग": ("Q15031", "person", "Xi Jinping", "Q148"),
    "बाइडन": ("Q6279", "person", "Joe Biden", "Q30"),
    "जो बाइडन": ("Q6279", "person", "Joe Biden", "Q30"),
    "न्यूयॉर्क टाइम्स": ("Q9684", "media", "The New York Times", None),
    "व्हाइट हाउस": ("Q35525", "organisation", "White House", None),
    "जॉन किरबी": ("L-kirby", "person", "John Kirby", "Q30"),
    "शरजेई शोइजू": ("L-shoigu", "person", "Sergei Shoigu", "Q159"),
    "प्योंगयांग": ("Q18808", "city", "Pyongyang", "Q423"),
    "व्लादिवोस्तोक": ("Q959", "city", "Vladivostok", "Q159"),
    "दिल्ली": ("Q1353", "city", "Delhi", "Q668"),
    "मुंबई": ("Q1156", "city", "Mumbai", "Q668"),
    "बीजिंग": ("Q956", "city", "Beijing", "Q148"),
    "पुलिस": ("L-police", "organisation", "police", None),
    "रॉयटर्स": ("Q130879", "media", "Reuters", None),
}
_SENT = regex.compile(r"[^।?!\n]+[।?!]*")


def annotate(doc: Document) -> Document:
    """Fill mentions and entities from GAZETTEER (longest names first, whole words)."""
    names = sorted(GAZETTEER, key=len, reverse=True)
    pattern = regex.compile(
        r"(?<![\p{L}\p{M}])(" + "|".join(map(regex.escape, names)) + r")(?![\p{L}\p{M}])")
    seen: dict[str, int] = {}
    for m in pattern.finditer(doc.text):
        eid, etype, name, country = GAZETTEER[m.group()]
        if eid not in seen:
            seen[eid] = len(doc.entities)
            doc.entities.append(Entity(eid, etype, name, kb_id=eid if eid.startswith("Q") else None,  # type: ignore[arg-type]
                                       country=country))
        doc.entities[seen[eid]].mentions.append(len(doc.mentions))
        doc.mentions.append(Mention(m.start(), m.end(), m.group(), etype, entity=eid))
    return doc


def make_doc(text: str, published: str | None = None) -> Document:
    """A Document of ``text`` with sentences, gazetteer mentions and a publication date."""
    meta = Metadata(published=PublishedTime(published, "test") if published else None)
    doc = Document(id="t", text=text, language="hi", meta=meta)
    doc.sentences = [Sentence(m.start(), m.end(), 0) for m in _SENT.finditer(text)
                     if m.group().strip()]
    return annotate(doc)


def names(doc: Document, ids: list[str]) -> list[str]:
    by_id = {e.id: e.name for e in doc.entities}
    return [by_id.get(i, i) for i in ids]
