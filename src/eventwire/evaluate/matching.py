"""Text tests of the whole-story gold scorer (`stories`), kept apart so that their rules are read in one place."""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["prefixed", "squash"]


def squash(text: str) -> str:
    """Whitespace runs made one space, trimmed, case-folded: for "sentence contains" anchors."""
    return re.sub(r"\s+", " ", text).strip().casefold()


def prefixed(value: str, prefixes: Sequence[str] | None) -> bool:
    """`value` starts with one of `prefixes`; None means any value will do."""
    return prefixes is None or any(value.startswith(p) for p in prefixes)
