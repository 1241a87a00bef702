"""Tests for eventwire.dictionaries.discards_reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.dictionaries.check import Problem
from eventwire.dictionaries.discards_reader import read_discards
from eventwire.dictionaries.model import DiscardEntry, Word

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
PHOENIX = SHARED / "dictionaries" / "phoenix"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "t.discards.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_discards_plus_is_story_level_else_sentence_level(tmp_path: Path) -> None:
    """`+PHRASE` discards the story, a plain phrase the sentence; comments are dropped."""
    text = (
        "# Story-level discards are indicated with a '+'.\nMONTHS LATER\n+ World Golf Championships   # pas\n"
    )
    assert read_discards(write(tmp_path, text)) == (
        DiscardEntry((Word("MONTHS"), Word("LATER", stem=True)), False, "t.discards.txt:2"),
        DiscardEntry(
            (Word("WORLD"), Word("GOLF"), Word("CHAMPIONSHIPS", stem=True)), True, "t.discards.txt:3"
        ),
    )


def test_discards_trailing_underscore_is_exact(tmp_path: Path) -> None:
    """`SOCCER_` must match the whole word; `SOCCER` is a stem."""
    entries = read_discards(write(tmp_path, "SOCCER_\nSOCCER\n"))
    assert [e.words for e in entries] == [(Word("SOCCER"),), (Word("SOCCER", stem=True),)]


def test_discards_legacy_semicolon_comment(tmp_path: Path) -> None:
    """Text after ';' is a legacy comment."""
    (entry,) = read_discards(write(tmp_path, "ACADEMY AWARD ;LRP 08 MAR 2004\n"))
    assert [w.text for w in entry.words] == ["ACADEMY", "AWARD"]


def test_discards_plus_alone_is_an_error(tmp_path: Path) -> None:
    """A '+' with no phrase is reported at its line and the rest is read."""
    problems: list[Problem] = []
    entries = read_discards(write(tmp_path, "+\nBASEBALL\n"), problems)
    assert [(p.line, p.severity) for p in problems] == [(1, "error")]
    assert len(entries) == 1


@pytest.mark.skipif(not PHOENIX.exists(), reason="needs ../shared/dictionaries")
def test_discards_real_phoenix_count() -> None:
    """Phoenix.discards.txt holds 506 phrases, some story-level."""
    entries = read_discards(PHOENIX / "Phoenix.discards.txt")
    assert len(entries) == 506
    assert any(e.story_level for e in entries) and not all(e.story_level for e in entries)
