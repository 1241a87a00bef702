"""A bounded fuzz of the readers (issue 13): a few hundred mutated WARC, feed, HTML and JSON lines
inputs made from the fixtures, with a fixed seed. Every input gives Stories and Rejects, never an
exception, and the whole run stays within seconds (no hang)."""

from __future__ import annotations

import gzip
import json
import random
import time
from pathlib import Path

from eventwire.ingest import read_sources
from eventwire.records import Reject, Story

from .conftest import RFERL_HTML, WarcRecord, build_warc, page

SEED = 13
PER_KIND = 50  # x 5 kinds = 250 inputs

FEED = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
    b"<item><title>Talks</title><link>https://x.example/1</link><pubDate>Mon, 21 Apr 2008 10:00:00 GMT</pubDate>"
    b"<description>NATO ministers met Iraqi officials in Baghdad on Monday.</description></item>"
    b"<item><title>Clash</title><link>https://x.example/2</link>"
    b"<description>Rebels attacked an army post near Idlib, the ministry said.</description></item>"
    b"</channel></rss>"
)


def seeds() -> dict[str, bytes]:
    html = page(["NATO ministers met Iraqi officials in Baghdad on Monday.", "They discussed training."]).encode()
    records = [WarcRecord("https://x.example/1", html), WarcRecord("https://x.example/2", RFERL_HTML.read_bytes()[:20_000])]
    lines = [
        {"id": "a", "text": "NATO ministers met Iraqi officials in Baghdad on Monday.", "date": "2008-04-21"},
        {"id": "b", "text": "Rebels attacked an army post near Idlib, the ministry said.", "url": "https://x.example/b"},
    ]
    return {
        "warc": build_warc(records, gzip=False),
        "warc.gz": build_warc(records),
        "rss": FEED,
        "html": html,
        "jsonl": "".join(json.dumps(r) + "\n" for r in lines).encode(),
    }


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to four of: flip bytes, cut, duplicate a slice, insert junk or markup, drop a slice."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        at = rng.randrange(max(1, len(out)))
        if op == 0:
            for _ in range(rng.randint(1, 16)):
                out[rng.randrange(len(out))] = rng.randrange(256)
        elif op == 1:
            del out[at:]
        elif op == 2:
            end = min(len(out), at + rng.randint(1, 2000))
            out[at:at] = out[at:end] * rng.randint(1, 5)
        elif op == 3:
            out[at:at] = rng.choice(
                [b"\x00" * 300, b"<![CDATA[", b"<!ENTITY x 'y'>", b"\r\n\r\n", b"WARC/1.0\r\n", b"\xff\xfe",
                 b"Content-Length: 99999999\r\n", b'{"text": ', b"</item>", b"\x1f\x8b\x08\x00"]
            )  # fmt: skip
        elif op == 4:
            del out[at : at + rng.randint(1, 500)]
        else:
            out[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        if not out:
            break
    return bytes(out)


def test_fuzzed_inputs_give_stories_and_rejects_never_an_exception(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    paths = []
    for ext, data in seeds().items():
        for n in range(PER_KIND):
            path = tmp_path / f"f{n:03d}.{ext}"
            path.write_bytes(gzip.compress(mutate(gzip.decompress(data), rng)) if ext == "warc.gz" and n % 2
                             else mutate(data, rng))  # fmt: skip
            paths.append(str(path))
    started = time.monotonic()
    failures = []
    seen_from = set()
    for path in paths:
        try:
            items = list(read_sources([path], max_bytes=2_000_000))
        except Exception as e:  # noqa: BLE001 - the point: none may escape
            failures.append(f"{Path(path).name}: {type(e).__name__}: {e}"[:300])
            continue
        assert all(isinstance(i, (Story, Reject)) for i in items)
        assert all(len(i.message) < 2_000 for i in items if isinstance(i, Reject)), path
        seen_from.update(type(i).__name__ for i in items)
    elapsed = time.monotonic() - started
    assert failures == []
    assert seen_from == {"Story", "Reject"}  # the mutations leave some inputs readable
    assert elapsed < 60, f"{len(paths)} inputs took {elapsed:.1f} s"


def test_fuzzed_json_dates_never_cost_a_story(tmp_path: Path) -> None:
    """200 JSON lines whose "date" is a mutated date (bytes flipped, digits cut or repeated, a number, a
    list): each line is still a Story, dated when its date reads, else undated (issue 13)."""
    rng = random.Random(SEED)
    forms: list[object] = ["2008-04-21", "20080421", "080421", "21 April 2008", "Mon, 21 Apr 2008 10:00:00 GMT"]
    lines = []
    for n in range(200):
        form = rng.choice(forms)
        if n % 4 == 0:
            date: object = rng.choice([int("".join(rng.choice("0123456789") for _ in range(rng.randint(1, 12)))),
                                       [form], {"d": form}, rng.random() * 1e8])  # fmt: skip
        else:
            date = mutate(str(form).encode(), rng).decode("latin-1")
        lines.append(json.dumps({"id": f"d{n}", "text": f"Story {n}: NATO ministers met Iraqi officials.", "date": date}))
    path = tmp_path / "dates.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_sources([str(path)], language_check=False, dedupe=False))
    assert len(items) == 200 and all(isinstance(i, Story) for i in items)
    assert {i.date is None for i in items if isinstance(i, Story)} == {True, False}
