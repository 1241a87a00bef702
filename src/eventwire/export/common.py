"""Helpers the exporters share: streaming rows out of the store, actor-code parts, FIPS codes, ids."""

from __future__ import annotations

import csv
import datetime as dt
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

from eventwire.cameo import country_kind

if TYPE_CHECKING:  # the store (DuckDB, pyarrow) loads when one is opened
    from eventwire.store.db import Store

__all__ = [
    "ActorParts",
    "Written",
    "actor_parts",
    "fips_code",
    "global_event_id",
    "iter_rows",
    "yyyymmdd",
    "yyyymmddhhmmss",
]

FETCH = 10_000
#: first 3 letters of a CAMEO code for an international or transnational actor
ORG_PREFIXES = frozenset({"IGO", "NGO", "IMG", "MNC", "NGM", "INT", "UIS"})


def iter_rows(store: Store, sql: str, params: Sequence[Any] | None = None) -> Iterator[dict[str, Any]]:
    """A query's rows as dicts, `FETCH` at a time (bounded memory on large stores)."""
    cursor = store.con.cursor()
    try:
        result = cursor.execute(sql, list(params or []))
        names = [d[0] for d in result.description]
        while batch := result.fetchmany(FETCH):
            for row in batch:
                yield dict(zip(names, row))
    finally:
        cursor.close()


@dataclass(slots=True)
class Written:
    """What a CAMEO-layout writer wrote and left out (codes outside CAMEO: `eventwire.cameo.is_cameo`)."""

    rows: int = 0
    skipped: int = 0  # no PLOVER type (CAMEO 01/02)
    outside_cameo: int = 0


def global_event_id(event_id: str) -> int:
    """A stable positive integer for a hex event id (its first 15 hex digits: < 2**60)."""
    return int(event_id[:15], 16)


def yyyymmdd(day: dt.date | None) -> str:
    return day.strftime("%Y%m%d") if day is not None else ""


def yyyymmddhhmmss(moment: dt.datetime | dt.date | None) -> str:
    if moment is None:
        return ""
    if not isinstance(moment, dt.datetime):
        return moment.strftime("%Y%m%d") + "000000"
    return moment.strftime("%Y%m%d%H%M%S")


def _data_rows(name: str) -> list[dict[str, str]]:
    text = (resources.files("eventwire") / "data" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter="\t"))


@functools.cache
def _fips() -> dict[str, str]:
    return {row["code"]: row["fips"] for row in _data_rows("iso3_fips.tsv")}


@functools.cache
def _types() -> dict[str, str]:
    return {row["code"]: row["category"] for row in _data_rows("cameo_actor_types.tsv")}


def fips_code(alpha3: str | None) -> str:
    """FIPS 10-4 country code of a CAMEO alpha-3 code ('' when there is none, e.g. regions)."""
    if not alpha3:
        return ""
    return _fips().get(alpha3.strip().upper(), "")


@dataclass(frozen=True, slots=True)
class ActorParts:
    """A CAMEO actor code cut into GDELT's actor fields."""

    country: str = ""
    known_group: str = ""
    types: tuple[str, ...] = ()  # role/sector codes (GOV, MIL, IGO...), at most 3 used


def actor_parts(code: str | None) -> ActorParts:
    """Country (a country or region code in first place), known group (an organisation's own code),
    and type codes, from the 3-letter parts of a CAMEO actor code."""
    if not code:
        return ActorParts()
    chunks = [code[i : i + 3] for i in range(0, len(code), 3) if len(code[i : i + 3]) == 3]
    country = chunks[0] if chunks and country_kind(chunks[0]) is not None else ""
    types = _types()
    found_types = tuple(c for c in chunks if c in types)
    known = ""
    organisations = [c for c in chunks if types.get(c) == "organization"]
    if organisations:
        known = organisations[0]
    elif chunks and chunks[0] in ORG_PREFIXES:
        rest = [c for c in chunks[1:] if c not in types and country_kind(c) is None]
        known = rest[-1] if rest else ""
    return ActorParts(country=country, known_group=known, types=found_types)
