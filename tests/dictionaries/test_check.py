"""Tests for eventwire.dictionaries.check: collecting problems instead of stopping at the first."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.dictionaries.check import Problem, check_dictionary_dir, main
from eventwire.dictionaries.loader import read_dictionary_dir
from eventwire.errors import DictionaryError

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DICTS = SHARED / "dictionaries"
needs_shared = pytest.mark.skipif(not DICTS.exists(), reason="needs ../shared/dictionaries")


def broken_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "x.actors.txt").write_text(
        "+ORPHAN_\nIRAQ [IRQ\nIRAN_ [IRN 1990-01-01]\nSYRIA_ [SYR]\n", encoding="utf-8"
    )
    (folder / "x.agents.txt").write_text("CONGRESS!PERSN! [~LEG]\nSOLDIER [~MIL]\n", encoding="utf-8")
    (folder / "x.verbs.txt").write_text(
        "--- B [010] ---\nB\n- AID [070]\n- * (TO [070]\n- * AID [07x]\n", encoding="utf-8"
    )
    (folder / "notes.txt").write_text("free text\n", encoding="utf-8")
    return folder


def test_check_problem_reads_file_line_what_and_what_to_do() -> None:
    """str(Problem) is 'file:line: what — what to do', warnings tagged."""
    assert (
        str(Problem("a.txt", 3, "pattern without '*' — mark the verb"))
        == "a.txt:3: pattern without '*' — mark the verb"
    )
    assert str(Problem("a.txt", 3, "odd — ok", "warning")) == "a.txt:3: warning: odd — ok"


def test_check_collects_every_problem_of_every_file(tmp_path: Path) -> None:
    """All bad lines of all files are reported, sorted by file and line, with severities."""
    problems = check_dictionary_dir(broken_dir(tmp_path))
    assert [(p.file, p.line, p.severity) for p in problems] == [
        ("notes.txt", 0, "warning"),
        ("x.actors.txt", 1, "error"),
        ("x.actors.txt", 2, "error"),
        ("x.actors.txt", 3, "error"),
        ("x.agents.txt", 1, "error"),
        ("x.verbs.txt", 3, "error"),
        ("x.verbs.txt", 4, "error"),
        ("x.verbs.txt", 5, "warning"),
    ]
    assert all(" — " in p.message for p in problems)


def test_check_messages_say_what_to_do(tmp_path: Path) -> None:
    """Messages name the problem and the fix, e.g. the synonym and the pattern errors."""
    messages = {(p.file, p.line): p.message for p in check_dictionary_dir(broken_dir(tmp_path))}
    assert (
        messages[("x.actors.txt", 1)]
        == "synonym '+ORPHAN_' before any primary name — add the primary name above, without '+'"
    )
    assert messages[("x.verbs.txt", 3)].startswith("pattern without '*' — ")
    assert "!PERSN!" in messages[("x.agents.txt", 1)]


def test_check_strict_read_stops_at_first_error(tmp_path: Path) -> None:
    """Reading the same directory strictly raises on the first error with where=file:line."""
    with pytest.raises(DictionaryError) as info:
        read_dictionary_dir(broken_dir(tmp_path))
    assert info.value.where == "x.actors.txt:1"


def test_check_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m eventwire.dictionaries.check DIR` exits 1 on errors, 0 when there are only warnings."""
    assert main([str(broken_dir(tmp_path))]) == 1
    out = capsys.readouterr().out
    assert "x.actors.txt:2: unclosed '['" in out
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "x.actors.txt").write_text("ISILDUR [+++]\n", encoding="utf-8")
    assert main([str(clean), "--errors-only"]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.slow
@needs_shared
def test_check_real_phoenix_has_no_errors() -> None:
    """The Phoenix files check with zero errors; oddities (OSMAN_OLCAY\\t_TURKEY_) are warnings."""
    problems = check_dictionary_dir(DICTS / "phoenix")
    assert [p for p in problems if p.severity == "error"] == []
    assert any(p.file == "Phoenix.International.actors.txt" and p.line == 224 for p in problems)
    assert any(p.file == "CAMEO.2.0.txt" and "[080!]" in p.message for p in problems)


@needs_shared
def test_check_real_petr_validate_has_no_errors() -> None:
    """The PETRARCH validation dictionaries check with zero errors."""
    assert [p for p in check_dictionary_dir(DICTS / "petr_validate") if p.severity == "error"] == []


def test_check_warns_when_a_folder_cannot_code_alone(tmp_path: Path) -> None:
    """An actors-only folder codes no events on its own: check says so (a warning, since the folder
    may be meant for --extend-dictionaries); a folder with verbs and actors gets no such warning."""
    actors_only = tmp_path / "actors_only"
    actors_only.mkdir()
    (actors_only / "x.actors.txt").write_text("ISILDUR [ARNGOV]\n", encoding="utf-8")
    warnings = [p for p in check_dictionary_dir(actors_only) if p.severity == "warning"]
    assert [p.file for p in warnings] == ["actors_only"]
    assert "no verb dictionary" in warnings[0].message and "--extend-dictionaries" in warnings[0].message
    both = tmp_path / "both"
    both.mkdir()
    (both / "x.actors.txt").write_text("ISILDUR [ARNGOV]\n", encoding="utf-8")
    (both / "x.verbs.txt").write_text("--- MEET [040] ---\nMEET\n", encoding="utf-8")
    assert not any("no verb dictionary" in p.message or "no actor dictionary" in p.message
                   for p in check_dictionary_dir(both))  # fmt: skip
