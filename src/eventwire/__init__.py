"""eventwire: news in, CAMEO/PLOVER political events out, each traceable to its sentence."""

__version__ = "0.1.0"
