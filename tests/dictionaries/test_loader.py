"""Tests for eventwire.dictionaries.loader: directory reading, merging, compiled files, shipped data."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from eventwire.dictionaries.compile import main as compile_main
from eventwire.dictionaries.loader import (
    classify_file,
    from_compiled,
    load_dictionaries,
    merge_dictionaries,
    read_dictionary_dir,
    to_compiled,
)
from eventwire.dictionaries.model import (
    ActorEntry,
    AgentEntry,
    DatedCode,
    DictionarySet,
    DiscardEntry,
    PatternElement,
    VerbBlock,
    VerbEntry,
    VerbPattern,
    Word,
)
from eventwire.errors import DictionaryError

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
DICTS = SHARED / "dictionaries"
needs_shared = pytest.mark.skipif(not DICTS.exists(), reason="needs ../shared/dictionaries")
DATA = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "dictionaries" / "data"


def small_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "mini"
    folder.mkdir()
    (folder / "A.actors.txt").write_text("ARNOR_ [ARN]\n", encoding="utf-8")
    (folder / "B.actors.txt").write_text("GONDOR [GON]\n+MINAS_TIRITH\n", encoding="utf-8")
    (folder / "x.agents.txt").write_text("!PERSON! = MAN\nSOLDIER [~MIL]\n", encoding="utf-8")
    (folder / "CAMEO.test.txt").write_text(
        "&CASH_\n+GOLD\n--- GIVE [070] ---\nGIVE\n- * &CASH [071]\n", encoding="utf-8"
    )
    (folder / "x.discards.txt").write_text("+SOCCER\n", encoding="utf-8")
    (folder / "Phoenix.IssueCoding.txt").write_text("garbage [[[\n", encoding="utf-8")
    (folder / "LICENSE.petrarch2").write_text("MIT\n", encoding="utf-8")
    return folder


def sample_set() -> DictionarySet:
    """A hand-built set using every field, odd origins and open date ranges included."""
    words = (Word("NURI"), Word("AL"), Word("-"), Word("MALIKI", stem=True))
    codes = (
        DatedCode("IRQGOV", dt.date(2006, 5, 20), dt.date(2014, 9, 8)),
        DatedCode("IRQELI"),
        DatedCode("---", None, dt.date(1995, 6, 30)),
    )
    element = PatternElement("prep", "TO", False, "pp", 1, True)
    return DictionarySet(
        name="sample",
        actors=(ActorEntry(words, codes, "a.txt:3"), ActorEntry(words[:1], codes, "no-line-number")),
        agents=(AgentEntry((Word("NGO"),), "NGO", "prefix", "g.txt:1"),),
        verbs=(
            VerbBlock(
                "FLEE",
                "---",
                (
                    VerbEntry("FLEE", ("FLEE",), (("FLED",),), None, "v.txt:2"),
                    VerbEntry("OTHER", ("X",), (), "120", "v.txt:007"),
                ),
                (
                    VerbPattern(
                        "FLEE", "050:050", (PatternElement("source", "%"),), (element,), "v.txt:3", "note"
                    ),
                ),
                "v.txt:1",
            ),
        ),
        synsets={"&CASH": ((Word("GOLD"),), (Word("SILVER"), Word("COIN")))},
        discards=(DiscardEntry((Word("SOCCER", stem=True),), True, "d.txt:9"),),
        substitutions={"!PERSON!": ("MAN", "MEN")},
        sources=("a.txt", "v.txt"),
    )


def test_loader_classifies_file_names() -> None:
    """verbs/CAMEO*.txt, agents, discards and actors are recognised; Issue files and LICENSE are not."""
    names = [
        "CAMEO.2.0.txt",
        "PETR.Validate.verbs.txt",
        "Phoenix.agents.txt",
        "Phoenix.discards.txt",
        "Phoenix.Countries.actors.txt",
        "Phoenix.IssueCoding.txt",
        "LICENSE.petrarch2",
        "notes.md",
    ]
    assert [classify_file(n) for n in names] == [
        "verbs",
        "verbs",
        "agents",
        "discards",
        "actors",
        None,
        None,
        None,
    ]


def test_loader_reads_a_directory(tmp_path: Path) -> None:
    """All files of a directory are read into one set named after it; ignored files are not sources."""
    ds = read_dictionary_dir(small_dir(tmp_path))
    assert ds.name == "mini"
    assert ds.sources == ("A.actors.txt", "B.actors.txt", "x.agents.txt", "CAMEO.test.txt", "x.discards.txt")
    assert [e.origin for e in ds.actors] == ["A.actors.txt:1", "B.actors.txt:1", "B.actors.txt:2"]
    assert [len(ds.agents), len(ds.verbs), len(ds.discards)] == [2, 1, 1]
    assert ds.synsets == {"&CASH": ((Word("GOLD"),),)}
    assert ds.substitutions == {"!PERSON!": ("MAN",)}


def test_loader_directory_without_dictionaries_is_an_error(tmp_path: Path) -> None:
    """A folder with no recognised files raises DictionaryError naming the folder."""
    (tmp_path / "readme.md").write_text("x", encoding="utf-8")
    with pytest.raises(DictionaryError) as info:
        read_dictionary_dir(tmp_path)
    assert info.value.where == str(tmp_path)


def test_loader_compiled_round_trip_is_exact(tmp_path: Path) -> None:
    """from_compiled(to_compiled(x)) == x, odd origins and open dates included."""
    original = sample_set()
    assert from_compiled(to_compiled(original, tmp_path / "s.json.gz")) == original


def test_loader_compiled_file_is_deterministic(tmp_path: Path) -> None:
    """The same set always compiles to the same bytes (gzip mtime 0)."""
    first = to_compiled(sample_set(), tmp_path / "1.json.gz").read_bytes()
    second = to_compiled(sample_set(), tmp_path / "2.json.gz").read_bytes()
    assert first == second


def test_loader_rejects_garbage_and_other_versions(tmp_path: Path) -> None:
    """Non-gzip data, foreign JSON and another version raise DictionaryError."""
    bad = tmp_path / "bad.json.gz"
    bad.write_bytes(b"not gzip")
    with pytest.raises(DictionaryError):
        from_compiled(bad)
    bad.write_bytes(gzip.compress(json.dumps({"hello": 1}).encode()))
    with pytest.raises(DictionaryError):
        from_compiled(bad)
    good = json.loads(gzip.decompress(to_compiled(sample_set(), tmp_path / "g.json.gz").read_bytes()))
    bad.write_bytes(gzip.compress(json.dumps({**good, "version": 99}).encode()))
    with pytest.raises(DictionaryError, match="version 99"):
        from_compiled(bad)


def test_loader_load_directory_replaces_or_extends_default(tmp_path: Path) -> None:
    """load_dictionaries(DIR) is the directory alone; extend=True appends it to the shipped set."""
    folder = small_dir(tmp_path)
    alone = load_dictionaries(folder)
    merged = load_dictionaries(folder, extend=True)
    default = load_dictionaries()
    assert alone == read_dictionary_dir(folder)
    assert merged.actors == default.actors + alone.actors
    assert merged.synsets["&CASH"] == alone.synsets["&CASH"]
    assert merged.name == "phoenix+mini"


def test_loader_merge_later_synsets_replace(tmp_path: Path) -> None:
    """merge_dictionaries: entries concatenate, same-named synsets come from the second set."""
    base = sample_set()
    extra = DictionarySet("extra", synsets={"&CASH": ((Word("EURO"),),)})
    merged = merge_dictionaries(base, extra)
    assert merged.synsets == {"&CASH": ((Word("EURO"),),)}
    assert merged.actors == base.actors and merged.sources == base.sources


def test_loader_default_is_cached_phoenix_plus_additions() -> None:
    """load_dictionaries() is compiled Phoenix plus data/*.additions.{verbs,actors,agents}.txt, after
    Phoenix's own entries (an added actor name replaces Phoenix's entry with the same words), the same
    object each call."""
    first = load_dictionaries()
    assert first is load_dictionaries() is load_dictionaries("phoenix")
    compiled = from_compiled(DATA / "phoenix.json.gz")
    additions = sorted(p.name for p in DATA.glob("*.additions.*.txt"))
    assert {name.split(".")[-2] for name in additions} == {"verbs", "actors", "agents"}
    assert first.name == "phoenix"
    assert first.sources == compiled.sources + tuple(additions)
    assert first.verbs[: len(compiled.verbs)] == compiled.verbs
    # Phoenix's actors first, less those an additions file lists again (its entry replaces them)
    added = [a for a in first.actors if a.origin.split(":")[0] in additions]
    relisted = {a.words for a in added}
    assert first.actors == tuple(a for a in compiled.actors if a.words not in relisted) + tuple(added)
    assert relisted & {a.words for a in compiled.actors}  # e.g. ANTONIO_GUTERRES_, ANSAR_ALLAH_
    assert first.agents[: len(compiled.agents)] == compiled.agents
    assert len(first.actors) > len(compiled.actors) and len(first.agents) > len(compiled.agents)
    assert len(compiled.verbs) == 397


def test_loader_extension_patterns_may_use_default_synsets(tmp_path: Path) -> None:
    """With extend=True a pattern using a shipped synset (&MILITARY) is kept; read alone it is dropped."""
    folder = tmp_path / "ext"
    folder.mkdir()
    (folder / "my.verbs.txt").write_text("--- URGE [020] ---\nURGE\n- * &MILITARY [0232]\n", encoding="utf-8")
    alone = read_dictionary_dir(folder)
    extended = load_dictionaries(folder, extend=True)
    assert alone.verbs[0].patterns == ()
    # URGE is a shipped block too: the user's pattern goes first in it (dictionaries/extend.py)
    urge = next(b for b in extended.verbs if b.name == "URGE")
    assert urge.patterns[0].after[0].text == "&MILITARY" and urge.patterns[0].origin == "my.verbs.txt:3"


def test_loader_patterns_may_use_synsets_of_another_verb_file(tmp_path: Path) -> None:
    """Within one directory a verb file may use a synset defined in another verb file."""
    folder = tmp_path / "two"
    folder.mkdir()
    (folder / "a.verbs.txt").write_text("--- GIVE [070] ---\nGIVE\n- * &CASH [071]\n", encoding="utf-8")
    (folder / "b.verbs.txt").write_text("&CASH\n+GOLD\n", encoding="utf-8")
    ds = read_dictionary_dir(folder)
    assert [p.code for p in ds.verbs[0].patterns] == ["071"]


def test_loader_shipped_set_by_name() -> None:
    """load_dictionaries("petr_validate") gives the shipped validation set."""
    ds = load_dictionaries("petr_validate")
    assert ds.name == "petr_validate"
    assert any(e.words == (Word("ARNOR"),) for e in ds.actors)


def test_loader_compiled_file_path(tmp_path: Path) -> None:
    """A .json.gz path loads that compiled file."""
    path = to_compiled(sample_set(), tmp_path / "s.json.gz")
    assert load_dictionaries(path) == sample_set()


def test_loader_missing_path_is_an_error(tmp_path: Path) -> None:
    """A path that is neither directory, file nor shipped name raises DictionaryError."""
    with pytest.raises(DictionaryError, match="shipped name"):
        load_dictionaries(tmp_path / "nowhere")


def test_loader_compile_cli_writes_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m eventwire.dictionaries.compile SRC OUT` writes a file that reads back equal."""
    out = tmp_path / "mini.json.gz"
    assert compile_main([str(small_dir(tmp_path)), str(out)]) == 0
    assert from_compiled(out) == read_dictionary_dir(tmp_path / "mini")
    assert "mini: 3 actor entries" in capsys.readouterr().out


def test_loader_compile_cli_reports_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A malformed source gives exit code 1 and an 'error: file:line: ...' message."""
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "x.actors.txt").write_text("+ORPHAN\n", encoding="utf-8")
    assert compile_main([str(folder), str(tmp_path / "o.json.gz")]) == 1
    assert "error: x.actors.txt:1:" in capsys.readouterr().err


def test_loader_shipped_phoenix_loads_uncached() -> None:
    """The compiled Phoenix set loads from its file alone (no ../shared); its load time is measured by
    bench/, not asserted here: these machines are too noisy for timed assertions."""
    ds = from_compiled(DATA / "phoenix.json.gz")
    assert len(ds.actors) > 30_000


@pytest.mark.slow
@needs_shared
@pytest.mark.parametrize("name", ["phoenix", "petr_validate"])
def test_loader_shipped_file_equals_fresh_read_of_shared(name: str) -> None:
    """The shipped compiled file is exactly what the readers make of ../shared today."""
    fresh = read_dictionary_dir(DICTS / name)
    assert from_compiled(DATA / f"{name}.json.gz") == fresh


@pytest.mark.slow
@needs_shared
def test_loader_real_phoenix_counts() -> None:
    """Full Phoenix read: counts per kind and the six source files."""
    ds = read_dictionary_dir(DICTS / "phoenix")
    counts = (len(ds.actors), len(ds.agents), len(ds.verbs), len(ds.synsets), len(ds.discards))
    assert counts == (35619, 5152, 397, 40, 506)
    assert len(ds.sources) == 6


def test_loader_additions_synset_adds_to_the_shipped_set_of_that_name() -> None:
    """An additions file's "&WEAPON" adds members to CAMEO.2.0's &WEAPON, which keeps its own."""
    compiled = from_compiled(DATA / "phoenix.json.gz")
    weapon = load_dictionaries().synsets["&WEAPON"]
    assert set(compiled.synsets["&WEAPON"]) < set(weapon)
    assert weapon[: len(compiled.synsets["&WEAPON"])] == compiled.synsets["&WEAPON"]
    assert (Word("TANK"),) in weapon and (Word("TANK"),) not in compiled.synsets["&WEAPON"]
