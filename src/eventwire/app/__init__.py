"""The application layer: eventwire's operations as plain functions over checked option objects.

    from eventwire.app import CoderSpec, ReadOptions, code
    for item in code(ReadOptions(("stories.jsonl",)), CoderSpec("petr_validate")):
        ...

The command line (`eventwire.cli`) and any other front end only parse their input into
these option objects, call an operation, and format what comes back. See docs/architecture.md.
"""

from __future__ import annotations

from eventwire.app.operations import (
    CodeStats,
    DedupChange,
    Evaluation,
    check_dictionaries,
    code,
    code_to_parquet,
    dedup,
    evaluate,
    explain,
    explain_actor,
    explain_actors,
    export,
    ingest,
    query,
    read,
    recode,
    stats,
    stories_to_explain,
)
from eventwire.app.options import CoderSpec, ReadOptions, RunOptions, StoreOptions, dictionary_version
from eventwire.app.pipeline import IngestSummary, RecodeSummary
from eventwire.errors import OptionError

__all__ = [
    "CodeStats",
    "CoderSpec",
    "DedupChange",
    "Evaluation",
    "IngestSummary",
    "OptionError",
    "ReadOptions",
    "RecodeSummary",
    "RunOptions",
    "StoreOptions",
    "check_dictionaries",
    "code",
    "code_to_parquet",
    "dedup",
    "dictionary_version",
    "evaluate",
    "explain",
    "explain_actor",
    "explain_actors",
    "export",
    "ingest",
    "query",
    "read",
    "recode",
    "stats",
    "stories_to_explain",
]
