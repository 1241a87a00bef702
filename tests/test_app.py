"""app: the option objects check themselves and name fields; CoderSpec travels and fingerprints."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from eventwire.app import CoderSpec, ReadOptions, RunOptions, StoreOptions
from eventwire.app.options import dictionary_version
from eventwire.errors import InputError, OptionError
from eventwire.records import CodingOptions


@pytest.mark.parametrize(
    ("make", "field", "message"),
    [
        (lambda p: ReadOptions((p,), date="17/04/2008"), "date", "date: unknown date '17/04/2008'"),
        (lambda p: ReadOptions((p,), max_bytes=0), "max_bytes", "max_bytes must be at least 1, not 0"),
        (lambda p: ReadOptions((p,), max_story_chars=-5), "max_story_chars", "max_story_chars must be at least 1"),
        (lambda p: ReadOptions((p,), input_format="pdf"), "input_format", "input_format must be one of auto, text"),
        (lambda p: ReadOptions(("-", "-")), "sources", "stdin (-) can be read only once"),
        (lambda p: ReadOptions(()), "sources", "sources: name at least one"),
        (lambda p: CoderSpec(extend=True), "extend", "extend needs dictionaries"),
        (lambda p: RunOptions(workers=0), "workers", "workers must be at least 1, not 0"),
        (lambda p: RunOptions(batch_size=0), "batch_size", "batch_size must be at least 1, not 0"),
        (lambda p: StoreOptions(commit_size=0), "commit_size", "commit_size must be at least 1, not 0"),
    ],
)
def test_options_name_the_field(make, field: str, message: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Bad values raise OptionError naming the field (not a flag); a front end renders its own names."""
    story = tmp_path / "s.txt"
    story.write_text("text", encoding="utf-8")
    with pytest.raises(OptionError) as caught:
        make(str(story))
    assert caught.value.field == field and str(caught.value).startswith(message)
    if message.startswith(field):  # the field is named in the message: a front end swaps in its own name
        assert caught.value.render({field: "--FLAG"}) == "--FLAG" + str(caught.value)[len(field) :]


def test_read_options_normalise_and_check_sources(tmp_path: Path) -> None:
    """The date is normalised; folders and http(s) URLs are sources like files; a missing path is named."""
    folder = tmp_path / "pages"
    folder.mkdir()
    read = ReadOptions([str(folder), "https://example.org/rss"], date="April 17, 2008")  # type: ignore[arg-type]
    assert read.sources == (str(folder), "https://example.org/rss") and read.date == "2008-04-17"
    with pytest.raises(InputError, match="no such file"):
        ReadOptions((str(tmp_path / "missing.txt"),))


def test_option_objects_are_frozen() -> None:
    spec = CoderSpec()
    with pytest.raises(AttributeError):
        spec.dictionaries = "petr_validate"  # type: ignore[misc]


def test_coder_spec_pickles_and_fingerprints(tmp_path: Path) -> None:
    """A spec survives pickling (worker processes, cluster nodes); its version changes with the dictionaries."""
    folder = tmp_path / "dicts"
    folder.mkdir()
    (folder / "my.verbs.txt").write_text("--- ACCUSE [112] ---\n", encoding="utf-8")
    spec = CoderSpec(str(folder), extend=True, options=CodingOptions(require_dyad=False))
    again = pickle.loads(pickle.dumps(spec))
    assert again == spec and again.version == spec.version
    assert spec.version.startswith("eventwire ") and spec.version != CoderSpec().version
    assert CoderSpec("petr_validate").version != CoderSpec().version
    before = spec.version
    (folder / "my.verbs.txt").write_text("--- ACCUSE [111] ---\n", encoding="utf-8")
    assert spec.version != before  # an edited dictionary file is another version
    assert spec.dictionary_version == dictionary_version(str(folder), True)
    assert spec.dictionary_version.startswith("shipped:") and "+dicts:" in spec.dictionary_version


@pytest.mark.parametrize("name", ["phoenix", "petr_validate"])
def test_coder_spec_accepts_shipped_names(name: str) -> None:
    assert CoderSpec(name).dictionaries == name


def test_coder_spec_refuses_what_is_not_dictionaries(tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="is a file, not a folder"):
        CoderSpec(str(a_file))
    with pytest.raises(InputError, match="no such folder"):
        CoderSpec(str(tmp_path / "nowhere"))
    with pytest.raises(InputError, match="no such file"):
        CoderSpec(str(tmp_path / "nowhere.json.gz"))
