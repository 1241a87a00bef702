"""From place words to a place, with what the story says around them.

* `core_place`: a name the gazetteer does not know may hold one it does: "Kandahar province",
  "Tehran University", "the Kunduz airport" are in Kandahar, Tehran, Kunduz. The name left when
  generic trailing words (province, university, airport ...) are dropped is looked up.
* `dateline_place`: a dateline's city ("SANAA, Yemen" is Sanaa, in Yemen: the region names the
  country that ranks the city); a story filed from two places ("ANKARA/BERLIN") places nothing.
* `dateline_fits`: the dateline places the lead's main event only when that event's source is
  of the dateline's country (or of none): a SEOUL dateline does not place what North Korea did.
"""

from __future__ import annotations

from collections.abc import Sequence

from eventwire.context.where.gazetteer import Gazetteer
from eventwire.records import Place

# Words that follow a place's name in the name of something inside it.
GENERIC_TAILS = frozenset(
    {"province", "district", "region", "governorate", "county", "prefecture", "state", "municipality", "area",
     "university", "airport", "airbase", "base", "stadium", "square", "hospital", "prison", "port", "harbour",
     "harbor", "valley", "border", "outskirts", "suburbs", "countryside", "camp", "center", "centre", "office",
     "offices", "headquarters", "compound", "station", "palace", "mosque", "street", "road", "highway", "bridge"}
)


def core_place(
    gazetteer: Gazetteer, name: str, start: int | None, countries: Sequence[str] = ()
) -> Place | None:
    """The known place at the front of `name` once its generic tail is dropped, named and offset as
    written ("Kandahar province" -> Kandahar); None when there is none."""
    words = name.split()
    lead = 1 if words and words[0].lower() == "the" else 0
    end = len(words)
    while end - lead > 1 and words[end - 1].lower().strip(".,") in GENERIC_TAILS:
        end -= 1
    if end == len(words) and lead == 0:
        return None
    core = " ".join(words[lead:end])
    if not core[:1].isupper():
        return None
    found = gazetteer.lookup(core, countries=tuple(countries))
    if found is None:
        return None
    offset = name.find(core)
    s = start + offset if start is not None else None
    return Place(**{**_fields(found), "name": core, "start": s, "end": s + len(core) if s is not None else None})


def dateline_place(
    gazetteer: Gazetteer, place: str, place_start: int, countries: Sequence[str] = ()
) -> Place | None:
    """The place of a dateline ("TBILISI", "SANAA, Yemen"); None for several places ("ANKARA/BERLIN")."""
    if "/" in place:
        return None
    city, _, region = place.partition(",")
    city = city.strip()
    hint: tuple[str, ...] = ()
    if region.strip():
        found_region = gazetteer.lookup(region.strip())
        if found_region is not None and found_region.country:
            hint = (found_region.country,)
    found = gazetteer.lookup(city, countries=hint + tuple(countries))
    if found is None:
        return Place(name=city, start=place_start, end=place_start + len(city), source="dateline")
    return Place(**{**_fields(found), "name": city, "start": place_start, "end": place_start + len(city),
                    "source": "dateline"})


def dateline_fits(place: Place, source_codes: Sequence[str], gazetteer: Gazetteer) -> bool:
    """Whether a dateline may place an event whose sources have these actor codes."""
    if place.country is None:
        return True
    countries = set()
    for code in source_codes:
        try:
            countries.add(gazetteer.country(code[:3]).country)
        except KeyError:
            continue  # "---", an IGO, a sector: no country of its own
    return not countries or place.country in countries


def _fields(p: Place) -> dict[str, object]:
    return {f: getattr(p, f) for f in p.__dataclass_fields__}
