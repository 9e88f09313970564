"""Title, section, canonical URL, site name and declared language of a page."""

from __future__ import annotations

import pytest
from extract_pages import HINDI_TITLE, jsonld, page

from khabar.extract.metadata import page_metadata, strip_site
from khabar.extract.pagedata import PageData, collect, parse_tree

URL = "https://www.nagarsamachar.example/rajya/up/rampur-pul-123.html"


def _page(url: str = URL, *, head: str = "", lang: str = "hi", h1: str = HINDI_TITLE,
          title_tag: str = HINDI_TITLE + " | नगर समाचार", body_top: str = "") -> PageData:
    html = page(head=head, lang=lang, h1=h1, title_tag=title_tag, body_top=body_top)
    return collect(parse_tree(html), url)


def test_title_confirmed_by_other_sources_wins_over_seo_title() -> None:
    head = (f'<meta property="og:title" content="Rampur bridge news: {HINDI_TITLE} | नगर समाचार">'
            '<meta property="og:site_name" content="नगर समाचार">'
            + jsonld({"@type": "NewsArticle", "headline": HINDI_TITLE}))
    meta = page_metadata(_page(head=head))
    assert meta.title == HINDI_TITLE


def test_title_from_the_title_tag_without_the_site_name() -> None:
    meta = page_metadata(_page(h1="", title_tag=f"{HINDI_TITLE} | नगर समाचार"))
    assert meta.title == HINDI_TITLE


def test_entities_in_structured_titles_are_decoded() -> None:
    head = '<meta property="og:title" content="Council&#8217;s tree plan">'
    meta = page_metadata(_page(head=head, h1="", title_tag="x"))
    assert meta.title == "Council\u2019s tree plan"


@pytest.mark.parametrize(("title", "site", "expected"), [
    ("पुल खुला | नगर समाचार", "नगर समाचार", "पुल खुला"),
    ("नगर समाचार - पुल खुला, बीस गांवों को फायदा", "नगर समाचार", "पुल खुला, बीस गांवों को फायदा"),
    ("Trees for the city | City News - The Daily Example", "The Daily Example",
     "Trees for the city"),
    ("No separators here", "Site", "No separators here"),
])
def test_strip_site(title: str, site: str, expected: str) -> None:
    assert strip_site(title, site) == expected


def test_section_from_jsonld_then_breadcrumbs_then_url() -> None:
    with_ld = jsonld({"@type": "NewsArticle", "articleSection": "विदेश"})
    assert page_metadata(_page(head=with_ld)).section == "विदेश"
    crumbs = jsonld({"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "होम"},
        {"@type": "ListItem", "position": 2, "name": "राज्य"},
        {"@type": "ListItem", "position": 3, "name": HINDI_TITLE},
    ]})
    assert page_metadata(_page(head=crumbs)).section == "राज्य"
    assert page_metadata(_page()).section == "rajya"


def test_canonical_url_made_absolute_and_site_name() -> None:
    head = ('<link rel="canonical" href="/rajya/rampur-pul-123.html">'
            '<meta property="og:site_name" content="नगर समाचार">')
    meta = page_metadata(_page(head=head))
    assert meta.canonical_url == "https://www.nagarsamachar.example/rajya/rampur-pul-123.html"
    assert meta.site_name == "नगर समाचार"


def test_site_name_falls_back_to_the_host() -> None:
    assert page_metadata(_page()).site_name == "nagarsamachar.example"


@pytest.mark.parametrize(("lang", "head", "expected"), [
    ("hi-IN", "", "hi"),
    ("", '<meta property="og:locale" content="en_IN">', "en"),
    ("", "", None),
])
def test_declared_language(lang: str, head: str, expected: str | None) -> None:
    assert page_metadata(_page(lang=lang, head=head)).language == expected


def test_section_from_an_html_breadcrumb_without_home() -> None:
    crumbs = ('<div class="BreadCrumb"><a href="/">होम</a> / <a href="/desh">देश</a> / '
              '<a href="/desh/rajniti">राजनीति</a></div>')
    html = page(body_top=crumbs)
    meta = page_metadata(collect(parse_tree(html), "https://example.in/x"))
    assert meta.section == "राजनीति"


def test_section_from_the_label_above_the_headline() -> None:
    html = page().replace("<h1>", '<span class="kicker">विदेश</span>\n<h1>', 1)
    meta = page_metadata(collect(parse_tree(html), "https://example.in/x"))
    assert meta.section == "विदेश"


def test_no_section_words_no_section() -> None:
    html = page().replace("<h1>", '<span class="kicker">कुछ भी</span>\n<h1>', 1)
    assert page_metadata(collect(parse_tree(html), "https://example.in/x")).section is None


def test_structured_title_with_a_dash_but_no_site_name_stays_whole() -> None:
    whole = "पुल का उद्घाटन - बीस गांवों की दूरी घटी"
    head = f'<meta property="og:title" content="{whole}">'
    meta = page_metadata(_page(head=head, h1="", title_tag="नगर समाचार"))
    assert meta.title == whole
