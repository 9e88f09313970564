"""Opening a store: the database URL, the engine, SQLite pragmas, migrations, clear errors.

``--db`` takes a path (SQLite; default ``khabar.db`` in the working folder) or a SQLAlchemy URL
(``postgresql://user:pw@host/db`` is served by psycopg 3). The schema is brought up to date
with the Alembic migrations shipped in :mod:`khabar.store.migrations` every time a store opens.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError

from khabar.errors import (
    StorageError,
    StoreAuthFailed,
    StoreCorrupt,
    StoreUnreachable,
)

log = logging.getLogger(__name__)

DEFAULT_DB = "khabar.db"
MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 30_000


def resolve_url(db: str | Path | None) -> URL:
    """The SQLAlchemy URL for a ``--db`` value (a path, or a URL with ``://``)."""
    if db is None:
        db = DEFAULT_DB
    text = str(db)
    if "://" not in text:
        return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser()))
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise StorageError(f"not a database URL: {_safe(text)}") from exc
    if url.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
        url = url.set(drivername="postgresql+psycopg")
    if url.drivername == "sqlite":
        url = url.set(drivername="sqlite+pysqlite")
    if url.drivername not in ("postgresql+psycopg", "sqlite+pysqlite"):
        raise StorageError(f"unsupported database {url.drivername!r}: use a path or postgresql://")
    return url


def _safe(text: str) -> str:
    try:
        return make_url(text).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparsable URL>"


def create(db: str | Path | None) -> Engine:
    """An engine for ``db``, connected, checked and migrated to the current schema."""
    url = resolve_url(db)
    if url.get_backend_name() == "sqlite":
        engine = _sqlite_engine(url)
    else:
        engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    try:
        migrate(engine)
    except Exception:
        engine.dispose()
        raise
    return engine


def _sqlite_engine(url: URL) -> Engine:
    path = Path(url.database or DEFAULT_DB)
    if path.is_dir():
        raise StorageError(f"{path} is a folder, not a database file")
    if path.exists() and path.stat().st_size > 0:
        _check_sqlite_header(path)
    elif not path.parent.exists():
        raise StorageError(f"cannot create {path}: folder {path.parent} does not exist")
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _check_sqlite_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise StorageError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if head != b"SQLite format 3\x00":
        raise StoreCorrupt(f"{path} is not a SQLite database (corrupt, or another kind of file)")


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision; refuse a database that is not ours."""
    from alembic import command
    from alembic.config import Config

    try:
        with engine.begin() as conn:
            _refuse_foreign(conn)
            cfg = Config()
            cfg.set_main_option("script_location", str(MIGRATIONS))
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except DatabaseError as exc:
        raise translate(exc, engine.url) from exc


def _refuse_foreign(conn: Any) -> None:
    tables = set(inspect(conn).get_table_names())
    if tables and "alembic_version" not in tables:
        raise StoreCorrupt(
            f"the database holds tables that are not khabar's ({', '.join(sorted(tables)[:3])}…);"
            " use another --db"
        )


def translate(exc: Exception, url: URL) -> StorageError:
    """One clear error for a driver exception met while opening or using the store."""
    where = url.render_as_string(hide_password=True)
    text = str(getattr(exc, "orig", exc) or exc)
    low = text.lower()
    if url.get_backend_name() == "sqlite":
        if "not a database" in low or "malformed" in low or "corrupt" in low:
            return StoreCorrupt(f"{url.database} is not a usable SQLite database: {_first(text)}")
        if "locked" in low:
            return StorageError(f"{url.database} is locked by another writer: {_first(text)}")
        return StorageError(f"{url.database}: {_first(text)}")
    if "password authentication failed" in low or "no password supplied" in low:
        return StoreAuthFailed(f"PostgreSQL at {where} refused the user name or password")
    if isinstance(exc, OperationalError) and (
        "connection refused" in low or "could not connect" in low or "timeout" in low
        or "connection failed" in low or "name or service not known" in low
    ):
        return StoreUnreachable(f"no PostgreSQL server answers at {where}")
    if "does not exist" in low and "database" in low:
        return StorageError(f"PostgreSQL at {where}: {_first(text)}")
    return StorageError(f"{where}: {_first(text)}")


def _first(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "unknown error"


def first_line(exc: Exception) -> str:
    """The driver's own first line of a database error."""
    return _first(str(getattr(exc, "orig", exc) or exc))
