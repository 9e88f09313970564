"""Small news pages written for the extraction tests (invented stories, our own words)."""

from __future__ import annotations

import json
from typing import Any

HINDI_PARAGRAPHS = [
    "रामपुर कलां में मंगलवार को नदी पर बने नए पुल का उद्घाटन किया गया। जिलाधिकारी ने फीता "
    "काटकर पुल को आम लोगों के लिए खोल दिया और कहा कि इससे बीस गांवों की दूरी घट जाएगी।",
    "गांव के लोगों ने बताया कि बरसात के दिनों में उन्हें नाव से नदी पार करनी पड़ती थी। "
    "बच्चों को स्कूल पहुंचने में दो घंटे लगते थे और मरीजों को अस्पताल ले जाना कठिन था।",
    "निर्माण विभाग के अभियंता ने कहा कि पुल की लंबाई चार सौ मीटर है और इसे तीन साल में "
    "बनाया गया। उन्होंने बताया कि पुल पर भारी वाहनों की आवाजाही भी हो सकेगी।",
    "स्थानीय व्यापारियों का कहना है कि पुल खुलने से बाजार तक सामान लाना सस्ता होगा और "
    "आसपास के किसानों को अपनी उपज का बेहतर दाम मिलेगा।",
]
HINDI_HEADING = "ग्रामीणों को मिली बड़ी राहत"
HINDI_TITLE = "रामपुर कलां में नदी पर बने नए पुल का उद्घाटन, बीस गांवों को फायदा"
ENGLISH_PARAGRAPHS = [
    "The city council of Northfield approved a plan on Monday to plant ten thousand trees "
    "along its main roads before the end of next year, officials said.",
    "The mayor told reporters that the trees would lower summer temperatures in the busiest "
    "streets and that volunteers from local schools would help with the planting.",
    "Residents who spoke at the meeting welcomed the plan but asked the council to make sure "
    "that the young trees are watered during the first two dry seasons.",
]


def jsonld(obj: dict[str, Any]) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj, ensure_ascii=False)}</script>'


def page(
    *,
    head: str = "",
    body_top: str = "",
    paragraphs: list[str] | None = None,
    extra: str = "",
    lang: str = "hi",
    title_tag: str = HINDI_TITLE + " | नगर समाचार",
    h1: str = HINDI_TITLE,
) -> str:
    """A whole page: menu, headline, byline slot, article paragraphs, footer."""
    paras = paragraphs if paragraphs is not None else HINDI_PARAGRAPHS
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title_tag}</title>{head}</head>
<body>
<nav><ul><li><a href="/">होम</a></li><li><a href="/desh">देश</a></li>
<li><a href="/videsh">विदेश</a></li></ul></nav>
<article>
<h1>{h1}</h1>
{body_top}
{body}
{extra}
</article>
<footer><p>सर्वाधिकार सुरक्षित</p></footer>
</body></html>"""


def hindi_article() -> str:
    """The Hindi page with a heading, an inline "ये भी पढ़ें" line and a share line."""
    paras = HINDI_PARAGRAPHS
    middle = (
        f"<p>{paras[0]}</p>\n<p>{paras[1]}</p>\n"
        "<p>ये भी पढ़ें: जिले में तीन नई सड़कों को मंजूरी</p>\n"
        f"<h2>{HINDI_HEADING}</h2>\n<p>{paras[2]}</p>\n<p>{paras[3]}</p>\n"
        "<p>शेयर करें</p>"
    )
    head = (
        f'<meta property="og:title" content="{HINDI_TITLE} - नगर समाचार">'
        '<meta property="og:site_name" content="नगर समाचार">'
        '<link rel="canonical" href="/rajya/rampur-pul-123.html">'
        + jsonld({
            "@context": "https://schema.org", "@type": "NewsArticle",
            "headline": HINDI_TITLE, "articleSection": "राज्य",
            "datePublished": "2024-11-12T16:30:00+05:30",
            "author": [{"@type": "Person", "name": "द्वारा वाराणसी ब्यूरो"}],
        })
    )
    return page(head=head, paragraphs=[], extra=middle)
