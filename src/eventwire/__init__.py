"""eventwire: news in, CAMEO/PLOVER political events out, each traceable to its sentence."""

__all__ = ["__version__"]

__version__ = "0.1.0"
