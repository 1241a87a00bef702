"""Gold readers and scores behind ``eventwire evaluate``.

Gold kinds, detected line by line by ``read_gold``:

``petrarch``   a line with ``expected`` (PETRARCH unit tests, PETR2 GSR): the sentence,
               its date (YYYYMMDD), the coder options in force (``config``) and the
               expected ``{source, target, code}`` triples.
``plover``     a line with ``labels.event_plover_current_mapped`` (PLOVER GSR): one
               PLOVER event type per sentence.
``conflibert`` a line with ``labels.pentaclass`` (ConfliBERT): one PentaClass 0-4 per
               sentence, or null for records that only carry actor spans.
``marked``     a line with top-level ``source`` and ``target`` strings: the two actors a
               person marked in the sentence (each the words as written, found at their
               first whole-word occurrence), with an optional ``date`` and CAMEO ``code``
               (``{"id", "text", "date", "source", "target", "code"}``).

Scoring (``evaluate``), each record coded alone with its own options:

* A petrarch record passes when the SET of coded (source, target, code) triples
  equals the expected set. Duplicate triples collapse, order is ignored. An empty
  expected set (``expect_no_events``, or no triples listed) passes only when nothing
  is coded.
* Triple precision/recall/F1 are micro-averaged over petrarch records, at the full
  code and at root level (code cut to its first two digits, actors compared in full;
  each record's root triples are a set too). ``per_root`` splits the root-level
  counts by root, so its counts add up to the root-level totals.
* A marked record passes when one coded event runs from the marked source to the marked
  target (its actors overlap the marked words) with the gold code's root, or, with no gold
  code, any root. ``Report.marked`` scores the root as a label, with dyad agreement.
* A plover/conflibert record passes when one of its coded events has the gold
  PLOVER type (``cameo.plover_for``) / PentaClass (``cameo.pentaclass``): a sentence
  may yield several events and the gold names one. ``LabelScore`` also gives the
  share of sentences coded at all. ConfliBERT records with a null PentaClass count
  towards the share coded but are skipped for pass/fail.
* P, R, F1 and rates are 0.0 when their denominator is 0.

Special gold values, normalised the same way on both sides before comparing:

* Actor codes are upper-cased with surrounding double quotes stripped and inner
  whitespace collapsed: PETRARCH writes actors invented from unknown noun phrases
  (``new_actor_length`` > 0) as quoted text, ``"INJURY TOLL"``; a coder may emit
  ``INJURY TOLL`` with or without the quotes.
* A missing actor is ``---`` (PETRARCH's "no actor" when ``require_dyad`` is false).
  A coded event without a target (``""`` in ``EventMention.triple()``) becomes
  ``---``. ``---GOV`` ("a government, country unknown") and the TABARI discard
  code ``###`` are ordinary codes, compared literally.
* Event codes are compared as strings; root = first two characters. The unit tests'
  validation dictionaries use codes that are not CAMEO (``174K``, and WEIS-era
  ``212``, ``223``, ``345``, ``9xx``), so their per-root rows include "roots" such as 21
  and 90. PLOVER/PentaClass labels are only derived for the plover/conflibert kinds.

Discards (``expected_error``):

* ``storydiscard``, ``sentencediscard``, ``dateline`` and any other error this module
  does not know: the record passes when the coder codes nothing (a CodedStory with
  ``discarded`` set and no events, or simply no events). Any coded triple is a false
  positive.
* ``bad_input_parse``: the error is in PETRARCH's hand-made parse, which eventwire
  does not read (it parses the text itself, and that text is well formed), so the
  record is skipped and listed in ``Report.skipped``.

Also skipped: records with empty text (PETR2 GSR ``abc12_3`` has only a parse-lookup
text). So petr_unittest scores 282 of its 284 records and petr2_gsr 77 of 78.
Records marked ``valid: false`` (TABARI features PETRARCH never implemented) are
scored like the others; ``GoldRecord.valid`` lets a caller drop them.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Any, Literal, Protocol

from eventwire import cameo
from eventwire.coding.trace import CodingTrace
from eventwire.errors import EventwireError, GoldFileError
from eventwire.evaluate.missed import Miss, MissReport, miss_reason
from eventwire.ingest.dates import full_year
from eventwire.ingest.metadata import with_dateline
from eventwire.records import CodedStory, CodingOptions, EventMention, Story

__all__ = [
    "Counts",
    "Failure",
    "GoldRecord",
    "LabelScore",
    "Report",
    "RootScore",
    "StoryCoder",
    "evaluate",
    "format_report",
    "read_gold",
]

Triple = tuple[str, str, str]
Span = tuple[int, int]  # character offsets of a coded actor in the sentence
GoldKind = Literal["petrarch", "plover", "conflibert", "marked"]

NO_ACTOR = "---"
_TRIPLE_KEYS = ("source", "target", "code")
#: expected_error values about PETRARCH's input parse, which eventwire never reads
NOT_APPLICABLE_ERRORS: Mapping[str, str] = {
    "bad_input_parse": "expected_error bad_input_parse: concerns PETRARCH's hand-made parse, not the text",
}


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class GoldRecord:
    """One gold sentence and what a coder should make of it."""

    id: str
    text: str
    kind: GoldKind
    date: str | None = None  # YYYY-MM-DD
    expected: frozenset[Triple] = frozenset()
    expect_no_events: bool = False
    expected_error: str | None = None  # "storydiscard", "sentencediscard", "dateline", ...
    options: CodingOptions = field(default_factory=CodingOptions)
    plover_type: str | None = None  # gold PLOVER event type (plover kind)
    pentaclass: int | None = None  # gold PentaClass 0-4 (conflibert kind)
    code: str | None = None  # gold CAMEO code (marked kind)
    spans: tuple[tuple[str, int, int], ...] = ()  # gold (role, start, end) actor spans: "source"/"target"
    valid: bool = True  # False: the source marks the record as testing an unimplemented feature
    suite: str | None = None
    origin: str | None = None  # file:line

    def __post_init__(self) -> None:
        # hold triples in the canonical form scoring compares (see module docstring)
        object.__setattr__(self, "expected", frozenset(_canonical(t) for t in self.expected))

    @property
    def skip_reason(self) -> str | None:
        """Why this record is left out of pass/fail scoring, or None."""
        if not self.text.strip():
            return "empty text"
        if self.kind == "petrarch":
            return NOT_APPLICABLE_ERRORS.get(self.expected_error or "")
        if self.kind == "conflibert" and self.pentaclass is None:
            return "no pentaclass label (span-only record)"
        if self.kind == "plover" and self.plover_type is None:
            return "no PLOVER label"
        return None


# --------------------------------------------------------------------------- reading


def read_gold(path: str | os.PathLike[str]) -> list[GoldRecord]:
    """Read a gold JSONL file; the kind of each line is detected from its keys."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise GoldFileError("no such file; give the path of a gold .jsonl file", where=str(path)) from None
    except UnicodeDecodeError as e:
        message = f"not UTF-8 text ({e.reason}); save the gold file as UTF-8"
        raise GoldFileError(message, where=str(path)) from None
    records = [
        _record(_json_object(line, f"{path}:{n}"), f"{path}:{n}", f"{path.name}:{n}")
        for n, line in enumerate(lines, start=1)
        if line.strip()
    ]
    if not records:
        raise GoldFileError("no records; a gold file holds one JSON object per line", where=str(path))
    return records


def _json_object(line: str, where: str) -> dict[str, Any]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise GoldFileError(
            f"not valid JSON ({e.msg} at column {e.colno}); "
            "each line must be one JSON object: fix or delete this line",
            where=where,
        ) from None
    if not isinstance(obj, dict):
        raise GoldFileError("a gold line must be a JSON object {...}, not a list or a value", where=where)
    return obj


def _record(obj: dict[str, Any], where: str, fallback_id: str) -> GoldRecord:
    text = obj.get("text")
    if not isinstance(text, str):
        raise GoldFileError('record has no "text"; give the sentence as a string', where=where)
    common: dict[str, Any] = {
        "id": str(obj.get("id") or obj.get("uid") or fallback_id),
        "text": text,
        "origin": where,
        "suite": obj.get("suite") if isinstance(obj.get("suite"), str) else None,
    }
    labels = obj.get("labels")
    if "expected" in obj:
        return _petrarch_record(obj, where, common)
    if isinstance(labels, dict) and "event_plover_current_mapped" in labels:
        return _plover_record(labels, where, common)
    if isinstance(labels, dict) and "pentaclass" in labels:
        return _conflibert_record(labels, where, common)
    if "source" in obj and "target" in obj:
        return _marked_record(obj, where, common)
    raise GoldFileError(
        'unknown gold record: expected one of "expected" (PETRARCH), '
        '"labels.event_plover_current_mapped" (PLOVER), "labels.pentaclass" (ConfliBERT) '
        'or "source" and "target" (marked actors)',
        where=where,
    )


def _petrarch_record(obj: dict[str, Any], where: str, common: dict[str, Any]) -> GoldRecord:
    expected = _expected_triples(obj["expected"], where)
    no_events = obj.get("expect_no_events", False)
    if not isinstance(no_events, bool):
        raise GoldFileError('"expect_no_events" must be true or false', where=where)
    if no_events and expected:
        raise GoldFileError('"expect_no_events" is true but "expected" lists events; keep one', where=where)
    error = obj.get("expected_error")
    if error is not None and not isinstance(error, str):
        raise GoldFileError('"expected_error" must be a string such as "storydiscard", or null', where=where)
    config = obj.get("config")
    if config is not None and not isinstance(config, dict):
        raise GoldFileError('"config" must be an object of PETRARCH options, or null', where=where)
    return GoldRecord(
        kind="petrarch",
        date=_gold_date(obj.get("date"), where),
        expected=expected,
        expect_no_events=no_events,
        expected_error=error or None,
        options=CodingOptions.from_petrarch_config(config),
        valid=obj.get("valid", True) is not False,
        **common,
    )


def _plover_record(labels: dict[str, Any], where: str, common: dict[str, Any]) -> GoldRecord:
    value = labels["event_plover_current_mapped"]
    if value is not None and (not isinstance(value, str) or not value.strip()):
        message = '"labels.event_plover_current_mapped" must be a PLOVER type such as "AGREE", or null'
        raise GoldFileError(message, where=where)
    return GoldRecord(kind="plover", plover_type=value.strip().upper() if value else None, **common)


def _conflibert_record(labels: dict[str, Any], where: str, common: dict[str, Any]) -> GoldRecord:
    value = labels["pentaclass"]
    # bool is an int subclass: reject true/false explicitly
    if value is not None and (isinstance(value, bool) or value not in (0, 1, 2, 3, 4)):
        raise GoldFileError('"labels.pentaclass" must be an integer 0-4, or null', where=where)
    return GoldRecord(kind="conflibert", pentaclass=value, spans=_char_spans(common["text"], labels), **common)


def _marked_record(obj: dict[str, Any], where: str, common: dict[str, Any]) -> GoldRecord:
    spans = []
    for role in ("source", "target"):
        words = obj[role]
        if not isinstance(words, str) or not words.strip():
            raise GoldFileError(f'"{role}" must be the actor\'s words as written in "text"', where=where)
        found = list(re.finditer(rf"(?<!\w){re.escape(words.strip())}(?!\w)", common["text"]))
        if not found:
            raise GoldFileError(f'"{role}" {words!r} does not occur in "text"; copy the words exactly', where=where)
        # the first occurrence that is not part of a longer name ("Sudan" after "South Sudan and")
        whole = [m for m in found if not _inside_longer_name(common["text"], m.start(), m.end())]
        spans.append((role, (whole or found)[0].start(), (whole or found)[0].end()))
    code = obj.get("code", obj.get("cameo"))
    if code is not None and (not isinstance(code, str) or not code.strip()[:2].isdigit()):
        raise GoldFileError('"code" must be a CAMEO code such as "0231", or null', where=where)
    return GoldRecord(kind="marked", date=_gold_date(obj.get("date"), where), spans=tuple(spans),
                      code=code.strip() if code else None, **common)


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word stands right before or after text[start:end] ("South Sudan")."""
    before = re.search(r"(\w+)\s+$", text[:start])
    after = re.match(r"\s+(\w+)", text[end:])
    return any(m is not None and m.group(1)[:1].isupper() for m in (before, after))


def _char_spans(text: str, labels: dict[str, Any]) -> tuple[tuple[str, int, int], ...]:
    """ConfliBERT's token spans as character offsets in the text: the span's words are looked for in
    order from where the previous token ended (its tokens may spell quotes differently: skipped)."""
    tokens, spans = labels.get("tokens"), labels.get("spans")
    if not isinstance(tokens, list) or not isinstance(spans, list):
        return ()
    starts: list[int | None] = []
    pos = 0
    for tok in tokens:
        at = text.find(str(tok), pos)
        starts.append(at if at >= 0 else None)
        pos = at + len(str(tok)) if at >= 0 else pos
    out = []
    for span in spans:
        try:
            role, first, last = span["role"], int(span["tok_start"]), int(span["tok_end"])
            begin, end = starts[first], starts[last]
        except (KeyError, TypeError, ValueError, IndexError):
            continue
        if role in ("source", "target") and begin is not None and end is not None:
            out.append((role, begin, end + len(str(tokens[last]))))
    return tuple(out)


def _expected_triples(value: Any, where: str) -> frozenset[Triple]:
    if not isinstance(value, list):
        raise GoldFileError('"expected" must be a list of {"source", "target", "code"} objects', where=where)
    triples = []
    for i, item in enumerate(value):
        if not (isinstance(item, dict) and all(isinstance(item.get(k), str) for k in _TRIPLE_KEYS)):
            raise GoldFileError(
                f'"expected"[{i}] must be an object with string "source", "target" and "code"', where=where
            )
        if not item["code"].strip():
            message = f'"expected"[{i}] has an empty "code"; give a CAMEO code like "0232"'
            raise GoldFileError(message, where=where)
        triples.append(_canonical((item["source"], item["target"], item["code"])))
    return frozenset(triples)


def _gold_date(value: Any, where: str) -> str | None:
    """YYYYMMDD (PETRARCH), YYMMDD (one PETR2 GSR record; the two-digit year read as story dates
    are, `ingest.dates.full_year`: 00-49 are 20xx) or YYYY-MM-DD."""
    if value is None or value == "":
        return None
    digits = str(value).strip().replace("-", "")
    if len(digits) == 6 and digits.isdigit():
        digits = f"{full_year(int(digits[:2]))}{digits[2:]}"
    try:
        if len(digits) != 8 or not digits.isdigit():
            raise ValueError
        return Date(int(digits[:4]), int(digits[4:6]), int(digits[6:])).isoformat()
    except ValueError:
        message = f'"date" {value!r} is not a date; write YYYYMMDD or YYYY-MM-DD'
        raise GoldFileError(message, where=where) from None


# --------------------------------------------------------------------------- normalising


def _canonical_actor(code: str | None) -> str:
    code = " ".join((code or "").split()).strip('"').strip().upper()
    return code or NO_ACTOR


def _canonical(triple: tuple[str | None, str | None, str]) -> Triple:
    source, target, code = triple
    return (_canonical_actor(source), _canonical_actor(target), code.strip())


def _root_triple(triple: Triple) -> Triple:
    return (triple[0], triple[1], triple[2][:2])


# --------------------------------------------------------------------------- scores


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives, false negatives, and the rates they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @classmethod
    def of(cls, expected: frozenset[Triple], got: frozenset[Triple]) -> Counts:
        return cls(tp=len(expected & got), fp=len(got - expected), fn=len(expected - got))

    def to_json(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(frozen=True, slots=True)
class RootScore:
    """Root-level counts for one CAMEO root (expected or produced)."""

    root: str
    counts: Counts


@dataclass(frozen=True, slots=True)
class LabelScore:
    """Sentence-level agreement on one label scheme (PLOVER type or PentaClass)."""

    scheme: Literal["plover", "pentaclass", "root"]
    sentences: int
    coded: int  # sentences with at least one coded event
    labelled_coded: int  # coded sentences that carry a gold label
    matched: int  # ... whose coded events include the gold label
    events: int = 0  # events coded over all sentences
    # (agree, coded, all): sentences with a gold source (target) span where a coded source (target)
    # overlaps it; of them, those coded at all; all sentences with such a span
    source_spans: tuple[int, int, int] = (0, 0, 0)
    target_spans: tuple[int, int, int] = (0, 0, 0)
    # the same over sentences with both a gold source and a gold target: one coded event whose source
    # overlaps the gold source and whose target overlaps the gold target (the dyad a human marked)
    dyad_spans: tuple[int, int, int] = (0, 0, 0)

    @property
    def events_per_coded(self) -> float:
        return self.events / self.coded if self.coded else 0.0

    @property
    def coded_rate(self) -> float:
        return self.coded / self.sentences if self.sentences else 0.0

    @property
    def match_rate(self) -> float:
        return self.matched / self.labelled_coded if self.labelled_coded else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "coded": self.coded,
            "coded_rate": round(self.coded_rate, 4),
            "labelled_coded": self.labelled_coded,
            "matched": self.matched,
            "match_rate": round(self.match_rate, 4),
            "events": self.events,
            "events_per_coded_sentence": round(self.events_per_coded, 4),
            "source_span_agreement": _agreement(self.source_spans),
            "target_span_agreement": _agreement(self.target_spans),
            "dyad_agreement": _agreement(self.dyad_spans),
        }


def _agreement(counts: tuple[int, int, int]) -> dict[str, Any]:
    agree, coded, of = counts
    return {
        "agree": agree,
        "of_coded": coded,
        "rate_of_coded": round(agree / coded, 4) if coded else 0.0,
        "of": of,
        "rate": round(agree / of, 4) if of else 0.0,
    }


@dataclass(frozen=True, slots=True)
class Failure:
    """A record that did not pass: what the gold wanted and what the coder gave."""

    id: str
    expected: tuple[Triple, ...]
    got: tuple[Triple, ...]
    expected_label: str | None = None  # plover/conflibert kinds
    got_labels: tuple[str, ...] = ()
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "expected": [list(t) for t in self.expected],
            "got": [list(t) for t in self.got],
            "expected_label": self.expected_label,
            "got_labels": list(self.got_labels),
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class Report:
    """Scores of one coder on one set of gold records."""

    records: int  # records scored pass/fail
    record_exact: int  # ... that passed
    triple_records: int  # petrarch records among them (the base of P/R/F1)
    full: Counts
    root: Counts
    per_root: tuple[RootScore, ...]
    plover: LabelScore | None
    pentaclass: LabelScore | None
    failures: tuple[Failure, ...]
    skipped: tuple[tuple[str, str], ...]  # (id, reason)
    kinds: tuple[str, ...]
    missed: MissReport | None = None  # with evaluate(missed=True): why gold events were not coded
    marked: LabelScore | None = None  # marked-actor records: the gold root as the label

    @property
    def record_exact_rate(self) -> float:
        return self.record_exact / self.records if self.records else 0.0

    @property
    def precision(self) -> float:
        return self.full.precision

    @property
    def recall(self) -> float:
        return self.full.recall

    @property
    def f1(self) -> float:
        return self.full.f1

    def to_json(self) -> dict[str, Any]:
        # triple scores are null when no record had expected triples (a PLOVER file)
        has_triples = self.triple_records > 0
        full = self.full.to_json()
        return {
            "kinds": list(self.kinds),
            "records": self.records,
            "record_exact": self.record_exact,
            "record_exact_rate": round(self.record_exact_rate, 4),
            "triple_records": self.triple_records,
            "precision": full["precision"] if has_triples else None,
            "recall": full["recall"] if has_triples else None,
            "f1": full["f1"] if has_triples else None,
            "tp": self.full.tp,
            "fp": self.full.fp,
            "fn": self.full.fn,
            "root": self.root.to_json() if has_triples else None,
            "per_root": {r.root: r.counts.to_json() for r in self.per_root},
            "plover": self.plover.to_json() if self.plover else None,
            "pentaclass": self.pentaclass.to_json() if self.pentaclass else None,
            "marked": self.marked.to_json() if self.marked else None,
            "skipped": [{"id": i, "reason": r} for i, r in self.skipped],
            "failures": [f.to_json() for f in self.failures],
            **({"missed": self.missed.to_json(errors=True)} if self.missed else {}),
        }


class StoryCoder(Protocol):
    """What evaluate needs from a coder: eventwire.coding.coder.Coder fits."""

    def code_story(self, story: Story, options: CodingOptions | None = None) -> CodedStory: ...


class TracingCoder(Protocol):
    """A coder that can also say why it coded what it did (for evaluate's `missed`)."""

    def code_story(
        self, story: Story, options: CodingOptions | None = None, trace: CodingTrace | None = None
    ) -> CodedStory: ...


@dataclass(frozen=True, slots=True)
class _Outcome:
    record: GoldRecord
    got: frozenset[Triple]
    labels: tuple[str, ...]  # gold-scheme labels of the coded events
    note: str = ""
    events: int = 0  # events coded (before triples collapse)
    dyads: tuple[tuple[Span | None, Span | None], ...] = ()  # each coded event's (source, target) span
    codes: tuple[str, ...] = ()  # each coded event's code, in the order of `dyads`
    miss: Miss | None = None  # with missed=True: the gold event was not coded, and why


def evaluate(records: Iterable[GoldRecord], coder: StoryCoder, *, missed: bool = False) -> Report:
    """Code every record with its own options and score the output against the gold. With `missed`
    (the coder must take a `trace`, see TracingCoder) the report also says, for every gold sentence
    whose event was not coded, the first coding stage that lost it (`evaluate.missed`)."""
    outcomes = [_code(record, coder, missed) for record in records]
    scored = [o for o in outcomes if o.record.skip_reason is None]
    triples = [o for o in scored if o.record.kind == "petrarch"]
    per_root = _per_root(triples)
    return Report(
        records=len(scored),
        record_exact=sum(_passed(o) for o in scored),
        triple_records=len(triples),
        full=sum((Counts.of(o.record.expected, o.got) for o in triples), Counts()),
        root=sum((c for _, c in per_root), Counts()),
        per_root=tuple(RootScore(root, c) for root, c in per_root),
        plover=_label_score("plover", _sentences_of(outcomes, "plover")),
        pentaclass=_label_score("pentaclass", _sentences_of(outcomes, "conflibert")),
        marked=_label_score("root", _sentences_of(outcomes, "marked")),
        failures=tuple(_failure(o) for o in scored if not _passed(o)),
        skipped=tuple((o.record.id, why) for o in outcomes if (why := o.record.skip_reason)),
        kinds=tuple(dict.fromkeys(o.record.kind for o in outcomes)),
        missed=_miss_report(scored) if missed else None,
    )


def _miss_report(scored: list[_Outcome]) -> MissReport:
    with_event = [o for o in scored if _has_gold_event(o.record)]
    return MissReport(len(with_event), tuple(o.miss for o in with_event if o.miss is not None))


def _has_gold_event(record: GoldRecord) -> bool:
    if record.kind == "petrarch":
        return bool(record.expected)
    return record.kind in ("conflibert", "marked") or record.plover_type is not None


def _between_gold_actors(record: GoldRecord, got: frozenset[Triple],
                         dyads: tuple[tuple[Span | None, Span | None], ...]) -> bool:
    """One coded event joins the gold actors: an expected (source, target) pair, or ConfliBERT's
    marked spans (its source overlapping the gold source, its target the gold target)."""
    if record.kind == "petrarch":
        pairs = {(s, t) for s, t, _ in record.expected}
        return any((s, t) in pairs for s, t, _ in got)
    if record.kind in ("conflibert", "marked") and record.spans:
        return _joins_gold_dyad(record, dyads)
    return bool(got)


def _miss(record: GoldRecord, coded: CodedStory, got: frozenset[Triple],
          dyads: tuple[tuple[Span | None, Span | None], ...], trace: CodingTrace) -> Miss | None:
    if not _has_gold_event(record) or (got and _between_gold_actors(record, got, dyads)):
        return None
    reason = miss_reason(coded.events, trace, has_gold_actors=False)
    if record.kind == "petrarch":
        detail = _fmt_triples(tuple(sorted(record.expected)))
    else:
        detail = " ".join(f"{r}={record.text[b:e]!r}" for r, b, e in record.spans) or (_gold_label(record) or "")
    return Miss(record.id, record.kind, reason, record.text, detail)


def _sentences_of(outcomes: list[_Outcome], kind: GoldKind) -> list[_Outcome]:
    return [o for o in outcomes if o.record.kind == kind and o.record.text.strip()]


def _code(record: GoldRecord, coder: StoryCoder, missed: bool = False) -> _Outcome:
    if not record.text.strip():
        return _Outcome(record, frozenset(), ())  # skipped: nothing to code
    story = with_dateline(Story(id=record.id, text=record.text, date=record.date, origin=record.origin))
    trace = CodingTrace() if missed else None
    try:
        if trace is not None:
            coded = coder.code_story(story, record.options, trace=trace)  # type: ignore[call-arg]
        else:
            coded = coder.code_story(story, record.options)
    except EventwireError as e:
        # one odd sentence must not stop the run; bugs (other exceptions) still surface
        return _Outcome(record, frozenset(), (), note=f"coder error: {e}")
    note = f"discarded: {coded.discarded}" if coded.discarded else ""
    got = frozenset(_canonical(e.triple()) for e in coded.events)
    dyads = tuple((_span(e.source), _span(e.target)) for e in coded.events)
    miss = _miss(record, coded, got, dyads, trace) if trace is not None else None
    return _Outcome(record, got, _event_labels(record.kind, coded.events), note, len(coded.events), dyads,
                    tuple(e.code for e in coded.events), miss)


def _span(actor: Any) -> Span | None:
    if actor is None or actor.start is None or actor.end is None:
        return None
    return actor.start, actor.end


def _event_labels(kind: GoldKind, events: tuple[EventMention, ...]) -> tuple[str, ...]:
    labels: list[str] = []
    for event in events:
        try:
            if kind == "plover":
                plover = cameo.plover_for(event.code)
                labels.extend([plover.event] if plover else [])
            elif kind == "conflibert":
                labels.append(str(cameo.pentaclass(event.code)))
            elif kind == "marked":
                labels.append(event.code[:2])
        except ValueError:
            continue  # a code without a CAMEO root has no label; it still counts as coded
    return tuple(dict.fromkeys(labels))


def _gold_label(record: GoldRecord) -> str | None:
    if record.kind == "plover":
        return record.plover_type
    if record.kind == "conflibert" and record.pentaclass is not None:
        return str(record.pentaclass)
    if record.kind == "marked" and record.code is not None:
        return record.code[:2]
    return None


def _passed(outcome: _Outcome) -> bool:
    if outcome.record.kind == "petrarch":
        # expected is empty for discards and expect_no_events: nothing may be coded
        return outcome.got == outcome.record.expected
    if outcome.record.kind == "marked":
        root = _gold_label(outcome.record)
        return any(_joins_gold_dyad(outcome.record, (dyad,)) and (root is None or code[:2] == root)
                   for dyad, code in zip(outcome.dyads, outcome.codes))
    return _gold_label(outcome.record) in outcome.labels


def _per_root(outcomes: list[_Outcome]) -> list[tuple[str, Counts]]:
    totals: dict[str, Counts] = {}
    for o in outcomes:
        expected = {_root_triple(t) for t in o.record.expected}
        got = {_root_triple(t) for t in o.got}
        for root in {t[2] for t in expected | got}:
            e = frozenset(t for t in expected if t[2] == root)
            g = frozenset(t for t in got if t[2] == root)
            totals[root] = totals.get(root, Counts()) + Counts.of(e, g)
    return sorted(totals.items())


def _label_score(scheme: Literal["plover", "pentaclass", "root"], outcomes: list[_Outcome]) -> LabelScore | None:
    if not outcomes:
        return None
    coded = [o for o in outcomes if o.got]
    labelled = [o for o in coded if _gold_label(o.record) is not None]
    return LabelScore(
        scheme=scheme,
        sentences=len(outcomes),
        coded=len(coded),
        labelled_coded=len(labelled),
        matched=sum(_gold_label(o.record) in o.labels for o in labelled),
        events=sum(o.events for o in outcomes),
        source_spans=_span_agreement("source", outcomes),
        target_spans=_span_agreement("target", outcomes),
        dyad_spans=_dyad_agreement(outcomes),
    )


def _span_agreement(role: str, outcomes: list[_Outcome]) -> tuple[int, int, int]:
    """(agree, coded, all) over sentences with a gold `role` span: those where a coded actor of that
    role overlaps it by at least one character; those coded at all; all of them."""
    agree = coded = of = 0
    for o in outcomes:
        gold = [(b, e) for r, b, e in o.record.spans if r == role]
        if not gold:
            continue
        of += 1
        coded += bool(o.got)
        mine = [span for dyad in o.dyads if (span := dyad[0 if role == "source" else 1]) is not None]
        agree += any(b < ge and gb < e for gb, ge in gold for b, e in mine)
    return agree, coded, of


def _dyad_agreement(outcomes: list[_Outcome]) -> tuple[int, int, int]:
    """(agree, coded, all) over sentences with both a gold source and a gold target span: those where
    one coded event joins them, in the gold direction; those coded at all; all of them."""
    agree = coded = of = 0
    for o in outcomes:
        roles = {r for r, _, _ in o.record.spans}
        if not {"source", "target"} <= roles:
            continue
        of += 1
        coded += bool(o.got)
        agree += _joins_gold_dyad(o.record, o.dyads)
    return agree, coded, of


def _joins_gold_dyad(record: GoldRecord, dyads: tuple[tuple[Span | None, Span | None], ...]) -> bool:
    """One coded event overlaps every gold span of the record: its source a gold source, its target a
    gold target (a role the gold leaves unmarked is not asked for)."""
    def hits(role: str, mine: Span | None) -> bool:
        gold = [(b, e) for r, b, e in record.spans if r == role]
        return not gold or (mine is not None and any(mine[0] < ge and gb < mine[1] for gb, ge in gold))

    return any(hits("source", source) and hits("target", target) for source, target in dyads)


def _failure(outcome: _Outcome) -> Failure:
    record = outcome.record
    note = outcome.note
    if record.expected_error:
        note = f"expected no events ({record.expected_error})" + (f"; {note}" if note else "")
    elif record.kind != "petrarch" and not outcome.got:
        note = note or "nothing coded"
    return Failure(
        id=record.id,
        expected=tuple(sorted(record.expected)),
        got=tuple(sorted(outcome.got)),
        expected_label=_gold_label(record),
        got_labels=outcome.labels,
        note=note,
    )


# --------------------------------------------------------------------------- text report


def _fmt_triples(triples: tuple[Triple, ...]) -> str:
    return ", ".join(f"{s}>{t} {c}" for s, t, c in triples) or "(none)"


def _table_header(title: str) -> str:
    return f"{title:<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}"


def _counts_row(name: str, c: Counts) -> str:
    return f"  {name:<12}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}{c.tp:>6}{c.fp:>6}{c.fn:>6}"


def format_report(report: Report, max_failures: int = 10) -> str:
    """A readable text summary: record exact match, P/R/F1 table, label agreement, first failures."""
    lines = [
        f"gold kinds: {', '.join(report.kinds) or '-'}",
        f"records scored: {report.records}   exact: {report.record_exact} "
        f"({report.record_exact_rate:.1%})   skipped: {len(report.skipped)}",
    ]
    if report.triple_records:
        lines += ["", _table_header("triples"), _counts_row("full code", report.full)]
        lines += [_counts_row("root", report.root), "", _table_header("per root")]
        lines += [_counts_row(r.root, r.counts) for r in report.per_root]
    for score, what in ((report.plover, "PLOVER type"), (report.pentaclass, "PentaClass"), (report.marked, "CAMEO root")):
        if score:
            lines.append(
                f"\n{what}: {score.sentences} sentences, coded {score.coded} ({score.coded_rate:.1%}); "
                f"{what} matches in {score.matched} of {score.labelled_coded} coded and labelled "
                f"({score.match_rate:.1%})"
            )
            lines.append(f"  events per coded sentence: {score.events_per_coded:.2f}")
            for role, (agree, coded, of) in (("source", score.source_spans), ("target", score.target_spans)):
                if of:
                    lines.append(
                        f"  {role} span agreement: {agree} of {of} sentences with a gold {role} "
                        f"({agree / of:.1%}); {agree / coded if coded else 0:.1%} of the {coded} coded"
                    )
            agree, coded, of = score.dyad_spans
            if of:
                lines.append(
                    f"  dyad agreement (one event from the gold source to the gold target): {agree} of {of} "
                    f"sentences with both ({agree / of:.1%}); {agree / coded if coded else 0:.1%} of the {coded} coded"
                )
    if report.failures and max_failures > 0:
        shown = min(max_failures, len(report.failures))
        lines += ["", f"failures (first {shown} of {len(report.failures)}):"]
        for f in report.failures[:max_failures]:
            want = f.expected_label if f.expected_label is not None else _fmt_triples(f.expected)
            got = ",".join(f.got_labels) if f.expected_label is not None else _fmt_triples(f.got)
            note = f"  [{f.note}]" if f.note else ""
            lines.append(f"  {f.id}: expected {want} | got {got or '(none)'}{note}")
    return "\n".join(lines)
