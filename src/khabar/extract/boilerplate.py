"""Boilerplate phrase lists: loading the per-language data files and matching lines.

The lists live in ``khabar/lang/<lang>/boilerplate.txt`` (format described at the top of
each file). Every entry matches the whole line, the line's start, or a regular expression,
and carries a rule name; a match reports ``"<lang>:<rule>"``.

Matching works on a *match key*: NFC, case folded, nukta and zero-width characters dropped,
candrabindu folded into anusvara, every run of punctuation or symbols turned into one space.
So "ये भी पढ़ें:", "ये भी पढें >>" and "ये भी पढ़ें -" share one key.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import regex

log = logging.getLogger(__name__)

_NON_WORD = regex.compile(r"[^\p{L}\p{M}\p{N}]+")
_DROP = ("\u093c", "\u200b", "\u200c", "\u200d", "\ufeff")
MATCH_KINDS = ("line", "start", "pattern")
# Lines longer than this are running text: never matched against the phrase lists.
MAX_LINE_CHARS = 1000


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def match_key(text: str) -> str:
    """The key two spellings of one boilerplate line share (never shown, only compared)."""
    folded = _nfc(text).casefold().replace("\u0901", "\u0902")
    for mark in _DROP:
        if mark in folded:
            folded = folded.replace(mark, "")
    return _NON_WORD.sub(" ", folded).strip()


def squash(text: str) -> str:
    """The line with every run of white space made one space, ends stripped."""
    return " ".join(_nfc(text).split())


@dataclass(slots=True)
class PhraseList:
    """Phrase entries of one or more languages, ready to match lines."""

    whole: dict[str, str] = field(default_factory=dict)
    starts: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    patterns: list[tuple[regex.Pattern[str], str]] = field(default_factory=list)
    follow: dict[str, str] = field(default_factory=dict)
    follow_max: dict[str, int] = field(default_factory=dict)

    def match(self, line: str, *, start_max_chars: int = 250) -> str | None:
        """The qualified rule ("hi:related-header") that makes ``line`` boilerplate, or None."""
        found = self.match_entry(line, start_max_chars=start_max_chars)
        return found[0] if found else None

    def match_entry(
        self, line: str, key: str | None = None, *, start_max_chars: int = 250
    ) -> tuple[str, bool] | None:
        """(rule, whole) for a boilerplate line; ``whole``: the phrase is all the line holds.

        A caller that passes ``key`` (the line's :func:`match_key`) passes the line squashed.
        """
        if len(line) > MAX_LINE_CHARS:
            return None
        if key is None:
            line, key = squash(line), match_key(line)
        if not key:
            return None
        rule = self.whole.get(key)
        if rule is not None:
            return rule, True
        if len(line) <= start_max_chars:
            for prefix, rule in self.starts.get(key.split(" ", 1)[0], ()):
                if key.startswith(prefix) and (len(key) == len(prefix) or key[len(prefix)] == " "):
                    return rule, len(key) == len(prefix)
        for pattern, rule in self.patterns:
            if pattern.fullmatch(line):
                return rule, True
        return None

    def list_rule(self, rule: str) -> str | None:
        """The rule for the link lines that follow a line removed by ``rule`` (or None)."""
        return self.follow.get(rule)

    def list_max(self, rule: str, default: int) -> int:
        """How many link lines at most follow a line removed by ``rule``."""
        return self.follow_max.get(rule, default)

    def extend(self, other: PhraseList) -> None:
        for key, rule in other.whole.items():
            self.whole.setdefault(key, rule)
        for first, entries in other.starts.items():
            merged = self.starts.setdefault(first, [])
            merged.extend(entries)
            merged.sort(key=lambda item: -len(item[0]))
        self.patterns.extend(other.patterns)
        self.follow.update(other.follow)
        self.follow_max.update(other.follow_max)


def parse_phrases(text: str, lang: str) -> PhraseList:
    """A :class:`PhraseList` from the text of one ``boilerplate.txt``; bad lines are logged."""
    out = PhraseList()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 2)
        if len(parts) != 3:
            log.warning("%s boilerplate line %d: expected 3 columns", lang, number)
            continue
        kind, rule, phrase = parts
        if kind == "@list":
            if not _add_list(out, f"{lang}:{rule}", lang, phrase.split()):
                log.warning("%s boilerplate line %d: bad @list %r", lang, number, line)
        elif not _add_entry(out, kind, f"{lang}:{rule}", phrase.strip()):
            log.warning("%s boilerplate line %d: bad entry %r", lang, number, line)
    for entries in out.starts.values():
        entries.sort(key=lambda item: -len(item[0]))
    return out


def _add_list(out: PhraseList, rule: str, lang: str, rest: list[str]) -> bool:
    if not 1 <= len(rest) <= 2 or (len(rest) == 2 and not rest[1].isdigit()):
        return False
    out.follow[rule] = f"{lang}:{rest[0]}"
    if len(rest) == 2:
        out.follow_max[rule] = int(rest[1])
    return True


def _add_entry(out: PhraseList, kind: str, rule: str, phrase: str) -> bool:
    if kind == "pattern":
        try:
            source = unicodedata.normalize("NFC", phrase)  # lines are matched in NFC
            out.patterns.append((regex.compile(source, regex.IGNORECASE | regex.V1), rule))
        except regex.error:
            return False
        return True
    key = match_key(phrase)
    if not key or kind not in MATCH_KINDS:
        return False
    if kind == "line":
        out.whole.setdefault(key, rule)
    else:
        out.starts.setdefault(key.split(" ", 1)[0], []).append((key, rule))
    return True


def read_lang_file(lang: str, name: str) -> str | None:
    """The text of ``khabar/lang/<lang>/<name>``, or None when the language has no such file."""
    try:
        target = resources.files("khabar.lang").joinpath(lang, name)
        return target.read_text(encoding="utf-8")
    except (FileNotFoundError, NotADirectoryError, OSError):
        return None


@lru_cache(maxsize=16)
def load_phrases(languages: tuple[str, ...]) -> PhraseList:
    """The merged phrase lists of ``languages`` (cached; languages without a file skipped)."""
    merged = PhraseList()
    for lang in languages:
        text = read_lang_file(lang, "boilerplate.txt")
        if text is None:
            log.info("no boilerplate phrase list for language %r", lang)
            continue
        merged.extend(parse_phrases(text, lang))
    return merged
