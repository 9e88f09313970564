"""Speed of the readers and the decode step on real pages.

Reads every gzipped page of ../shared/data/fundus through the file reader (gunzip, sniff),
decodes it (charset, mojibake check, legacy-font check), and reports pages/s and MB/s, with
the repairs switched on and off, so the cost of the repair pass is visible. Then reads the
WARC samples through the WARC reader.

    .venv/bin/python benchmarks/readers_decode.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from khabar.document import Document
from khabar.extract.decode import Decode
from khabar.pipeline import Options
from khabar.sources.base import ReadStats, document_from_record, iter_records

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def read_all(paths: list[Path]) -> list[Document]:
    docs: list[Document] = []
    for path in paths:
        for record in iter_records(str(path)):
            docs.append(document_from_record(record))
    return docs


def decode_all(docs: list[Document], repair: bool) -> float:
    step = Decode(Options.load(overrides={"decode": {"repair": repair}}))
    start = time.perf_counter()
    for doc in docs:
        doc.source_text = None
        doc.meta.flags.clear()
        step(doc)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pages = sorted((SHARED / "fundus").rglob("*.html.gz"))
    best_read = min(_timed(lambda: read_all(pages)) for _ in range(args.repeat))
    docs = read_all(pages)
    size = sum(len(d.raw or b"") for d in docs) / 1e6
    print(f"fundus: {len(docs)} pages, {size:.1f} MB unpacked")
    print(f"read (gunzip + sniff): {best_read:.2f} s, {len(docs) / best_read:.0f} pages/s")
    for repair in (False, True):
        best = min(decode_all(docs, repair) for _ in range(args.repeat))
        label = "decode + repair checks" if repair else "decode only"
        print(f"{label}: {best:.2f} s, {len(docs) / best:.0f} pages/s, {size / best:.1f} MB/s")
    flags = sorted({f for d in docs for f in d.meta.flags})
    print(f"flags raised on fundus pages: {flags or 'none'}")
    warcs = sorted((SHARED / "warc-samples").glob("*.warc*"))
    stats = ReadStats()
    start = time.perf_counter()
    records = [r for p in warcs for r in iter_records(str(p), stats=stats)]
    took = time.perf_counter() - start
    print(f"warc samples: {len(records)} documents, {sum(stats.skipped.values())} records "
          f"skipped, {took * 1000:.0f} ms")


def _timed(fn: object) -> float:
    assert callable(fn)
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
