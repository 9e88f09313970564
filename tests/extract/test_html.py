"""HTML extraction: blocks with structure, boilerplate kept aside, second engine, bad input."""

from __future__ import annotations

import pytest
from extract_pages import (
    ENGLISH_PARAGRAPHS,
    HINDI_HEADING,
    HINDI_PARAGRAPHS,
    HINDI_TITLE,
    hindi_article,
    page,
)

from khabar.document import BlockKind
from khabar.extract import html as html_extract
from khabar.extract.cleaning import clean_blocks
from khabar.extract.html import extract_html, main_blocks
from khabar.extract.pagedata import parse_tree

CONFIG = {"boilerplate_languages": ["hi", "en"]}


def test_title_first_then_paragraphs_and_heading_in_order() -> None:
    ext = extract_html(hindi_article(), url="https://news.example.in/a/1", config=CONFIG)
    kinds = [kind for kind, _ in ext.blocks]
    texts = [text for _, text in ext.blocks]
    assert ext.blocks[0] == ("title", HINDI_TITLE)
    assert kinds.count("title") == 1
    assert ("heading", HINDI_HEADING) in ext.blocks
    positions = [texts.index(p) for p in HINDI_PARAGRAPHS]
    assert positions == sorted(positions)
    assert texts.index(HINDI_HEADING) == positions[2] - 1


def test_inline_read_also_and_share_lines_go_to_boilerplate_with_a_rule() -> None:
    ext = extract_html(hindi_article(), url="https://news.example.in/a/1", config=CONFIG)
    texts = " ".join(text for _, text in ext.blocks)
    assert "ये भी पढ़ें" not in texts
    assert "शेयर करें" not in texts
    removed = {b.text: b.rule for b in ext.boilerplate}
    read_also = [t for t in removed if t.startswith("ये भी पढ़ें")]
    assert read_also and removed[read_also[0]].startswith("hi:")
    assert all(b.rule for b in ext.boilerplate)


def test_english_also_read_line_is_removed() -> None:
    extra = "<p>Also Read: Council to repave the old market road</p>"
    html = page(paragraphs=ENGLISH_PARAGRAPHS, extra=extra, lang="en",
                title_tag="Northfield to plant ten thousand trees", h1="Northfield trees")
    ext = extract_html(html, url="https://example.com/city/trees", config=CONFIG)
    texts = [text for _, text in ext.blocks]
    assert ENGLISH_PARAGRAPHS[1] in texts
    assert not any(t.startswith("Also Read") for t in texts)
    assert any(b.text.startswith("Also Read") and b.rule.startswith("en:")
               for b in ext.boilerplate)


def test_metadata_reaches_the_extracted_result() -> None:
    ext = extract_html(hindi_article(), url="https://news.example.in/a/1", config=CONFIG)
    assert ext.title == HINDI_TITLE
    assert ext.authors == ["वाराणसी ब्यूरो"]
    assert ext.section == "राज्य"
    assert ext.canonical_url == "https://news.example.in/rajya/rampur-pul-123.html"
    assert ext.site_name == "नगर समाचार"
    assert ext.declared_language == "hi"
    assert ext.published is not None and ext.published.source == "jsonld"


def test_second_engine_used_when_the_first_finds_nothing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_extract, "_trafilatura_blocks", lambda tree, url: [])
    tree = parse_tree(page())
    blocks, engine = main_blocks(tree, "https://news.example.in/a/2")
    assert engine == "readability"
    texts = [text for _, text, _ in blocks]
    assert HINDI_PARAGRAPHS[0] in texts and HINDI_PARAGRAPHS[3] in texts
    ext = extract_html(page(), url=None, config=CONFIG)
    assert "extract:engine=readability" in ext.flags
    assert ("paragraph", HINDI_PARAGRAPHS[0]) in ext.blocks


def test_second_engine_used_when_the_first_returns_table_noise(
        monkeypatch: pytest.MonkeyPatch) -> None:
    noise = [("paragraph", f"शहर {i} | 34° | 21°", True) for i in range(40)]
    monkeypatch.setattr(html_extract, "_trafilatura_blocks", lambda tree, url: noise)
    blocks, _ = main_blocks(parse_tree(page()), None)
    prose = [text for _, text, from_table in blocks if not from_table]
    assert HINDI_PARAGRAPHS[1] in prose


@pytest.mark.parametrize("bad", ["", "   ", "\x00\x01\x02", "<<<>>>", "<html></html>",
                                 "<html><body><div></div></body></html>"])
def test_bad_input_gives_an_empty_result_and_never_raises(bad: str) -> None:
    ext = extract_html(bad, url=None, config=CONFIG)
    assert not [b for b in ext.blocks if b[0] != "title"]


def test_a_short_all_bold_paragraph_is_a_subheading() -> None:
    paras = HINDI_PARAGRAPHS
    middle = (f"<p>{paras[0]}</p><p>{paras[1]}</p><p><strong>पुल पर क्या बोले लोग</strong></p>"
              f"<p>{paras[2]}</p><p>{paras[3]}</p>")
    ext = extract_html(page(paragraphs=[], extra=middle), url=None, config=CONFIG)
    assert ("heading", "पुल पर क्या बोले लोग") in ext.blocks
    assert ("paragraph", paras[2]) in ext.blocks


def test_related_list_under_a_lone_read_also_header_is_removed() -> None:
    paras = HINDI_PARAGRAPHS
    related = ("<p>ये भी पढ़ें</p><ul><li><a href='/a'>जिले में तीन नई सड़कों को मंजूरी</a></li>"
               "<li><a href='/b'>नदी के किनारे बनेगा नया घाट</a></li></ul>")
    middle = f"<p>{paras[0]}</p><p>{paras[1]}</p>{related}<p>{paras[2]}</p><p>{paras[3]}</p>"
    ext = extract_html(page(paragraphs=[], extra=middle), url=None, config=CONFIG)
    texts = [text for _, text in ext.blocks]
    assert not any("सड़कों" in t or "किनारे बनेगा" in t for t in texts)
    assert paras[2] in texts and paras[3] in texts
    assert any(b.rule == "hi:readmore" for b in ext.boilerplate)


def test_cleaning_removes_link_lines_under_a_header_but_not_a_heading() -> None:
    blocks: list[tuple[BlockKind, str, bool]] = [
        ("paragraph", HINDI_PARAGRAPHS[0], False),
        ("paragraph", "संबंधित खबरें", False),
        ("paragraph", "जिले में तीन नई सड़कों को मंजूरी", True),
        ("paragraph", "नदी के किनारे बनेगा नया घाट", True),
        ("heading", HINDI_HEADING, False),
        ("paragraph", HINDI_PARAGRAPHS[1], False),
    ]
    kept, removed = clean_blocks(blocks, HINDI_TITLE, ("hi",))
    assert kept == [("paragraph", HINDI_PARAGRAPHS[0]), ("heading", HINDI_HEADING),
                    ("paragraph", HINDI_PARAGRAPHS[1])]
    assert [b.rule for b in removed] == ["hi:related-header", "hi:related-list",
                                         "hi:related-list"]
    assert [b.line for b in removed] == [1, 2, 3]
