"""Tests for eventwire.dictionaries.words: phrase splitting, plurals, comment-free lines."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventwire.dictionaries.model import Word
from eventwire.dictionaries.words import (
    dictionary_lines,
    plural,
    split_phrase,
    split_words,
    unclosed_comment_line,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
PHOENIX = SHARED / "dictionaries" / "phoenix"


def texts(raw: str) -> list[str]:
    return [w.text for w in split_phrase(raw)]


def test_words_underscores_and_spaces_separate_words() -> None:
    """'_' and whitespace both separate words; text is upper-cased."""
    assert texts("prime_minister  maliki") == ["PRIME", "MINISTER", "MALIKI"]


def test_words_hyphen_between_letters_is_its_own_word() -> None:
    """A hyphen between letters becomes a word, as spaCy splits it."""
    assert split_phrase("NURI_AL-MALIKI_") == (Word("NURI"), Word("AL"), Word("-"), Word("MALIKI"))


def test_words_hyphen_before_digit_stays_inside() -> None:
    """SU-24 and U.S.-LED stay whole; 50-CALIBER splits (digit then letter)."""
    assert texts("SU-24_") == ["SU-24"]
    assert texts("U.S.-LED_") == ["U.S.-LED"]
    assert texts("50-CALIBER_") == ["50", "-", "CALIBER"]


def test_words_last_word_without_underscore_is_a_stem() -> None:
    """Without a final '_' the last word is a prefix (stem); every other word is exact."""
    assert split_phrase("ARGENTIN") == (Word("ARGENTIN", stem=True),)
    assert split_phrase("PRIME_MINISTER_MALIKI") == (
        Word("PRIME"),
        Word("MINISTER"),
        Word("MALIKI", stem=True),
    )


def test_words_trailing_underscore_makes_last_word_exact() -> None:
    """A final '_' (even followed by spaces) makes the last word exact."""
    assert split_phrase("NATO_  ") == (Word("NATO"),)


def test_words_stems_false_makes_all_exact() -> None:
    """stems=False (patterns, synsets) gives exact words only."""
    assert split_phrase("DOLLAR", stems=False) == (Word("DOLLAR"),)


def test_words_dotted_abbreviations_stay_whole() -> None:
    """U.S., U.S.S.R and initials stay one word."""
    assert texts("U.S._ARMY") == ["U.S.", "ARMY"]
    assert texts("U.S.S.R") == ["U.S.S.R"]
    assert texts("GEORGE_W._BUSH") == ["GEORGE", "W.", "BUSH"]


def test_words_title_abbreviations_stay_whole() -> None:
    """Abbreviations spaCy keeps whole in news text (St., Gen., Inc.) stay one word."""
    assert texts("ST._PETERSBURG") == ["ST.", "PETERSBURG"]
    assert texts("LINKS_INC.") == ["LINKS", "INC."]


def test_words_final_period_after_capitals_splits() -> None:
    """A period after two capitals that is no known abbreviation is split, as spaCy does."""
    assert texts("DEPT.") == ["DEPT", "."]


def test_words_possessive_s_is_split() -> None:
    """A trailing 'S is its own word (NATO'S -> NATO, 'S); a bare trailing apostrophe too."""
    assert texts("NATO'S") == ["NATO", "'S"]
    assert texts("JOURNALISTS'_UNION") == ["JOURNALISTS", "'", "UNION"]


def test_words_contraction_of_auxiliary_is_split() -> None:
    """DIDN'T splits into DID + N'T as spaCy splits didn't; names with apostrophes do not."""
    assert texts("DIDN'T") == ["DID", "N'T"]
    assert texts("PA'ANGA") == ["PA'ANGA"]


def test_words_brackets_and_punctuation_split_off() -> None:
    """Opening and closing punctuation are words of their own; punctuation is never a stem."""
    assert split_phrase("ARMY_(AAIA)") == (Word("ARMY"), Word("("), Word("AAIA"), Word(")"))
    assert texts("WATCH_INDONESIA!") == ["WATCH", "INDONESIA", "!"]
    assert texts("ROBINSON,_BARON") == ["ROBINSON", ",", "BARON"]


def test_words_slash_between_letters_splits() -> None:
    """A slash between letters splits; between digits (9/11) it does not."""
    assert texts("MI-24VM/HIND") == ["MI-24VM", "/", "HIND"]
    assert texts("9/11") == ["9/11"]


def test_words_substituted_phrase_is_one_word() -> None:
    """CATTLE!PERSON! after substitution (CATTLEMEN) is a single stem word."""
    assert split_phrase("CATTLEMEN") == (Word("CATTLEMEN", stem=True),)


def test_words_control_characters_vanish() -> None:
    """Control characters found in the real files (\\x1a) are dropped; tabs separate."""
    assert texts("LIAMINE_Z\x1aROUAL_") == ["LIAMINE", "ZROUAL"]
    assert texts("A\tB") == ["A", "B"]


def test_words_empty_phrase_gives_no_words() -> None:
    """Only separators: no words."""
    assert split_phrase(" _ ") == ()


def test_words_same_word_objects_are_shared() -> None:
    """Equal words are interned so the ~100k phrases share objects."""
    assert split_phrase("IRAQ_")[0] is split_phrase("IRAQ_ARMY_")[0]


def test_plural_regular_rules() -> None:
    """Y->IES after a consonant, +ES after SS/X/CH/SH, single S unchanged, else +S."""
    assert [plural(w) for w in ("AUTHORITY", "BOY", "BOSS", "TAX", "CHURCH", "DOLLARS", "FARMER")] == [
        "AUTHORITIES",
        "BOYS",
        "BOSSES",
        "TAXES",
        "CHURCHES",
        "DOLLARS",
        "FARMERS",
    ]


def test_lines_drop_hash_semicolon_and_xml_comments() -> None:
    """'#', ';' and <!-- --> comments go; the comment text is kept; blank lines are skipped."""
    text = "<!-- head -->\nIRAQ [IRQ] # the country\n\nSCRAP {SCRAPS};shan 8/30/93\nA <!-- x --> B\n"
    lines = list(dictionary_lines(text))
    assert [(ln.number, ln.text, ln.comment) for ln in lines] == [
        (2, "IRAQ [IRQ]", "the country"),
        (4, "SCRAP {SCRAPS}", "shan 8/30/93"),
        (5, "A  B", ""),
    ]


def test_lines_multiline_xml_comment_and_bang_line() -> None:
    """A <!-- comment may span lines; a line opening '<!' is skipped whole, as PETRARCH does."""
    text = "<!--\nHIDDEN [X]\n# -->\nSHOWN [Y]\n<! -- odd comment -->\n"
    assert [ln.text for ln in dictionary_lines(text)] == ["SHOWN [Y]"]


def test_lines_hash_inside_brackets_is_not_a_comment() -> None:
    """'#' inside [...] is kept so that a code such as [###] survives."""
    (line,) = dictionary_lines("- * DIPLXMATIC  [###]  # -PAS 95.12.18\n")
    assert line.text == "- * DIPLXMATIC  [###]"
    assert line.comment == "-PAS 95.12.18"


def test_unclosed_comment_line_found() -> None:
    """An unclosed <!-- is located by line; a closed one is not reported."""
    assert unclosed_comment_line("A\n<!-- never\nB\n") == 2
    assert unclosed_comment_line("<!-- a\n b -->\n") is None


def _raw_phrases(path: Path) -> list[str]:
    phrases = []
    for line in dictionary_lines(path.read_text(encoding="utf-8", errors="replace")):
        raw = re.sub(r"\[[^\]]*\]|\{[^}]*\}", " ", line.text).strip().lstrip("+").strip()
        if raw and "=" not in raw and "!" not in raw:
            phrases.append(raw.replace("_", " "))
    return phrases


@pytest.mark.slow
@pytest.mark.skipif(not PHOENIX.exists(), reason="needs ../shared/dictionaries")
def test_words_agree_with_spacy_tokenizer_on_real_phrases() -> None:
    """On every Phoenix actor/agent phrase, split_words equals spaCy's tokens except by design."""
    spacy = pytest.importorskip("spacy")
    tokenizer = spacy.blank("en").tokenizer
    phrases = [
        p
        for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.agents.txt")
        for p in _raw_phrases(PHOENIX / name)
    ]
    assert len(phrases) > 30_000
    differ = []
    for phrase in phrases:
        ours = split_words(phrase)
        theirs = tuple(t.text for t in tokenizer(phrase.upper()) if t.text.strip())
        if ours != theirs:
            differ.append((phrase, ours, theirs))
    # by design: title abbreviations (ST., INC.) kept whole, control chars and U+FFFD dropped/kept
    unexpected = [
        d
        for d in differ
        if not any(w.endswith(".") for w in d[1]) and not re.search("[\x00-\x1f\ufffd]", d[0])
    ]
    assert unexpected == []
    assert len(differ) < len(phrases) // 100  # the by-design differences are rare
