"""ingest.warc: WARC archives -> a story per HTML response, other records skipped and counted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventwire.cli import main
from eventwire.ingest import is_skip, read_sources
from eventwire.records import Reject, Story

from .conftest import RFERL_HTML, WarcRecord, build_warc, page

OTHER_URL = "https://news.example.org/2008/04/18/georgia-drone"
OTHER_TEXT = (
    "TBILISI (Reuters) - Georgia accused Russia on Friday of shooting down an unmanned reconnaissance "
    "drone over the breakaway region of Abkhazia."
)
RFERL_URI = "https://www.rferl.org/content/article/1347337.html"


def three_records() -> list[WarcRecord]:
    return [
        WarcRecord(RFERL_URI, RFERL_HTML.read_bytes()),
        WarcRecord("https://www.rferl.org/img/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png"),
        WarcRecord(OTHER_URL, page([OTHER_TEXT, "Moscow denied the charge."], title="Drone").encode()),
    ]


def write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_html_responses_become_stories_and_the_image_is_skipped(tmp_path: Path, gzip: bool) -> None:
    """Two HTML responses are two stories (URL from the page or WARC-Target-URI); the PNG is one not-html skip."""
    name = "crawl.warc.gz" if gzip else "crawl.warc"
    path = write(tmp_path / name, build_warc(three_records(), gzip=gzip))
    first, image, second = read_sources([path])
    assert isinstance(first, Story) and isinstance(second, Story) and isinstance(image, Reject)
    assert first.url == "https://www.rferl.org/a/1347337.html"  # the page's canonical link wins
    assert second.url == OTHER_URL  # no canonical link: WARC-Target-URI
    assert (first.origin, image.origin, second.origin) == (f"{path}#1", f"{path}#2", f"{path}#3")
    assert image.reason == "not-html: image/png" and is_skip(image.reason)
    assert "https://www.rferl.org/img/logo.png" in image.message


def test_warc_date_from_page_then_url_then_capture_date(tmp_path: Path) -> None:
    """Page metadata beats the URL date, the URL date beats WARC-Date, WARC-Date is the last resort."""
    plain = page(
        ["NATO ministers met in Brussels on Thursday to discuss the training mission in Iraq."]
    ).encode()
    records = [
        WarcRecord(RFERL_URI, RFERL_HTML.read_bytes(), date="2009-01-01T00:00:00Z"),  # page says 2008-04-17
        WarcRecord(
            OTHER_URL, page([OTHER_TEXT]).encode(), date="2009-01-01T00:00:00Z"
        ),  # URL says 2008-04-18
        WarcRecord("https://x.example.org/story", plain, date="2008-05-02T08:00:00Z"),  # nothing else
    ]
    stories = list(read_sources([write(tmp_path / "d.warc.gz", build_warc(records))]))
    assert [s.date for s in stories] == ["2008-04-17", "2008-04-18", "2008-05-02"]


def test_warc_dateline_without_year_is_dated_by_the_capture(tmp_path: Path) -> None:
    """A dateline "April 17" with no year takes its year from the capture date (the latest April 17 before it)."""
    text = (
        "WASHINGTON, April 17 (AP) — The United States urged Iraq to take control of security in Basra soon."
    )
    records = [WarcRecord("https://x.example.org/story", page([text]).encode(), date="2009-02-01T00:00:00Z")]
    (story,) = read_sources([write(tmp_path / "d.warc.gz", build_warc(records))])
    assert isinstance(story, Story) and story.date == "2008-04-17"


def test_warc_non_page_records_are_skipped_by_reason(tmp_path: Path) -> None:
    """warcinfo/request records and non-2xx responses are skips named by reason, not stories or errors."""
    records = [
        WarcRecord("", b"software: test\r\n", "application/warc-fields", rec_type="warcinfo"),
        WarcRecord(
            OTHER_URL, b"GET / HTTP/1.1\r\n\r\n", "application/http; msgtype=request", rec_type="request"
        ),
        WarcRecord(
            "https://x.example.org/gone", b"<html><body>Not found</body></html>", status="404 Not Found"
        ),
        WarcRecord(OTHER_URL, page([OTHER_TEXT]).encode()),
    ]
    items = list(read_sources([write(tmp_path / "c.warc", build_warc(records, gzip=False))]))
    reasons = [i.reason if isinstance(i, Reject) else "story" for i in items]
    assert reasons == ["not-response: warcinfo", "not-response: request", "http-status: 404", "story"]
    assert all(is_skip(r) for r in reasons[:3])


def test_warc_without_html_records_gives_only_skips(tmp_path: Path) -> None:
    """A WARC holding only an image gives one skip and no story, and no error."""
    records = [WarcRecord("https://x.example.org/a.png", b"\x89PNG" + bytes(50), "image/png")]
    (item,) = read_sources([write(tmp_path / "img.warc.gz", build_warc(records))])
    assert isinstance(item, Reject) and item.reason == "not-html: image/png"


def test_warc_truncated_gzip_keeps_the_stories_before_the_cut(tmp_path: Path) -> None:
    """A .warc.gz cut inside its last record: the complete records are read, then one truncated Reject."""
    data = build_warc(three_records())
    path = write(tmp_path / "cut.warc.gz", data[:-40])
    items = list(read_sources([path]))
    assert [type(i).__name__ for i in items] == ["Story", "Reject", "Reject"]
    assert items[0].url == "https://www.rferl.org/a/1347337.html"  # type: ignore[union-attr]
    last = items[-1]
    assert isinstance(last, Reject) and last.reason == "truncated" and last.origin == path
    assert "ends early" in last.message


def test_warc_truncated_plain_record_is_reported(tmp_path: Path) -> None:
    """An uncompressed WARC cut inside a record: earlier records read, the cut record is a truncated Reject."""
    data = build_warc(three_records(), gzip=False)
    path = write(tmp_path / "cut.warc", data[:-300])
    items = list(read_sources([path]))
    assert isinstance(items[0], Story)
    assert isinstance(items[-1], Reject) and items[-1].reason == "truncated"
    assert items[-1].origin == f"{path}#3"


@pytest.mark.model
def test_warc_every_page_coded_by_url(tmp_path: Path, real_coder: Any) -> None:
    """With the real coder, both pages of the WARC yield events carrying their own URL."""
    path = write(tmp_path / "crawl.warc.gz", build_warc(three_records()))
    stories = [s for s in read_sources([path]) if isinstance(s, Story)]
    coded = list(real_coder.code_stories(stories))
    assert [c.story.url for c in coded] == ["https://www.rferl.org/a/1347337.html", OTHER_URL]
    for result in coded:
        assert result.events, result.story.url
        assert {e.url for e in result.events} == {result.story.url}
    assert ("GEO", "RUS", "111") in {e.triple() for e in coded[1].events}


def test_warc_cli_summary_counts_the_skipped_image(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: None
) -> None:
    """`eventwire code crawl.warc.gz`: 2 coded, the image counted as skipped, not rejected, exit 0 even --strict."""
    path = write(tmp_path / "crawl.warc.gz", build_warc(three_records()))
    assert main(["code", path, "--workers", "1", "--strict"]) == 0
    err = capsys.readouterr().err
    assert err.rstrip().splitlines()[-1] == (
        "3 stories read, 2 coded, 2 events, 0 rejected, 1 skipped (1 not-html: image/png)"
    )
    assert "rejected:" not in err
