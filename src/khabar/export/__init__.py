"""8. Exports: JSONL, CSV, Parquet and GDELT 2.0 Event / Mentions tables from a store."""

from __future__ import annotations

from khabar.export.tables import FORMATS, export_documents_jsonl, export_events

__all__ = ["FORMATS", "export_documents_jsonl", "export_events"]
