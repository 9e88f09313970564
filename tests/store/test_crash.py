"""kill -9 in the middle of an ingest batch: the database stays consistent, a rerun finishes
the job with exact counts and no duplicates (SQLite and PostgreSQL)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from khabar.document import Document
from khabar.store import Store
from khabar.store.schema import documents, ingest_runs
from store_data import fresh
from store_expect import expected_counts, table_counts

BATCH = 4
# A child that ingests with each document row made slowly, inside the batch's transaction,
# so the kill lands while a transaction is open and half written.
CHILD = """
import sys, time
import khabar.store.rows as rows
from khabar.document import Document
from khabar.store import Store

make_row = rows.document_row

def slow_row(*args, **kwargs):
    time.sleep(0.1)
    return make_row(*args, **kwargs)

rows.document_row = slow_row

def slow(path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield Document.from_json(line)

Store.open(sys.argv[1]).ingest(slow(sys.argv[2]), pipeline_version="v1",
                               batch_size=int(sys.argv[3]))
"""


def _wait_for(store: Store, n: int, child: subprocess.Popen[bytes]) -> int:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        count = store.count_documents()
        if count >= n:
            return count
        assert child.poll() is None, child.stderr.read() if child.stderr else ""
        time.sleep(0.02)
    raise AssertionError("the child never committed two batches")


def test_kill_mid_batch_then_rerun(db_url: str, tmp_path: Path, news_docs: list[Document],
                                   seed_doc: Document) -> None:
    docs = fresh([*news_docs, seed_doc])
    feed = tmp_path / "docs.jsonl"
    feed.write_text("".join(d.to_json() + "\n" for d in docs), encoding="utf-8")
    with Store.open(db_url) as store:  # create the schema before the child starts
        child = subprocess.Popen([sys.executable, "-c", CHILD, db_url, str(feed), str(BATCH)],
                                 stderr=subprocess.PIPE)
        try:
            _wait_for(store, 2 * BATCH, child)
            time.sleep(0.15)  # inside the next batch's transaction
            os.kill(child.pid, signal.SIGKILL)
        finally:
            child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
        committed = store.count_documents()
        assert committed % BATCH == 0 and 2 * BATCH <= committed < len(docs)
        with store.engine.connect() as conn:
            status = conn.execute(select(ingest_runs.c.status, ingest_runs.c.inserted)).one()
        assert tuple(status) == ("running", committed)  # counts saved with each batch

        report = store.ingest(fresh(docs), pipeline_version="v1", batch_size=BATCH)
        assert report.unchanged == committed
        assert report.inserted == len(docs) - committed
        want = expected_counts(docs)
        got = table_counts(store)
        assert {k: got[k] for k in want} == want
        assert got["search"] == want["documents"]
        with store.engine.connect() as conn:
            keys = conn.execute(select(func.count(func.distinct(documents.c.key)))).scalar()
        assert keys == want["documents"]
