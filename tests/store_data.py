"""Real documents and database back ends for the store, export and store-CLI tests.

Articles come from ``../shared/data/hindi-newspaper-text`` (daily files of several articles:
a headline line, then paragraphs) and the seed page, analysed by the real pipeline once per
test session. ``backend`` parametrises a test over SQLite and PostgreSQL: PostgreSQL needs
``KHABAR_TEST_PG_URL`` (``.ci/run`` starts a throwaway server and sets it); without it the
PostgreSQL cases skip, except with ``CI=true`` where they fail.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from khabar.document import Document, PublishedTime

SHARED = (Path(__file__).resolve().parents[1] / ".." / "shared").resolve()

NEWSPAPERS = "data/hindi-newspaper-text"
_DATE = re.compile(r"(\d{4})-([A-Z]{3})-(\d{2})")
_MONTHS = {"MAR": "03", "APR": "04", "ARP": "04", "MAY": "05"}  # ARP: a misspelt APR


def shared_path(*parts: str) -> Path:
    """As ``tests/conftest.py``: skip when ../shared is missing, fail when CI=true."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {path} is missing")
        pytest.skip(f"{path} not present")
    return path


def split_articles(text: str) -> list[str]:
    """Articles of one daily file: a new one starts at a short line after a blank line."""
    articles: list[list[str]] = []
    blank = True
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            blank = True
            continue
        if blank and len(stripped) < 300 and not stripped.endswith(("।", ".", "|")):
            articles.append([])
        if articles:
            articles[-1].append(stripped)
        blank = False
    return ["\n\n".join(a) for a in articles if len(a) >= 2 and sum(map(len, a)) > 200]


def newspaper_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.txt") if _DATE.search(p.name))


def day_of(path: Path) -> str:
    m = _DATE.search(path.name)
    assert m is not None
    return f"{m.group(1)}-{_MONTHS[m.group(2)]}-{m.group(3)}"


def outlet_of(path: Path, root: Path) -> str:
    return path.relative_to(root).parts[0]


def newspaper_articles(per_paper: int) -> list[tuple[str, str, str]]:
    """(outlet, day, text) for ``per_paper`` articles of each newspaper (first files first)."""
    root = shared_path(NEWSPAPERS)
    out: list[tuple[str, str, str]] = []
    for paper in sorted(p for p in root.iterdir() if p.is_dir()):
        taken = 0
        for path in newspaper_files(paper):
            for text in split_articles(path.read_text(encoding="utf-8", errors="replace")):
                out.append((outlet_of(path, root), day_of(path), text))
                taken += 1
                if taken >= per_paper:
                    break
            if taken >= per_paper:
                break
    return out


def analyse(items: list[tuple[str, str, str]]) -> list[Document]:
    """Run the real pipeline over article texts; outlet and day from the file's path."""
    from khabar.pipeline import Pipeline

    docs = list(Pipeline().pipe(text for _, _, text in items))
    for doc, (outlet, day, _) in zip(docs, items, strict=True):
        doc.meta.site_name = doc.meta.site_name or outlet
        if doc.meta.published is None:
            doc.meta.published = PublishedTime(day, "path")
    return docs


@pytest.fixture(scope="session")
def news_docs() -> list[Document]:
    """About thirty analysed newspaper articles (six per paper)."""
    return analyse(newspaper_articles(6))


@pytest.fixture(scope="session")
def seed_doc() -> Document:
    from khabar.pipeline import Pipeline

    return Pipeline()(shared_path("seed", "000_23adf52500061cf6.txt"))


def fresh(docs: list[Document]) -> list[Document]:
    """Deep copies (ingest may not mutate, but tests must not share state)."""
    return [Document.from_json(d.to_json()) for d in docs]


def pg_url() -> str | None:
    url = os.environ.get("KHABAR_TEST_PG_URL")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but KHABAR_TEST_PG_URL is not set (.ci/run starts PostgreSQL)")
        pytest.skip("KHABAR_TEST_PG_URL not set: no PostgreSQL server for this run")
    return url


def _pg_schema_url(base: str) -> Iterator[str]:
    import psycopg

    from khabar.store import resolve_url

    schema = f"t_{uuid.uuid4().hex[:12]}"
    plain = resolve_url(base).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each back end: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield str(tmp_path / "khabar.db")
        return
    base = pg_url()
    assert base is not None
    yield from _pg_schema_url(base)
