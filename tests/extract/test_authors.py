"""The byline normaliser and the author sources of a page."""

from __future__ import annotations

import pytest
from extract_pages import jsonld, page

from khabar.extract.authors import normalize_authors, page_authors
from khabar.extract.pagedata import collect, parse_tree


@pytest.mark.parametrize(("raw", "expected"), [
    (["द्वारा वाराणसी ब्यूरो"], ["वाराणसी ब्यूरो"]),
    (["वाराणसी ब्यूरो द्वारा"], ["वाराणसी ब्यूरो"]),
    (["रिपोर्ट: सीमा वर्मा"], ["सीमा वर्मा"]),
    (["राम प्रसाद और सीता देवी"], ["राम प्रसाद", "सीता देवी"]),
    (["By Ravi Kumar and Seema Rao | PTI"], ["Ravi Kumar", "Seema Rao"]),
    (["Edited by: Anita Sharma"], ["Anita Sharma"]),
    (["Written By Tom Hale, Mia Lund"], ["Tom Hale", "Mia Lund"]),
    (["PTI"], ["PTI"]),
    (["Ravi Kumar", "ravi kumar", "Ravi  Kumar"], ["Ravi Kumar"]),
    (["Elena Brandt (ebr)"], ["Elena Brandt"]),
    (["Asha Rao, Senior Correspondent"], ["Asha Rao"]),
    (["ravi@example.com", "https://example.com/authors/ravi"], []),
    (["Updated 12 Nov 2024"], []),
])
def test_normalize_authors(raw: list[str], expected: list[str]) -> None:
    assert normalize_authors(raw) == expected


def test_devanagari_names_are_kept_whole() -> None:
    names = normalize_authors(["द्वारा श्रीकृष्ण त्रिपाठी एवं वाराणसी ब्यूरो"])
    assert names == ["श्रीकृष्ण त्रिपाठी", "वाराणसी ब्यूरो"]
    for name in names:
        assert name[-1] not in "्ंः"  # no cut after a virama or a sign


def _authors(head: str = "", body_top: str = "") -> list[str]:
    tree = parse_tree(page(head=head, body_top=body_top))
    return page_authors(collect(tree, "https://news.example.in/a/1"))


def test_jsonld_author_objects_first() -> None:
    head = jsonld({"@type": "NewsArticle", "headline": "x",
                   "author": [{"@type": "Person", "name": "By Meera Joshi"},
                              {"@type": "Person", "name": "Karan Mehta"}]})
    head += '<meta name="author" content="Someone Else">'
    assert _authors(head) == ["Meera Joshi", "Karan Mehta"]


def test_meta_author_when_no_structured_author() -> None:
    head = '<meta name="author" content="द्वारा नीलम सिंह">'
    assert _authors(head) == ["नीलम सिंह"]


def test_meta_author_urls_are_not_names() -> None:
    head = '<meta property="article:author" content="https://facebook.com/somepaper">'
    body = '<div class="byline"><span class="author-name">अजय कुमार</span></div>'
    assert _authors(head, body) == ["अजय कुमार"]


def test_innermost_byline_elements_give_several_names() -> None:
    body = ('<p class="story-authors">द्वारा <a class="story-authors-link">अजय कुमार</a>, '
            '<a class="story-authors-link">रीना दास</a></p>')
    assert _authors(body_top=body) == ["अजय कुमार", "रीना दास"]


def test_no_byline_no_authors() -> None:
    assert _authors() == []
