"""The one `Document` type that flows through every pipeline step, and its span types.

Every span carries character offsets (``start``, ``end``: half-open) into ``Document.text``,
the one normalised text of the document. Steps only add to a Document; they never rewrite
``text`` once it is set, never remove spans another step added.

The JSON form is versioned (:data:`SCHEMA_VERSION`) and round-trips exactly:
``Document.from_json(doc.to_json()) == doc``. Transient fields (raw bytes, decoded source
text) are marked ``transient`` and left out of the JSON form.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from khabar.codec import from_jsonable, to_jsonable

SCHEMA_VERSION = 1

BlockKind = Literal["title", "heading", "paragraph", "section", "byline", "date"]
TokenKind = Literal["word", "number", "punct", "symbol", "url", "email"]
EntityType = Literal[
    "person", "organisation", "country", "region", "city", "location",
    "facility", "media", "group", "other",
]
Modality = Literal["asserted", "future", "hypothetical", "negated", "historical"]
Precision = Literal["day", "month", "year", "week", "decade", "time", "unknown"]


def transient() -> Any:
    """A field excluded from the JSON form (raw input, intermediate text)."""
    return field(default=None, metadata={"transient": True}, compare=False, repr=False)


@dataclass(slots=True)
class Block:
    """A structural block of the text: title, heading (subheading), paragraph, byline."""

    kind: BlockKind
    start: int
    end: int
    lang: str | None = None
    lang_score: float | None = None


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    block: int


@dataclass(slots=True)
class Token:
    """A token: ``key`` is the matching key (normalised spelling), never a text change."""

    start: int
    end: int
    kind: TokenKind = "word"
    key: str = ""
    value: float | None = None


@dataclass(slots=True)
class Boilerplate:
    """A line removed from the text, kept with the rule that removed it."""

    text: str
    rule: str
    line: int


@dataclass(slots=True)
class Mention:
    """A name in the text. ``entity`` is the id of the document entity it belongs to."""

    start: int
    end: int
    text: str
    label: str
    entity: str | None = None
    score: float = 1.0
    source: str = ""


@dataclass(slots=True)
class Entity:
    """A document-level entity: a knowledge-base entity or a document-local one."""

    id: str
    type: EntityType
    name: str
    kb_id: str | None = None
    name_hi: str | None = None
    country: str | None = None
    mentions: list[int] = field(default_factory=list)
    score: float = 0.0


@dataclass(slots=True)
class TimeExpression:
    start: int
    end: int
    text: str
    value: str | None = None
    precision: Precision = "unknown"
    anchor: str | None = None


@dataclass(slots=True)
class Attribution:
    """Who says so: a source entity id, or ``unnamed`` ("reports", "sources")."""

    kind: Literal["named", "unnamed"]
    cue: str
    source: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Cameo:
    code: str
    root: str
    quad_class: int
    goldstein: float


@dataclass(slots=True)
class Casualties:
    killed: int | None = None
    injured: int | None = None
    approximate: bool = False


@dataclass(slots=True)
class Place:
    text: str
    entity: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Evidence:
    """One mention of an event: its sentence and the character span of the evidence."""

    sentence: int
    start: int
    end: int
    trigger_start: int | None = None
    trigger_end: int | None = None


@dataclass(slots=True)
class Event:
    """An event, after ENGINEERING.md section 3 (PLOVER types, or an incident with subtype)."""

    id: str
    type: str
    mode: str | None = None
    subtype: str | None = None
    cameo: Cameo | None = None
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    place: Place | None = None
    time: TimeExpression | None = None
    casualties: Casualties | None = None
    modality: Modality = "asserted"
    unconfirmed: bool = False
    attributions: list[Attribution] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.0


@dataclass(slots=True)
class PublishedTime:
    value: str
    source: str
    confidence: float = 1.0


@dataclass(slots=True)
class Metadata:
    url: str | None = None
    canonical_url: str | None = None
    path: str | None = None
    source_kind: str = "text"
    fetched_at: str | None = None
    content_type: str | None = None
    encoding: str | None = None
    content_hash: str | None = None
    title: str | None = None
    section: str | None = None
    authors: list[str] = field(default_factory=list)
    published: PublishedTime | None = None
    site_name: str | None = None
    declared_language: str | None = None
    flags: list[str] = field(default_factory=list)


@dataclass(slots=True)
class StepError:
    """An error a step raised on this document; the batch goes on."""

    step: str
    code: str
    message: str


@dataclass(slots=True)
class Rejection:
    """Why a document was not processed (empty, binary, undecodable ...)."""

    code: str
    reason: str
    step: str = ""


@dataclass(slots=True)
class Document:
    id: str = ""
    text: str = ""
    language: str | None = None
    language_score: float | None = None
    meta: Metadata = field(default_factory=Metadata)
    blocks: list[Block] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    boilerplate: list[Boilerplate] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    errors: list[StepError] = field(default_factory=list)
    rejected: Rejection | None = None
    schema_version: int = SCHEMA_VERSION
    raw: bytes | None = transient()
    source_text: str | None = transient()

    # -- convenience views -------------------------------------------------------------
    def span(self, start: int, end: int) -> str:
        return self.text[start:end]

    def block_text(self, kind: BlockKind) -> list[str]:
        return [self.text[b.start : b.end] for b in self.blocks if b.kind == kind]

    @property
    def paragraphs(self) -> list[str]:
        return self.block_text("paragraph")

    @property
    def headings(self) -> list[str]:
        return self.block_text("heading")

    @property
    def ok(self) -> bool:
        return self.rejected is None and not self.errors

    # -- JSON ----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        out = to_jsonable(self)
        assert isinstance(out, dict)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        version = data.get("schema_version", SCHEMA_VERSION)
        if version != SCHEMA_VERSION:
            from khabar.errors import SchemaError

            raise SchemaError(f"unsupported schema_version {version!r} (this is {SCHEMA_VERSION})")
        doc = from_jsonable(cls, data)
        assert isinstance(doc, Document)
        return doc

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, text: str) -> Document:
        data = json.loads(text)
        if not isinstance(data, dict):
            from khabar.errors import SchemaError

            raise SchemaError("a Document's JSON form is an object")
        return cls.from_dict(data)
