"""khabar: news in Hindi and other Indian languages to a database of events.

Public API::

    import khabar
    doc = khabar.analyze("page.txt")          # a path, a URL, text or bytes
    for doc in khabar.Pipeline().pipe(paths):  # batches
        ...
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from khabar.document import Document
    from khabar.pipeline import Pipeline
    from khabar.sources.base import Source

__all__ = ["Document", "Pipeline", "__version__", "analyze"]

_DEFAULT: Pipeline | None = None


def analyze(source: Source, *, kind: str | None = None) -> Document:
    """Analyse one source with the default pipeline and return its Document.

    ``source`` is a path, a URL, text or bytes; ``kind`` ("path", "url", "text", "bytes")
    forces how it is read. Unreadable input raises :class:`khabar.errors.InputError`;
    a document the pipeline rejects comes back with ``doc.rejected`` set.
    """
    global _DEFAULT
    if _DEFAULT is None:
        from khabar.pipeline import Pipeline

        _DEFAULT = Pipeline()
    return _DEFAULT(source, kind=kind)


def __getattr__(name: str) -> object:
    if name == "Document":
        from khabar.document import Document

        return Document
    if name == "Pipeline":
        from khabar.pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)
