"""The newspaper corpus split into articles, shared by the benchmarks.

Input: the daily files of ../shared/data/hindi-newspaper-text (``<paper>/<month>/*.txt``; the
corpus's Readme.txt and SOURCE.txt are skipped). Each file holds several articles: a
headline line, then body paragraphs. A file is split into articles at headline lines: a
non-empty line of at most 250 characters that does not end with a sentence terminator
(``। ? ! . ॥``) and follows a blank line (or starts the file). Short unterminated lines that
are really subheadings inside an article therefore start an article of their own; the
benchmarks count documents that way and say so.
"""

from __future__ import annotations

from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "hindi-newspaper-text"
HEADLINE_MAX_CHARS = 250
TERMINATORS = ("।", "?", "!", ".", "॥", "|")


def is_headline(line: str, after_blank: bool) -> bool:
    line = line.strip()
    return after_blank and 0 < len(line) <= HEADLINE_MAX_CHARS and not line.endswith(TERMINATORS)


def split_articles(text: str) -> list[list[str]]:
    """Articles of one file: [headline, paragraph, ...] (see the module docstring)."""
    articles: list[list[str]] = []
    after_blank = True
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            after_blank = True
            continue
        if is_headline(line, after_blank) or not articles:
            articles.append([line])
        else:
            articles[-1].append(line)
        after_blank = False
    return [a for a in articles if len(a) > 1]


def daily_files(corpus: Path = CORPUS) -> list[Path]:
    """The daily files, sorted (``<paper>/<month>/*.txt``)."""
    return sorted(p for p in corpus.glob("*/*/*.txt") if p.is_file())


def corpus_articles(corpus: Path = CORPUS) -> list[list[str]]:
    """Every article of every daily file, in file order."""
    return [a for p in daily_files(corpus)
            for a in split_articles(p.read_text(encoding="utf-8", errors="replace"))]
