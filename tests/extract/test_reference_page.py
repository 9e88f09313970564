"""Issue 2's must-shows on the reference page, checked against the file in ../shared.

Expectations are computed from the file itself (never pasted): its lines, white space
normalised, in the order the page has them.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

import khabar
from khabar.document import Document

pytestmark = pytest.mark.realdata

FIRST_BODY = "यूक्रेन के साथ जारी"
LAST_BODY_END = "व्लादिवोस्तोक पहुंचा था।"
SUBHEADING = "अमेरिका ने उत्तर कोरिया को दी चेतावनी"
REMOVED = {
    "Related Articles": "en:related-header",
    "Leave a Reply": "en:comment-form",
    "Your email address will not be published.": "en:comment-form",
    "Back to top button": "en:back-to-top",
    "error: Content is protected !!": "en:copy-protection",
}


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def page_lines(seed_path: Path) -> list[str]:
    lines = seed_path.read_text(encoding="utf-8").splitlines()
    return [norm(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def doc(seed_path: Path) -> Document:
    return khabar.analyze(seed_path)


def test_document_is_read_without_errors(doc: Document) -> None:
    assert doc.rejected is None
    assert doc.errors == []


def test_language_is_hindi(doc: Document) -> None:
    assert doc.language == "hi"


def test_section_is_the_first_line(doc: Document, page_lines: list[str]) -> None:
    assert doc.meta.section == "विदेश" == page_lines[0]
    assert page_lines[0] not in doc.text.split("\n\n")


def test_headline_exactly_as_on_the_page(doc: Document, page_lines: list[str]) -> None:
    # The page's non-empty lines are: section label, headline, then the body.
    headline = page_lines[1]
    assert doc.meta.title == headline
    first = doc.blocks[0]
    assert first.kind == "title"
    assert norm(doc.text[first.start : first.end]) == headline


def test_byline_is_news_desk(doc: Document) -> None:
    assert doc.meta.authors == ["News Desk"]
    assert "News Desk" not in doc.text
    assert [b.rule for b in doc.boilerplate if b.text == "News Desk"] == ["byline"]


def test_subheading_is_a_heading_block(doc: Document, page_lines: list[str]) -> None:
    assert SUBHEADING in page_lines
    assert [norm(h) for h in doc.headings] == [SUBHEADING]
    kinds = [b.kind for b in doc.blocks]
    at = kinds.index("heading")
    assert kinds[at + 1] == "paragraph"


def expected_body(page_lines: list[str]) -> list[str]:
    start = next(i for i, line in enumerate(page_lines) if line.startswith(FIRST_BODY))
    end = next(i for i, line in enumerate(page_lines) if line.endswith(LAST_BODY_END))
    return [line for line in page_lines[start : end + 1] if line != SUBHEADING]


def test_eleven_body_paragraphs_word_for_word(doc: Document, page_lines: list[str]) -> None:
    body = expected_body(page_lines)
    assert len(body) == 11
    assert [norm(p) for p in doc.paragraphs] == body


def test_paragraph_order_keeps_the_heading_in_place(
    doc: Document, page_lines: list[str]
) -> None:
    shown = [norm(doc.text[b.start : b.end]) for b in doc.blocks if b.kind != "title"]
    start = next(i for i, line in enumerate(page_lines) if line.startswith(FIRST_BODY))
    assert shown == page_lines[start : start + len(shown)]


@pytest.mark.parametrize(("phrase", "rule"), sorted(REMOVED.items()))
def test_boilerplate_removed_with_its_rule(doc: Document, phrase: str, rule: str) -> None:
    assert phrase not in doc.text
    matches = [b for b in doc.boilerplate if b.text.startswith(phrase)]
    assert len(matches) == 1
    assert matches[0].rule == rule


def test_boilerplate_line_numbers_point_into_the_file(doc: Document, seed_path: Path) -> None:
    lines = seed_path.read_text(encoding="utf-8").splitlines()
    for item in doc.boilerplate:
        assert norm(lines[item.line - 1]) == item.text


def test_every_page_line_is_kept_somewhere(doc: Document, page_lines: list[str]) -> None:
    removed = {b.text for b in doc.boilerplate}
    text = norm(doc.text)
    for line in page_lines:
        assert line in removed or line in text, line
