"""export: every standard layout is written in its published column order and reads back."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pyarrow.dataset as ds
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from store_fakes import scripted_factory, story_line, write_jsonl  # noqa: E402

from eventwire.app.pipeline import ingest  # noqa: E402
from eventwire.errors import ConfigError, EventwireError  # noqa: E402
from eventwire.export import EXPORT_FORMATS, export  # noqa: E402
from eventwire.export.common import actor_parts, fips_code, global_event_id  # noqa: E402
from eventwire.export.gdelt import GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS, read_gdelt  # noqa: E402
from eventwire.export.icews import ICEWS_FIELDS, read_icews  # noqa: E402
from eventwire.store import Store  # noqa: E402
from eventwire.store.query import query_events  # noqa: E402

SHARED = Path(__file__).resolve().parents[3] / "shared"
FORMATS = SHARED / "formats"
needs_shared = pytest.mark.skipif(not FORMATS.exists(), reason="../shared reference data not present")


def shared_names(name: str) -> list[str]:
    with open(FORMATS / name, encoding="utf-8") as f:
        return [row["name"] for row in csv.DictReader(f, delimiter="\t")]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """A meeting in Ankara reported by 3 outlets (one without a URL), a clash in Idlib, an undated statement."""
    tmp = tmp_path_factory.mktemp("export")
    records = [
        {"id": "r1", "source": "Reuters", "date": "2024-03-01", "url": "https://reuters.com/1",
         "text": story_line("TURGOV", "040", "IRNGOV", "Ankara,TUR", words="The foreign ministers of Turkey and Iran met")},
        {"id": "r2", "source": "Anadolu", "date": "2024-03-01", "url": "https://aa.com.tr/2",
         "text": story_line("IRNGOV", "040", "TURGOV", "Ankara,TUR", words="Iran's minister held talks")
         + "\n" + story_line("SYRREB", "190", "SYRMILGOV", "Idlib,SYR", words="Rebels attacked an army post")},
        {"id": "r3", "source": "IRNA", "date": "2024-03-02",
         "text": story_line("TURGOV", "040", "IRNGOV", words="Ankara hosted the Iranian delegation")},
        {"id": "r4", "source": "NATO", "date": "2024-04-03", "url": "https://nato.int/4",
         "text": story_line("IGOWSTNAT", "010", "UKR", words="The alliance issued a statement")},
    ]  # fmt: skip
    path = write_jsonl(tmp / "in.jsonl", records)
    s = Store(tmp / "s.duckdb")
    ingest(s, [path], workers=1, coder_factory=scripted_factory)
    yield s
    s.close()


def events_by_code(store: Store) -> dict[str, dict[str, object]]:
    return {r["code"]: r for r in query_events(store)}  # type: ignore[misc]


# --- GDELT events -------------------------------------------------------------------------------


@needs_shared
def test_gdelt_event_columns_are_the_published_61() -> None:
    """The GDELT events layout has the 61 columns of the GDELT 2.0 codebook, in order."""
    assert list(GDELT_EVENT_COLUMNS) == shared_names("gdelt2_event_columns.tsv")
    assert len(GDELT_EVENT_COLUMNS) == 61


@needs_shared
def test_real_gdelt_sample_rows_parse_with_the_reader() -> None:
    """GDELT's own sample rows parse with the reader used on our export: codes stay strings."""
    with open(FORMATS / "gdelt2_events_sample.tsv", encoding="utf-8") as f:
        rows = read_gdelt(f)
    assert len(rows) == 4
    first = rows[0]
    assert first["GLOBALEVENTID"] == 913294058 and first["EventCode"] == "010" and first["EventRootCode"] == "01"
    assert first["ActionGeo_CountryCode"] == "SP" and first["Actor1CountryCode"] == "ESP"
    assert isinstance(first["NumMentions"], int) and isinstance(first["ActionGeo_Lat"], float)


def test_gdelt_export_reads_back(store: Store, tmp_path: Path) -> None:
    """Our GDELT events file: 61 fields a row, one row per event, counts from the de-duplicated events."""
    out = tmp_path / "events.tsv"
    summary = export(store, "gdelt", str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    assert summary.rows == len(lines) == 3
    assert all(len(line.split("\t")) == 61 for line in lines)
    rows = {r["EventCode"]: r for r in read_gdelt(lines)}
    meeting = rows["040"]  # leading zero kept
    events = events_by_code(store)
    assert meeting["GLOBALEVENTID"] == global_event_id(events["040"]["event_id"])  # type: ignore[arg-type]
    assert (meeting["EventBaseCode"], meeting["EventRootCode"], meeting["QuadClass"]) == ("040", "04", 1)
    assert (meeting["NumMentions"], meeting["NumSources"], meeting["NumArticles"]) == (3, 3, 3)
    assert (meeting["SQLDATE"], meeting["MonthYear"], meeting["Year"]) == (20240301, 202403, 2024)
    assert meeting["Actor1Code"] == "TURGOV" and meeting["Actor1CountryCode"] == "TUR"
    assert meeting["Actor1Type1Code"] == "GOV" and meeting["Actor2CountryCode"] == "IRN"
    assert meeting["ActionGeo_CountryCode"] == "TU"  # FIPS 10-4 in the geo fields, CAMEO alpha-3 in the actor fields
    assert meeting["ActionGeo_FullName"] == "Ankara, Turkey" and meeting["ActionGeo_Type"] == 4
    assert meeting["SOURCEURL"] == "https://reuters.com/1"
    assert meeting["IsRootEvent"] == 1 and len(str(meeting["DATEADDED"])) == 14
    clash = rows["190"]
    assert clash["ActionGeo_CountryCode"] == "SY" and clash["Actor2Type1Code"] == "MIL" and clash["Actor2Type2Code"] == "GOV"
    statement = rows["010"]
    assert statement["Actor1KnownGroupCode"] == "NAT" and statement["Actor1Type1Code"] == "IGO"
    assert statement["ActionGeo_Type"] == 0 and statement["ActionGeo_CountryCode"] is None


def test_gdelt_geo_fields_use_the_gazetteer(tmp_path: Path) -> None:
    """ActionGeo: type from the gazetteer's feature type (4 city, 3 US city, 1 country), FIPS country + ADM1,
    the GeoNames id as FeatureID."""
    from dataclasses import replace

    from store_fakes import mention

    from eventwire.records import CodedStory, Place, Story

    places = {
        "c1": Place("Ankara", "TUR", 39.92, 32.85, country_fips="TU", adm1="68", geonames_id=323786, feature_type="city"),
        "c2": Place("Houston", "USA", 29.76, -95.36, country_fips="US", adm1="TX", geonames_id=4699066, feature_type="city"),
        "c3": Place("Iraq", "IRQ", 33.0, 44.0, country_fips="IZ", geonames_id=99237, feature_type="country"),
    }
    coded = [
        CodedStory(
            story=Story(id=doc, text=f"story {doc} " * 10, date="2024-03-01"),
            events=(replace(mention(doc, 0, "TURGOV", "040", f"X{i}GOV"), place=place),),
        )
        for i, (doc, place) in enumerate(places.items())
    ]
    with Store(tmp_path / "s.duckdb") as store:
        store.write(coded)
        export(store, "gdelt", str(tmp_path / "e.tsv"))
    with open(tmp_path / "e.tsv", encoding="utf-8") as f:
        rows = {r["Actor2Code"]: r for r in read_gdelt(f)}
    ankara, houston, iraq = rows["X0GOV"], rows["X1GOV"], rows["X2GOV"]
    assert (ankara["ActionGeo_Type"], ankara["ActionGeo_CountryCode"], ankara["ActionGeo_ADM1Code"]) == (4, "TU", "TU68")
    assert ankara["ActionGeo_FeatureID"] == "323786" and ankara["ActionGeo_Lat"] == 39.92
    assert (houston["ActionGeo_Type"], houston["ActionGeo_ADM1Code"]) == (3, "USTX")
    assert (iraq["ActionGeo_Type"], iraq["ActionGeo_FullName"], iraq["ActionGeo_ADM1Code"]) == (1, "Iraq", "IZ")


@needs_shared
def test_gdelt_mentions_layout_and_links(store: Store, tmp_path: Path) -> None:
    """The mentions file has the 16 published columns, one row per mention, each tied to an exported event."""
    assert list(GDELT_MENTION_COLUMNS) == shared_names("gdelt2_mentions_columns.tsv")
    events_out, mentions_out = tmp_path / "e.tsv", tmp_path / "m.tsv"
    export(store, "gdelt", str(events_out))
    export(store, "gdelt-mentions", str(mentions_out))
    with open(events_out, encoding="utf-8") as f:
        event_ids = {r["GLOBALEVENTID"] for r in read_gdelt(f)}
    with open(mentions_out, encoding="utf-8") as f:
        mentions = read_gdelt(f, GDELT_MENTION_COLUMNS)
    assert len(mentions) == store.counts()["mentions"] == 5
    assert {m["GLOBALEVENTID"] for m in mentions} == event_ids
    irna = next(m for m in mentions if m["MentionSourceName"] == "IRNA")
    assert (irna["MentionType"], irna["MentionIdentifier"]) == (2, "r3")  # no URL: a citation, the doc id
    reuters = next(m for m in mentions if m["MentionSourceName"] == "Reuters")
    assert (reuters["MentionType"], reuters["SentenceID"]) == (1, 1)
    assert reuters["ActionCharOffset"] > reuters["Actor1CharOffset"] >= 0
    assert reuters["Extras"].startswith("mention_id=") and "rule=scripted:1" in reuters["Extras"]


# --- ICEWS --------------------------------------------------------------------------------------


@needs_shared
def test_icews_export_reads_back_like_the_real_sample(store: Store, tmp_path: Path) -> None:
    """ICEWS: the 20 published fields in order with a header; the real 2018 sample reads with the same reader."""
    assert list(ICEWS_FIELDS) == shared_names("icews_event_fields.tsv")
    with open(FORMATS / "icews_events_2018_sample.tab", encoding="utf-8") as f:
        sample = read_icews(f)
    assert len(sample) == 3705 and sample[0]["CAMEO Code"] == "040"
    out = tmp_path / "events.tab"
    export(store, "icews", str(out))
    with open(out, encoding="utf-8") as f:
        rows = {r["CAMEO Code"]: r for r in read_icews(f)}
    meeting = rows["040"]
    assert meeting["Event Date"] == "2024-03-01" and meeting["Event Text"] == "Consult"
    assert (meeting["Source Country"], meeting["Target Country"]) == ("Turkey", "Iran")
    assert meeting["Source Sectors"] == "Government" and meeting["Publisher"] == "Reuters"
    assert (meeting["City"], meeting["Country"], meeting["District"]) == ("Ankara", "Turkey", "NA")
    assert meeting["Intensity"] == "1.0" and meeting["Story ID"] == "r1" and meeting["Sentence Number"] == "1"


# --- PLOVER, JSONL, Parquet ---------------------------------------------------------------------


def test_plover_records(store: Store, tmp_path: Path) -> None:
    """PLOVER: one JSON record per event with a PLOVER type, actor and recipient lists, the event place."""
    out = tmp_path / "plover.jsonl"
    summary = export(store, "plover", str(out))
    records = {r["cameo"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert set(records) == {"040", "190"} and summary.skipped == 1  # CAMEO 01 has no PLOVER type
    meeting = records["040"]
    assert meeting["event"] == "CONSULT" and meeting["date"] == "2024-03-01"
    assert [a["cameo"] for a in meeting["actor"]] == ["TURGOV", "IRNGOV"]  # every distinct source actor
    assert [a["cameo"] for a in meeting["recipient"]] == ["IRNGOV", "TURGOV"]
    assert meeting["actor"][0]["code"] == "TUR" and meeting["actor"][0]["sector"] == "GOV"
    assert meeting["event_loc"]["name"] == "Ankara" and meeting["num_sources"] == 3
    assert meeting["sources"] == ["https://reuters.com/1", "https://aa.com.tr/2", "r3"]
    assert records["190"]["event"] == "ASSAULT"


def test_jsonl_export_equals_query_records(store: Store, tmp_path: Path) -> None:
    """The JSONL export is one event record per event, the same records `query --format jsonl` prints."""
    out = tmp_path / "events.jsonl"
    export(store, "jsonl", str(out))
    assert [json.loads(line) for line in out.read_text().splitlines()] == query_events(store)


def test_parquet_is_partitioned_by_month_and_reads_back(store: Store, tmp_path: Path) -> None:
    """Parquet: one hive partition per event month; the rows read back with the GDELT id and evidence."""
    out = tmp_path / "pq"
    assert export(store, "parquet", str(out)).rows == 3
    assert sorted(p.name for p in out.iterdir()) == ["month=2024-03", "month=2024-04"]
    table = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    rows = {r["code"]: r for r in table.to_pylist()}
    assert set(rows) == {"040", "190", "010"}
    meeting = rows["040"]
    assert meeting["month"] == "2024-03" and meeting["num_sources"] == 3
    assert meeting["global_event_id"] == global_event_id(meeting["event_id"])
    assert meeting["sentence"].endswith("[[TURGOV 040 IRNGOV @Ankara,TUR]].")


def test_parquet_refuses_a_folder_that_holds_files(store: Store, tmp_path: Path) -> None:
    """Parquet output must be a new or empty folder: nothing of the user's is overwritten."""
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(EventwireError, match="not an empty folder"):
        export(store, "parquet", str(tmp_path))
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_unknown_format_is_a_user_error(store: Store, tmp_path: Path) -> None:
    """An unknown format lists the legal ones (a missing folder is created: test_export_output.py)."""
    with pytest.raises(ConfigError, match="gdelt, gdelt-mentions, icews, plover, parquet, jsonl"):
        export(store, "csv", str(tmp_path / "x"))
    assert EXPORT_FORMATS == ("gdelt", "gdelt-mentions", "icews", "plover", "parquet", "jsonl")


# --- tables -------------------------------------------------------------------------------------


def test_every_cameo_country_code_has_a_fips_row() -> None:
    """data/iso3_fips.tsv covers every code of cameo_country_codes.tsv; countries get a 2-letter FIPS code."""
    from importlib import resources

    data = resources.files("eventwire") / "data"
    with data.joinpath("cameo_country_codes.tsv").open(encoding="utf-8") as f:
        countries = {r["code"]: r["kind"] for r in csv.DictReader(f, delimiter="\t")}
    with data.joinpath("iso3_fips.tsv").open(encoding="utf-8") as f:
        fips = {r["code"]: r["fips"] for r in csv.DictReader(f, delimiter="\t")}
    assert set(fips) == set(countries)
    for code, kind in countries.items():
        if kind != "region" and code != "CSK":
            assert len(fips[code]) == 2 and fips[code].isupper(), code
    assert (fips_code("ESP"), fips_code("AUS"), fips_code("GBR"), fips_code("DEU")) == ("SP", "AS", "UK", "GM")
    assert (fips_code("ROM"), fips_code("TMP"), fips_code("AFR"), fips_code(None)) == ("RO", "TT", "", "")


@pytest.mark.parametrize(
    ("code", "country", "group", "types"),
    [
        ("IRQGOVMIL", "IRQ", "", ("GOV", "MIL")),
        ("IGOWSTNAT", "", "NAT", ("IGO",)),
        ("IGOUNO", "", "UNO", ("IGO", "UNO")),
        ("USA", "USA", "", ()),
        ("---MIL", "", "", ("MIL",)),
    ],
)
def test_actor_codes_split_into_gdelt_fields(code: str, country: str, group: str, types: tuple[str, ...]) -> None:
    """A CAMEO actor code splits into country, known group and type codes for the GDELT actor fields."""
    parts = actor_parts(code)
    assert (parts.country, parts.known_group, parts.types) == (country, group, types)
