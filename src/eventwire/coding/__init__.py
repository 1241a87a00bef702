"""Coding: a story's sentences to candidate events (actors, verb patterns, in-story references, modality)."""

__all__: list[str] = []  # a namespace: import the modules
