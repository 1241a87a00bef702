"""Request parameters: the event filters every list endpoint shares, and the check that refuses
parameters an endpoint does not take (422 naming it, not a silent ignore).

API name -> `EventFilter` field: start -> date_from, end -> date_to, quad_class -> quad, q -> text;
the others keep their names. A parameter takes several values as ``a|b`` (either holds).
"""

from __future__ import annotations

from dataclasses import fields
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from eventwire.api.errors import FIELD_NAMES, ApiError
from eventwire.store.query import EventFilter

__all__ = ["event_filter", "filter_query", "no_unknown_parameters"]

_TEXT = 300  # longest text parameter, in characters

Text = Annotated[str | None, Query(max_length=_TEXT)]


def event_filter(
    start: Annotated[str | None, Query(max_length=40, description="events on or after this date (YYYY-MM-DD; also YYYY-MM, 17 April 2008...)", examples=["2008-04-01"])] = None,
    end: Annotated[str | None, Query(max_length=40, description="events on or before this date", examples=["2008-04-30"])] = None,
    actor: Annotated[str | None, Query(max_length=_TEXT, description="either side: a CAMEO code prefix in capitals (IRQ, IRQGOV) or words of an actor's name (maliki); a|b for either", examples=["IRQ|IRN"])] = None,
    source: Annotated[str | None, Query(max_length=_TEXT, description="the source actor, as actor", examples=["IRQGOV"])] = None,
    target: Annotated[str | None, Query(max_length=_TEXT, description="the target actor, as actor", examples=["IGOWSTNAT"])] = None,
    country: Annotated[str | None, Query(max_length=_TEXT, description="3-letter code of an actor's country or of the place's country", examples=["IRQ"])] = None,
    code: Annotated[str | None, Query(max_length=_TEXT, description="CAMEO event code prefix (04, 0232)", examples=["0232"])] = None,
    root: Annotated[str | None, Query(max_length=_TEXT, description="CAMEO root code 01-20", examples=["18|19"])] = None,
    quad_class: Annotated[str | None, Query(max_length=20, description="QuadClass 1-4 (1 verbal cooperation ... 4 material conflict)", examples=["4"])] = None,
    plover: Annotated[str | None, Query(max_length=_TEXT, description="PLOVER event type of the event (PROTEST, ASSAULT...)", examples=["PROTEST"])] = None,
    place: Annotated[str | None, Query(max_length=_TEXT, description="words of the place name", examples=["Baghdad"])] = None,
    bbox: Annotated[str | None, Query(max_length=100, description="west,south,east,north in degrees: the place inside it", examples=["38,29,49,38"])] = None,
    min_mentions: Annotated[int | None, Query(ge=1, le=2**31 - 1, description="at least this many reports")] = None,
    outlet: Annotated[str | None, Query(max_length=_TEXT, description="an outlet that reported the event", examples=["rferl.org"])] = None,
    q: Annotated[str | None, Query(max_length=_TEXT, description="words that one evidence sentence contains (all of them); a|b for either", examples=["ceasefire"])] = None,
) -> EventFilter:
    """The event filter of a request, validated (OptionError -> 422 naming the parameter)."""
    flt = EventFilter(
        date_from=start,
        date_to=end,
        actor=actor,
        source=source,
        target=target,
        country=country,
        code=code,
        root=root,
        quad=quad_class,
        plover=plover,
        place=place,
        bbox=bbox,
        min_mentions=min_mentions,
        outlet=outlet,
        text=q,
    ).validated()
    if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
        raise ApiError(422, f"end: {flt.date_to} is before start {flt.date_from}", "end")
    return flt


def filter_query(flt: EventFilter) -> dict[str, Any]:
    """The filter's normalised values under their API names (what the envelope's `query` shows)."""
    out: dict[str, Any] = {}
    for f in fields(flt):
        value = getattr(flt, f.name)
        if value is not None:
            out[FIELD_NAMES.get(f.name, f.name)] = value
    return out


def _query_names(dependant: Dependant) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def _allowed(route: APIRoute) -> frozenset[str]:
    """The query parameters `route` declares (its own and its dependencies'), computed once per route."""
    found: frozenset[str] | None = getattr(route, "_eventwire_parameters", None)
    if found is None:
        found = frozenset(_query_names(route.dependant))
        route._eventwire_parameters = found  # type: ignore[attr-defined]
    return found


def no_unknown_parameters(request: Request) -> None:
    """422 for a query parameter the endpoint does not take, or one given twice."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    allowed = _allowed(route)
    seen: set[str] = set()
    for name, _ in request.query_params.multi_items():
        if name not in allowed:
            takes = ", ".join(sorted(allowed)) or "no parameters"
            raise ApiError(422, f"{name}: unknown parameter; {request.url.path} takes {takes}", name)
        if name in seen:
            raise ApiError(422, f"{name}: given more than once; give several values as a|b in one parameter", name)
        seen.add(name)
