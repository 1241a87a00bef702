"""Context of a coded event: when it happened, where, and who said it (quotes)."""

__all__: list[str] = []  # a namespace: import the modules
