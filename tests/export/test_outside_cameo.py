"""Codes outside CAMEO in the store (issue 13, item 2).

The rule: a dictionary code outside CAMEO (the WEIS-style `21` or `1a2` of the PETRARCH validation
dictionaries) is stored as the dictionary gave it, with no QuadClass or Goldstein. `stats` lists it
under its own root with a note; `jsonl` and `parquet` keep it; the CAMEO layouts (GDELT events and
mentions, ICEWS, PLOVER) leave it out and say how many they left out. Never a traceback.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from store_fakes import scripted_factory, story_line, write_jsonl  # noqa: E402

from eventwire.app.pipeline import ingest  # noqa: E402
from eventwire.export import export  # noqa: E402
from eventwire.store import Store  # noqa: E402
from eventwire.store.stats import format_stats, store_stats  # noqa: E402


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    tmp = tmp_path_factory.mktemp("outside_cameo")
    records = [
        {"id": "r1", "source": "Reuters", "date": "2024-03-01",
         "text": story_line("TURGOV", "040", "IRNGOV", words="The foreign ministers of Turkey and Iran met")},
        {"id": "r2", "source": "Reuters", "date": "2024-03-02",
         "text": story_line("USAGOV", "21", "RUSGOV", words="The American envoy protested to Russian officials")},
        {"id": "r3", "source": "Reuters", "date": "2024-03-03",
         "text": story_line("FRAGOV", "1a2", "DEUGOV", words="The French president praised his German partners")},
    ]  # fmt: skip
    s = Store(tmp / "s.duckdb")
    ingest(s, [write_jsonl(tmp / "in.jsonl", records)], workers=1, coder_factory=scripted_factory)
    yield s
    s.close()


def test_stats_lists_codes_outside_cameo_with_a_note(store: Store) -> None:
    stats = store_stats(store)
    roots = {r["root"]: r for r in stats["events_by_root"]}
    assert roots["04"]["events"] == 1
    assert roots["21"]["name"] == "outside CAMEO" and roots["1a"]["name"] == "outside CAMEO"
    assert stats["events_outside_cameo"] == 2
    out = io.StringIO()
    format_stats(stats, out)
    assert "2 events have codes outside CAMEO" in out.getvalue()


@pytest.mark.parametrize("fmt", ["gdelt", "gdelt-mentions", "icews", "plover"])
def test_cameo_layouts_leave_codes_outside_cameo_out_and_say_so(store: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "e.out"
    summary = export(store, fmt, str(out))
    assert summary.rows == 1  # 040 is the only CAMEO event (and has a PLOVER type)
    assert summary.outside_cameo == 2
    assert "2 with codes outside CAMEO left out" in summary.summary()
    text = out.read_text()
    assert "1a2" not in text and "\t21\t" not in text


def test_jsonl_keeps_codes_outside_cameo(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "e.jsonl"
    export(store, "jsonl", str(out))
    codes = sorted(json.loads(line)["code"] for line in out.read_text().splitlines())
    assert codes == ["040", "1a2", "21"]


def test_counts_of_one_are_singular(store: Store) -> None:
    """"1 event", never "1 events", in stats and in the export and ingest summaries."""
    from eventwire.app.pipeline import IngestSummary
    from eventwire.export import ExportSummary

    out = io.StringIO()
    format_stats(store_stats(store), out)
    assert "1 events" not in out.getvalue() and " 1 event " in out.getvalue()
    assert ExportSummary("gdelt", "x", 1).summary() == "1 event written to x (gdelt)"
    assert IngestSummary(mentions=1, articles=1, events=1).summary().endswith("1 mention written; the store holds 1 article and 1 event")


def test_icews_empty_sectors_are_na(tmp_path: Path) -> None:
    """An actor code without role parts (a bare country) gives Sectors `NA`, as the ICEWS files do."""
    from eventwire.export.icews import read_icews

    records = [{"id": "r1", "source": "Reuters", "date": "2024-03-01",
                "text": story_line("UKR", "040", "RUS", words="Ukraine and Russia held talks in Istanbul")}]  # fmt: skip
    with Store(tmp_path / "s.duckdb") as s:
        ingest(s, [write_jsonl(tmp_path / "in.jsonl", records)], workers=1, coder_factory=scripted_factory)
        export(s, "icews", str(tmp_path / "e.tab"))
    with open(tmp_path / "e.tab", encoding="utf-8") as f:
        (row,) = read_icews(f)
    assert row["Source Sectors"] == "NA" and row["Target Sectors"] == "NA"
