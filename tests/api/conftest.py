"""Fixtures of the API tests: one hand-built store (api_store.py) and a TestClient over it."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from api_store import build_store  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from eventwire.api import ApiSettings, create_app  # noqa: E402


@pytest.fixture(scope="session")
def api_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_store(str(tmp_path_factory.mktemp("api") / "events.duckdb"))


@pytest.fixture(scope="session")
def client(api_db: str) -> Iterator[TestClient]:
    with TestClient(create_app(ApiSettings(db=api_db))) as c:
        yield c
