from __future__ import annotations

import io
import os
import shutil
import uuid
from datetime import date
from pathlib import Path

import psycopg
import pytest
from pypdf import PdfReader

from service.runtime import Runtime
from service.settings import ROOT, Settings

TODAY = date(2026, 11, 23)
POSTGRESQL = os.environ.get("INFOGEN_TEST_POSTGRESQL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def runtime(tmp_path_factory) -> Runtime:
    """The app's runtime on a fresh SQLite database seeded from the shipped data."""
    var = tmp_path_factory.mktemp("var")
    return Runtime.load(Settings.from_env({"INFOGEN_BASE_URL": "https://infogen.example", "INFOGEN_VAR_DIR": str(var)}))


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data files."""
    target = tmp_path / "municipalities"
    shutil.copytree(ROOT / "municipalities", target)
    return target


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pdf_reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """An empty database: a new SQLite file, or a new schema in the PostgreSQL test database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'infogen.sqlite3'}"
        return
    schema = f"infogen_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRESQL, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{POSTGRESQL}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(POSTGRESQL, autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")
