"""The `Gazetteer` protocol: what the coder asks of a place gazetteer.

`eventwire.context.where.Gazetteer` (GeoNames, compiled into the package) is the one shipped;
a coder can be given another (a national gazetteer, a test stand-in) with `Coder(gazetteer=...)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from eventwire.records import Place

__all__ = ["Gazetteer"]


class Gazetteer(Protocol):
    def lookup(
        self, name: str, *, countries: Sequence[str] = (), text_is_capitalised: bool | None = None
    ) -> Place | None:
        """The place `name` most likely means, given the ISO3 codes of the event's actors; None if unknown.
        `text_is_capitalised`: whether the words were capitalised in the text (default: read from `name`)."""
        ...
