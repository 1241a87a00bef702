"""Start-up costs (issue 15, "One machine, fast"): what `eventwire code` loads before its first story.

The actor trie builds a branch only when a token could start one of its phrases; the
language model is unpacked once and then read from a cache file; `eventwire code`
imports neither DuckDB nor pyarrow; the collector is paused while the coder loads.
"""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.coding.actors import PhraseIndex
from eventwire.dictionaries.model import Word


def _keys(*words: str) -> list[tuple[str, ...]]:
    return [(w,) for w in words]


def test_phrase_index_builds_a_branch_only_when_a_token_could_start_it() -> None:
    index = PhraseIndex()
    index.add((Word("NEW"), Word("ZEALAND")), "NZL")
    index.add((Word("KUW", stem=True),), "KWT")
    assert not index.empty  # pending phrases count: the index is not empty before any look-up
    assert index.longest_at(_keys("OLD", "ZEALAND"), 0, 2) is None
    assert "NEW" not in index.root.exact and "KUW" not in index.root.stems  # nothing built yet
    assert index.longest_at(_keys("NEW", "ZEALAND"), 0, 2) == (2, "NZL")
    assert "NEW" in index.root.exact and "KUW" not in index.root.stems  # only the branch asked for
    assert index.longest_at(_keys("KUWAITI"), 0, 1) == (1, "KWT")  # a stem's branch, by its prefix


def test_phrase_index_built_lazily_ranks_as_one_built_at_once() -> None:
    """Equal phrases: the first added wins; more exact words beat a stem of the same length."""
    index = PhraseIndex()
    index.add((Word("IRAQ"),), "first")
    index.add((Word("IRAQ"),), "second")
    index.add((Word("IRA", stem=True),), "stem")
    assert index.longest_at(_keys("IRAQ"), 0, 1) == (1, "first")
    assert index.longest_at(_keys("IRANIAN"), 0, 1) == (1, "stem")
    assert index.longest_at(_keys("IRAQ"), 0, 1) == (1, "first")  # and again, once built


def test_phrase_index_builds_every_key_of_a_token_before_searching() -> None:
    """A token's text and lemma start two branches: both are built, and the tie between equal
    one-word phrases goes, as in a trie built at once, to the lemma's ("gunmen" -> GUNMAN first)."""
    index = PhraseIndex()
    index.add((Word("GUNMAN"),), "line 1")
    index.add((Word("GUNMEN"),), "line 2")
    assert index.longest_at([("GUNMEN", "GUNMAN")], 0, 1) == (1, "line 1")
    eager = PhraseIndex()
    eager.add((Word("GUNMAN"),), "line 1")
    eager.add((Word("GUNMEN"),), "line 2")
    eager.longest_at([("GUNMAN",)], 0, 1)  # both branches built one at a time first
    eager.longest_at([("GUNMEN",)], 0, 1)
    assert eager.longest_at([("GUNMEN", "GUNMAN")], 0, 1) == (1, "line 1")


def test_empty_phrase_index_is_empty() -> None:
    assert PhraseIndex().empty


def test_code_command_imports_neither_duckdb_nor_pyarrow() -> None:
    """`eventwire code` never opens a store: DuckDB and pyarrow (a second to import) stay unloaded."""
    script = (
        "import sys\n"
        "from eventwire.cli import build_parser\n"
        "from eventwire.cli import code\n"
        "build_parser()\n"
        "from eventwire import app\n"
        "print(sorted(m for m in ('duckdb', 'pyarrow') if m in sys.modules))\n"
    )
    src = str(Path(__file__).resolve().parents[1] / "src")
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env={"PYTHONPATH": src}
    )
    assert out.stdout.strip() == "[]"


def test_store_package_still_gives_store_and_schema_version() -> None:
    from eventwire import store
    from eventwire.store.db import Store
    from eventwire.store.schema import SCHEMA_VERSION

    assert store.Store is Store and store.SCHEMA_VERSION == SCHEMA_VERSION
    with pytest.raises(AttributeError):
        _ = store.NoSuchThing  # type: ignore[attr-defined]


def test_collector_is_paused_while_loading_and_restored_after() -> None:
    from eventwire.engines.local import _collector_paused

    assert gc.isenabled()
    with _collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with _collector_paused():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_language_model_cache_is_written_then_read_and_gives_langids_model(tmp_path, monkeypatch) -> None:
    from langid.langid import LanguageIdentifier, model

    from eventwire.ingest import language

    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    built = language._load_identifier()
    (cached_file,) = tmp_path.glob("langid-*.npz")
    cached = language._load_identifier()  # from the file this time
    reference = LanguageIdentifier.from_modelstring(model, norm_probs=True)
    for ident in (built, cached):
        assert (ident.nb_ptc == reference.nb_ptc).all() and ident.nb_ptc.dtype == reference.nb_ptc.dtype
        assert (ident.nb_pc == reference.nb_pc).all()
        assert ident.nb_classes == reference.nb_classes and ident.nb_numfeats == reference.nb_numfeats
        assert ident.tk_nextmove == reference.tk_nextmove and ident.tk_output == reference.tk_output
    text = "Iraq accused Iran of arming militias on Tuesday, a charge Tehran denied at once."
    assert language._classify(cached, text) == language._classify(reference, text)
    cached_file.write_bytes(b"not an npz file")  # a damaged cache is rebuilt, not an error
    rebuilt = language._load_identifier()
    assert rebuilt.tk_output == reference.tk_output
    assert cached_file.stat().st_size > 1000


def test_language_model_without_a_writable_cache_still_loads(tmp_path, monkeypatch) -> None:
    from eventwire.ingest import language

    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(blocker / "cache"))
    ident = language._load_identifier()
    assert language._classify(ident, "The ministers met in Brussels on Tuesday to discuss the war in Iraq.")[0] == "en"


def test_the_model_loads_with_the_tokenizer_split_hanging_hyphens_makes() -> None:
    """`load_nlp` reads the tokenizer with the hanging-hyphen suffix already in its pattern (setting it
    after loading costs a second check of every special case): the same tokenizer as before."""
    import spacy

    from eventwire.nlp import MODEL_NAME, load_nlp, split_hanging_hyphens

    ours = load_nlp().tokenizer
    reference = spacy.load(MODEL_NAME, exclude=["tagger", "parser", "ner", "lemmatizer", "attribute_ruler"])
    split_hanging_hyphens(reference)
    theirs = reference.tokenizer
    for attr in ("prefix_search", "suffix_search", "infix_finditer", "url_match"):
        assert getattr(ours, attr).__self__.pattern == getattr(theirs, attr).__self__.pattern, attr
    assert ours.token_match == theirs.token_match
    assert ours.rules == theirs.rules and ours.faster_heuristics == theirs.faster_heuristics
    text = "The pro- and anti-war camps met; anti- Gondor rebels (U.S.-led) e-mailed a@b.org at 5 p.m."
    assert [t.text for t in ours(text)] == [t.text for t in theirs(text)]
    words = [t.text for t in ours(text)]
    assert words[words.index("Gondor") - 2 :][:3] == ["anti", "-", "Gondor"]  # the hanging hyphen split off


def test_the_coder_is_frozen_out_of_the_collectors_sight_once_built() -> None:
    """`build_coder` freezes what is loaded (`gc.freeze`): no later collection, nor the one at exit,
    walks the model and the dictionaries. In a process of its own: the freeze is for good."""
    script = (
        "import gc\n"
        "from eventwire.engines.local import build_coder\n"
        "from eventwire.records import CodingOptions\n"
        "assert gc.get_freeze_count() == 0\n"
        "build_coder(None, False, CodingOptions())\n"
        "print(gc.get_freeze_count() > 100_000, gc.isenabled())\n"
    )
    src = str(Path(__file__).resolve().parents[1] / "src")
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env={"PYTHONPATH": src}
    )
    assert out.stdout.split() == ["True", "True"]


def test_a_pools_last_tasks_are_cut_in_two_and_keep_their_order() -> None:
    """The last tasks of a pool are half-size, so the run does not end waiting on one worker's whole
    batch; every item comes through once, in order. The first tasks, which start the workers, go at once."""
    from eventwire.engines.local import _split_tail

    chunks = [list(range(k * 4, k * 4 + 4)) for k in range(5)] + [[20, 21, 22]]
    out = list(_split_tail(iter(chunks), 2))
    assert [x for chunk in out for x in chunk] == list(range(23))
    assert [len(c) for c in out] == [4, 4, 4, 4, 2, 2, 2, 1]
    assert [len(c) for c in _split_tail(iter(chunks[:2]), 2)] == [4, 4]  # input no longer than the first tasks
    first = _split_tail(iter(chunks), 2)
    assert next(first) == chunks[0]  # before the rest is read
