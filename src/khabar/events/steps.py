"""Steps ``times`` (temporal expressions into ``doc.times``) and ``events`` (``doc.events``)."""

from __future__ import annotations

import logging

from khabar.document import Document
from khabar.events.extract import extract_events
from khabar.events.time import document_times
from khabar.pipeline import Step, register

log = logging.getLogger(__name__)


@register
class Times(Step):
    """Hindi temporal expressions, normalised against ``doc.meta.published`` when known."""

    name = "times"
    requires = ("sentences",)
    assigns = ("times",)

    def __call__(self, doc: Document) -> None:
        if doc.language not in (None, "hi") or not doc.text:
            return
        doc.times.extend(document_times(doc))


@register
class Events(Step):
    """Events with actors, place, time, modality, attribution and evidence."""

    name = "events"
    requires = ("times",)
    assigns = ("events",)

    def __call__(self, doc: Document) -> None:
        if doc.language not in (None, "hi") or not doc.text:
            return
        times = doc.times if "times" in doc.steps else document_times(doc)
        doc.events.extend(extract_events(doc, times))
