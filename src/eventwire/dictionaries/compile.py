"""Compile a dictionary directory into the fast-loading gzip JSON form.

    python -m eventwire.dictionaries.compile SRC_DIR OUT.json.gz

The shipped files were built with::

    python -m eventwire.dictionaries.compile ../shared/dictionaries/phoenix \\
        src/eventwire/dictionaries/data/phoenix.json.gz
    python -m eventwire.dictionaries.compile ../shared/dictionaries/petr_validate \\
        src/eventwire/dictionaries/data/petr_validate.json.gz
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from eventwire.dictionaries.loader import from_compiled, read_dictionary_dir, to_compiled
from eventwire.dictionaries.model import DictionarySet
from eventwire.errors import DictionaryError

__all__ = ["compile_dictionaries", "main", "summary"]


def compile_dictionaries(src_dir: str | Path, out_path: str | Path) -> DictionarySet:
    """Read `src_dir` strictly, write `out_path`, check it reads back equal; return the set."""
    ds = read_dictionary_dir(src_dir)
    to_compiled(ds, out_path)
    if from_compiled(out_path) != ds:  # a cheap guard: a compiled file must never change meaning
        raise DictionaryError("compiled file does not read back equal — this is a bug", where=str(out_path))
    return ds


def summary(ds: DictionarySet) -> str:
    """One line of counts, e.g. for the compile log and the credit file."""
    verbs = sum(len(b.verbs) for b in ds.verbs)
    patterns = sum(len(b.patterns) for b in ds.verbs)
    return (
        f"{ds.name}: {len(ds.actors)} actor entries, {len(ds.agents)} agents, {len(ds.verbs)} verb blocks, "
        f"{verbs} verbs, {patterns} patterns, {len(ds.synsets)} synsets, {len(ds.discards)} discards"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m eventwire.dictionaries.compile",
        description="Compile PETRARCH/TABARI dictionary files into eventwire's .json.gz form.",
    )
    parser.add_argument(
        "src_dir", type=Path, help="directory with *actors*, *agents*, *verbs*, *discards* files"
    )
    parser.add_argument("out", type=Path, help="output file, e.g. phoenix.json.gz")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        ds = compile_dictionaries(args.src_dir, args.out)
    except DictionaryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    size = args.out.stat().st_size / 1e6
    print(f"{summary(ds)} -> {args.out} ({size:.1f} MB, {elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
