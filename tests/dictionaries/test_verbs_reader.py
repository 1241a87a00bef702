"""Tests for eventwire.dictionaries.verbs_reader (PETRARCH2 CAMEO.2.0 and PETRARCH-1 .verbs files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.dictionaries.check import Problem
from eventwire.dictionaries.model import PatternElement, VerbBlock, VerbEntry, VerbPattern, Word
from eventwire.dictionaries.verbs_reader import read_verbs
from eventwire.errors import DictionaryError

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DICTS = SHARED / "dictionaries"
needs_shared = pytest.mark.skipif(not DICTS.exists(), reason="needs ../shared/dictionaries")

W = PatternElement  # brevity in expected patterns

CAMEO2 = """\
####### SYNONYM SETS #######
&REFUGEE
+REFUGEE
+DISPLACED_PERSON_

&AUXVERB1_
+WAS

####### VERB PATTERNS #######
---  FLEE   [---]  ---
FLEE {FLEES FLEEING FLED }
FAIL [120]
+DRAG_OUT {+DRAGGED_OUT +DRAGGING_OUT}
+ANGERED_BY {}
- * &REFUGEE                                  [073]         # FLEE
- PROSECUTOR * (AGAINST PARTY)                [1722]
- * {ARREST WARRANT}                          [173]
- * (TO {BANNED PARTIES}) $                   [050:050]
- * (BEFORE COURT)                            [:173]
- + * ROCKET                                  [0874]
"""


def write(tmp_path: Path, text: str, name: str = "t.verbs.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def read(tmp_path: Path, text: str) -> tuple[tuple[VerbBlock, ...], dict[str, tuple[tuple[Word, ...], ...]]]:
    return read_verbs(write(tmp_path, text))


def check(tmp_path: Path, text: str) -> tuple[tuple[VerbBlock, ...], list[Problem]]:
    problems: list[Problem] = []
    blocks, _ = read_verbs(write(tmp_path, text), problems)
    return blocks, problems


def only_patterns(tmp_path: Path, body: str) -> tuple[VerbPattern, ...]:
    blocks, _ = read(
        tmp_path, "&TIETYPES\n+MILITARY\n&FIGHT_OF_WORDS_\n+ARGUMENT\n--- B [010] ---\nB\n" + body
    )
    return blocks[0].patterns


def test_verbs_block_header_and_verbs(tmp_path: Path) -> None:
    """Header name/code; verbs with explicit forms, own code, multi-word +DRAG_OUT and {} forms."""
    (block,), _ = read(tmp_path, CAMEO2)
    assert (block.name, block.code, block.origin) == ("FLEE", "---", "t.verbs.txt:10")
    assert block.verbs == (
        VerbEntry("FLEE", ("FLEE",), (("FLEES",), ("FLEEING",), ("FLED",)), None, "t.verbs.txt:11"),
        VerbEntry("FLEE", ("FAIL",), (), "120", "t.verbs.txt:12"),
        VerbEntry("FLEE", ("DRAG", "OUT"), (("DRAGGED", "OUT"), ("DRAGGING", "OUT")), None, "t.verbs.txt:13"),
        VerbEntry("FLEE", ("ANGERED", "BY"), (("ANGERED", "BY"),), None, "t.verbs.txt:14"),
    )


def test_verbs_synset_pattern_keeps_comment(tmp_path: Path) -> None:
    """`- * &REFUGEE [073] # FLEE`: one synset element after the verb, comment kept."""
    (block,), _ = read(tmp_path, CAMEO2)
    assert block.patterns[0] == VerbPattern(
        "FLEE", "073", (), (W("synset", "&REFUGEE"),), "t.verbs.txt:15", "FLEE"
    )


def test_verbs_prepositional_phrase_group(tmp_path: Path) -> None:
    """`(AGAINST PARTY)`: prep element then a word, both in pp group 1."""
    (block,), _ = read(tmp_path, CAMEO2)
    pattern = block.patterns[1]
    assert pattern.before == (W("word", "PROSECUTOR"),)
    assert pattern.after == (
        W("prep", "AGAINST", group="pp", group_id=1),
        W("word", "PARTY", group="pp", group_id=1),
    )
    assert pattern.code == "1722"


def test_verbs_noun_phrase_group(tmp_path: Path) -> None:
    """`{ARREST WARRANT}`: both words in np group 1."""
    (block,), _ = read(tmp_path, CAMEO2)
    assert block.patterns[2].after == (
        W("word", "ARREST", group="np", group_id=1),
        W("word", "WARRANT", group="np", group_id=1),
    )


def test_verbs_noun_phrase_inside_pp_is_flattened_and_source_after(tmp_path: Path) -> None:
    """`(TO {BANNED PARTIES}) $`: the {...} belongs to the pp group; `$` is the source; code a:b kept."""
    (block,), _ = read(tmp_path, CAMEO2)
    pattern = block.patterns[3]
    assert pattern.after == (
        W("prep", "TO", group="pp", group_id=1),
        W("word", "BANNED", group="pp", group_id=1),
        W("word", "PARTIES", group="pp", group_id=1),
        W("source"),
    )
    assert pattern.code == "050:050"


def test_verbs_codes_kept_as_written(tmp_path: Path) -> None:
    """Codes like [:173] and [0874] are kept verbatim; `+` before the verb is the target."""
    (block,), _ = read(tmp_path, CAMEO2)
    assert [p.code for p in block.patterns[4:]] == [":173", "0874"]
    assert block.patterns[5].before == (W("target"),)


def test_verbs_synsets_get_plurals_unless_label_or_member_ends_with_underscore(tmp_path: Path) -> None:
    """Members get a regular plural; `DISPLACED_PERSON_` and label `&AUXVERB1_` do not; words exact."""
    _, synsets = read(tmp_path, CAMEO2)
    assert synsets == {
        "&REFUGEE": ((Word("REFUGEE"),), (Word("REFUGEES"),), (Word("DISPLACED"), Word("PERSON"))),
        "&AUXVERB1": ((Word("WAS"),),),
    }


def test_verbs_petrarch1_source_target_skip_and_compound(tmp_path: Path) -> None:
    """`$ + ^ %` are source, target, skip and compound (source with text '%')."""
    (pattern,) = only_patterns(tmp_path, "- + HOSTING * TABASKI ^ $ % [042]  # pas\n")
    assert pattern.before == (W("target"), W("word", "HOSTING"))
    assert pattern.after == (W("word", "TABASKI"), W("skip"), W("source"), W("source", "%"))


def test_verbs_underscore_joins_words_and_verb(tmp_path: Path) -> None:
    """`FAILED_TO_*` ties FAILED to TO and TO to the verb; `MAY_DAY` ties MAY to DAY."""
    (first, second) = only_patterns(tmp_path, "- FAILED_TO_*  [111]\n- * MAY_DAY $ [046]\n")
    assert first.before == (W("word", "FAILED", joined=True), W("word", "TO", joined=True))
    assert second.after == (W("word", "MAY", joined=True), W("word", "DAY"), W("source"))


def test_verbs_trailing_underscore_before_space_is_not_a_join(tmp_path: Path) -> None:
    """`IN_ *` (underscore then space) is the TABARI exact mark, not a join."""
    (pattern,) = only_patterns(tmp_path, "- IN_ *  [075]\n")
    assert pattern.before == (W("word", "IN"),)


def test_verbs_synset_joined_inside_words_and_underscore_names(tmp_path: Path) -> None:
    """`NEW_&TIETYPES_RELATIONS` joins around the synset; `&FIGHT_OF_WORDS` is one synset name."""
    (first, second) = only_patterns(
        tmp_path, "- * NEW_&TIETYPES_RELATIONS [903]\n- * (IN &FIGHT_OF_WORDS) [111]\n"
    )
    assert first.after == (
        W("word", "NEW", joined=True),
        W("synset", "&TIETYPES", joined=True),
        W("word", "RELATIONS"),
    )
    assert second.after == (
        W("prep", "IN", group="pp", group_id=1),
        W("synset", "&FIGHT_OF_WORDS", group="pp", group_id=1),
    )


def test_verbs_hyphenated_word_splits_into_joined_words(tmp_path: Path) -> None:
    """`PEACE-KEEPING` becomes PEACE - KEEPING tied together, as spaCy tokenizes it."""
    (pattern,) = only_patterns(tmp_path, "- PEACE-KEEPING *  [---]\n")
    assert pattern.before == (
        W("word", "PEACE", joined=True),
        W("word", "-", joined=True),
        W("word", "KEEPING"),
    )


def test_verbs_slash_alternatives_expand(tmp_path: Path) -> None:
    """`(TO/FOR PROTEST)` gives two patterns with the same origin, and a warning."""
    problems: list[Problem] = []
    blocks, _ = read_verbs(write(tmp_path, "--- B [010] ---\nB\n- * (TO/FOR PROTEST) [141]\n"), problems)
    patterns = blocks[0].patterns
    assert [p.after[0].text for p in patterns] == ["TO", "FOR"]
    assert {p.origin for p in patterns} == {"t.verbs.txt:3"}
    assert problems[0].severity == "warning"


def test_verbs_petrarch1_multiword_verbs_and_header_comment(tmp_path: Path) -> None:
    """`WIRE_+TAP {WIRE_+TAPPED ...}` and `KLM_NOP_+RST [002]`; a '# ...' inside the header is a comment."""
    text = "--- TROUBLED  [---] # NOUN ---\nWIRE_+TAP {WIRE_+TAPPED  WIRE_+TAPPING }\nKLM_NOP_+RST [002]\n"
    (block,), _ = read(tmp_path, text)
    assert (block.name, block.code) == ("TROUBLED", "---")
    assert [(v.words, v.forms, v.code) for v in block.verbs] == [
        (("WIRE", "TAP"), (("WIRE", "TAPPED"), ("WIRE", "TAPPING")), None),
        (("KLM", "NOP", "RST"), (), "002"),
    ]


def test_verbs_embedded_synset_member_expands(tmp_path: Path) -> None:
    """A member `+&OTHER` is replaced by OTHER's phrases (PETR.Validate &ACCORDSYN)."""
    _, synsets = read(
        tmp_path, "&TIETYPES_\n+MILITARY\n&ACCORDSYN_\n+&TIETYPES\n+CLOSER\n--- A [---] ---\nA\n"
    )
    assert synsets["&ACCORDSYN"] == ((Word("MILITARY"),), (Word("CLOSER"),))


def test_verbs_unusual_code_kept_with_warning(tmp_path: Path) -> None:
    """`[080!]` and `[def]` are kept as written with a warning each."""
    blocks, problems = check(tmp_path, "--- B [010] ---\nB\n- * DOWN (FROM) [080!]\n- * OUR FRIENDS [def]\n")
    assert [p.code for p in blocks[0].patterns] == ["080!", "def"]
    assert [(p.line, p.severity) for p in problems] == [(3, "warning"), (4, "warning")]


def test_verbs_undefined_synset_pattern_skipped_with_warning(tmp_path: Path) -> None:
    """A pattern using an undefined synset is skipped, as PETRARCH does, with a warning."""
    blocks, problems = check(tmp_path, "--- B [010] ---\nB\n- * (IN &WEATHER) [---]\n- * RAIN [---]\n")
    assert [p.origin for p in blocks[0].patterns] == ["t.verbs.txt:4"]
    assert [(p.line, p.severity) for p in problems] == [(3, "warning")]


def test_verbs_known_synsets_from_elsewhere_keep_the_pattern(tmp_path: Path) -> None:
    """A synset named in known_synsets (defined in another file) keeps its patterns."""
    path = write(tmp_path, "--- B [010] ---\nB\n- * (IN &WEATHER) [---]\n")
    blocks, _ = read_verbs(path, known_synsets={"&WEATHER"})
    assert blocks[0].patterns[0].after[1] == W("synset", "&WEATHER", group="pp", group_id=1)


def test_verbs_transformations_skipped_with_warning(tmp_path: Path) -> None:
    """`~ a (a b ATTACK) SAY = a b 015` lines are skipped with a warning."""
    blocks, problems = check(tmp_path, "--- B [010] ---\nB\n~ a (a b ATTACK) SAY = a b 015\n")
    assert blocks[0].patterns == ()
    assert problems[0].severity == "warning"


def test_verbs_pasted_group_tail_is_dropped(tmp_path: Path) -> None:
    """`(WITH VISIT) VISIT)[042:043]` (real CAMEO.2.0) drops the pasted `VISIT)` with a warning."""
    blocks, problems = check(tmp_path, "--- B [010] ---\nB\n- * VENTURE (WITH VISIT)   VISIT)[042:043]\n")
    assert [e.text for e in blocks[0].patterns[0].after] == ["VENTURE", "WITH", "VISIT"]
    assert problems[0].severity == "warning"


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("- AID [070]\n", 3),  # no '*'
        ("- * AID\n", 3),  # no code
        ("- * (TO BORDER [153]\n", 3),  # unclosed '('
        ("- * TO BORDER) [153]\n", 3),  # ')' without '('
        ("- * {A {B}} [153]\n", 3),  # nested braces
        ("- * A * [153]\n", 3),  # two verbs
        ("- * A [ 0 1 ]\n", 3),  # space inside the code
        ("- * A []\n", 3),  # empty code
        ("- * A [070\n", 3),  # unclosed '['
        ("HURRY {HURRIES\n", 3),  # unclosed '{'
    ],
)
def test_verbs_malformed_line_is_an_error(tmp_path: Path, line: str, number: int) -> None:
    """Malformed patterns and verbs raise DictionaryError naming file:line."""
    with pytest.raises(DictionaryError) as info:
        read(tmp_path, "--- B [010] ---\nB\n" + line)
    assert info.value.where == f"t.verbs.txt:{number}"


def test_verbs_pattern_before_any_block_is_an_error(tmp_path: Path) -> None:
    """A pattern with no block header above it is an error."""
    with pytest.raises(DictionaryError) as info:
        read(tmp_path, "- * AID [070]\n")
    assert info.value.where == "t.verbs.txt:1"


def test_verbs_check_mode_reads_past_errors(tmp_path: Path) -> None:
    """With a problems list, bad patterns are reported and good ones kept."""
    blocks, problems = check(tmp_path, "--- B [010] ---\nB\n- AID [070]\n- * AID [070]\n- * (X [010]\n")
    assert len(blocks[0].patterns) == 1
    assert [(p.line, p.severity) for p in problems] == [(3, "error"), (5, "error")]


@needs_shared
def test_verbs_real_cameo2_counts() -> None:
    """CAMEO.2.0.txt: 397 blocks, 1817 verbs, 4677 patterns, 40 synsets, no errors."""
    problems: list[Problem] = []
    blocks, synsets = read_verbs(DICTS / "phoenix" / "CAMEO.2.0.txt", problems)
    assert len(blocks) == 397
    assert sum(len(b.verbs) for b in blocks) == 1817
    assert sum(len(b.patterns) for b in blocks) == 4677
    assert len(synsets) == 40
    assert [p for p in problems if p.severity == "error"] == []


@needs_shared
def test_verbs_real_petr_validate_counts() -> None:
    """PETR.Validate.verbs.txt (PETRARCH-1 format): 261 blocks, 474 patterns, no errors."""
    problems: list[Problem] = []
    blocks, synsets = read_verbs(DICTS / "petr_validate" / "PETR.Validate.verbs.txt", problems)
    assert (len(blocks), sum(len(b.patterns) for b in blocks), len(synsets)) == (261, 474, 17)
    assert [p for p in problems if p.severity == "error"] == []
