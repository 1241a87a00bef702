"""Tests for eventwire.dictionaries.agents_reader (PETRARCH .agents files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.dictionaries.agents_reader import read_agents
from eventwire.dictionaries.check import Problem
from eventwire.dictionaries.model import AgentEntry, Word
from eventwire.errors import DictionaryError

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
PHOENIX = SHARED / "dictionaries" / "phoenix"
needs_shared = pytest.mark.skipif(not PHOENIX.exists(), reason="needs ../shared/dictionaries")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "t.agents.txt"
    path.write_text(text, encoding="utf-8")
    return path


def phrases(entries: tuple[AgentEntry, ...]) -> list[tuple[str, str, str]]:
    return [(" ".join(w.text for w in e.words), e.code, e.position) for e in entries]


def test_agents_tilde_before_code_is_suffix_and_regular_plural_added(tmp_path: Path) -> None:
    """`FARMER [~AGR]` gives FARMER and its plural FARMERS, code AGR, position suffix, same origin."""
    entries, subs = read_agents(write(tmp_path, "# c\nFARMER [~AGR] # note\n"))
    assert entries == (
        AgentEntry((Word("FARMER", stem=True),), "AGR", "suffix", "t.agents.txt:2"),
        AgentEntry((Word("FARMERS", stem=True),), "AGR", "suffix", "t.agents.txt:2"),
    )
    assert subs == {}


def test_agents_tilde_after_code_is_prefix(tmp_path: Path) -> None:
    """`[NGO~]` puts the code before the actor's: position prefix."""
    entries, _ = read_agents(write(tmp_path, "HUMAN_RIGHTS_BODY  [NGO~]\n"))
    assert phrases(entries) == [
        ("HUMAN RIGHTS BODY", "NGO", "prefix"),
        ("HUMAN RIGHTS BODIES", "NGO", "prefix"),
    ]


def test_agents_plural_of_last_word_keeps_exact_mark(tmp_path: Path) -> None:
    """Regular plurals change the last word only and keep a trailing '_' (exact)."""
    entries, _ = read_agents(write(tmp_path, "ISLAMIC_FRONT_ [~MUSREB]\nBOSS [~BUS]\nCOMMANDOS [~MIL]\n"))
    assert [(e.words[-1].text, e.words[-1].stem) for e in entries] == [
        ("FRONT", False),
        ("FRONTS", False),
        ("BOSS", True),
        ("BOSSES", True),
        ("COMMANDOS", True),  # already plural: no duplicate
    ]


def test_agents_explicit_plural_replaces_regular_one(tmp_path: Path) -> None:
    """`{PLURAL}` is the only plural generated."""
    entries, _ = read_agents(write(tmp_path, "CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]\n"))
    assert phrases(entries) == [
        ("CHAMBER OF COMMERCE", "BUS", "suffix"),
        ("CHAMBERS OF COMMERCE", "BUS", "suffix"),
    ]


def test_agents_empty_braces_mean_no_plural(tmp_path: Path) -> None:
    """`POLICE {} [~COP]` gives POLICE only; spaces inside [ ~COP] are ignored."""
    entries, _ = read_agents(write(tmp_path, "POLICE {} [ ~COP]\n"))
    assert phrases(entries) == [("POLICE", "COP", "suffix")]


def test_agents_substitution_set_expands_without_plurals(tmp_path: Path) -> None:
    """`!PERSON! = ...` gives one entry per member and no plural; the set is returned."""
    text = "!PERSON! = MAN, MEN ,WOMAN\nCATTLE!PERSON! [~AGR]\n"
    entries, subs = read_agents(write(tmp_path, text))
    assert phrases(entries) == [
        ("CATTLEMAN", "AGR", "suffix"),
        ("CATTLEMEN", "AGR", "suffix"),
        ("CATTLEWOMAN", "AGR", "suffix"),
    ]
    assert subs == {"!PERSON!": ("MAN", "MEN", "WOMAN")}
    assert {e.origin for e in entries} == {"t.agents.txt:2"}


def test_agents_substitution_inside_phrase(tmp_path: Path) -> None:
    """A marker at the start of a phrase is replaced in place (!MINIST! FOR_DEFENCE)."""
    entries, _ = read_agents(
        write(tmp_path, "!MINIST! = MINISTER, MINISTRY\n!MINIST! FOR_DEFENCE [~GOVMIL]\n")
    )
    assert phrases(entries) == [
        ("MINISTER FOR DEFENCE", "GOVMIL", "suffix"),
        ("MINISTRY FOR DEFENCE", "GOVMIL", "suffix"),
    ]


def test_agents_unknown_substitution_set_is_an_error(tmp_path: Path) -> None:
    """Using !NAME! before defining it raises DictionaryError at file:line."""
    with pytest.raises(DictionaryError) as info:
        read_agents(write(tmp_path, "!PERSON! = MAN\nCONGRESS!PERSN! [~LEG]\n"))
    assert info.value.where == "t.agents.txt:2"
    assert "!PERSN!" in info.value.message


def test_agents_line_without_code_is_skipped_with_warning(tmp_path: Path) -> None:
    """An agent without [CODE] (real: ISLAMIC_EXTREMIST) is skipped, as PETRARCH does, with a warning."""
    problems: list[Problem] = []
    entries, _ = read_agents(write(tmp_path, "ISLAMIC_EXTREMIST\nIMAM [~MUS]\n"), problems)
    assert phrases(entries)[0] == ("IMAM", "MUS", "suffix")
    assert [(p.line, p.severity) for p in problems] == [(1, "warning")]


def test_agents_brace_closing_code_is_repaired(tmp_path: Path) -> None:
    """`[~ENV}` (real data) is read as [~ENV] with a warning."""
    problems: list[Problem] = []
    entries, _ = read_agents(write(tmp_path, "DEPARMENT_OF_ENVIRONMENT [~ENV}\n"), problems)
    assert entries[0].code == "ENV"
    assert problems[0].severity == "warning"


def test_agents_code_without_tilde_reads_as_suffix(tmp_path: Path) -> None:
    """`[GOV]` is read as [~GOV] with a warning."""
    problems: list[Problem] = []
    entries, _ = read_agents(write(tmp_path, "MAYOR [GOV]\n"), problems)
    assert (entries[0].code, entries[0].position) == ("GOV", "suffix")
    assert problems[0].severity == "warning"


@pytest.mark.parametrize(
    "line",
    ["CHIEF {CHIEFS [~GOV]\n", "CHIEF [~GOV\n", "CHIEF [~GOV~]\n", "CHIEF [~]\n", "[~GOV]\n", "X!Y [~GOV]\n"],
)
def test_agents_malformed_line_is_an_error(tmp_path: Path, line: str) -> None:
    """Unclosed braces/brackets, two tildes, empty code, no phrase, broken marker raise at file:line."""
    with pytest.raises(DictionaryError) as info:
        read_agents(write(tmp_path, "#\n" + line))
    assert info.value.where == "t.agents.txt:2"


@needs_shared
def test_agents_real_phoenix() -> None:
    """Phoenix agents: 5152 entries, the two substitution sets, FARMER -> ~AGR, no errors."""
    problems: list[Problem] = []
    entries, subs = read_agents(PHOENIX / "Phoenix.agents.txt", problems)
    assert len(entries) == 5152
    assert subs["!PERSON!"] == ("MAN", "MEN", "WOMAN", "WOMEN", "PERSON")
    assert set(subs) == {"!PERSON!", "!MINIST!"}
    farmer = [e for e in entries if e.words == (Word("FARMER", stem=True),)]
    assert [(e.code, e.position) for e in farmer] == [("AGR", "suffix")]
    assert [p for p in problems if p.severity == "error"] == []
