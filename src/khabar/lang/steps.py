"""Steps ``language``, ``sentences``, ``tokens`` (placeholders until the text layer lands)."""

from __future__ import annotations

import regex

from khabar.document import Document, Sentence, Token
from khabar.pipeline import Step, register

_SENT = regex.compile(r"[^।॥?!.]+[।॥?!.]*")
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+|[^\s\p{L}\p{M}\p{N}]")


@register
class Language(Step):
    name = "language"
    requires = ("extract",)

    def __call__(self, doc: Document) -> None:
        deva = len(regex.findall(r"\p{Devanagari}", doc.text))
        latin = len(regex.findall(r"\p{Latin}", doc.text))
        doc.language = "hi" if deva >= latin else "en"


@register
class Sentences(Step):
    name = "sentences"
    requires = ("extract",)

    def __call__(self, doc: Document) -> None:
        for i, block in enumerate(doc.blocks):
            for m in _SENT.finditer(doc.text, block.start, block.end):
                if m.group().strip():
                    doc.sentences.append(Sentence(m.start(), m.end(), i))


@register
class Tokens(Step):
    name = "tokens"
    requires = ("sentences",)

    def __call__(self, doc: Document) -> None:
        for m in _TOKEN.finditer(doc.text):
            doc.tokens.append(Token(m.start(), m.end()))
