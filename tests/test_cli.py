"""cli: the `eventwire` command's wiring, output, summary and exit codes.

The coder is replaced by `FakeCoder` (one known event per story) so these tests
check the command, not coding quality; one test runs the real default coder.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import types
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from eventwire import __version__
from eventwire.cli import main
from eventwire.cli.output import excerpt
from eventwire.engines import local
from eventwire.errors import DictionaryError
from eventwire.records import ActorRef, CodedStory, CodingOptions, EventMention, Evidence, Place, Story

STORY = "Iraqi Prime Minister Nuri al-Maliki asked NATO to help train Iraqi forces.\n"


# --- a stand-in coder (module level: worker processes import it by name) -----------------------


def fake_event(story: Story) -> EventMention:
    return EventMention(
        doc_id=story.id,
        sentence_index=0,
        sentence=story.text.strip(),
        sentence_start=0,
        source=ActorRef("IRQGOV", "Iraqi Prime Minister", 0, 20),
        target=ActorRef("IGOWSTNAT", "NATO", 42, 46),
        code="0232",
        evidence=Evidence("asked", 36, 41, f"fake:{os.getpid()}"),  # the rule names the coding process
        date=story.date,
        place=Place("Baghdad", "IRQ"),
    )


class FakeCoder:
    """One event per story; a story containing EXPLODE makes it raise, as a coder bug would."""

    def code_stories(
        self, stories: Iterable[Story], options: CodingOptions | None = None, batch_size: int = 32
    ) -> Iterator[CodedStory]:
        for story in stories:
            yield self.code_story(story, options)

    def code_story(self, story: Story, options: CodingOptions | None = None) -> CodedStory:
        if "EXPLODE" in story.text:
            raise RuntimeError("boom")
        return CodedStory(story=story, events=(fake_event(story),))


def fake_coder_factory(dictionaries_path: str | None, extend: bool, options: CodingOptions) -> FakeCoder:
    return FakeCoder()


def broken_dictionaries_factory(
    dictionaries_path: str | None, extend: bool, options: CodingOptions
) -> FakeCoder:
    raise DictionaryError("unbalanced bracket; fix the line", where="verbs.txt:12")


@pytest.fixture
def fake_coder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local, "build_coder", fake_coder_factory)


def write(path: Path, data: bytes | str) -> str:
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return str(path)


def jsonl_out(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def last_line(err: str) -> str:
    return err.rstrip("\n").splitlines()[-1]


# --- code ---------------------------------------------------------------------------------------


def test_cli_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the package version and exits 0."""
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"eventwire {__version__}"


def test_cli_code_writes_jsonl_when_piped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: None
) -> None:
    """Piped output is JSON lines of EventMention.to_json(); the summary counts go to stderr."""
    path = write(tmp_path / "rferl.txt", STORY)
    assert main(["code", path, "--date", "April 17, 2008", "--workers", "1"]) == 0
    out, err = capsys.readouterr()
    (event,) = jsonl_out(out)
    assert event["doc_id"] == Story.derive_id(STORY)
    assert (event["code"], event["source"]["code"], event["target"]["code"]) == (
        "0232",
        "IRQGOV",
        "IGOWSTNAT",
    )
    assert event["date"] == "2008-04-17"  # --date normalised before it reaches the stories
    assert last_line(err) == "1 story read, 1 coded, 1 event, 0 rejected"
    assert "rejected:" not in err


def test_cli_code_lists_rejects_and_counts_exactly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: None
) -> None:
    """Bad files are listed as origin: reason: message and counted; the exit code stays 0."""
    good = write(tmp_path / "good.txt", STORY)
    empty = write(tmp_path / "empty.txt", b"")
    lines = write(tmp_path / "more.jsonl", '{"text": "NATO met."}\nnot json\n{"text": "x", "date": "soon"}\n')
    binary = write(tmp_path / "photo.txt", b"\x89PNG\x00\x00")
    assert main(["code", good, empty, lines, binary, "--workers", "1"]) == 0
    out, err = capsys.readouterr()
    assert len(jsonl_out(out)) == 3
    assert f"  {empty}: empty: is empty" in err
    assert f"  {lines}:2: bad-record: is not valid JSON" in err
    # an unreadable date is a warning, and the story is coded without it (issue 13)
    assert f"warning: {lines}:3: \"date\": unknown date 'soon'" in err
    assert f"  {binary}: binary: contains NUL bytes" in err
    assert last_line(err) == "6 stories read, 3 coded, 3 events, 3 rejected"
    assert "Traceback" not in err


def test_cli_code_strict_fails_on_rejects(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: None
) -> None:
    """--strict exits 1 when any story was rejected, 0 when none was."""
    good = write(tmp_path / "good.txt", STORY)
    empty = write(tmp_path / "empty.txt", b"")
    assert main(["code", good, empty, "--strict", "--workers", "1"]) == 1
    assert main(["code", good, "--strict", "--workers", "1"]) == 0


def test_cli_code_max_chars(tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: None) -> None:
    """--max-chars rejects longer stories as too-large."""
    path = write(tmp_path / "long.txt", "word " * 40)
    assert main(["code", path, "--max-chars", "50", "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert f"  {path}: too-large: story is 200 characters, over the limit of 50" in err
    assert last_line(err) == "1 story read, 0 coded, 0 events, 1 rejected"


def test_cli_code_reads_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fake_coder: None
) -> None:
    """`-` reads stories from stdin (here JSON lines)."""
    data = b'{"id": "s1", "text": "NATO met."}\n{"id": "s2", "text": "Iraq asked."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["code", "-", "--workers", "1"]) == 0
    out, err = capsys.readouterr()
    assert [e["doc_id"] for e in jsonl_out(out)] == ["s1", "s2"]
    assert last_line(err) == "2 stories read, 2 coded, 2 events, 0 rejected"


def test_cli_code_table_format(tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: None) -> None:
    """--format table prints a header and one aligned row per event with codes, place, excerpt and rule."""
    path = write(tmp_path / "rferl.txt", STORY)
    assert main(["code", path, "--format", "table", "--date", "2008-04-17", "--workers", "1"]) == 0
    header, row = capsys.readouterr().out.splitlines()
    assert header.split()[:6] == ["DATE", "SOURCE", "CODE", "TARGET", "PLACE", "SENTENCE"]
    assert row.split()[:5] == ["2008-04-17", "IRQGOV", "0232", "IGOWSTNAT", "Baghdad"]
    assert row.index("IRQGOV") == header.index("SOURCE") and row.index("0232") == header.index("CODE")
    assert row.endswith(f"[fake:{os.getpid()}]")


def test_cli_excerpt_keeps_the_verb_in_view() -> None:
    """A long sentence is cut to the excerpt width around the evidence verb, marked with '…'."""
    sentence = "Representatives of the alliance said " * 5 + "NATO agreed to train the army." + " Afterwards" * 9
    start = sentence.index("agreed")
    event = EventMention(
        doc_id="d",
        sentence_index=0,
        sentence=sentence,
        sentence_start=1000,
        source=None,
        target=None,
        code="057",
        evidence=Evidence("agreed", 1000 + start, 1000 + start + 6, "r"),
    )
    text = excerpt(event, 40)
    assert "agreed" in text and text.startswith("…") and text.endswith("…")
    assert len(text) <= 42
    words = sentence.split()
    assert text[1:-1].split()[0] in words and text[1:-1].split()[-1] in words  # cut between words


@pytest.mark.slow
def test_cli_code_worker_pool_keeps_input_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: None
) -> None:
    """With --workers 2 stories are coded in worker processes and come out in input order."""
    paths = [write(tmp_path / f"{i}.txt", f"Story number {i}: NATO met Iraq.\n") for i in range(5)]
    paths.insert(2, write(tmp_path / "empty.txt", b""))
    assert main(["code", *paths, "--workers", "2", "--batch-size", "1"]) == 0
    out, err = capsys.readouterr()
    events = jsonl_out(out)
    assert [e["sentence"] for e in events] == [f"Story number {i}: NATO met Iraq." for i in range(5)]
    coding_pids = {e["evidence"]["rule"] for e in events}
    assert f"fake:{os.getpid()}" not in coding_pids
    assert last_line(err) == "6 stories read, 5 coded, 5 events, 1 rejected"


def test_cli_code_one_failing_story_does_not_sink_the_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: None
) -> None:
    """A story that makes the coder raise becomes a coder-error reject; the others are still coded."""
    lines = write(tmp_path / "s.jsonl", '{"text": "fine"}\n{"text": "EXPLODE"}\n{"text": "also fine"}\n')
    assert main(["code", lines, "--workers", "1"]) == 0
    out, err = capsys.readouterr()
    assert [e["sentence"] for e in jsonl_out(out)] == ["fine", "also fine"]
    assert f"  {lines}:2: coder-error: the coder failed on this story (RuntimeError: boom)" in err
    assert last_line(err) == "3 stories read, 2 coded, 2 events, 1 rejected"
    assert main(["code", lines, "--workers", "1", "--strict"]) == 1


@pytest.mark.parametrize("workers", ["1", "2"])
def test_cli_code_coder_that_cannot_load_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, workers: str
) -> None:
    """Dictionaries that fail to load: `error: file:line: message`, exit 2, with or without a pool."""
    monkeypatch.setattr(local, "build_coder", broken_dictionaries_factory)
    paths = [write(tmp_path / f"{i}.txt", STORY + str(i)) for i in range(3)]
    assert main(["code", *paths, "--workers", workers, "--batch-size", "1"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == "error: verbs.txt:12: unbalanced bracket; fix the line"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["code", "{missing}"], "error: {missing}: no such file; check the path"),
        (["code", "ftp://example.org/a.html"], "error: ftp://example.org/a.html: uses ftp://"),
        (["code", "{good}", "--max-bytes", "0"], "error: --max-bytes must be at least 1, not 0"),
        (["code", "{good}", "--workers", "0"], "error: --workers must be at least 1, not 0"),
        (["code", "{good}", "--workers", "many"], "error: argument --workers: invalid int value: 'many'"),
        (["code", "{good}", "--max-chars", "-5"], "error: --max-chars must be at least 1, not -5"),
        (["code", "{good}", "--max-chars", "2000000"], "error: --max-chars can be at most 1,000,000, the parser's"),
        (["ingest", "{good}", "--max-chars", "2000000"], "error: --max-chars can be at most 1,000,000, the parser's"),
        (["code", "{good}", "--date", "17/04/2008"], "error: --date: unknown date '17/04/2008'"),
        (["code", "{good}", "--format", "csv"], "error: argument --format: invalid choice: 'csv'"),
        (
            ["code", "{good}", "--extend-dictionaries"],
            "error: --extend-dictionaries needs --dictionaries DIR",
        ),
        (["code", "{good}", "--dictionaries", "{missing}"], "error: {missing}: no such folder"),
        (["code", "-", "-"], "error: stdin (-) can be read only once"),
        (["frobnicate"], "error: argument COMMAND: invalid choice: 'frobnicate'"),
        ([], "error: the following arguments are required: COMMAND"),
    ],
)
def test_cli_user_errors_exit_2_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """A user error prints one `error: ...` line to stderr and exits 2, never a traceback."""
    names = {
        "missing": str(tmp_path / "missing.txt"),
        "tmp": str(tmp_path),
        "good": write(tmp_path / "g.txt", STORY),
    }
    assert main([a.format(**names) for a in argv]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(message.format(**names))
    assert err.count("\n") == 1 and "Traceback" not in err


def test_cli_keyboard_interrupt_exits_130_quietly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C during a run exits 130 with nothing on stderr."""

    def interrupted(*args: object) -> FakeCoder:
        raise KeyboardInterrupt

    monkeypatch.setattr(local, "build_coder", interrupted)
    assert main(["code", write(tmp_path / "a.txt", STORY), "--workers", "1"]) == 130
    assert capsys.readouterr().err == ""


class ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_cli_closed_output_pipe_is_quiet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, fake_coder: None
) -> None:
    """When the reader of stdout goes away (`| head`), the command stops with exit 141 and no traceback."""
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["code", write(tmp_path / "a.txt", STORY), "--workers", "1"]) == 141
    assert capsys.readouterr().err == ""


def test_cli_encoding_fallback_warns_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: None
) -> None:
    """A Windows-1252 story is coded and a one-line `warning:` naming the file goes to stderr."""
    path = write(tmp_path / "legacy.txt", "NATO\u2019s chief said no.".encode("cp1252"))
    assert main(["code", path, "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert err.splitlines()[0].startswith(f"warning: {path}: not UTF-8")
    assert last_line(err) == "1 story read, 1 coded, 1 event, 0 rejected"


@pytest.mark.slow
def test_cli_console_script_shows_no_traceback(tmp_path: Path) -> None:
    """The installed `eventwire` script reports bad input as rejects/errors without a traceback."""
    script = Path(sys.executable).with_name("eventwire")
    assert script.exists(), "the eventwire console script is not installed (pip install -e .)"
    binary = write(tmp_path / "photo.txt", b"\x89PNG\x00\x00\x00")
    empty = write(tmp_path / "empty.jsonl", b"")
    run = subprocess.run(
        [str(script), "code", binary, empty, "--strict"],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr.rstrip().splitlines()[-1] == "2 stories read, 0 coded, 0 events, 2 rejected"
    run = subprocess.run(
        [str(script), "code", str(tmp_path / "nope.txt")],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2
    assert run.stderr == f"error: {tmp_path / 'nope.txt'}: no such file; check the path\n"


@pytest.mark.model
def test_cli_code_with_the_real_default_coder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With the shipped dictionaries and model, one story is coded and the summary matches the output."""
    pytest.importorskip("eventwire.dictionaries.loader")
    path = write(tmp_path / "rferl.txt", STORY)
    assert main(["code", path, "--date", "2008-04-17", "--workers", "1"]) == 0
    out, err = capsys.readouterr()
    summary = re.fullmatch(r"1 story read, 1 coded, (\d+) events?, 0 rejected", last_line(err))
    assert summary is not None
    assert len(jsonl_out(out)) == int(summary[1])


# --- evaluate and dictionaries check (their modules are stood in for: this tests the wiring) -----


@pytest.fixture
def fake_evaluate(monkeypatch: pytest.MonkeyPatch, fake_coder: None) -> dict[str, object]:
    seen: dict[str, object] = {}
    module = types.ModuleType("eventwire.evaluate.sentences")

    class Report:
        missed = None  # no --missed asked

        def to_json(self) -> dict[str, object]:
            return {"records": seen["records"], "f1": 0.5}

    def read_gold(path: str) -> list[str]:
        seen["path"] = path
        return ["r1", "r2", "r3"]

    def evaluate(records: list[str], coder: object, missed: bool = False) -> Report:
        seen["records"] = len(list(records))
        seen["coder"] = type(coder).__name__
        return Report()

    def format_report(report: Report, max_failures: int = 10) -> str:
        seen["max_failures"] = max_failures
        return f"records: {seen['records']}\n"

    module.__dict__.update(read_gold=read_gold, evaluate=evaluate, format_report=format_report)
    monkeypatch.setitem(sys.modules, "eventwire.evaluate.sentences", module)
    return seen


def test_cli_evaluate_prints_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_evaluate: dict[str, object]
) -> None:
    """evaluate codes the gold with the default coder, prints format_report; --limit/--failures pass on."""
    gold = write(tmp_path / "gold.jsonl", "{}\n")
    assert main(["evaluate", gold, "--limit", "2", "--failures", "4"]) == 0
    assert capsys.readouterr().out == "records: 2\n"
    assert fake_evaluate == {"path": gold, "records": 2, "coder": "FakeCoder", "max_failures": 4}


def test_cli_evaluate_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_evaluate: dict[str, object]
) -> None:
    """evaluate --json prints the report as one JSON object on one line."""
    gold = write(tmp_path / "gold.jsonl", "{}\n")
    assert main(["evaluate", gold, "--json"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert json.loads(out) == {"records": 3, "f1": 0.5}


def test_cli_evaluate_missing_gold_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing gold file is a user error: exit 2 and one error line."""
    assert main(["evaluate", str(tmp_path / "gold.jsonl")]) == 2
    assert capsys.readouterr().err == f"error: {tmp_path / 'gold.jsonl'}: no such file; check the path\n"


@pytest.fixture
def fake_check(monkeypatch: pytest.MonkeyPatch) -> list[types.SimpleNamespace]:
    problems: list[types.SimpleNamespace] = []
    module = types.ModuleType("eventwire.dictionaries.check")
    module.__dict__["check_dictionary_dir"] = lambda path: list(problems)
    monkeypatch.setitem(sys.modules, "eventwire.dictionaries.check", module)
    return problems


def test_cli_dictionaries_check_errors_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_check: list[types.SimpleNamespace]
) -> None:
    """Each problem prints as file:line: message (warnings tagged); any error-severity problem exits 1."""
    fake_check += [
        types.SimpleNamespace(file="CAMEO.txt", line=12, message="unbalanced [", severity="error"),
        types.SimpleNamespace(file="agents.txt", line=3, message="duplicate entry", severity="warning"),
    ]
    assert main(["dictionaries", "check", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == ["CAMEO.txt:12: unbalanced [", "agents.txt:3: warning: duplicate entry"]
    assert err.strip() == f"{tmp_path}: 1 error, 1 warning"


def test_cli_dictionaries_check_warnings_only_exit_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_check: list[types.SimpleNamespace]
) -> None:
    """Warnings alone do not fail the check; a clean folder says so."""
    assert main(["dictionaries", "check", str(tmp_path)]) == 0
    assert capsys.readouterr().err.strip() == f"{tmp_path}: no problems found"
    fake_check.append(types.SimpleNamespace(file="a.txt", line=1, message="odd", severity="warning"))
    assert main(["dictionaries", "check", str(tmp_path)]) == 0


def test_cli_dictionaries_check_missing_dir_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing dictionary folder is a user error (exit 2)."""
    assert main(["dictionaries", "check", str(tmp_path / "nope")]) == 2
    assert capsys.readouterr().err.startswith(f"error: {tmp_path / 'nope'}: no such folder")
