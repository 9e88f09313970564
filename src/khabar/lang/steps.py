"""Steps ``language``, ``sentences`` and ``tokens``: the Hindi text layer on ``doc.text``.

* ``language`` sets ``doc.language`` / ``doc.language_score`` and, per block, ``Block.lang`` /
  ``Block.lang_score`` (a mixed page has blocks in several languages); the document's guess
  is made from the sum of its blocks' profiles (each block sampled up to ``sample_chars``).
  A block too short to judge, in the document's main script, takes the document's language
  with its own low score. A text longer than ``[language] max_chars`` is rejected (E106): no
  news article is that long, and tokens for it would not fit in memory.
* ``sentences`` splits each block on its own (a sentence never crosses blocks;
  ``Sentence.block`` is the block index).
* ``tokens`` tokenises each sentence: kinds, matching keys, number values.
"""

from __future__ import annotations

from typing import Any

from khabar.document import Document, Rejection, Sentence
from khabar.lang.langid import Guess, LanguageIdentifier, Profile
from khabar.lang.sentences import SplitRules, load_rules, split_sentences
from khabar.lang.tokens import Tokenizer
from khabar.pipeline import Options, Step, register

_ALL_LANGUAGES = ("hi", "mr", "ne", "ur", "en", "bn", "gu", "pa")


@register
class Language(Step):
    name = "language"
    requires = ("extract",)
    assigns = ("language", "language_score", "blocks.lang", "blocks.lang_score")

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        self.max_chars = int(self.config.get("max_chars", 2_000_000))
        self._identifier: LanguageIdentifier | None = None

    @property
    def identifier(self) -> LanguageIdentifier:
        if self._identifier is None:
            self._identifier = LanguageIdentifier(
                self.config.get("languages", _ALL_LANGUAGES),
                min_score=float(self.config.get("min_score", 0.35)),
                sample_chars=int(self.config.get("sample_chars", 20000)),
            )
        return self._identifier

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_identifier"] = None
        return state

    def __call__(self, doc: Document) -> None:
        if len(doc.text) > self.max_chars:
            doc.rejected = Rejection(
                "E106",
                f"the text has {len(doc.text):,} characters, more than the text layer's "
                f"limit of {self.max_chars:,} ([language] max_chars)",
                self.name,
            )
            return
        ident = self.identifier
        if not doc.blocks:
            whole = ident.guess(doc.text)
            doc.language, doc.language_score = whole.code, whole.score
            return
        total = Profile()
        guesses = []
        for block in doc.blocks:
            prof = ident.profile(doc.text[block.start : block.end])
            total.add(prof)
            guesses.append(ident.decide(prof))
        whole = ident.decide(total)
        doc.language, doc.language_score = whole.code, whole.score
        for block, guess in zip(doc.blocks, guesses, strict=True):
            block.lang, block.lang_score = _block_language(guess, whole)


def _block_language(guess: Guess, whole: Guess) -> tuple[str, float]:
    if guess.code == "und" and whole.code != "und" and guess.script == whole.script:
        return whole.code, guess.score
    return guess.code, guess.score


@register
class Sentences(Step):
    name = "sentences"
    requires = ("extract",)
    assigns = ("sentences",)

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        self.rules: SplitRules = load_rules(
            self.config.get("abbreviation_languages", ("hi", "en")),
            heading_max_words=int(self.config.get("heading_max_words", 12)),
            wrap_max_chars=int(self.config.get("wrap_max_chars", 200)),
            max_chars=int(self.config.get("max_chars", 2000)),
        )

    def __call__(self, doc: Document) -> None:
        for index, block in enumerate(doc.blocks):
            for start, end in split_sentences(doc.text, block.start, block.end, self.rules):
                doc.sentences.append(Sentence(start, end, index))


@register
class Tokens(Step):
    name = "tokens"
    requires = ("sentences",)
    assigns = ("tokens",)

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        self.tokenizer = Tokenizer(self.config.get("abbreviation_languages", ("hi", "en")))

    def __call__(self, doc: Document) -> None:
        for sentence in doc.sentences:
            doc.tokens.extend(self.tokenizer.tokens(doc.text, sentence.start, sentence.end))
