"""Shared fixtures. Data under ../shared is read in place; tests that need it skip without it."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from sitrep.options import Options
from sitrep.pipeline import Pipeline
from sitrep.records import Article, Metadata

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "article.txt"
EXAMPLES = REPO / "examples"
# Fixed "today" so that year inference and relative dates are reproducible.
TODAY = date(2026, 11, 26)


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is not beside the checkout)")
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A real SQLite store of two hand-built articles (``test_store.make_article``)."""
    from sitrep.store import Store
    from test_store import make_article

    path = tmp_path / "sitrep.db"
    with Store(path) as store:
        store.add(make_article())
        store.add(make_article("Later update.", document_date="2024-11-02", event_date=None))
    return path


@pytest.fixture
def seed_text() -> str:
    return shared_path("seed", "article.txt").read_text(encoding="utf-8")


Run = Callable[..., Article]


def pipeline_runner(stages: tuple[str, ...]) -> Run:
    """Read text (and an optional publication date) through ``stages``, built once."""
    pipeline = Pipeline(Options(today=TODAY, stages=stages))

    def run(text: str, published: date | None = None) -> Article:
        return pipeline(Article(text=text, meta=Metadata(published=published)))

    return run


# -- a throwaway PostgreSQL server for the store's PostgreSQL tests


def postgres_binaries() -> Path | None:
    """The folder of PostgreSQL's initdb and pg_ctl, or None where the server is not installed."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: p.parts)
    return versions[-1].parent if versions else None


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server started for this test session (Unix socket, trust)."""
    binaries = postgres_binaries()
    if binaries is None:
        pytest.skip("PostgreSQL server is not installed (apt-get install postgresql)")
    pytest.importorskip("psycopg")
    # initdb refuses to run as root: run the server as the postgres user there.
    as_owner: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="sitrep-pg-"))
    if os.geteuid() == 0:
        as_owner = ["runuser", "-u", "postgres", "--"]
        base.chmod(0o755)
        shutil.chown(base, "postgres", "postgres")
    data, log = base / "data", base / "server.log"
    subprocess.run(
        [*as_owner, str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "sitrep"],
        check=True,
        capture_output=True,
    )
    options = f"-k {base} -c listen_addresses='' -p 5439 -F"
    pg_ctl = [*as_owner, str(binaries / "pg_ctl"), "-D", str(data)]
    subprocess.run(
        [*pg_ctl, "-o", options, "-l", str(log), "-w", "start"],
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql://sitrep@/postgres?host={base}&port=5439"
    finally:
        subprocess.run([*pg_ctl, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A fresh, empty database on the session's server."""
    import psycopg

    name = f"t{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return postgres_server.replace("/postgres?", f"/{name}?")
