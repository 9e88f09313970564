"""The extract step's window work: site-repeated paragraphs of HTML pages read together."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import khabar
from khabar.extract.step import Extract

pytest.importorskip("trafilatura")

SHARED = "हमारे पाठकों से निवेदन है कि वे अपनी शिकायतें और सुझाव हर सप्ताह संपादक के नाम पत्र में भेजते रहें।"
PAGES = [
    ("नदी पर नया पुल बनकर तैयार",
     ["नगर के पूर्वी हिस्से में नदी पर बना नया पुल सोमवार से आम लोगों के लिए खोल दिया गया।",
      "इंजीनियरों ने बताया कि पुल पर भारी वाहनों की आवाजाही अगले महीने से शुरू होगी।"]),
    ("स्कूलों में गर्मी की छुट्टियां बढ़ीं",
     ["तेज गर्मी को देखते हुए जिला प्रशासन ने सभी स्कूलों की छुट्टियां एक सप्ताह बढ़ा दी हैं।",
      "अभिभावकों ने इस फैसले का स्वागत किया और कहा कि बच्चों को राहत मिलेगी।"]),
    ("शहर में नई बस सेवा शुरू",
     ["परिवहन निगम ने शहर के भीतर बीस नई बसें चलाने की शुरुआत की है।",
      "यात्रियों को अब हर पंद्रह मिनट पर बस मिल सकेगी, अधिकारियों ने कहा।"]),
]


def write_pages(folder: Path, count: int) -> None:
    folder.mkdir()
    for i, (title, paras) in enumerate(PAGES[:count]):
        body = "".join(f"<p>{p}</p>" for p in [*paras, SHARED])
        html = (f"<!doctype html><html><head><title>{title}</title></head>"
                f"<body><article><h1>{title}</h1>{body}</article></body></html>")
        (folder / f"page{i}.html").write_text(html, encoding="utf-8")


def test_html_paragraph_repeated_across_a_site_is_removed(tmp_path: Path) -> None:
    write_pages(tmp_path / "site", 3)
    pipeline = khabar.Pipeline(steps=("decode", "extract"))
    docs = list(pipeline.pipe([str(tmp_path / "site")]))
    assert len(docs) == 3
    for doc, (_, paras) in zip(docs, PAGES, strict=True):
        assert doc.ok
        assert SHARED not in doc.text
        assert [b.rule for b in doc.boilerplate if b.text == SHARED] == ["site-repeat"]
        assert all(p in doc.text for p in paras)


def test_html_pages_below_the_minimum_keep_the_paragraph(tmp_path: Path) -> None:
    write_pages(tmp_path / "small", 2)
    docs = list(khabar.Pipeline(steps=("decode", "extract")).pipe([str(tmp_path / "small")]))
    assert all(SHARED in doc.text for doc in docs)


def test_step_pickles_without_its_window_cache() -> None:
    step = Extract(khabar.Pipeline(steps=("decode", "extract")).options)
    step._repeats = {"example.in": frozenset({"a line"})}
    copy = pickle.loads(pickle.dumps(step))
    assert copy._repeats == step._repeats
    assert copy._html == {}
