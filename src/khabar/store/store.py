"""The :class:`Store`: open a database, ingest documents, read them back."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError

from khabar.document import Document
from khabar.errors import KhabarError, StoreRefused
from khabar.pipeline import windows
from khabar.store import engine as engines
from khabar.store.ingest import (
    IngestReport,
    Outcome,
    Progress,
    Writer,
    save_run,
    start_run,
    timed,
)
from khabar.store.jsonform import read_stored
from khabar.store.schema import documents

log = logging.getLogger(__name__)


def _tally(report: IngestReport, batch: list[Document], outcomes: list[Outcome],
           refused: str | None = None) -> None:
    for doc, outcome in zip(batch, outcomes, strict=True):
        report.count(outcome)
        if outcome != "rejected":
            continue
        code, reason = (doc.rejected.code, doc.rejected.reason) if doc.rejected else (
            StoreRefused.code, refused or "")
        report.reasons[code] = report.reasons.get(code, 0) + 1
        report.examples.setdefault(code, reason)


def _write(conn: Connection, writer: Writer, batch: list[Document],
           report: IngestReport) -> list[Outcome]:
    """One transaction: the batch's documents and the run's counts after them."""
    with conn.begin():
        outcomes = writer.write_batch(batch)
        _tally(report, batch, outcomes)
        save_run(conn, report)
    return outcomes


def _write_alone(conn: Connection, writer: Writer, doc: Document,
                 report: IngestReport) -> Outcome:
    writer.forget()
    try:
        return _write(conn, writer, [doc], report)[0]
    except (IntegrityError, DataError) as exc:
        writer.forget()
        reason = f"the database refused it: {engines.first_line(exc)}"
        log.warning("%s: %s", doc.meta.path or doc.meta.url or doc.id, reason)
        with conn.begin():
            writer.refuse(doc, StoreRefused.code, reason)
            _tally(report, [doc], ["rejected"], reason)
            save_run(conn, report)
        return "rejected"


class Store:
    """A khabar database (SQLite file or PostgreSQL URL), migrated on open."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, db: str | Path | None = None) -> Store:
        """Open (and create or migrate) the database at ``db``; raises a StorageError subclass."""
        url = engines.resolve_url(db)
        try:
            return cls(engines.create(db))
        except KhabarError:
            raise
        except DBAPIError as exc:
            raise engines.translate(exc, url) from exc

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def ingest(
        self,
        docs: Iterable[Document],
        *,
        pipeline_version: str,
        sources: str = "",
        batch_size: int = 64,
        progress: Progress | None = None,
    ) -> IngestReport:
        """Store ``docs``; see :mod:`khabar.store.ingest` for the idempotence rules."""
        report = IngestReport()
        try:
            with self.engine.begin() as conn:
                report.run_id = start_run(conn, pipeline_version, sources)
            self._ingest(docs, report, pipeline_version, max(1, batch_size), progress)
        except DBAPIError as exc:
            self._finish(report, "failed")
            raise engines.translate(exc, self.engine.url) from exc
        except BaseException:
            self._finish(report, "failed")
            raise
        self._finish(report, "done")
        return report

    def _ingest(
        self, docs: Iterable[Document], report: IngestReport, version: str, batch_size: int,
        progress: Progress | None,
    ) -> None:
        with self.engine.connect() as conn:
            writer = Writer(conn, version, report.run_id)
            for batch in windows(timed(docs, report), batch_size):
                start = time.perf_counter()
                try:
                    outcomes = _write(conn, writer, batch, report)
                except (IntegrityError, DataError):
                    # one document the database refuses: store the others one by one
                    outcomes = [_write_alone(conn, writer, doc, report) for doc in batch]
                except BaseException:
                    writer.forget()
                    raise
                report.storage_seconds += time.perf_counter() - start
                if progress is not None:
                    for doc, outcome in zip(batch, outcomes, strict=True):
                        progress(doc, outcome)

    def _finish(self, report: IngestReport, status: str) -> None:
        if not report.run_id:
            return
        try:
            with self.engine.begin() as conn:
                save_run(conn, report, status)
        except DBAPIError:
            log.warning("could not record the end of ingest run %s", report.run_id)

    def count_documents(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(documents)).scalar_one())

    def document(self, key: str) -> Document | None:
        """The stored Document with this key (canonical URL, URL or ``sha256:…``) or row id."""
        cond = documents.c.key == key
        if key.isdigit():
            cond = cond | (documents.c.id == int(key))
        with self.engine.connect() as conn:
            row = conn.execute(select(documents.c.doc_json, documents.c.tokens_json)
                               .where(cond).limit(1)).first()
        return read_stored(row[0], row[1]) if row is not None else None
