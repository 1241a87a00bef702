"""Gold readers, scores and reports behind `eventwire evaluate`."""

__all__: list[str] = []  # a namespace: import the modules
