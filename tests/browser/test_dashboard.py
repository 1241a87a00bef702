"""The dashboard in a real browser: headless Chromium against `eventwire serve` over a store
ingested from tests/browser/fixtures."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from . import harness

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.xdist_group("browser")]

WAIT = 20_000  # ms


class PageLog:
    """What went wrong in the page: script errors, failed requests, and any request that left the
    server (the dashboard must work offline: nothing from a CDN)."""

    def __init__(self, page, base: str) -> None:
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.outside: list[str] = []
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("requestfailed", lambda r: self.failed.append(f"{r.url} {r.failure}"))

        def route(route) -> None:
            url = route.request.url
            if url.startswith(base) or url.startswith("data:"):
                route.continue_()
            else:
                self.outside.append(url)
                route.abort()

        page.route("**/*", route)

    def check(self) -> None:
        assert self.errors == [], f"script errors: {self.errors}"
        assert self.outside == [], f"requests outside the server: {self.outside}"
        # A request aborted because a newer filter replaced it is fine; nothing else may fail.
        real = [f for f in self.failed if "ERR_ABORTED" not in f]
        assert real == [], f"failed requests: {real}"


@pytest.fixture
def page(browser_context, server: str) -> Iterator:
    page = browser_context.new_page()
    page.log = PageLog(page, server)
    yield page
    page.close()


def loads(page) -> int:
    return int(page.evaluate("Number(document.body.dataset.loads || 0)"))


def wait_loaded_after(page, before: int) -> None:
    page.wait_for_function(f"Number(document.body.dataset.loads || 0) > {before}", timeout=WAIT)


def row_codes(page) -> list[tuple[str, str, str]]:
    """(source, event code, target) of every row of the event list."""
    rows = page.locator("#events tr.event-row")
    out = []
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        out.append((cells.nth(1).inner_text().strip(), cells.nth(2).locator(".code").inner_text().strip(), cells.nth(3).inner_text().strip()))
    return out


def test_dashboard_filter_timeline_map_and_event_detail(page, server: str, tmp_path: Path) -> None:
    page.goto(f"{server}/")
    page.wait_for_selector("body[data-ready='1']", timeout=WAIT)
    everything = page.locator("#events tr.event-row").count()
    assert everything > 10

    # Filter by an actor through the autocomplete (GET /actors?q=).
    before = loads(page)
    page.fill("#actor-input", "IRQ")
    page.locator("#actor-suggestions li[data-code='IRQ']").click(timeout=WAIT)
    wait_loaded_after(page, before)
    assert parse_qs(urlparse(page.url).query)["actor"] == ["IRQ"]
    assert page.locator("#actor-chips .filter-chip").inner_text().startswith("IRQ")
    codes = row_codes(page)
    assert 0 < len(codes) < everything
    for source, _code, target in codes:
        assert source.startswith("IRQ") or target.startswith("IRQ"), (source, target)

    # The timeline is drawn (Vega-Lite bars) and the map has its basemap and event places.
    assert page.locator("#timeline svg .mark-rect path").count() > 0
    assert int(page.get_attribute("#map", "data-basemap")) > 150  # Natural Earth countries
    assert page.locator("#map path.leaflet-interactive").count() > 150
    assert int(page.get_attribute("#map", "data-places")) > 0
    assert page.locator("#map .event-marker").count() > 0

    # Open the Brussels meeting (reported by three outlets): codes with names, highlighted
    # evidence, the dictionary rules and every report with its outlet and link.
    row = page.locator("#events tr.event-row", has=page.locator("td .code", has_text=re.compile(r"^040$"))).filter(has_text="IGOWSTNAT").first
    row.click()
    page.wait_for_selector("#drawer[data-loaded]:not([data-loaded=''])", timeout=WAIT)
    drawer = page.locator("#drawer")
    evidence = drawer.locator(".evidence-section .sentence")
    assert "Brussels" in evidence.inner_text()
    assert evidence.locator("mark.hl-verb").inner_text() in {"met", "emerged"}
    assert "Maliki" in evidence.locator("mark.hl-source").inner_text()
    assert "NATO" in evidence.locator("mark.hl-target").inner_text()
    codes_table = drawer.locator("table.codes").inner_text()
    assert "Consult" in codes_table and "Verbal cooperation" in codes_table
    assert re.search(r"CAMEO\.2\.0\.txt:\d+", drawer.locator("ul.rules").inner_text())
    reports = drawer.locator("li.report")
    assert reports.count() >= 3
    outlets = {reports.nth(i).locator(".outlet").inner_text() for i in range(reports.count())}
    assert {"Example Wire", "Example Daily", "RFE/RL"} <= outlets
    links = {reports.nth(i).locator("a").get_attribute("href") for i in range(reports.count())}
    assert "https://wire.example.org/2008/04/17/iraq-nato" in links
    for i in range(reports.count()):  # each report's own sentence has its verb marked
        assert reports.nth(i).locator("mark.hl-verb").count() == 1
    assert "#event=" in page.url

    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    page.log.check()


def test_dashboard_state_in_url_brush_and_map_area(page, server: str) -> None:
    # A shared link: the URL's API parameters are the view.
    page.goto(f"{server}/?actor=IRQ&quad_class=1&interval=month")
    page.wait_for_selector("body[data-ready='1']", timeout=WAIT)
    assert page.locator("select[name='quad_class']").input_value() == "1"
    assert page.locator("#interval").input_value() == "month"
    quad1 = row_codes(page)
    assert quad1
    dots = page.locator("#events tr.event-row .quad-dot")
    assert {dots.nth(i).get_attribute("title") for i in range(dots.count())} == {"Verbal cooperation"}

    # The export links carry the same filters.
    href = page.locator("#export a[data-format='csv']").get_attribute("href")
    query = parse_qs(urlparse(href).query)
    assert query["actor"] == ["IRQ"] and query["quad_class"] == ["1"] and query["format"] == ["csv"]

    # Brushing a range on the timeline sets start and end.
    box = page.locator("#timeline svg").bounding_box()
    before = loads(page)
    y = box["y"] + 60
    page.mouse.move(box["x"] + box["width"] * 0.15, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=8)
    page.mouse.move(box["x"] + box["width"] * 0.9, y, steps=8)
    page.mouse.up()
    wait_loaded_after(page, before)
    params = parse_qs(urlparse(page.url).query)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", params["start"][0]) and params["start"] < params["end"]
    assert page.locator("input[name='start']").input_value() == params["start"][0]

    # Clicking a cluster (or a place) on the map narrows the list to its area (bbox), shown as a
    # removable chip.
    for marker in ("#map .event-marker:has(.marker-cluster)", "#map .event-marker:has(.marker-place)"):
        page.goto(f"{server}/?actor=IRQ")
        page.wait_for_selector("body[data-ready='1']", timeout=WAIT)
        all_rows = page.locator("#events tr.event-row").count()
        assert page.locator(marker).count() > 0, marker
        before = loads(page)
        page.locator(marker).first.click()
        wait_loaded_after(page, before)
        assert "bbox" in parse_qs(urlparse(page.url).query)
        assert page.locator("#active-filters .filter-chip[data-key='bbox']").count() == 1
        narrowed = page.locator("#events tr.event-row").count()
        assert 0 < narrowed < all_rows, marker
        before = loads(page)
        page.locator("#active-filters .filter-chip[data-key='bbox'] .chip-x").click()
        wait_loaded_after(page, before)
        assert page.locator("#events tr.event-row").count() == all_rows

    # Words of the evidence sentence (q): the trade agreement, coded both ways.
    before = loads(page)
    page.fill("input[name='q']", "trade agreement")
    page.press("input[name='q']", "Enter")
    wait_loaded_after(page, before)
    assert parse_qs(urlparse(page.url).query)["q"] == ["trade agreement"]
    assert sorted(row_codes(page)) == [("IRQ", "0311", "SYR"), ("SYR", "0311", "IRQ")]
    page.log.check()


def test_dashboard_shows_hostile_text_as_text(page, server: str) -> None:
    """A story whose outlet, title and URL carry markup and script: shown as text, never run."""
    page.goto(f"{server}/?actor=SYR&target=ISR")
    page.wait_for_selector("body[data-ready='1']", timeout=WAIT)
    page.locator("#events tr.event-row").first.click()
    page.wait_for_selector("#drawer[data-loaded]:not([data-loaded=''])", timeout=WAIT)
    report = page.locator("#drawer li.report").first
    assert report.locator(".outlet").inner_text() == "<b>Evil</b> Outlet"
    assert '<img src=x onerror="window.__xss=1">' in report.inner_text()
    assert report.locator("img, b, script").count() == 0
    assert report.locator("a").count() == 0  # a javascript: URL is not made a link
    assert page.evaluate("window.__xss") is None
    page.log.check()


def test_dashboard_pages_through_the_list_and_sorts(page, server: str) -> None:
    page.goto(f"{server}/?limit=5")
    page.wait_for_selector("body[data-ready='1']", timeout=WAIT)
    rows = page.locator("#events tr.event-row")
    assert rows.count() == 5
    total = int(re.sub(r"\D", "", page.locator("#event-count").inner_text()))
    assert total > 10
    page.locator("#events button.more").click()  # the envelope's next_url (keyset cursor)
    page.wait_for_function("document.querySelectorAll('#events tr.event-row').length === 10", timeout=WAIT)
    ids = [rows.nth(i).get_attribute("data-event-id") for i in range(10)]
    assert len(set(ids)) == 10
    dates = [rows.nth(i).locator("td.date").inner_text() for i in range(10)]
    assert dates == sorted(dates)

    before = loads(page)
    page.locator("#events th.sort").click()
    wait_loaded_after(page, before)
    assert parse_qs(urlparse(page.url).query)["sort"] == ["-date"]
    newest = [rows.nth(i).locator("td.date").inner_text() for i in range(rows.count())]
    assert newest == sorted(newest, reverse=True) and newest[0] > dates[0]
    page.log.check()


def test_api_docs_page_works_offline(page, server: str) -> None:
    """/docs is Swagger UI from the vendored swagger-ui-dist files, with no request leaving the server."""
    page.goto(f"{server}/docs")
    page.wait_for_selector(".opblock", timeout=WAIT)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert any(p.endswith("/api/v1/events") for p in paths) and any("/api/v1/geo" in p for p in paths)
    page.log.check()


def test_dashboard_shows_the_api_error(page, server: str) -> None:
    """A bad value in a shared link: the API's error (422 naming the field) is shown, not a blank page."""
    page.goto(f"{server}/?start=not-a-date")
    page.wait_for_selector("body[data-ready='1']", timeout=WAIT)
    status = page.locator("#status")
    assert status.is_visible()
    assert "422" in status.inner_text() and "start" in status.inner_text()
    page.log.check()


def test_dashboard_behind_a_token(browser_context, store_path: Path) -> None:
    """With --token, a browser opens /?token=T once: the page and every API call it makes are let in
    (the token kept as a cookie); without it, the server answers 401."""
    token = "browser-test-token-0123456789"
    with harness.serve(store_path, store_path.with_suffix(".token.log"), token=token) as base:
        page = browser_context.new_page()
        try:
            log = PageLog(page, base)
            assert page.goto(f"{base}/").status == 401
            page.goto(f"{base}/?token={token}")
            page.wait_for_selector("body[data-ready='1']", timeout=WAIT)
            assert "token" not in page.url
            assert page.locator("#events tr.event-row").count() > 10
            assert page.locator("#timeline svg .mark-rect path").count() > 0
            assert page.locator("#status").is_hidden()
            log.check()
        finally:
            page.close()
            browser_context.clear_cookies()
