"""Where events happened: the offline gazetteer (`Gazetteer.load().lookup(name, countries=...)`)."""

from eventwire.context.where.gazetteer import Gazetteer, normalise

__all__ = ["Gazetteer", "normalise"]
