"""The scraped-text reader on pages written for these tests (tests/extract/scraped_pages)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import khabar
from khabar.document import Document
from khabar.extract.boilerplate import load_phrases, match_key, parse_phrases, squash
from khabar.extract.cues import load_cues
from khabar.extract.repeats import learn_repeats, site_of
from khabar.extract.scraped import read_scraped
from khabar.extract.shapes import byline_names, is_date_line, is_dateline, is_strong_byline

DATA = Path(__file__).with_name("scraped_pages")
LANGS = ("hi", "en")
CONFIG = {"boilerplate_languages": list(LANGS)}


STEPS = ("decode", "extract")


def pipeline() -> khabar.Pipeline:
    """Only the steps under test; a fresh one each time (no state shared between tests)."""
    return khabar.Pipeline(steps=STEPS)


def read(name: str) -> Document:
    return pipeline()(DATA / name)


def rules(doc: Document) -> dict[str, str]:
    return {b.text: b.rule for b in doc.boilerplate}


# -- whole pages --------------------------------------------------------------------------
def test_hindi_page_with_breadcrumb_and_related_list() -> None:
    doc = read("hi_breadcrumb_related.txt")
    assert doc.meta.section == "राजनीति"
    assert doc.meta.title is not None and doc.meta.title.startswith("संसद के शीतकालीन सत्र")
    assert doc.meta.authors == ["सीमा वर्मा"]
    assert doc.headings == ["विपक्ष की आपत्तियां"]
    assert len(doc.paragraphs) == 4
    assert doc.paragraphs[0].startswith("नई दिल्ली, 12 नवंबर। केंद्र सरकार")
    got = rules(doc)
    assert got["द्वारा सीमा वर्मा"] == "byline"
    assert got["प्रकाशित: 12 नवंबर 2024, 10:30 AM IST"] == "date"
    assert got["WhatsApp पर शेयर करें"] == "hi:share"
    assert got["विज्ञापन"] == "hi:advertisement"
    assert got["हमें फॉलो करें"] == "hi:follow"
    assert got["संबंधित खबरें"] == "hi:related-header"
    assert got["किसानों ने सस्ती बिजली की मांग दोहराई"] == "hi:related-list"
    assert got["अपनी राय दें"] == got["कमेंट करें"] == "hi:comment-form"
    assert next(r for t, r in got.items() if t.startswith("ये भी पढ़ें")) == "hi:readmore"
    assert "पढ़ें" not in doc.text and "बिजली कटौती" not in doc.text


def test_hindi_desk_byline_and_dateline_kept_in_body() -> None:
    doc = read("hi_desk_dateline.txt")
    assert doc.meta.section == "खेल"
    assert doc.meta.authors == ["वाराणसी ब्यूरो"]  # not truncated, whole name kept
    assert doc.headings == []
    assert doc.paragraphs[0].startswith("वाराणसी, 3 मार्च शहर के पुराने अखाड़े")
    assert len(doc.paragraphs) == 4
    got = rules(doc)
    assert got["यह भी पढ़ें"] == "hi:readmore"
    assert got["गंगा घाट पर नौका दौड़ की तैयारी पूरी"] == "hi:related-list"
    assert got["ऐप डाउनलोड करें और पढ़ें ताज़ा खबरें"] == "hi:app-download"
    assert got["error: Content is protected !!"] == "en:copy-protection"


def test_english_page_with_two_authors() -> None:
    doc = read("en_world_agency.txt")
    assert doc.meta.section == "World"
    assert doc.meta.title == "Floods cut off mountain villages as rivers swell after a week of rain"
    assert doc.meta.authors == ["Asha Rao", "Vikram Sen"]
    assert doc.headings == ["Roads closed for a week"]
    assert doc.paragraphs[0].startswith("NEW DELHI, Nov 12 (Reuters) - Rescue teams")
    assert len(doc.paragraphs) == 3
    got = rules(doc)
    assert got["Skip to content"] == "en:navigation"
    assert got["Advertisement"] == "en:advertisement"
    assert got["Share this:"] == "en:share"
    assert got["Leave a Comment"] == "en:comment-form"
    assert got["Related Stories"] == "en:related-header"
    assert got["Why landslides are rising in the hills"] == "en:related-list"
    assert next(r for t, r in got.items() if t.startswith("This website uses")) == (
        "en:cookie-notice"
    )
    assert next(r for t, r in got.items() if t.startswith("Also Read")) == "en:readmore"


def test_hindi_page_with_byline_first_has_no_section() -> None:
    doc = read("hi_report_byline.txt")
    assert doc.meta.section is None
    assert doc.meta.authors == ["अनिल कुमार"]
    assert doc.meta.title is not None and doc.meta.title.startswith("जयपुर के सरकारी अस्पताल")
    assert doc.headings == ["मरीजों को क्या फायदा"]
    assert doc.paragraphs[0].startswith("जयपुर, 5 जनवरी (भाषा) राजधानी")
    got = rules(doc)
    assert got["रिपोर्ट: अनिल कुमार"] == "byline"
    assert got["टैग्स: जयपुर, अस्पताल, स्वास्थ्य"] == "hi:tags"
    assert got["Advertisement"] == "en:advertisement"


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.txt")))
def test_no_line_is_lost(name: str) -> None:
    doc = read(name)
    assert doc.ok
    removed = {b.text for b in doc.boilerplate}
    text = " ".join(doc.text.split())
    for raw in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = " ".join(raw.split())
        if line:
            assert line in removed or line in text, line
    assert doc.blocks[0].kind == "title"


# -- pieces -------------------------------------------------------------------------------
def test_match_key_ignores_punctuation_case_and_nukta() -> None:
    assert match_key("ये भी पढ़ें:") == match_key("ये भी पढें >>") == match_key("ये भी पढ़ें")
    assert match_key("ALSO READ -") == "also read"


def test_phrase_kinds() -> None:
    phrases = load_phrases(LANGS)
    assert phrases.match("Leave a Reply") == "en:comment-form"
    assert phrases.match("Leave a Reply to this") is None  # a whole-line entry
    assert phrases.match("यह भी पढ़ें: एक और खबर") == "hi:readmore"  # a start entry
    assert phrases.match("Back to Top") == "en:back-to-top"  # a pattern entry
    assert phrases.match("यह भी पढ़ेंगे लोग") is None  # a start needs a word boundary
    long_line = "Also Read " + "word " * 80
    assert phrases.match(long_line) is None  # start entries only on short lines


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("(फोटो: सोशल मीडिया)", "hi:photo-credit"),
        ("फाइल फोटो", "hi:photo-credit"),
        ("(यह खबर सिंडिकेट फीड से ऑटो-पब्लिश की गई है)", "hi:syndication"),
        ("अधिक जानकारी के लिए यहां क्लिक करें", "hi:click-here"),
        ("Photo: Special arrangement", "en:photo-credit"),
        ("(This story has not been edited by our staff and is published from a feed.)",
         "en:syndication"),
        ("हमें फ़ॉलो करें", "hi:follow"),
        ("Story continues below advertisement", "en:advertisement"),
        ("4 min read", "en:reading-time"),
        ("3 मिनट में पढ़ें", "hi:reading-time"),
        ("(\u095eाइल \u095eोटो)", "hi:photo-credit"),  # precomposed nukta letters
        ("(\u092b\u093cाइल \u092b\u093cोटो)", "hi:photo-credit"),  # decomposed
        ("Subscribe now to read every story on this site.", "en:paywall"),
    ],
)
def test_more_phrases(line: str, rule: str) -> None:
    assert load_phrases(LANGS).match(line) == rule


@pytest.mark.parametrize(
    "line",
    [
        "फोटो खींचने के शौकीन युवाओं ने शहर में प्रदर्शनी लगाई।",
        "Video of the incident spread on social media and police began an inquiry.",
        "Copyright law protects the work of authors and artists.",
        "विज्ञापन जगत में इस साल नौकरियां बढ़ी हैं।",
    ],
)
def test_body_lines_are_not_phrases(line: str) -> None:
    assert load_phrases(LANGS).match(line) is None


def test_agency_credit_at_the_end_is_the_byline() -> None:
    text = (
        "देश\n\nपहाड़ों पर बर्फबारी से कई रास्ते बंद, पर्यटकों को सलाह जारी\n\n"
        "शिमला, 9 जनवरी। ऊपरी इलाकों में रात भर बर्फ गिरने से सड़कों पर आवाजाही रुक गई है।\n\n"
        "प्रशासन ने लोगों से अगले दो दिन यात्रा टालने को कहा है।\n\n(भाषा)\n"
    )
    ext = read_scraped(text, config=CONFIG)
    assert ext.section == "देश"
    assert ext.authors == ["भाषा"]
    assert [k for k, _ in ext.blocks] == ["title", "paragraph", "paragraph"]
    assert [(b.text, b.rule) for b in ext.boilerplate] == [("देश", "section"), ("(भाषा)", "byline")]


def test_bureau_report_line_is_the_byline() -> None:
    text = (
        "खेल\n\nशहर की टीम ने जिला स्तर का फुटबॉल खिताब जीता\n\n"
        "फाइनल में टीम ने पड़ोसी जिले को दो गोल से हराया और दर्शकों ने जमकर जश्न मनाया।\n\n"
        "ब्यूरो रिपोर्ट\n"
    )
    ext = read_scraped(text, config=CONFIG)
    assert ext.authors == ["ब्यूरो रिपोर्ट"]
    assert [k for k, _ in ext.blocks] == ["title", "paragraph"]


def test_wrapped_lines_are_joined_not_taken_for_subheadings() -> None:
    text = (
        "Floods cut off mountain villages after heavy rain\n\n"
        "Rescue teams reached the\n"
        "village on Tuesday after a long and difficult climb through the night.\n\n"
        "राज्य सरकार के\n"
        "नए आदेश के बाद बाजार सुबह दस बजे से शाम छह बजे तक खुलेंगे।\n\n"
        "Roads closed for a week\n"
        "The state public works department said repairs would take at least seven days.\n"
    )
    ext = read_scraped(text, config=CONFIG)
    assert [k for k, _ in ext.blocks] == ["title", "paragraph", "paragraph", "heading", "paragraph"]
    assert ext.blocks[1][1].startswith("Rescue teams reached the village on Tuesday")
    assert ext.blocks[2][1].startswith("राज्य सरकार के नए आदेश")


def test_labelled_date_line_amid_the_body_is_removed() -> None:
    text = (
        "Bridge opens to traffic after two years of work on the river\n\n"
        "The new bridge across the river opened to cars and buses on Monday morning.\n\n"
        "Updated: 12 Nov 2024, 10:05 IST\n\n"
        "Officials said trucks would be allowed from next month after a final check.\n"
    )
    ext = read_scraped(text, config=CONFIG)
    assert [(b.text, b.rule) for b in ext.boilerplate] == [
        ("Updated: 12 Nov 2024, 10:05 IST", "date")
    ]
    assert len(ext.blocks) == 3


def test_text_opening_with_prose_has_no_headline() -> None:
    text = (
        "देश\n\n"
        "सरकार ने आज नई सिंचाई योजना की घोषणा की और कहा कि इसका लाभ सभी किसानों को मिलेगा।\n\n"
        "योजना पर अगले महीने से काम शुरू होगा।\n"
    )
    ext = read_scraped(text, config=CONFIG)
    assert ext.title is None
    assert ext.section == "देश"
    assert [k for k, _ in ext.blocks] == ["paragraph", "paragraph"]


def test_short_headline_above_the_first_paragraph() -> None:
    text = "Putin meets Kim\n\nThe two leaders met on Wednesday in a far eastern city for talks.\n"
    ext = read_scraped(text, config=CONFIG)
    assert ext.title == "Putin meets Kim"
    assert ext.section is None


def test_bad_phrase_entries_are_skipped(caplog: pytest.LogCaptureFixture) -> None:
    text = "line  ok-rule  Good phrase\nweird  x  y\npattern  bad  (unclosed\nonly two\n"
    with caplog.at_level(logging.WARNING):
        phrases = parse_phrases(text, "xx")
    assert phrases.match("good phrase!") == "xx:ok-rule"
    assert len(caplog.records) == 3


def test_byline_shapes() -> None:
    cues = load_cues(LANGS)
    assert byline_names("द्वारा राम प्रसाद", cues, max_words=5) == ["राम प्रसाद"]
    assert byline_names("News Desk", cues, max_words=5) == ["News Desk"]
    assert byline_names("By the river the boats waited.", cues, max_words=5) is None
    assert byline_names("by the way", cues, max_words=5) is None
    assert byline_names("रिपोर्ट्स के मुताबिक", cues, max_words=5) is None
    assert byline_names("(भाषा)", cues, max_words=5) == ["भाषा"]
    assert byline_names("संवाद न्यूज एजेंसी, आगरा", cues, max_words=5) == ["संवाद न्यूज एजेंसी"]
    assert byline_names("By Meera Iyer, Chennai", cues, max_words=5) == ["Meera Iyer"]
    assert byline_names("Desk", cues, max_words=5) is None
    assert byline_names("By Jon Rao for Example.com", cues, max_words=5) == ["Jon Rao"]


def test_strong_bylines_are_recognised_amid_the_body() -> None:
    cues = load_cues(LANGS)
    assert is_strong_byline("By Kiran Bedi, Staff Reporter", cues)
    assert is_strong_byline("रिपोर्ट: सुनील यादव", cues)
    assert not is_strong_byline("रिपोर्ट में खुलासा", cues)  # a subheading, not a byline
    assert not is_strong_byline("By Monday, the water had gone down.", cues)


def test_date_and_dateline_shapes() -> None:
    cues = load_cues(LANGS)
    assert is_date_line("Updated: Nov 12, 2024, 09:15 IST", cues)
    assert is_date_line("12 नवंबर 2024", cues)
    assert not is_date_line("मुख्यमंत्री ने 12 नवंबर को बैठक बुलाई है।", cues)
    assert is_dateline("नई दिल्ली, 12 नवंबर", cues)
    assert not is_dateline("उन्होंने कहा, सरकार तैयार है", cues)


def test_empty_and_boilerplate_only_text() -> None:
    assert read_scraped("", config=CONFIG).blocks == []
    only = read_scraped("Leave a Reply\n\nविज्ञापन\n", config=CONFIG)
    assert only.blocks == []
    assert [b.rule for b in only.boilerplate] == ["en:comment-form", "hi:advertisement"]


# -- lines repeated across a site's documents ----------------------------------------------
TAGLINE = "खबरनामा: आपके शहर की हर हलचल"
FOOTER = "संपर्क के लिए लिखें: डेस्क पता सेक्टर नौ"
BODIES = [
    ("नगर निगम ने पुराने बाजार की सड़कों की मरम्मत का काम शुरू किया।",
     "ठेकेदार ने बताया कि काम दो हफ्तों में पूरा होगा और यातायात रात में मोड़ा जाएगा।"),
    ("जिले के सरकारी स्कूलों में नई पुस्तकालय योजना की शुरुआत हुई।",
     "शिक्षा अधिकारी ने कहा कि हर स्कूल को पांच सौ किताबें दी जाएंगी।"),
    ("शहर में पहली बार साइकिल रैली निकाली गई जिसमें सैकड़ों लोग शामिल हुए।",
     "आयोजकों ने कहा कि रैली का मकसद प्रदूषण के प्रति लोगों को जागरूक करना था।"),
    ("बारिश के बाद नदी किनारे की बस्तियों में पानी भरने की शिकायतें आईं।",
     "प्रशासन ने राहत शिविर खोले और नावों का इंतजाम किया।"),
]
ONE_OFF = "इस खबर में आगे की जानकारी जुड़ती रहेगी"


def write_site(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, (first, second) in enumerate(BODIES[:count]):
        extra = f"\n\n{ONE_OFF}" if i == 0 else ""
        text = (f"{TAGLINE}\n\nशहर\n\nखबर संख्या {i + 1} का शीर्षक यहां लिखा है\n\n"
                f"{first}\n\n{second}{extra}\n\n{FOOTER}\n")
        path = folder / f"page{i}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def test_site_repeated_lines_removed_when_read_together(tmp_path: Path) -> None:
    paths = write_site(tmp_path / "site", 4)
    docs = list(pipeline().pipe([str(p) for p in paths]))
    assert len(docs) == 4
    for doc in docs:
        assert doc.ok
        got = rules(doc)
        assert got[TAGLINE] == got[FOOTER] == "site-repeat"
        assert TAGLINE not in doc.text and FOOTER not in doc.text
        assert doc.meta.section == "शहर"  # a known section label is never a site repeat
        assert len(doc.paragraphs) >= 2
    assert ONE_OFF in docs[0].text
    assert ONE_OFF not in rules(docs[0])


def test_too_few_documents_keep_their_lines(tmp_path: Path) -> None:
    paths = write_site(tmp_path / "small", 2)
    docs = list(pipeline().pipe([str(p) for p in paths]))
    assert all(TAGLINE in doc.text for doc in docs)
    assert not any(b.rule == "site-repeat" for doc in docs for b in doc.boilerplate)


def test_one_document_alone_keeps_its_lines(tmp_path: Path) -> None:
    path = write_site(tmp_path / "one", 1)[0]
    assert TAGLINE in pipeline()(path).text


def test_sites_are_kept_apart() -> None:
    pages = [("a.example", f"{TAGLINE}\nbody {i}") for i in range(3)]
    pages += [("b.example", f"{TAGLINE}\nother {i}") for i in range(2)]
    pages += [("b.example", f"other {i}") for i in range(2, 4)]
    learned = learn_repeats(pages, min_share=0.5, min_docs=3)
    assert learned == {"a.example": frozenset({match_key(TAGLINE)})}


def test_identical_pages_count_once() -> None:
    pages = [("a.example", f"{TAGLINE}\nsame body")] * 5
    assert learn_repeats(pages, min_share=0.5, min_docs=3) == {}


def test_site_of_prefers_the_url_host() -> None:
    doc = Document()
    doc.meta.url = "https://www.example.in/desh/story-1"
    doc.meta.path = "/tmp/crawl/page.txt"
    assert site_of(doc) == "example.in"
    doc.meta.url = None
    assert site_of(doc) == "folder:/tmp/crawl"
    doc.meta.path = None
    assert site_of(doc) is None


# -- any text -----------------------------------------------------------------------------
LINE_PARTS = st.sampled_from([
    "विदेश", "News Desk", "By Asha Rao", "Leave a Reply", "ये भी पढ़ें", "संबंधित खबरें",
    "नई दिल्ली, 12 नवंबर", "12 नवंबर 2024", "होम / देश", "(भाषा)", "Advertisement",
    "सरकार ने आज नई योजना की घोषणा की और कहा कि इसका लाभ सभी को मिलेगा।",
    "A short line", "…", "।", "", " ", "\u00a0", "\u200b", "-----", "©", "*",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(LINE_PARTS, st.text(max_size=40)), max_size=25))
def test_any_text_is_read_and_no_line_is_lost(parts: list[str]) -> None:
    text = "\n".join(parts)
    ext = read_scraped(text, config=CONFIG)
    kept = " ".join(" ".join(t.split()) for _, t in ext.blocks)
    removed = {b.text for b in ext.boilerplate}
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = squash(raw.replace("\u200b", "").replace("\ufeff", ""))
        if line:
            assert line in removed or line in kept
