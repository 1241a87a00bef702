"""Tests for eventwire.cameo: code tables, fallbacks, PLOVER map, PentaClass."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire import cameo
from eventwire.records import Plover

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DATA = Path(cameo.__file__).resolve().parent / "data"


@pytest.mark.parametrize(
    ("code", "name", "goldstein", "quad_class", "root"),
    [
        ("0232", "Appeal for military aid", 3.4, 1, "02"),
        ("042", "Make a visit", 1.9, 1, "04"),
        ("064", "Share intelligence or information", 7.0, 2, "06"),
        ("111", "Criticize or denounce", -2.0, 3, "11"),
        ("173", "Arrest, detain, or charge with legal action", -5.0, 4, "17"),
        ("1823", "Kill by physical assault", -10.0, 4, "18"),
        ("14", "PROTEST", -6.5, 3, "14"),
    ],
)
def test_cameo_event_info_values_from_table(
    code: str, name: str, goldstein: float, quad_class: int, root: str
) -> None:
    """event_info returns the name, GDELT Goldstein and QuadClass the TSV lists for the code."""
    info = cameo.event_info(code)
    assert (info.code, info.name, info.goldstein, info.quad_class, info.root) == (
        code,
        name,
        goldstein,
        quad_class,
        root,
    )


def test_cameo_names_use_cameo_meaning_not_gdelt_label() -> None:
    """Codes 101-108 carry their CAMEO 1.1b3 meaning, not GDELT's shifted lookup label."""
    assert cameo.event_info("108").name == "Demand mediation"  # GDELT: "Demand meeting, negotiation"
    assert cameo.event_info("106").name == "Demand meeting, negotiation"  # GDELT: "Demand withdrawal"
    assert cameo.event_info("101").name == "Demand material cooperation"


def test_cameo_goldstein_is_gdelt_not_icews() -> None:
    """Where ICEWS and GDELT disagree, the GDELT Goldstein score is used (016: -2.0, ICEWS -5)."""
    assert cameo.event_info("016").goldstein == -2.0
    assert cameo.event_info("164").goldstein == -7.0


def test_cameo_code_106_has_recovered_goldstein() -> None:
    """Code 106, merged away in GDELT's current lookup, still has a Goldstein score (-5.0)."""
    assert cameo.event_info("106").goldstein == -5.0


def test_cameo_quad_class_follows_root_ranges() -> None:
    """Every code's QuadClass is 1 for roots 01-05, 2 for 06-09, 3 for 10-14, 4 for 15-20."""
    expected = {r: 1 if r <= 5 else 2 if r <= 9 else 3 if r <= 14 else 4 for r in range(1, 21)}
    table = cameo._event_table()
    assert len(table) == 317
    wrong = [c for c, info in table.items() if info.quad_class != expected[int(info.root)]]
    assert wrong == []


def test_cameo_unknown_four_digit_falls_back_to_three_digit_parent() -> None:
    """An unlisted 4-digit code returns its 3-digit parent's entry."""
    info = cameo.event_info("0199")
    assert info.code == "019"
    assert info.goldstein == 3.4


def test_cameo_unknown_three_digit_falls_back_to_root() -> None:
    """An unlisted code whose 3-digit base is unlisted too returns the root's entry."""
    info = cameo.event_info("0299")
    assert info.code == "02"
    assert info.name == "APPEAL"


@pytest.mark.parametrize("code", ["", "9", "00", "21", "990", "ab1"])
def test_cameo_code_outside_roots_raises(code: str) -> None:
    """A code whose first two characters are not a root 01-20 raises ValueError."""
    with pytest.raises(ValueError, match="root 01-20"):
        cameo.event_info(code)


def test_cameo_is_valid_code_is_exact() -> None:
    """is_valid_code accepts listed codes only, not codes that merely have a listed parent."""
    assert cameo.is_valid_code("0232")
    assert cameo.is_valid_code("1834")  # CAMEO 1.1b3 manual code missing from GDELT
    assert not cameo.is_valid_code("0199")
    assert not cameo.is_valid_code("232")


@pytest.mark.parametrize(
    ("code", "event", "mode"),
    [
        ("03", "AGREE", None),
        ("042", "CONSULT", "visit"),
        ("0841", "RETREAT", "release"),
        ("1712", "ASSAULT", "seize"),
        ("181", "ASSAULT", "abduct"),
        ("106", "REQUEST", "meet"),
        ("08", "CONCEDE", None),  # the map lists 08 twice; the first row wins
    ],
)
def test_cameo_plover_map_spot_checks(code: str, event: str, mode: str | None) -> None:
    """plover_for follows the official CAMEO->PLOVER map."""
    assert cameo.plover_for(code) == Plover(event=event, mode=mode)


@pytest.mark.parametrize(
    ("code", "event", "mode"),
    [
        ("0356", "AGREE", None),  # a stated intent to yield ("agreed to a ceasefire") stays AGREE, as mapped
        ("035", "AGREE", None),
        ("0354", "AGREE", None),
        ("0814", "CONCEDE", None),  # lifting a state of emergency is a verbal concession (map: RETREAT)
        ("0831", "RETREAT", "resign"),  # resignations are RETREAT (map: CONCEDE)
        ("163", "SANCTION", "discontinue"),  # international sanctions (map: COERCE)
        ("0341", "AGREE", None),  # intents other than yielding stay AGREE
        ("083", "CONCEDE", None),  # acceding to a demand for reform stays CONCEDE
    ],
)
def test_cameo_plover_follows_the_manual_where_the_map_differs(code: str, event: str, mode: str | None) -> None:
    """The PLOVER manual's text wins over its draft CAMEO->PLOVER map (cameo._CODEBOOK_CORRECTIONS), except for
    stated intents to yield (035x), which the map, AGREE's own text and the hand-coded records code AGREE."""
    assert cameo.plover_for(code) == Plover(event=event, mode=mode)


def test_cameo_plover_none_for_statements_and_appeals() -> None:
    """CAMEO roots 01 and 02 have no PLOVER type."""
    assert cameo.plover_for("01") is None
    assert cameo.plover_for("0232") is None
    assert cameo.event_info("013").plover_event is None


def test_cameo_plover_falls_back_to_parent() -> None:
    """A code missing from the PLOVER map takes its parent's type (155 -> 15 MOBILIZE)."""
    assert cameo.plover_for("155") == Plover(event="MOBILIZE", mode=None)
    assert cameo.event_info("1834").plover_event == "ASSAULT"


@pytest.mark.parametrize(
    ("code", "klass"),
    [("010", 0), ("0232", 0), ("036", 1), ("057", 1), ("061", 2), ("0841", 2), ("090", 2),
     ("100", 3), ("1411", 3), ("150", 4), ("190", 4), ("2042", 4)],
)
def test_cameo_pentaclass(code: str, klass: int) -> None:
    """PentaClass: 0 = 01-02, 1 = 03-05, 2 = 06-09, 3 = 10-14, 4 = 15-20."""
    assert cameo.pentaclass(code) == klass


def test_cameo_pentaclass_rejects_bad_root() -> None:
    """pentaclass raises ValueError for a code without a CAMEO root."""
    with pytest.raises(ValueError):
        cameo.pentaclass("21")


def test_cameo_country_name() -> None:
    """country_name maps CAMEO alpha-3 to a name, fixes GDELT's misspellings, None when unknown."""
    assert cameo.country_name("IRQ") == "Iraq"
    assert cameo.country_name("twn") == "Taiwan"  # added: missing from GDELT's list
    assert cameo.country_name("COL") == "Colombia"  # GDELT: "Columbia"
    assert cameo.country_name("XXX") is None


@pytest.mark.skipif(not (SHARED / "cameo").is_dir(), reason="../shared not available")
@pytest.mark.parametrize(
    "name", ["cameo_event_codes.tsv", "cameo2plover.json", "cameo_country_codes.tsv", "cameo_actor_types.tsv"]
)
def test_cameo_package_data_matches_shared(name: str) -> None:
    """The tables shipped in eventwire/data are exact copies of shared/cameo."""
    assert (DATA / name).read_bytes() == (SHARED / "cameo" / name).read_bytes()
