"""Accuracy of the scraped-text reader: the reference page, and real pages flattened to text.

1. The reference page (``../shared/seed``): issue 2's must-shows, counted.
2. The English and Hindi pages of ``../shared/data/fundus`` (us, uk, au, ca, za, ind), each
   flattened the way a simple scraper saves a page: the text of every innermost block element
   of the page's ``<article>`` (else ``<main>``, else ``<body>``), one line each, blank lines
   between. ``read_scraped`` reads that text; the gold record says what the article is.
   Printed per page set: title exact (on pages that show the gold title as one line; the
   gold title often comes from page metadata and is not on the page), author sets exact,
   gold paragraphs kept word for word (recall), gold lines wrongly removed, and the share of
   the other (non-article) lines the reader removed as boilerplate.

    .venv/bin/python eval/scraped_reader_eval.py [--data ../shared] [--show N]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = ("us", "uk", "au", "ca", "za", "ind")
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "section", "article", "header",
          "footer", "aside", "figcaption", "blockquote", "td", "th", "dd", "dt", "address",
          "nav", "ul", "ol", "figure", "main", "form", "table", "tr", "time", "button"}
DROP = ("script", "style", "noscript", "template", "svg", "iframe", "head")


def norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def flatten(html: bytes) -> str:
    """The page as a simple scraper saves it: innermost block texts, blank-line separated."""
    import lxml.html

    root = lxml.html.fromstring(html)
    for bad in root.iter(*DROP):
        bad.drop_tree()
    scope = _container(root)
    lines = []
    for el in scope.iter():
        if not isinstance(el.tag, str) or el.tag not in BLOCKS:
            continue
        if any(isinstance(c.tag, str) and c.tag in BLOCKS for c in el.iterdescendants()):
            continue
        text = norm(el.text_content())
        if text:
            lines.append(text)
    return "\n\n".join(lines) + "\n"


def _container(root: Any) -> Any:
    articles = root.findall(".//article")
    if articles:
        return max(articles, key=lambda a: sum(len(p.text_content()) for p in a.iter("p")))
    for path in (".//main", ".//body"):
        found = root.find(path)
        if found is not None:
            return found
    return root


def gold_parts(record: dict[str, Any]) -> tuple[str, list[str], list[str]]:
    body = record.get("body") or {}
    paras = [norm(p) for p in body.get("summary", [])]
    heads: list[str] = []
    for sec in body.get("sections", []):
        heads += [norm(h) for h in sec.get("headline", [])]
        paras += [norm(p) for p in sec.get("paragraphs", [])]
    return norm(record.get("title") or ""), [p for p in paras if p], heads


def score_page(text: str, record: dict[str, Any], stats: Counter[str]) -> None:
    from khabar.extract.scraped import read_scraped

    ext = read_scraped(text, config={})
    title, paras, heads = gold_parts(record)
    body = " ".join(norm(t) for kind, t in ext.blocks if kind != "title")
    removed = {norm(b.text) for b in ext.boilerplate}
    gold_text = " ".join([title, *paras, *heads])
    stats["pages"] += 1
    if title in (norm(x) for x in text.splitlines()):
        stats["title_on_page"] += 1
        stats["title_exact"] += norm(ext.title or "") == title
    gold_authors = {norm(a) for a in record.get("authors") or []}
    if gold_authors:
        stats["author_pages"] += 1
        stats["authors_exact"] += {norm(a) for a in ext.authors} == gold_authors
    stats["gold_paras"] += len(paras)
    stats["gold_paras_kept"] += sum(1 for p in paras if p in body)
    for line in (norm(x) for x in text.splitlines() if x.strip()):
        gold = line == title or line in heads or (len(line) >= 20 and line in gold_text)
        key = "gold_lines" if gold else "other_lines"
        stats[key] += 1
        if line in removed:
            stats[key + "_removed"] += 1


def reference(shared: Path) -> None:
    from khabar.extract.scraped import read_scraped

    path = shared / "seed" / "000_23adf52500061cf6.txt"
    lines = [norm(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    ext = read_scraped(path.read_text(encoding="utf-8"), config={})
    first = next(i for i, x in enumerate(lines) if x.startswith("यूक्रेन के साथ जारी"))
    last = next(i for i, x in enumerate(lines) if x.endswith("व्लादिवोस्तोक पहुंचा था।"))
    heads = [norm(t) for k, t in ext.blocks if k == "heading"]
    expected = [x for x in lines[first : last + 1] if x not in heads]
    paras = [norm(t) for k, t in ext.blocks if k == "paragraph"]
    rules = {b.rule for b in ext.boilerplate}
    print("reference page:")
    print(f"  section {ext.section!r}  title exact {ext.title == lines[1]}  authors {ext.authors}")
    print(f"  headings {len(heads)}  paragraphs word for word {sum(p in paras for p in expected)}"
          f"/{len(expected)} (reader gave {len(paras)})")
    print(f"  boilerplate lines {len(ext.boilerplate)}, rules {sorted(rules)}")


def fundus(shared: Path, show: int) -> None:
    data = shared / "data" / "fundus"
    by_set: dict[str, Counter[str]] = {"en": Counter(), "hi": Counter()}
    shown = 0
    with (data / "INDEX.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["country_dir"] in COUNTRIES]
    for row in rows:
        gold = json.loads((data / row["gold_json"]).read_text(encoding="utf-8"))
        record = gold.get(row["gold_key_guess"]) or next(iter(gold.values()))
        text = flatten(gzip.decompress((data / row["html_file"]).read_bytes()))
        lang = "hi" if row["publisher"] == "Bhaskar" else "en"
        score_page(text, record, by_set[lang])
        if shown < show:
            print(f"--- {row['html_file']}\n{text[:1500]}")
            shown += 1
    for lang, s in by_set.items():
        if not s["pages"]:
            continue
        print(f"fundus {lang}: {s['pages']} pages")
        print(f"  title exact            {s['title_exact'] / max(1, s['title_on_page']):.1%}"
              f" of {s['title_on_page']} pages showing the gold title as a line")
        if s["author_pages"]:
            print(f"  authors exact          {s['authors_exact'] / s['author_pages']:.1%}"
                  f" of {s['author_pages']} pages with gold authors")
        print(f"  gold paragraphs kept   {s['gold_paras_kept'] / max(1, s['gold_paras']):.1%}"
              f" of {s['gold_paras']}")
        print(f"  gold lines removed     {s['gold_lines_removed'] / max(1, s['gold_lines']):.1%}"
              f" of {s['gold_lines']}")
        print(f"  other lines removed    {s['other_lines_removed'] / max(1, s['other_lines']):.1%}"
              f" of {s['other_lines']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--show", type=int, default=0, help="print N flattened pages")
    args = parser.parse_args()
    reference(args.data)
    fundus(args.data, args.show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
