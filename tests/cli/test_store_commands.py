"""The store commands end to end (subprocess, as a user runs them) on SQLite and PostgreSQL:
ingest twice, search, events (--json, --csv), entities, stats, export, and one-line errors."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from khabar.document import Document
from khabar.store import Store
from khabar.store.rows import document_key
from store_data import db_url, fresh, news_docs, newspaper_articles, pg_url, seed_doc

__all__ = ["db_url", "news_docs", "seed_doc"]


def khabar(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    proc = subprocess.run([sys.executable, "-m", "khabar", *args], capture_output=True,
                          timeout=300, env=env)
    return subprocess.CompletedProcess(proc.args, proc.returncode,
                                       proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


def one_error_line(result: subprocess.CompletedProcess[str], code: str) -> str:
    assert result.returncode != 0
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error {code}:"), lines[0]
    return lines[0]


def _count(output: str, label: str) -> int:
    for line in output.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == label:
            return int(parts[1])
    raise AssertionError(f"no {label!r} line in {output!r}")


def test_ingest_twice_then_stats(tmp_path: Path) -> None:
    """On SQLite only: the pipeline runs in each call, and the store tests cover PostgreSQL."""
    db_url = str(tmp_path / "khabar.db")
    folder = tmp_path / "in"
    folder.mkdir()
    items = newspaper_articles(1)
    for i, (_, _, text) in enumerate(items):
        (folder / f"article{i}.txt").write_text(text, encoding="utf-8")
    (folder / "photo.jpg").write_bytes(bytes(range(256)) * 8)
    first = khabar("ingest", str(folder), "--db", db_url, "--outlet", "Test Outlet", "-q")
    assert first.returncode == 0, first.stderr
    assert _count(first.stdout, "inserted") == len(items)
    assert _count(first.stdout, "rejected") == 1 and "E104" in first.stdout
    again = khabar("ingest", str(folder), "--db", db_url, "-q")
    assert again.returncode == 0, again.stderr
    assert _count(again.stdout, "unchanged") == len(items)
    assert _count(again.stdout, "inserted") == 0
    stats = khabar("stats", "--db", db_url, "--json")
    data = json.loads(stats.stdout)
    assert data["counts"]["documents"] == len(items)
    assert data["counts"]["rejections"] == 1
    assert data["outlets"] == {"Test Outlet": len(items)}
    assert [r["status"] for r in data["runs"]] == ["done", "done"]


def test_query_and_export_commands(db_url: str, tmp_path: Path, news_docs: list[Document],
                                   seed_doc: Document) -> None:
    docs = fresh([*news_docs, seed_doc])
    with Store.open(db_url) as store:
        store.ingest(docs, pipeline_version="v1")
    hits = khabar("search", "putin", "--db", db_url, "--json")
    assert hits.returncode == 0, hits.stderr
    assert document_key(seed_doc) in {json.loads(x)["key"] for x in hits.stdout.splitlines()}
    kind = seed_doc.events[0].type
    want = sum(1 for d in docs for e in d.events if e.type == kind)
    listed = khabar("events", "--db", db_url, "--type", kind, "--json", "--limit", "1000")
    assert len(listed.stdout.splitlines()) == want
    as_csv = khabar("events", "--db", db_url, "--type", kind, "--csv", "--limit", "1000")
    assert len(list(csv.DictReader(io.StringIO(as_csv.stdout)))) == want
    table = khabar("events", "--db", db_url, "--type", kind)
    assert table.returncode == 0 and f"{want} events" in table.stdout
    top = [json.loads(x) for x in khabar("entities", "--db", db_url, "--json").stdout.split("\n")
           if x]
    assert top and top[0]["documents"] >= top[-1]["documents"]
    out = tmp_path / "events.parquet"
    done = khabar("export", "--db", db_url, "--format", "parquet", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert pq.read_table(out).num_rows == sum(len(d.events) for d in docs)
    gdelt = khabar("export", "--db", db_url, "--format", "gdelt", "--out", str(tmp_path / "g"))
    assert gdelt.returncode == 0, gdelt.stderr
    assert (tmp_path / "g.export.CSV").exists() and (tmp_path / "g.mentions.CSV").exists()


def test_corrupt_and_foreign_sqlite_files(tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"this is not a database at all\n" * 100)
    one_error_line(khabar("stats", "--db", str(corrupt)), "E502")
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    one_error_line(khabar("stats", "--db", str(damaged)), "E502")
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    line = one_error_line(khabar("search", "x", "--db", str(foreign)), "E502")
    assert "not khabar" in line


def test_bad_arguments_are_one_line() -> None:
    one_error_line(khabar("events", "--since", "last week", "--db", ":memory:"), "E201")
    one_error_line(khabar("stats", "--db", "mysql://u@h/d"), "E501")


def test_no_postgresql_server() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # free, and nothing listens once closed
    url = f"postgresql://khabar:x@127.0.0.1:{port}/khabar"
    line = one_error_line(khabar("stats", "--db", url), "E503")
    assert ":x@" not in line  # the password is never printed


@pytest.mark.postgres
def test_wrong_postgresql_password() -> None:
    from khabar.store import resolve_url

    url = resolve_url(pg_url()).set(password="not-the-password")
    line = one_error_line(khabar("stats", "--db", url.render_as_string(hide_password=False)),
                          "E504")
    assert "not-the-password" not in line
