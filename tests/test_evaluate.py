"""Tests for eventwire.evaluate.sentences: gold readers, record exact match, P/R/F1, labels, seed rule."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest

from eventwire.errors import BadRecordError, GoldFileError
from eventwire.evaluate.sentences import (
    Counts,
    GoldRecord,
    Report,
    evaluate,
    format_report,
    read_gold,
)
from eventwire.records import (
    ActorRef,
    CodedStory,
    CodingOptions,
    EventMention,
    Evidence,
    Place,
    Story,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
needs_shared = pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared not available")

Triple = tuple[str, str, str]


# --------------------------------------------------------------------------- test doubles


def mention(
    doc_id: str,
    source: str,
    target: str,
    code: str,
    sentence: str = "Arnor met Gondor.",
    date: str | None = None,
    place: str | None = None,
) -> EventMention:
    """A hand-built EventMention; an empty actor code means no actor."""
    return EventMention(
        doc_id=doc_id,
        sentence_index=0,
        sentence=sentence,
        sentence_start=0,
        source=ActorRef(source, source, 0, 5) if source else None,
        target=ActorRef(target, target, 10, 16) if target else None,
        code=code,
        evidence=Evidence("met", 6, 9, "test"),
        date=date,
        place=Place(place) if place else None,
    )


class FakeCoder:
    """Returns hand-built events per story id; remembers the options each story was coded with."""

    def __init__(
        self,
        triples: dict[str, Iterable[Triple]] | None = None,
        discarded: Iterable[str] = (),
        failing: Iterable[str] = (),
    ) -> None:
        self.triples = {k: list(v) for k, v in (triples or {}).items()}
        self.discarded = set(discarded)
        self.failing = set(failing)
        self.options: dict[str, CodingOptions | None] = {}

    def code_story(self, story: Story, options: CodingOptions | None = None) -> CodedStory:
        self.options[story.id] = options
        if story.id in self.failing:
            raise BadRecordError("cannot code this sentence")
        if story.id in self.discarded:
            return CodedStory(story=story, events=(), discarded="discard: test")
        events = tuple(mention(story.id, *t) for t in self.triples.get(story.id, []))
        return CodedStory(story=story, events=events)


def gold(rid: str, *expected: Triple, **kw: object) -> GoldRecord:
    return GoldRecord(id=rid, text=f"Sentence {rid}.", kind="petrarch", expected=frozenset(expected), **kw)


A = ("ARN", "GON", "064")
B = ("GON", "ARN", "041")
C = ("MOR", "GON", "190")


# --------------------------------------------------------------------------- record exact match


@pytest.mark.parametrize(
    ("coded", "passes"),
    [([A, B], True), ([B, A, A], True), ([A], False), ([A, B, C], False), ([], False)],
)
def test_evaluate_record_passes_only_on_equal_triple_sets(coded: list[Triple], passes: bool) -> None:
    """A record passes when the set of coded triples equals the expected set (order, repeats ignored)."""
    report = evaluate([gold("r1", A, B)], FakeCoder({"r1": coded}))
    assert (report.records, report.record_exact) == (1, int(passes))
    assert len(report.failures) == int(not passes)


def test_evaluate_record_exact_rate() -> None:
    """record_exact_rate is passing records over scored records."""
    records = [gold("r1", A), gold("r2", B), gold("r3", C), gold("r4", A)]
    report = evaluate(records, FakeCoder({"r1": [A], "r2": [B], "r3": [A]}))
    assert report.record_exact == 2
    assert report.record_exact_rate == 0.5


def test_evaluate_expect_no_events_passes_only_when_nothing_coded() -> None:
    """An expect_no_events record passes with no events; any coded triple fails it and is a false positive."""
    records = [gold("quiet", expect_no_events=True), gold("noisy", expect_no_events=True)]
    report = evaluate(records, FakeCoder({"noisy": [A]}))
    assert report.record_exact == 1
    assert [f.id for f in report.failures] == ["noisy"]
    assert report.full == Counts(tp=0, fp=1, fn=0)


def test_evaluate_discard_records_pass_when_nothing_is_coded() -> None:
    """A storydiscard/sentencediscard/dateline record passes when the coder codes nothing or discards."""
    records = [
        gold("story", expected_error="storydiscard"),
        gold("sent", expected_error="sentencediscard"),
        gold("dateline", expected_error="dateline"),
    ]
    report = evaluate(records, FakeCoder({"sent": [A]}, discarded=["story"]))
    assert report.record_exact == 2
    (failure,) = report.failures
    assert failure.id == "sent"
    assert failure.got == (A,)
    assert "sentencediscard" in failure.note


def test_evaluate_bad_input_parse_records_are_skipped() -> None:
    """bad_input_parse concerns PETRARCH's parse: the record is left out of scoring and listed as skipped."""
    records = [gold("parse", expected_error="bad_input_parse"), gold("ok", A)]
    report = evaluate(records, FakeCoder({"parse": [A], "ok": [A]}))
    assert (report.records, report.record_exact) == (1, 1)
    assert [i for i, _ in report.skipped] == ["parse"]
    assert report.full == Counts(tp=1, fp=0, fn=0)


def test_evaluate_empty_text_record_is_skipped_not_coded() -> None:
    """A gold record with empty text is skipped and never sent to the coder."""
    coder = FakeCoder()
    report = evaluate([GoldRecord(id="blank", text="", kind="petrarch", expected=frozenset({A}))], coder)
    assert report.records == 0
    assert report.skipped == (("blank", "empty text"),)
    assert coder.options == {}


# --------------------------------------------------------------------------- P/R/F1


def test_evaluate_precision_recall_f1_arithmetic() -> None:
    """Micro P/R/F1 over records: r1 {A,B} vs {A,C}, r2 {C} vs {} gives tp 1, fp 1, fn 2."""
    report = evaluate([gold("r1", A, B), gold("r2", C)], FakeCoder({"r1": [A, C]}))
    assert report.full == Counts(tp=1, fp=1, fn=2)
    assert report.precision == pytest.approx(0.5)
    assert report.recall == pytest.approx(1 / 3)
    assert report.f1 == pytest.approx(0.4)


def test_counts_rates_are_zero_without_denominator() -> None:
    """P, R and F1 are 0.0 when nothing was produced or expected."""
    assert (Counts().precision, Counts().recall, Counts().f1) == (0.0, 0.0, 0.0)
    assert Counts(tp=0, fp=3, fn=0).precision == 0.0


def test_evaluate_root_level_ignores_subcode() -> None:
    """At root level 064 matches 061: same actors, same first two digits."""
    report = evaluate([gold("r1", ("ARN", "GON", "064"))], FakeCoder({"r1": [("ARN", "GON", "061")]}))
    assert report.full == Counts(tp=0, fp=1, fn=1)
    assert report.root == Counts(tp=1, fp=0, fn=0)


def test_evaluate_root_level_compares_actors_in_full() -> None:
    """At root level a wrong target is still wrong: ARN>GON 064 does not match ARN>MOR 064."""
    report = evaluate([gold("r1", ("ARN", "GON", "064"))], FakeCoder({"r1": [("ARN", "MOR", "064")]}))
    assert report.root == Counts(tp=0, fp=1, fn=1)


def test_evaluate_root_level_triples_are_sets() -> None:
    """Two expected codes with one root and the same actors make one root-level triple."""
    expected = [("ARN", "GON", "041"), ("ARN", "GON", "042")]
    report = evaluate([gold("r1", *expected)], FakeCoder({"r1": [("ARN", "GON", "043")]}))
    assert report.full == Counts(tp=0, fp=1, fn=2)
    assert report.root == Counts(tp=1, fp=0, fn=0)


def test_evaluate_per_root_breakdown_adds_up_to_root_level() -> None:
    """per_root splits root-level counts by root: expected 06 found, 04 missed, 19 produced wrongly."""
    records = [gold("r1", A, B), gold("r2")]
    report = evaluate(records, FakeCoder({"r1": [A], "r2": [C]}))
    per_root = {r.root: r.counts for r in report.per_root}
    assert per_root == {
        "04": Counts(tp=0, fp=0, fn=1),
        "06": Counts(tp=1, fp=0, fn=0),
        "19": Counts(tp=0, fp=1, fn=0),
    }
    assert sum(per_root.values(), Counts()) == report.root


# --------------------------------------------------------------------------- special values, options


def test_evaluate_quoted_new_actor_matches_unquoted_code() -> None:
    """A quoted gold new actor ("INJURY TOLL") matches coded Injury toll: quotes, case, spaces ignored."""
    report = evaluate(
        [gold("r1", ('"INJURY TOLL"', "OSG", "223"))], FakeCoder({"r1": [("Injury  toll", "OSG", "223")]})
    )
    assert report.record_exact == 1


def test_evaluate_missing_target_matches_triple_dash() -> None:
    """A coded event without a target matches gold target '---'; '---GOV' stays a literal code."""
    report = evaluate([gold("r1", ("---GOV", "---", "023"))], FakeCoder({"r1": [("---GOV", "", "023")]}))
    assert report.record_exact == 1
    report = evaluate([gold("r2", ("---GOV", "---", "023"))], FakeCoder({"r2": [("GOV", "", "023")]}))
    assert report.record_exact == 0


def test_evaluate_codes_each_record_with_its_own_options() -> None:
    """Every record reaches the coder with the options its gold record carries."""
    relaxed = CodingOptions(require_dyad=False, intent_codes=False)
    coder = FakeCoder()
    evaluate([gold("strict"), gold("relaxed", options=relaxed)], coder)
    assert coder.options == {"strict": CodingOptions(), "relaxed": relaxed}


def test_evaluate_coder_error_fails_one_record_only() -> None:
    """An EventwireError from the coder fails that record (noted) and the run goes on."""
    report = evaluate([gold("bad", A), gold("good", A)], FakeCoder({"good": [A]}, failing=["bad"]))
    assert report.record_exact == 1
    (failure,) = report.failures
    assert failure.id == "bad"
    assert failure.note.startswith("coder error:")


def test_evaluate_failures_list_expected_and_got() -> None:
    """Report.failures gives (id, expected, got) with triples sorted, for debugging."""
    report = evaluate([gold("r1", B, A)], FakeCoder({"r1": [C]}))
    (failure,) = report.failures
    assert (failure.id, failure.expected, failure.got) == ("r1", (A, B), (C,))


# --------------------------------------------------------------------------- PLOVER / PentaClass


def test_evaluate_plover_share_coded_and_type_agreement() -> None:
    """PLOVER kind: share of sentences coded, and among those the share whose coded types include the gold."""
    records = [
        GoldRecord(id="p1", text="Talks.", kind="plover", plover_type="CONSULT"),
        GoldRecord(id="p2", text="Deal.", kind="plover", plover_type="AGREE"),
        GoldRecord(id="p3", text="Quiet.", kind="plover", plover_type="AID"),
    ]
    coder = FakeCoder({"p1": [("ARN", "GON", "0232"), ("ARN", "GON", "042")], "p2": [("ARN", "GON", "190")]})
    report = evaluate(records, coder)
    assert report.plover is not None
    assert (report.plover.sentences, report.plover.coded, report.plover.matched) == (3, 2, 1)
    assert report.plover.coded_rate == pytest.approx(2 / 3)
    assert report.plover.match_rate == pytest.approx(0.5)
    assert (report.records, report.record_exact, report.triple_records) == (3, 1, 0)
    wrong = next(f for f in report.failures if f.id == "p2")
    assert (wrong.expected_label, wrong.got_labels) == ("AGREE", ("ASSAULT",))


def test_evaluate_pentaclass_agreement_and_unlabelled_records() -> None:
    """ConfliBERT kind: coded PentaClass vs gold; unlabelled records count for coverage, not pass/fail."""
    records = [
        GoldRecord(id="c1", text="Bomb.", kind="conflibert", pentaclass=4),
        GoldRecord(id="c2", text="Deny.", kind="conflibert", pentaclass=3),
        GoldRecord(id="c3", text="Spans only.", kind="conflibert", pentaclass=None),
    ]
    coder = FakeCoder(
        {"c1": [("REB", "IRQ", "1831")], "c2": [("IRQ", "USA", "0232")], "c3": [("IRQ", "USA", "042")]}
    )
    report = evaluate(records, coder)
    assert report.pentaclass is not None
    assert (report.pentaclass.sentences, report.pentaclass.coded) == (3, 3)
    assert (report.pentaclass.labelled_coded, report.pentaclass.matched) == (2, 1)
    assert (report.records, report.record_exact) == (2, 1)
    assert [i for i, _ in report.skipped] == ["c3"]


# --------------------------------------------------------------------------- output


def test_report_to_json_has_the_documented_keys() -> None:
    """to_json is one JSON-serialisable object with records, exact match, P/R/F1, root level and per root."""
    report = evaluate([gold("r1", A, B), gold("r2", C)], FakeCoder({"r1": [A, C]}))
    data = json.loads(json.dumps(report.to_json()))
    keys = {"records", "record_exact", "record_exact_rate", "precision", "recall", "f1", "root", "per_root"}
    assert keys <= set(data)
    assert (data["records"], data["record_exact"], data["precision"], data["f1"]) == (2, 0, 0.5, 0.4)
    assert data["root"]["recall"] == pytest.approx(0.3333)
    assert data["per_root"]["06"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "tp": 1, "fp": 0, "fn": 0}
    assert data["failures"][0]["expected"] == [list(A), list(B)]


def test_report_to_json_triple_scores_null_without_triple_records() -> None:
    """A PLOVER-only report has null triple P/R/F1 rather than a misleading 0.0."""
    report = evaluate([GoldRecord(id="p", text="x", kind="plover", plover_type="AID")], FakeCoder())
    data = report.to_json()
    assert (data["precision"], data["recall"], data["f1"], data["root"]) == (None, None, None, None)
    assert data["plover"]["sentences"] == 1


def test_format_report_shows_scores_and_failures() -> None:
    """The text report states records, exact match, the P/R/F1 rows and the first failures."""
    report = evaluate([gold("r1", A, B), gold("r2", C)], FakeCoder({"r1": [A, C]}))
    text = format_report(report)
    assert "records scored: 2   exact: 0 (0.0%)" in text
    full = next(line for line in text.splitlines() if line.strip().startswith("full code"))
    assert full.split() == ["full", "code", "0.500", "0.333", "0.400", "1", "1", "2"]
    assert "r2: expected MOR>GON 190 | got (none)" in text


# --------------------------------------------------------------------------- reading gold


def write_jsonl(tmp_path: Path, *lines: object) -> Path:
    path = tmp_path / "gold.jsonl"
    text = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines)
    path.write_text(text + "\n", encoding="utf-8")
    return path


PETR_LINE = {
    "id": "DEMO-22",
    "suite": "petr_unittest",
    "date": "19950101",
    "text": "Eriador's death and injury toll has risen in the dispute with Osgiliath.",
    "expected": [
        {"source": "ERI", "target": "OSG", "code": "223"},
        {"source": '"INJURY TOLL"', "target": "OSG", "code": "223"},
    ],
    "expect_no_events": False,
    "expected_error": None,
    "valid": True,
    "config": {"new_actor_length": "4", "require_dyad": "FALSE", "comma_max": "6", "stop_on_error": "True"},
}
PLOVER_LINE = {
    "id": "PLOVER-1",
    "text": "Senior Hungarian and Romanian officials agreed on Wednesday.",
    "labels": {"event_plover_current_mapped": "AGREE", "event_v0_5b1": "AGREE"},
}
CONFLIBERT_LINE = {"id": "cb-0", "text": "A car bomb in Kiev killed a man.", "labels": {"pentaclass": 4}}


def test_read_gold_petrarch_record(tmp_path: Path) -> None:
    """A PETRARCH line gives an ISO date, canonical triples and the options of its config."""
    (record,) = read_gold(write_jsonl(tmp_path, PETR_LINE))
    assert (record.kind, record.id, record.suite) == ("petrarch", "DEMO-22", "petr_unittest")
    assert record.date == "1995-01-01"
    assert record.expected == frozenset({("ERI", "OSG", "223"), ("INJURY TOLL", "OSG", "223")})
    # PETRARCH keeps no one-sided event beyond what its require_dyad says; comma and new-actor settings: ignored
    assert record.options == CodingOptions(require_dyad=False, one_sided=False, intent_codes=False, venue_targets=True)
    assert record.origin == f"{tmp_path / 'gold.jsonl'}:1"


def test_read_gold_petrarch_no_events_and_discard(tmp_path: Path) -> None:
    """expect_no_events and expected_error are carried over; a null config gives PETRARCH's defaults."""
    quiet = dict(PETR_LINE, expected=[], expect_no_events=True, config=None)
    discard = dict(PETR_LINE, expected=[], expected_error="storydiscard")
    first, second = read_gold(write_jsonl(tmp_path, quiet, discard))
    assert (first.expect_no_events, first.expected, first.options) == (
        True,
        frozenset(),
        CodingOptions(one_sided=False, intent_codes=False, venue_targets=True),
    )
    assert (second.expected_error, second.expect_no_events) == ("storydiscard", False)


@pytest.mark.parametrize(
    ("raw", "iso"),
    [("20080804", "2008-08-04"), ("121108", "2012-11-08"), ("2008-04-17", "2008-04-17"), (None, None)],
)
def test_read_gold_dates(tmp_path: Path, raw: str | None, iso: str | None) -> None:
    """Gold dates YYYYMMDD, YYMMDD and YYYY-MM-DD all become YYYY-MM-DD; a null date stays None."""
    (record,) = read_gold(write_jsonl(tmp_path, dict(PETR_LINE, date=raw)))
    assert record.date == iso


def test_read_gold_plover_and_conflibert_records(tmp_path: Path) -> None:
    """PLOVER lines carry the mapped PLOVER type, ConfliBERT lines the PentaClass; blank lines are skipped."""
    plover, conflibert = read_gold(write_jsonl(tmp_path, PLOVER_LINE, "", CONFLIBERT_LINE))
    assert (plover.kind, plover.plover_type, plover.expected) == ("plover", "AGREE", frozenset())
    assert (conflibert.kind, conflibert.pentaclass) == ("conflibert", 4)
    assert conflibert.origin is not None and conflibert.origin.endswith(":3")


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ('{"id": "x", "text": ', "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        ({"id": "x", "expected": []}, 'no "text"'),
        ({"id": "x", "text": "Hello."}, "unknown gold record"),
        (dict(PETR_LINE, expected=[{"source": "A", "code": "01"}]), '"expected"[0]'),
        (dict(PETR_LINE, expected=[{"source": "A", "target": "B", "code": " "}]), 'empty "code"'),
        (dict(PETR_LINE, expect_no_events=True), "keep one"),
        (dict(PETR_LINE, date="1995-13-40"), "YYYYMMDD"),
        (dict(PETR_LINE, config="require_dyad"), '"config"'),
        (dict(CONFLIBERT_LINE, labels={"pentaclass": 7}), "0-4"),
        (dict(CONFLIBERT_LINE, labels={"pentaclass": True}), "0-4"),
        (dict(PLOVER_LINE, labels={"event_plover_current_mapped": 3}), "PLOVER type"),
    ],
)
def test_read_gold_malformed_line_names_file_and_line(tmp_path: Path, bad_line: object, message: str) -> None:
    """A malformed line raises GoldFileError: `where` is file:line, the message says what is wrong."""
    path = write_jsonl(tmp_path, PETR_LINE, bad_line)
    with pytest.raises(GoldFileError) as info:
        read_gold(path)
    assert info.value.where == f"{path}:2"
    assert message in info.value.message


def test_read_gold_missing_and_empty_files(tmp_path: Path) -> None:
    """A missing file or a file without records raises GoldFileError, not OSError or an empty list."""
    with pytest.raises(GoldFileError, match="no such file"):
        read_gold(tmp_path / "nope.jsonl")
    (tmp_path / "empty.jsonl").write_text("\n\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match="no records"):
        read_gold(tmp_path / "empty.jsonl")


REAL_GOLD = [
    ("petr_unittest.jsonl", "petrarch", 284),
    ("petr2_gsr.jsonl", "petrarch", 78),
    ("plover_gsr_cameo_manual.jsonl", "plover", 322),
    ("conflibert_cameo_train.jsonl", "conflibert", 1567),
]


@needs_shared
@pytest.mark.parametrize(("name", "kind", "count"), REAL_GOLD)
def test_read_gold_first_five_real_records(tmp_path: Path, name: str, kind: str, count: int) -> None:
    """The first five lines of each shared gold file read as records of the expected kind."""
    head = (SHARED / "gold" / name).read_text(encoding="utf-8").splitlines()[:5]
    records = read_gold(write_jsonl(tmp_path, *head))
    assert len(records) == 5
    assert {r.kind for r in records} == {kind}
    assert all(r.text.strip() for r in records)


@needs_shared
@pytest.mark.parametrize(("name", "kind", "count"), REAL_GOLD)
def test_read_gold_whole_real_files(name: str, kind: str, count: int) -> None:
    """Every line of each shared gold file reads without GoldFileError."""
    records = read_gold(SHARED / "gold" / name)
    assert len(records) == count
    assert {r.kind for r in records} == {kind}


@needs_shared
def test_read_gold_real_unittest_values() -> None:
    """DEMO-00 expects ARN>GON 064 on 1995-01-01; DISCARD-01 is a storydiscard; ERROR-02 is skipped."""
    records = {r.id: r for r in read_gold(SHARED / "gold" / "petr_unittest.jsonl")}
    assert records["DEMO-00"].expected == frozenset({("ARN", "GON", "064")})
    assert records["DEMO-00"].date == "1995-01-01"
    assert records["DISCARD-01"].expected_error == "storydiscard"
    assert records["ERROR-02"].skip_reason is not None
    assert records["COMPOUND-03"].options.require_dyad is False


def test_report_is_frozen() -> None:
    """Reports are immutable records."""
    report = evaluate([gold("r1", A)], FakeCoder({"r1": [A]}))
    assert isinstance(report, Report)
    with pytest.raises(AttributeError):
        report.records = 5  # type: ignore[misc]


# --------------------------------------------------------------------------- ConfliBERT spans


def test_conflibert_events_per_sentence_and_span_agreement(tmp_path: Path) -> None:
    """Token spans become character spans; a coded actor overlapping the gold span agrees; sentences
    that code nothing count against the all-sentences rate only."""
    text = "Arnor troops shelled the Gondor border."
    tokens = ["Arnor", "troops", "shelled", "the", "Gondor", "border", "."]
    spans = [{"role": "source", "tok_start": 0, "tok_end": 1}, {"role": "target", "tok_start": 4, "tok_end": 5}]
    lines = [
        {"id": "a", "text": text, "labels": {"pentaclass": 4, "tokens": tokens, "spans": spans}},
        {"id": "b", "text": text, "labels": {"pentaclass": 4, "tokens": tokens, "spans": spans}},
    ]
    path = tmp_path / "cb.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    records = read_gold(path)
    assert records[0].spans == (("source", 0, 12), ("target", 25, 38))

    class SpanCoder:
        def code_story(self, story: Story, options: CodingOptions | None = None) -> CodedStory:
            if story.id == "b":
                return CodedStory(story, ())
            src = ActorRef("ARN", "troops", 6, 12)  # overlaps the gold source
            tgt = ActorRef("ARN", "Arnor", 0, 5)  # misses the gold target
            events = tuple(
                EventMention("a", 0, text, 0, src, tgt, code, Evidence("shelled", 13, 20, "t")) for code in ("190", "195")
            )
            return CodedStory(story, events)

    score = evaluate(records, SpanCoder()).pentaclass
    assert score is not None and (score.coded, score.events) == (1, 2)
    assert score.events_per_coded == 2.0
    assert score.source_spans == (1, 1, 2) and score.target_spans == (0, 1, 2)
    assert score.to_json()["source_span_agreement"]["rate"] == 0.5


def test_conflibert_dyad_agreement_needs_one_event_joining_both_gold_spans(tmp_path: Path) -> None:
    """The dyad figure asks for one event from the gold source to the gold target: a source found by
    one event and the target by another do not make a dyad, and the reversed direction does not count."""
    text = "Arnor troops shelled the Gondor border."
    tokens = ["Arnor", "troops", "shelled", "the", "Gondor", "border", "."]
    spans = [{"role": "source", "tok_start": 0, "tok_end": 1}, {"role": "target", "tok_start": 4, "tok_end": 5}]
    path = tmp_path / "cb.jsonl"
    path.write_text(
        "\n".join(
            json.dumps({"id": i, "text": text, "labels": {"pentaclass": 4, "tokens": tokens, "spans": spans}})
            for i in ("joined", "split", "reversed")
        ),
        encoding="utf-8",
    )
    arnor, gondor, other = ActorRef("ARN", "Arnor troops", 0, 12), ActorRef("GON", "Gondor", 25, 31), ActorRef("X", "x", 13, 20)
    pairs = {"joined": [(arnor, gondor)], "split": [(arnor, other), (other, gondor)], "reversed": [(gondor, arnor)]}

    class PairCoder:
        def code_story(self, story: Story, options: CodingOptions | None = None) -> CodedStory:
            events = tuple(
                EventMention(story.id, 0, text, 0, s, t, "190", Evidence("shelled", 13, 20, "t"))
                for s, t in pairs[story.id]
            )
            return CodedStory(story, events)

    score = evaluate(read_gold(path), PairCoder()).pentaclass
    assert score is not None
    assert score.dyad_spans == (1, 3, 3)
    assert score.source_spans == (2, 3, 3) and score.target_spans == (2, 3, 3)
    assert score.to_json()["dyad_agreement"]["rate"] == round(1 / 3, 4)


# --------------------------------------------------------------------------- marked actors


def test_marked_records_find_the_actors_words_and_pass_on_a_dyad_with_the_gold_root(tmp_path: Path) -> None:
    """A marked record names its actors by their words: the first whole-word occurrence (so "Sudan" in
    "South Sudan and Sudan" is the second word's). It passes on one event from the marked source to the
    marked target with the gold root; the root alone, or the dyad with another root, is not enough."""
    text = "South Sudan and Sudan shelled Gondor."
    path = tmp_path / "marked.jsonl"
    rows = [{"id": i, "text": text, "date": "2020-01-02", "source": "Sudan", "target": "Gondor", "code": "194"}
            for i in ("dyad", "wrong-root", "other-source")]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    records = read_gold(path)
    assert records[0].kind == "marked" and records[0].date == "2020-01-02"
    assert records[0].spans == (("source", 16, 21), ("target", 30, 36))
    sudan, south, gondor = ActorRef("SDN", "Sudan", 16, 21), ActorRef("SSD", "South Sudan", 0, 11), ActorRef("GON", "Gondor", 30, 36)
    coded = {"dyad": [(sudan, gondor, "190")], "wrong-root": [(sudan, gondor, "111")], "other-source": [(south, gondor, "190")]}

    class MarkedCoder:
        def code_story(self, story: Story, options: CodingOptions | None = None) -> CodedStory:
            return CodedStory(story, tuple(EventMention(story.id, 0, text, 0, s, t, c, Evidence("shelled", 22, 29, "t"))
                                           for s, t, c in coded[story.id]))

    report = evaluate(records, MarkedCoder())
    assert report.record_exact == 1 and [f.id for f in report.failures] == ["wrong-root", "other-source"]
    assert report.marked is not None and report.marked.dyad_spans == (2, 3, 3)
    assert report.marked.matched == 2  # the gold root among the labels, whoever the actors
    assert report.to_json()["marked"]["dyad_agreement"]["agree"] == 2


def test_marked_record_whose_actor_words_are_not_in_the_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "marked.jsonl"
    path.write_text(json.dumps({"text": "Arnor shelled Gondor.", "source": "Arnor", "target": "Rohan"}), encoding="utf-8")
    with pytest.raises(GoldFileError, match="does not occur"):
        read_gold(path)
