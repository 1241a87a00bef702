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


# --- engines -----------------------------------------------------------------------------------------


def test_local_engine_keeps_order_and_passes_rejects() -> None:
    """LocalEngine.map: a CodedStory per Story and each Reject, in input order; the spec builds the coder."""
    from eventwire.engines import engine_named
    from eventwire.engines.local import LocalEngine
    from eventwire.records import CodedStory, Reject, Story

    seen: list[tuple[str | None, bool, CodingOptions]] = []

    class Coder:
        def code_stories(self, stories, options=None, batch_size=32):  # type: ignore[no-untyped-def]
            for story in stories:
                yield CodedStory(story=story)

    def factory(dictionaries: str | None, extend: bool, options: CodingOptions) -> Coder:
        seen.append((dictionaries, extend, options))
        return Coder()

    items = [Story("a", "x"), Reject("f", "empty", "f: is empty"), Story("b", "y")]
    spec = CoderSpec("petr_validate", options=CodingOptions(require_dyad=False))
    out = list(LocalEngine(workers=1, batch_size=1, coder_factory=factory).map(items, spec))
    assert [o.story.id if isinstance(o, CodedStory) else o.reason for o in out] == ["a", "empty", "b"]
    assert seen == [("petr_validate", False, CodingOptions(require_dyad=False))]
    assert isinstance(engine_named("local", workers=1, batch_size=4), LocalEngine)


def test_unknown_engine_is_an_option_error() -> None:
    with pytest.raises(OptionError) as caught:
        RunOptions(engine="dask-not-installed")
    assert caught.value.field == "engine" and "must be one of local" in str(caught.value)


# --- the gazetteer protocol and the story's dateline ----------------------------------------------


def test_coder_takes_any_gazetteer(tiny_dictionaries) -> None:  # type: ignore[no-untyped-def]
    """The coder asks the Gazetteer it was given, not the shipped one."""
    from eventwire.coding.coder import Coder
    from eventwire.records import Place

    class Middle:
        def lookup(self, name, *, countries=(), text_is_capitalised=None):  # type: ignore[no-untyped-def]
            return Place(name="Minas Tirith", country="GON", lat=1.0, lon=2.0) if name == "the city" else None

    coder = Coder(tiny_dictionaries, gazetteer=Middle())
    place = coder.resolve_place("the city", 3, 11, ["GON"])
    assert (place.name, place.country, place.lat, place.start) == ("the city", "GON", 1.0, 3)
    assert coder.resolve_place("Baghdad", 0, 7).country is None  # the shipped gazetteer is not asked


def test_readers_fill_dateline_and_language_once(tmp_path: Path) -> None:
    """read_sources sets Story.dateline (for every kind) and Story.language (when it judged it)."""
    from eventwire.ingest import read_sources
    from eventwire.records import Story

    text = (
        "BRUSSELS -- Iraqi Prime Minister Nuri al-Maliki urged NATO on Thursday to expand its "
        "training mission in Iraq, officials said after the meeting."
    )
    path = tmp_path / "s.txt"
    path.write_text(text, encoding="utf-8")
    (story,) = read_sources([str(path)])
    assert isinstance(story, Story)
    assert story.dateline is not None and story.dateline.place == "BRUSSELS"
    assert text[story.dateline.start : story.dateline.end].startswith("BRUSSELS --")
    assert story.language == "en"
    (unjudged,) = read_sources([str(path)], language_check=False)
    assert isinstance(unjudged, Story) and unjudged.language is None and unjudged.dateline == story.dateline


def test_parser_starts_a_sentence_after_the_story_dateline() -> None:
    """The paragraph component reads the dateline's end from the Doc (set from Story.dateline)."""
    import spacy

    from eventwire.nlp import DATELINE_END, mark_paragraph_starts

    nlp = spacy.blank("en")
    doc = nlp.make_doc("Kabul Reuters said the talks ended.")
    doc.user_data[DATELINE_END] = len("Kabul Reuters ")
    mark_paragraph_starts(doc)
    assert doc[2].is_sent_start
    plain = nlp.make_doc("Kabul Reuters said the talks ended.")
    mark_paragraph_starts(plain)
    assert not plain[2].is_sent_start


def test_paragraph_starts_come_from_newlines_and_dateline_dashes() -> None:
    """A token after a line break (its own whitespace token, or the trailing space of the token
    before) starts a sentence, as does the token after "CITY --"; a dash after a lower-case word
    and the line's first token do not."""
    import spacy

    from eventwire.nlp import mark_paragraph_starts

    nlp = spacy.blank("en")
    doc = mark_paragraph_starts(nlp.make_doc("BAGHDAD -- Troops moved.\n\nPolice said -- later.\nRebels fled"))
    starts = {t.text for t in doc if t.is_sent_start and t.i > 0}
    assert starts == {"Troops", "Police", "Rebels"}
    flat = mark_paragraph_starts(nlp.make_doc("Troops moved, police said -- later."))
    assert not any(t.is_sent_start for t in flat if t.i > 0)
