"""Scraped-text reader: a page saved as plain text to section, headline, byline and body.

Pages scraped to text keep one line per element of the page: a section label, the headline,
the paragraphs (blank lines between them, subheadings on their own line), a byline, and the
site's leftovers (related-article headers, comment forms, share buttons ...). The reader
works in passes over the lines, each pass claiming lines for one role:

1. boilerplate phrases (``lang/<l>/boilerplate.txt``) and the link lines under a
   related-articles header;
2. lines repeated across the site's documents (``repeated``, learned by the extract step);
3. the headline: the first line that is no short label (a short line straight above the
   first paragraph when that comes first; none when the text opens with prose);
4. the section label among the labels above the headline (a known label, a breadcrumb, or
   a lone short line); the other labels there are masthead;
5. bylines and date lines before the body starts or after it ends (anywhere: a byline with
   a prefix and a capitalised name or a colon, "By Asha Rao", "रिपोर्ट: सीमा", and a
   labelled date, "Updated: 12 Nov 2024");
6. subheadings and paragraphs from what is left.

Every input line that does not end up in a block is kept in ``Extracted.boilerplate`` with
the rule that claimed it ("hi:related-header", "site-repeat", "byline", "section" ...).
"""

from __future__ import annotations

import itertools
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from khabar.document import BlockKind, Boilerplate
from khabar.extract.base import Extracted
from khabar.extract.boilerplate import (
    MAX_LINE_CHARS,
    PhraseList,
    load_phrases,
    match_key,
    squash,
)
from khabar.extract.cues import PageCues, load_cues
from khabar.extract.repeats import RULE_SITE_REPEAT
from khabar.extract.shapes import (
    breadcrumb,
    byline_names,
    ends_sentence,
    is_body_like,
    is_date_line,
    is_dateline,
    is_heading_shaped,
    is_list_item,
    is_paragraph_like,
    is_short_label,
    is_strong_byline,
    words,
)

# Lines longer than this are running text: no phrase, label or date matches them, so their
# match key is only computed when site repeats need it.
KEY_MAX_CHARS = 300
RULE_SECTION = "section"
RULE_MASTHEAD = "masthead"
RULE_BYLINE = "byline"
RULE_DATE = "date"


@dataclass(slots=True)
class Line:
    """One non-empty input line: 1-based line number, text, blank-line group, role."""

    no: int
    text: str
    group: int
    key: str = ""
    role: str = ""


@dataclass(frozen=True, slots=True)
class ReaderSettings:
    languages: tuple[str, ...] = ("hi", "en")
    start_max_chars: int = 250
    list_max_lines: int = 12
    byline_max_words: int = 5
    heading_max_words: int = 12
    heading_max_chars: int = 100

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> ReaderSettings:
        d = cls()
        langs = config.get("boilerplate_languages", list(d.languages))
        return cls(
            languages=tuple(str(x) for x in langs),
            start_max_chars=int(config.get("start_max_chars", d.start_max_chars)),
            list_max_lines=int(config.get("list_max_lines", d.list_max_lines)),
            byline_max_words=int(config.get("byline_max_words", d.byline_max_words)),
            heading_max_words=int(config.get("heading_max_words", d.heading_max_words)),
            heading_max_chars=int(config.get("heading_max_chars", d.heading_max_chars)),
        )


def split_lines(text: str) -> list[Line]:
    """Non-empty lines with their numbers and blank-line-separated group index."""
    out: list[Line] = []
    group = 0
    blank = False
    for no, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        line = squash(raw.replace("\u200b", "").replace("\ufeff", ""))
        if not line:
            blank = True
            continue
        if blank and out:
            group += 1
        blank = False
        out.append(Line(no, line, group, match_key(line) if len(line) <= KEY_MAX_CHARS else ""))
    return out


def read_scraped(
    text: str, *, config: dict[str, Any], repeated: Collection[str] = frozenset()
) -> Extracted:
    """Read one scraped page. ``repeated``: match keys of lines the site repeats."""
    settings = ReaderSettings.from_config(config)
    reader = _Reader(
        split_lines(text), settings, load_phrases(settings.languages), load_cues(settings.languages)
    )
    return reader.read(repeated)


class _Reader:
    def __init__(
        self, lines: list[Line], settings: ReaderSettings, phrases: PhraseList, cues: PageCues
    ) -> None:
        self.lines = lines
        self.settings = settings
        self.phrases = phrases
        self.cues = cues
        self.ext = Extracted()

    def read(self, repeated: Collection[str]) -> Extracted:
        self._phrase_pass()
        if repeated:
            self._repeat_pass(repeated)
        self._head_pass()
        self._edge_pass()
        self._block_pass()
        self.ext.boilerplate.sort(key=lambda b: b.line)
        return self.ext

    # -- helpers -----------------------------------------------------------------------
    def _live(self) -> list[Line]:
        return [line for line in self.lines if not line.role]

    def _remove(self, line: Line, rule: str) -> None:
        line.role = rule
        self.ext.boilerplate.append(Boilerplate(line.text, rule, line.no))

    @staticmethod
    def _full_key(line: Line) -> str:
        if line.key or len(line.text) > MAX_LINE_CHARS:
            return line.key
        return match_key(line.text)

    def _byline(self, line: Line) -> list[str] | None:
        return byline_names(line.text, self.cues, max_words=self.settings.byline_max_words)

    # -- 1. phrases ----------------------------------------------------------------------
    def _phrase_pass(self) -> None:
        body_seen = False
        listing: str | None = None
        room = 0
        for i, line in enumerate(self.lines):
            found = self.phrases.match_entry(
                line.text, line.key, start_max_chars=self.settings.start_max_chars
            )
            if found is not None:
                rule, whole = found
                self._remove(line, rule)
                # A header alone on its line ("Related Articles", "ये भी पढ़ें") heads a list
                # of link lines; one that carries its link ("Also Read: ...") does not.
                listing = self.phrases.list_rule(rule) if body_seen and whole else None
                room = self.phrases.list_max(rule, self.settings.list_max_lines)
            elif listing and room > 0 and self._is_link(i):
                self._remove(line, listing)
                room -= 1
            else:
                listing = None
                body_seen = body_seen or is_body_like(line.text)

    def _is_link(self, i: int) -> bool:
        """Line ``i`` looks like a link title, not a subheading with its paragraph below."""
        line = self.lines[i]
        nxt = self.lines[i + 1] if i + 1 < len(self.lines) else None
        if nxt is not None and nxt.group == line.group and is_body_like(nxt.text):
            return False
        return is_list_item(line.text)

    # -- 2. site repeats -----------------------------------------------------------------
    def _repeat_pass(self, repeated: Collection[str]) -> None:
        live = self._live()
        hits = [
            line for line in live
            if self._full_key(line) in repeated
            and line.key not in self.cues.sections
            and self._byline(line) is None
        ]
        body = sum(1 for line in live if is_body_like(line.text))
        if body and body == sum(1 for line in hits if is_body_like(line.text)):
            # The same article read several times: keep its body, drop only the rest.
            hits = [line for line in hits if not is_body_like(line.text)]
        for line in hits:
            self._remove(line, RULE_SITE_REPEAT)

    # -- 3-4. headline, then section label and masthead above it -----------------------
    def _head_pass(self) -> None:
        heads = self._heads()
        if not heads:
            return
        title = self._pick_title(heads)
        if title is None:  # the text starts with running prose: no headline
            self._label_lines(list(itertools.takewhile(self._is_label, heads)))
            return
        title.role = "title"
        self.ext.title = title.text
        self._label_lines(heads[: heads.index(title)])

    def _heads(self) -> list[Line]:
        """Live lines that are no date or byline, up to the first one that is no label: the
        headline is picked among these, and the lines after it are never looked at."""
        heads: list[Line] = []
        for line in self._live():
            if self._is_meta(line):
                continue
            heads.append(line)
            if not self._is_label(line):
                break
        return heads

    def _is_meta(self, line: Line) -> bool:
        return is_date_line(line.text, self.cues, line.key) or self._byline(line) is not None

    def _is_label(self, line: Line) -> bool:
        return is_short_label(line.text) or breadcrumb(line.text, self.cues) is not None

    def _pick_title(self, heads: list[Line]) -> Line | None:
        """The first line that is no label; the label before it when that is a paragraph;
        None when the first such line is a paragraph with only a section label above it."""
        at = next((i for i, line in enumerate(heads) if not self._is_label(line)), None)
        if at is None:
            return heads[-1]
        if not is_paragraph_like(heads[at].text):
            return heads[at]
        before = heads[at - 1] if at else None
        if (
            before is not None
            and before.key not in self.cues.sections
            and breadcrumb(before.text, self.cues) is None
        ):
            return before  # a short headline straight above the first paragraph
        return None

    def _label_lines(self, labels: list[Line]) -> None:
        """Pick the section among the labels above the headline; the rest is masthead."""
        pick: Line | None = None
        for line in labels:
            crumbs = breadcrumb(line.text, self.cues)
            if crumbs is not None and not is_short_label(line.text):
                self.ext.section = crumbs[-1]
                pick = line
                break
        if pick is None:
            known = [line for line in labels if line.key in self.cues.sections]
            if known:
                pick = known[0]
            elif len(labels) == 1 and words(labels[0].text) <= 2 and len(labels[0].text) <= 20:
                pick = labels[0]
            if pick is not None:
                self.ext.section = pick.text
        for line in labels:
            self._remove(line, RULE_SECTION if line is pick else RULE_MASTHEAD)

    # -- 5. bylines and dates at the edges of the body (strong bylines anywhere) -------
    def _edge_pass(self) -> None:
        live = self._live()
        body = [i for i, line in enumerate(live) if is_body_like(line.text)]
        first, last = (body[0], body[-1]) if body else (len(live), -1)
        for i, line in enumerate(live):
            if first <= i <= last and not self._strong_meta(line):
                continue
            names = self._byline(line)
            if names is not None:
                self.ext.authors.extend(n for n in names if n not in self.ext.authors)
                self._remove(line, RULE_BYLINE)
            elif is_date_line(line.text, self.cues, line.key):
                self._remove(line, RULE_DATE)

    def _strong_meta(self, line: Line) -> bool:
        """A byline or a labelled date line ("Updated: ...") that is one even amid the body."""
        if is_strong_byline(line.text, self.cues):
            return True
        return self.cues.has_date_prefix(line.key) and is_date_line(line.text, self.cues, line.key)

    # -- 6. headings and paragraphs ------------------------------------------------------
    def _block_pass(self) -> None:
        blocks: list[tuple[BlockKind, str]] = []
        title = next((line for line in self.lines if line.role == "title"), None)
        if title is not None:
            blocks.append(("title", title.text))
        live = self._live()
        joinable = False
        for i, line in enumerate(live):
            nxt = live[i + 1] if i + 1 < len(live) else None
            prev = live[i - 1] if i else None
            if self._is_heading(line, prev, nxt):
                blocks.append(("heading", line.text))
                joinable = False
            elif joinable and prev is not None and prev.group == line.group:
                kind, text = blocks[-1]
                blocks[-1] = (kind, f"{text} {line.text}")
            else:
                blocks.append(("paragraph", line.text))
            joinable = blocks[-1][0] == "paragraph" and not ends_sentence(line.text)
        self.ext.blocks = blocks

    def _is_heading(self, line: Line, prev: Line | None, nxt: Line | None) -> bool:
        s = self.settings
        if nxt is None or not is_body_like(nxt.text):
            return False
        if not is_heading_shaped(line.text, max_words=s.heading_max_words,
                                 max_chars=s.heading_max_chars):
            return False
        if prev is not None and prev.group == line.group and not ends_sentence(prev.text):
            return False
        if nxt.group == line.group and self.cues.runs_on(line.key):
            return False  # a wrapped line ("... villages on"), not a subheading
        return not is_dateline(line.text, self.cues)
