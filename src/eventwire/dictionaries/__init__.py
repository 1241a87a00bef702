"""Dictionary readers (PETRARCH/TABARI text formats), shipped compiled data, and checks."""

__all__: list[str] = []  # a namespace: import the modules
