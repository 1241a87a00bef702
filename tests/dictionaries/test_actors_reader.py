"""Tests for eventwire.dictionaries.actors_reader (TABARI/PETRARCH .actors files)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.dictionaries.actors_reader import parse_date, read_actors
from eventwire.dictionaries.check import LineError, Problem
from eventwire.dictionaries.model import ActorEntry, DatedCode, Word
from eventwire.errors import DictionaryError

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
PHOENIX = SHARED / "dictionaries" / "phoenix"
needs_shared = pytest.mark.skipif(not PHOENIX.exists(), reason="needs ../shared/dictionaries")


def write(tmp_path: Path, text: str, name: str = "t.actors.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def read(tmp_path: Path, text: str) -> tuple[ActorEntry, ...]:
    return read_actors(write(tmp_path, text))


def check(tmp_path: Path, text: str) -> tuple[tuple[ActorEntry, ...], list[Problem]]:
    problems: list[Problem] = []
    return read_actors(write(tmp_path, text), problems), problems


def d(y: int, m: int, day: int) -> dt.date:
    return dt.date(y, m, day)


def test_actors_primary_with_inline_code(tmp_path: Path) -> None:
    """`NAME_ [CODE]` gives one entry with one undated code and origin file:line."""
    assert read(tmp_path, "# header\nAFGHANISTAN_  [AFG]\n") == (
        ActorEntry((Word("AFGHANISTAN"),), (DatedCode("AFG"),), "t.actors.txt:2"),
    )


def test_actors_synonyms_share_the_codes_of_their_primary(tmp_path: Path) -> None:
    """+SYNONYM lines share every code of the entry, each with its own origin line."""
    entries = read(tmp_path, "UNITED_NATIONS  [UNO]\n+U.N. #JW\n+UN_\n")
    assert [(tuple(w.text for w in e.words), e.codes, e.origin) for e in entries] == [
        (("UNITED", "NATIONS"), (DatedCode("UNO"),), "t.actors.txt:1"),
        (("U.N.",), (DatedCode("UNO"),), "t.actors.txt:2"),
        (("UN",), (DatedCode("UNO"),), "t.actors.txt:3"),
    ]


def test_actors_indented_code_lines_with_dates(tmp_path: Path) -> None:
    """Indented [CODE date] lines after the names are the entry's dated codes, in order."""
    text = (
        "NURI_AL-MALIKI_  # CountryInfo.txt\n+PRIME_MINISTER_MALIKI\n"
        "\t[IRQELI 680101-000101]\n\t[IRQGOV 20060520-20140908]\n\t[IRQELI]\n"
    )
    entries = read(tmp_path, text)
    codes = (
        DatedCode("IRQELI", d(1968, 1, 1), d(2000, 1, 1)),
        DatedCode("IRQGOV", d(2006, 5, 20), d(2014, 9, 8)),
        DatedCode("IRQELI"),
    )
    assert entries == (
        ActorEntry((Word("NURI"), Word("AL"), Word("-"), Word("MALIKI")), codes, "t.actors.txt:1"),
        ActorEntry((Word("PRIME"), Word("MINISTER"), Word("MALIKI", stem=True)), codes, "t.actors.txt:2"),
    )


def test_actors_several_codes_on_one_line(tmp_path: Path) -> None:
    """`[A d-d][B d-d]` on the name line gives both dated codes."""
    (entry,) = read(tmp_path, "SERGIO_BALANZINO_\t[IGOWSTNAT 940813-941017][IGOEUREEC 950701-951231]# x\n")
    assert entry.codes == (
        DatedCode("IGOWSTNAT", d(1994, 8, 13), d(1994, 10, 17)),
        DatedCode("IGOEUREEC", d(1995, 7, 1), d(1995, 12, 31)),
    )


def test_actors_until_and_from_restrictions_with_spaces(tmp_path: Path) -> None:
    """`<date` is an end, `>date` a start, spaces around < > - are ignored."""
    (entry,) = read(
        tmp_path, "GOLLUM\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\n"
    )
    assert entry.codes == (
        DatedCode("HOB", None, d(1995, 6, 1)),
        DatedCode("HOBGOV", d(1995, 6, 1), d(1999, 8, 15)),
        DatedCode("HOBREB", d(1999, 8, 16), None),
    )


def test_actors_two_digit_years_pivot_at_30() -> None:
    """YY 00-30 is 20YY and 31-99 is 19YY (KEDS/TABARI/PETRARCH rule)."""
    assert parse_date("000101") == d(2000, 1, 1)
    assert parse_date("300101") == d(2030, 1, 1)
    assert parse_date("310101") == d(1931, 1, 1)
    assert parse_date("19270101") == d(1927, 1, 1)


def test_actors_malformed_date_lengths_are_repaired_with_warning(tmp_path: Path) -> None:
    """7, 9 and 10 digit dates from the real files are read as documented, with a warning each."""
    text = (
        "BAN_KI-MOON\n\t[KORGOVBUS 2004017-20061201]\n"
        "X_\n\t[ARMUNR 9008223-911221]\n"
        "Y_\n\t[IRQOCC 1920030320-20060520]\n"
        "Z_\n\t[GBRGOV >201005011]\n"
    )
    entries, problems = check(tmp_path, text)
    assert [e.codes[0] for e in entries] == [
        DatedCode("KORGOVBUS", d(2004, 1, 7), d(2006, 12, 1)),
        DatedCode("ARMUNR", d(1990, 8, 22), d(1991, 12, 21)),
        DatedCode("IRQOCC", d(2003, 3, 20), d(2006, 5, 20)),
        DatedCode("GBRGOV", d(2010, 5, 1), None),
    ]
    assert [(p.line, p.severity) for p in problems] == [
        (2, "warning"),
        (4, "warning"),
        (6, "warning"),
        (8, "warning"),
    ]


def test_actors_bare_date_means_from(tmp_path: Path) -> None:
    """`[CODE date]` without an operator is read as >date, with a warning."""
    entries, problems = check(tmp_path, "MILO_\n\t[MNEGOV 20121204]\n")
    assert entries[0].codes == (DatedCode("MNEGOV", d(2012, 12, 4), None),)
    assert problems[0].severity == "warning" and "without" in problems[0].message


def test_actors_null_code_kept_as_dashes(tmp_path: Path) -> None:
    """`[---]` (known non-actor), also date-limited, is kept with code '---'."""
    (entry,) = read(tmp_path, "PRINCE OF DOL AMROTH\n\t[--- <950630]\n\t[DOL]\n")
    assert entry.codes == (DatedCode("---", None, d(1995, 6, 30)), DatedCode("DOL"))


def test_actors_lowercase_codes_are_upper_cased(tmp_path: Path) -> None:
    """`[pse]` is read as PSE."""
    assert read(tmp_path, "PALESTINIAN [pse]\n")[0].codes == (DatedCode("PSE"),)


def test_actors_compound_code_kept_as_written(tmp_path: Path) -> None:
    """`[FRO/BIL/SAM]` (several actors at once) stays one code, without a warning."""
    entries, problems = check(tmp_path, "THE_SHIRE  [FRO/BIL/SAM]\n")
    assert entries[0].codes == (DatedCode("FRO/BIL/SAM"),)
    assert problems == []


def test_actors_xml_comment_blocks_are_skipped(tmp_path: Path) -> None:
    """<!-- --> comments, even over several lines, hide what they contain."""
    text = "<!-- VALIDATION -->\n<!--\nHIDDEN [X]\n# -->\nARNOR_  [ARN]\n"
    assert [e.origin for e in read(tmp_path, text)] == ["t.actors.txt:5"]


def test_actors_codeless_name_directly_above_takes_next_codes(tmp_path: Path) -> None:
    """Code-less primaries on the lines right above a coded entry share its codes (with a warning)."""
    text = "IVO_JOSIPOVIC_\nJOSIPOVIC_\n\t[HRVGOV >20120219]\n"
    entries, problems = check(tmp_path, text)
    assert [e.codes for e in entries] == [(DatedCode("HRVGOV", d(2012, 2, 19)),)] * 2
    assert [(p.line, p.severity) for p in problems] == [(1, "warning")]


def test_actors_codeless_name_after_a_gap_stays_codeless(tmp_path: Path) -> None:
    """A code-less primary followed by a blank line keeps no code and is reported."""
    entries, problems = check(tmp_path, "U.N._\n\nUN_SECRETARY_GENERAL [IGOUNO]\n")
    assert [e.codes for e in entries] == [(), (DatedCode("IGOUNO"),)]
    assert [(p.line, p.severity) for p in problems] == [(1, "warning")]


def test_actors_text_after_code_is_ignored(tmp_path: Path) -> None:
    """Junk after the code on a name line (real International file) is dropped with a warning."""
    entries, problems = check(
        tmp_path, "A.H._BELO_CORPORATION_\t[MNCMED]\tNewspapers/Magazines\t$137,000,000\n"
    )
    assert [w.text for w in entries[0].words] == ["A.H.", "BELO", "CORPORATION"]
    assert problems[0].severity == "warning"


def test_actors_plus_inside_name_splits_synonyms_but_not_b_plus_h(tmp_path: Path) -> None:
    """`X_+_Y` is a lost line break (two synonyms); `B+H` is a name."""
    entries = read(tmp_path, "JAISH_AL_ISLAMI+_ISLAMIC_ARMY_ [YEMREB]\nB+H_OCEAN_CARRIERS_ [MNC]\n")
    assert [tuple(w.text for w in e.words) for e in entries] == [
        ("JAISH", "AL", "ISLAMI"),
        ("ISLAMIC", "ARMY"),
        ("B+H", "OCEAN", "CARRIERS"),
    ]


def test_actors_stray_closing_bracket_in_name_is_dropped(tmp_path: Path) -> None:
    """`+FAEROYENE]_` reads as FAEROYENE with a warning."""
    entries, problems = check(tmp_path, "FAROE_ [FRO]\n+FAEROYENE]_\n")
    assert entries[1].words == (Word("FAEROYENE"),)
    assert problems[0].line == 2 and problems[0].severity == "warning"


def test_actors_synonym_before_primary_is_an_error(tmp_path: Path) -> None:
    """A +synonym with no primary above raises DictionaryError at file:line."""
    with pytest.raises(DictionaryError) as info:
        read(tmp_path, "# nothing yet\n+AFGHAN_\n")
    assert info.value.where == "t.actors.txt:2"


@pytest.mark.parametrize(
    "line",
    [
        "IRAQ [IRQ\n",  # unclosed bracket
        "IRAQ [950601-990815]\n",  # date without code
        "IRAQ [AAA950601-990815]\n",  # code glued to date
        "IRAQ [IRQ 12345]\n",  # five digits
        "IRAQ [IRQ 20101301]\n",  # month 13
        "IRAQ [IRQ 2010-01-01]\n",  # ISO dashes
        "IRAQ []\n",  # empty code
    ],
)
def test_actors_malformed_code_is_an_error(tmp_path: Path, line: str) -> None:
    """Brackets and dates nothing sensible can be made of raise DictionaryError with file:line."""
    with pytest.raises(DictionaryError) as info:
        read(tmp_path, "# x\n" + line)
    assert info.value.where == "t.actors.txt:2"


def test_actors_check_mode_collects_all_errors_and_keeps_reading(tmp_path: Path) -> None:
    """With a problems list every bad line is reported and the good ones are still read."""
    entries, problems = check(tmp_path, "+ORPHAN\nIRAQ [IRQ\nIRAN [IRN]\n\t[X 1]\n")
    assert [(p.line, p.severity) for p in problems] == [(1, "error"), (2, "error"), (4, "error")]
    assert [e.codes for e in entries] == [(DatedCode("IRN"),)]


def test_actors_date_error_type() -> None:
    """parse_date raises the reader's LineError for a non-date."""
    with pytest.raises(LineError):
        parse_date("12AB56")


@needs_shared
def test_actors_real_maliki_is_irqgov_2006_to_2014() -> None:
    """Phoenix: NURI_AL_MALIKI_ is IRQGOV from 2006-05-20 to 2014-09-08."""
    entries = read_actors(PHOENIX / "Phoenix.Countries.actors.txt")
    maliki = [e for e in entries if [w.text for w in e.words] == ["NURI", "AL", "MALIKI"]]
    assert maliki and DatedCode("IRQGOV", d(2006, 5, 20), d(2014, 9, 8)) in maliki[0].codes
    assert len(entries) == 25918


@needs_shared
def test_actors_real_nato_is_igowstnat() -> None:
    """Phoenix: NATO_ is IGOWSTNAT (exact word)."""
    entries = read_actors(PHOENIX / "Phoenix.International.actors.txt")
    nato = [e for e in entries if e.words == (Word("NATO"),)]
    assert nato and nato[0].codes[0].code == "IGOWSTNAT"
    assert len(entries) == 7907


@needs_shared
def test_actors_real_milnonstate_count() -> None:
    """Phoenix: the armed-groups file reads to 1794 entries without errors."""
    problems: list[Problem] = []
    assert len(read_actors(PHOENIX / "Phoenix.MilNonState.actors.txt", problems)) == 1794
    assert [p for p in problems if p.severity == "error"] == []
