"""Problems found in dictionary files, and `check_dictionary_dir`.

Every reader takes an optional ``problems`` list:

* strict (``problems=None``, the default): the first *error* raises
  `DictionaryError` with ``where="file:line"``; warnings are dropped.
* checking (a list): every error and warning is appended as a `Problem`, the bad
  line is skipped, and reading goes on, so one run reports everything.

An *error* is a line the reader cannot make sense of (unbalanced brackets, a
pattern without ``*``, a synonym before any actor, an unreadable date...). A
*warning* is an oddity the reader could read anyway and says how it read it
(a stray ``]``, a non-CAMEO code such as ``[080!]``, a date range that ends
before it starts...). The shipped Phoenix files read with warnings but no errors.

Command line: ``python -m eventwire.dictionaries.check DIR`` prints one problem
per line and exits 1 if there is any error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from eventwire.errors import DictionaryError

__all__ = ["LineError", "Problem", "Reporter", "check_dictionary_dir", "main"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem in a dictionary file; `message` says what is wrong — what to do."""

    file: str
    line: int
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else "warning: "
        return f"{self.file}:{self.line}: {tag}{self.message}"


class LineError(Exception):
    """Raised inside a reader when a line cannot be read; the reader's loop reports it."""

    def __init__(self, what: str, todo: str) -> None:
        super().__init__(f"{what} — {todo}")
        self.message = f"{what} — {todo}"


class Reporter:
    """Routes a file's problems: raise (strict) or collect (check mode)."""

    def __init__(self, file: str, problems: list[Problem] | None) -> None:
        self.file = file
        self.problems = problems

    def error(self, line: int, exc: LineError) -> None:
        if self.problems is None:
            raise DictionaryError(exc.message, where=f"{self.file}:{line}")
        self.problems.append(Problem(self.file, line, exc.message, "error"))

    def warn(self, line: int, what: str, todo: str) -> None:
        if self.problems is not None:
            self.problems.append(Problem(self.file, line, f"{what} — {todo}", "warning"))


def check_dictionary_dir(path: str | Path) -> list[Problem]:
    """Read every dictionary file of `path` and return all problems (errors and warnings)."""
    from eventwire.dictionaries.loader import read_dictionary_dir  # late: the loader imports readers

    problems: list[Problem] = []
    read_dictionary_dir(path, problems=problems)
    return sorted(problems, key=lambda p: (p.file, p.line))  # readers report some lines late


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m eventwire.dictionaries.check",
        description="Report malformed lines of a PETRARCH/TABARI dictionary directory.",
    )
    parser.add_argument("directory", type=Path)
    parser.add_argument("--errors-only", action="store_true", help="do not print warnings")
    args = parser.parse_args(argv)
    try:
        problems = check_dictionary_dir(args.directory)
    except DictionaryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    errors = [p for p in problems if p.severity == "error"]
    for problem in problems:
        if problem.severity == "error" or not args.errors_only:
            print(problem)
    print(f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s)", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
