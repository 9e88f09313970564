"""Page extraction over the fundus pages: khabar against trafilatura's defaults, same run.

Reads ``../shared/data/fundus`` (258 gzipped article pages, gold title, authors, date, body;
``INDEX.csv`` pairs each page with its gold record). Both systems get the same input: the
page decoded once by khabar's decoder, and its URL (``--pipeline``: both get the page's bytes,
khabar through its decode and extract steps). Prints, for all pages and for the Indian pages
(``ind/``): body word-F1 (Unicode tokens ``[\\p{L}\\p{M}\\p{N}]+``), title exact match,
author F1, date exact-day accuracy, the published moment to the minute (``date_minute``),
empty-output rate and pages/second.

    .venv/bin/python eval/fundus_eval.py [--data DIR] [--limit N] [--json] [--pipeline]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import logging
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import regex

from khabar.extract.decode import decode_bytes

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "fundus"
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_SPACE = regex.compile(r"\s+")


@dataclass(slots=True)
class Page:
    path: str
    url: str
    data: bytes
    title: str
    authors: list[str]
    date: str
    body: str
    text: str = ""


@dataclass(slots=True)
class Output:
    title: str = ""
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    body: str = ""


def load_pages(data_dir: Path, limit: int | None = None) -> list[Page]:
    pages: list[Page] = []
    gold_cache: dict[str, dict[str, Any]] = {}
    with (data_dir / "INDEX.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            gold_file = row["gold_json"]
            if gold_file not in gold_cache:
                gold_cache[gold_file] = json.loads((data_dir / gold_file).read_text("utf-8"))
            gold = gold_cache[gold_file][row["gold_key_guess"]]
            data = gzip.decompress((data_dir / row["html_file"]).read_bytes())
            decoded = decode_bytes(data)
            pages.append(Page(row["html_file"], row["url"], data, gold.get("title") or "",
                              list(gold.get("authors") or []),
                              gold.get("publishing_date") or "", gold_body(gold),
                              decoded[0] if decoded else ""))
            if limit and len(pages) >= limit:
                break
    return pages


def gold_body(gold: dict[str, Any]) -> str:
    body = gold.get("body") or {}
    parts: list[str] = list(body.get("summary") or [])
    for section in body.get("sections") or []:
        parts.extend(section.get("headline") or [])
        parts.extend(section.get("paragraphs") or [])
    return "\n".join(parts)


# -- scoring -------------------------------------------------------------------------------
def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).casefold())


def bag_f1(pred: Iterable[str], gold: Iterable[str]) -> float:
    p, g = Counter(pred), Counter(gold)
    if not p and not g:
        return 1.0
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def norm_line(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def norm_name(text: str) -> str:
    return " ".join(words(text))


def author_f1(pred: list[str], gold: list[str]) -> float:
    return bag_f1({norm_name(a) for a in pred if norm_name(a)},
                  {norm_name(a) for a in gold if norm_name(a)})


def day_of(value: str | None, tz_like: str | None = None) -> date | None:
    """The calendar day of an ISO date/time; aware values are moved to ``tz_like``'s offset."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if tz_like and moment.tzinfo is not None:
        ref = datetime.fromisoformat(tz_like)
        if ref.tzinfo is not None:
            moment = moment.astimezone(ref.tzinfo)
    return moment.date()


def same_minute(value: str | None, gold: str) -> bool:
    """The same moment to the minute (wall-clock times when one side has no offset)."""
    if not value or not gold:
        return False
    try:
        pred = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        ref = datetime.fromisoformat(gold)
    except ValueError:
        return False
    if (pred.tzinfo is None) != (ref.tzinfo is None):
        pred, ref = pred.replace(tzinfo=None), ref.replace(tzinfo=None)
    return abs((pred - ref).total_seconds()) < 60


def score(pages: list[Page], outputs: list[Output]) -> dict[str, float]:
    n = max(1, len(pages))
    body = sum(bag_f1(words(o.body), words(p.body)) for p, o in zip(pages, outputs, strict=True))
    pairs = list(zip(pages, outputs, strict=True))
    title = sum(norm_line(o.title) == norm_line(p.title) for p, o in pairs)
    auth = sum(author_f1(o.authors, p.authors) for p, o in pairs)
    dates = sum(day_of(o.date, p.date) == day_of(p.date) for p, o in pairs)
    minutes = sum(same_minute(o.date, p.date) for p, o in pairs)
    empty = sum(not words(o.body) for o in outputs)
    return {"body_f1": body / n, "title_exact": title / n, "author_f1": auth / n,
            "date_day": dates / n, "date_minute": minutes / n, "empty_rate": empty / n}


# -- the two systems -------------------------------------------------------------------------
def run_trafilatura(page: Page, raw: bool = False) -> Output:
    import trafilatura

    source = page.data if raw else page.text
    doc = trafilatura.bare_extraction(source, url=page.url, with_metadata=True)
    if doc is None or isinstance(doc, dict):
        return Output()
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return Output(doc.title or "", authors, doc.date, doc.text or "")


def make_khabar(pipeline: bool = False) -> Callable[[Page], Output]:
    """khabar's HTML extraction on the decoded page, or (``pipeline``) decode+extract steps."""
    from khabar.extract.html import extract_html
    from khabar.pipeline import Pipeline
    from khabar.sources.base import RawRecord

    steps = Pipeline(steps=["decode", "extract"])
    config = steps.options.for_step("extract")

    def run(page: Page) -> Output:
        if pipeline:
            doc = steps(RawRecord(page.data, "bytes", url=page.url))
            meta = doc.meta
            body = "\n".join(doc.text[b.start : b.end] for b in doc.blocks if b.kind != "title")
            published = meta.published.value if meta.published else None
            return Output(meta.title or "", list(meta.authors), published, body)
        ext = extract_html(page.text, url=page.url, config=config)
        body = "\n".join(text for kind, text in ext.blocks if kind != "title")
        date = ext.published.value if ext.published else None
        return Output(ext.title or "", list(ext.authors), date, body)

    return run


def run_both(kh: Callable[[Page], Output], tr: Callable[[Page], Output], pages: list[Page]
             ) -> tuple[list[Output], list[Output], float, float]:
    """Both systems page by page, in alternating order, so load changes hit both alike."""
    kh_out: list[Output] = []
    tr_out: list[Output] = []
    kh_s = tr_s = 0.0
    for i, page in enumerate(pages):
        for system in ((kh, tr) if i % 2 else (tr, kh)):
            start = time.perf_counter()
            out = system(page)
            spent = time.perf_counter() - start
            if system is kh:
                kh_out.append(out)
                kh_s += spent
            else:
                tr_out.append(out)
                tr_s += spent
    return kh_out, tr_out, kh_s, tr_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", action="store_true", help="print figures as JSON")
    parser.add_argument("--pipeline", action="store_true",
                        help="run khabar as the decode+extract pipeline on the page's bytes")
    parser.add_argument("--show", default="",
                        help="print both outputs for pages whose path has this")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)
    pages = load_pages(args.data, args.limit)
    khabar = make_khabar(args.pipeline)
    def trafilatura(page: Page) -> Output:
        return run_trafilatura(page, raw=args.pipeline)

    for warm in pages[:3]:  # imports and lazy loads out of the timing, for both
        khabar(warm)
        trafilatura(warm)
    kh_out, traf_out, kh_s, traf_s = run_both(khabar, trafilatura, pages)
    report(pages, kh_out, traf_out, kh_s, traf_s, as_json=args.json)
    if args.show:
        show(pages, kh_out, traf_out, args.show)


def report(pages: list[Page], kh: list[Output], tr: list[Output], kh_s: float, tr_s: float,
           *, as_json: bool) -> None:
    result: dict[str, Any] = {}
    for name, keep in (("all", lambda p: True), ("ind", lambda p: p.path.startswith("ind/"))):
        idx = [i for i, p in enumerate(pages) if keep(p)]
        sub = [pages[i] for i in idx]
        result[name] = {"pages": len(sub),
                        "khabar": score(sub, [kh[i] for i in idx]),
                        "trafilatura": score(sub, [tr[i] for i in idx])}
    result["pages_per_second"] = {"khabar": len(pages) / kh_s, "trafilatura": len(pages) / tr_s,
                                  "ratio": tr_s / kh_s}
    if as_json:
        print(json.dumps(result, indent=2))
        return
    for name in ("all", "ind"):
        block = result[name]
        print(f"\n{name} pages: {block['pages']}")
        print(f"{'figure':<14}{'khabar':>10}{'trafilatura':>13}")
        for key in block["khabar"]:
            print(f"{key:<14}{block['khabar'][key]:>10.3f}{block['trafilatura'][key]:>13.3f}")
    pps = result["pages_per_second"]
    print(f"\npages/second  khabar {pps['khabar']:.1f}  trafilatura {pps['trafilatura']:.1f}"
          f"  ratio {pps['ratio']:.2f}")


def show(pages: list[Page], kh: list[Output], tr: list[Output], needle: str) -> None:
    for page, k, t in zip(pages, kh, tr, strict=True):
        if needle not in page.path:
            continue
        print(f"\n== {page.path}\n gold   : {page.title!r} {page.authors} {page.date}")
        print(f" khabar : {k.title!r} {k.authors} {k.date}"
              f" F1={bag_f1(words(k.body), words(page.body)):.3f}")
        print(f" trafil : {t.title!r} {t.authors} {t.date}"
              f" F1={bag_f1(words(t.body), words(page.body)):.3f}")


if __name__ == "__main__":
    main()
