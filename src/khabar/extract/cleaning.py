"""Post-cleaning of an extractor's blocks; every removed line is kept with its rule.

Rules, in order, per block:

* ``<lang>:<rule>`` — a line of the language phrase lists (``khabar/lang/<lang>/
  boilerplate.txt`` through :mod:`khabar.extract.boilerplate`): "ये भी पढ़ें: …",
  "Also Read", share, follow and subscribe lines; after a list header ("ये भी पढ़ें",
  "संबंधित खबरें") standing alone, the headline-shaped link lines under it
  (``<lang>:related-list``), never a heading;
* ``extract:no-words`` — a line without a letter or digit (separators, stray markup);
* ``extract:title-repeat`` — the headline repeated as the first heading or paragraph;
* ``extract:leading-list`` — short list items (breadcrumbs, menus, "copy link") before the
  first real paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from khabar.document import BlockKind, Boilerplate
from khabar.extract.boilerplate import PhraseList, load_phrases, match_key

_SENTENCE_END = regex.compile(r"[।.!?…\"'”’)\]]\s*$")
_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
MAX_LIST_LINES = 8
MAX_LINK_WORDS = 20
MAX_MENU_WORDS = 6
PROSE_WORDS = 10
MAX_HEADER_WORDS = 4


def clean_blocks(
    blocks: Sequence[tuple[BlockKind, str, bool]], title: str | None,
    languages: tuple[str, ...],
) -> tuple[list[tuple[BlockKind, str]], list[Boilerplate]]:
    """(kept blocks, removed lines) for one page's blocks (kind, text, from a list/table)."""
    phrases = load_phrases(languages)
    title_key = match_key(title) if title else ""
    kept: list[tuple[BlockKind, str]] = []
    removed: list[Boilerplate] = []
    list_rule: str | None = None
    list_left = 0
    seen_prose = False
    for index, (kind, text, from_list) in enumerate(blocks):
        rule = _rule(phrases, text) if _words(text) else "extract:no-words"
        if rule is None and list_rule and list_left > 0 and kind != "heading" \
                and _link_like(text):
            rule, list_left = list_rule, list_left - 1
        elif rule is None:
            list_rule = None
        if rule is None and title_key and not seen_prose and match_key(text) == title_key:
            rule = "extract:title-repeat"
        if rule is None and from_list and not seen_prose and _words(text) <= MAX_MENU_WORDS:
            rule = "extract:leading-list"
        if rule is not None:
            removed.append(Boilerplate(text, rule, index))
            follow = phrases.list_rule(rule)
            if follow and _words(text) <= MAX_HEADER_WORDS:  # a header alone, links below
                list_rule, list_left = follow, MAX_LIST_LINES
            continue
        kept.append((kind, text))
        seen_prose = seen_prose or (not from_list and _words(text) >= PROSE_WORDS)
    return kept, removed


def _rule(phrases: PhraseList, text: str) -> str | None:
    return phrases.match(text)


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _link_like(text: str) -> bool:
    """A headline-shaped line: short and not ending like a sentence."""
    return _words(text) <= MAX_LINK_WORDS and not _SENTENCE_END.search(text)
