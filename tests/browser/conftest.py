"""Fixtures of the browser tests: a store ingested from the fixtures, the real server on it, and
Debian's Chromium driven by Playwright. Without Chromium the tests skip with the reason and how to
get it, except in CI (CI set), where a browser test that cannot run fails."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from . import harness


def _require_chromium() -> None:
    why = harness.chromium_missing()
    if why is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {why}", pytrace=False)
    pytest.skip(why)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _require_chromium()
    db = tmp_path_factory.mktemp("browser-store") / "events.duckdb"
    harness.ingest_fixtures(db)
    return db


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[str]:
    with harness.serve(store_path, store_path.with_suffix(".serve.log")) as base:
        yield base


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory):
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = harness.launch(playwright, tmp_path_factory.mktemp("chromium-profile"))
        try:
            yield context
        finally:
            context.close()
