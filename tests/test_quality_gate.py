"""Quality gate: the coder's scores on the shared gold files stay above pinned floors.

Floors sit a little under the figures in docs/RESULTS.md so that noise-free regressions
fail CI; raise them when the coder improves, never lower them to get green.
"""

from __future__ import annotations

import pytest
from conftest import SHARED, require_shared_gold

from eventwire.coding.coder import Coder
from eventwire.dictionaries.loader import load_dictionaries
from eventwire.evaluate.sentences import evaluate, read_gold
from eventwire.evaluate.stories import evaluate_stories, read_story_gold

pytestmark = [pytest.mark.model, pytest.mark.slow]

GOLD = SHARED / "gold"


@pytest.fixture(autouse=True)
def _gold_files() -> None:
    require_shared_gold()


@pytest.fixture(scope="module")
def production_coder() -> Coder:
    return Coder()


def test_gate_petrarch_unit_tests_record_exact_rate():
    """PETRARCH's own unit-test suite, with its validation dictionaries: exact records >= 0.81 (issue 17
    asks 0.80; 0.826 measured in session 9)."""
    coder = Coder(load_dictionaries(SHARED / "dictionaries" / "petr_validate"))
    report = evaluate(read_gold(GOLD / "petr_unittest.jsonl"), coder)
    assert report.records >= 280
    assert report.record_exact_rate >= 0.81


def test_gate_petrarch2_gsr_triple_f1(production_coder):
    """PETRARCH2's GSR sentences with the production dictionaries: triple F1 >= 0.71 (0.7215 measured in
    session 9). The floor came down from 0.73 (0.748 in session 8) on purpose, not to get green: four
    records now differ from PETRARCH2's own output where eventwire follows the CAMEO codebook instead
    (released people are 0841, not RELEASE's bare 084; "the US State Department" is USAGOV, not USA; a
    trip "heads to Beijing" is a visit, not 030; "to give a speech" gives nothing, not 060), each
    with a test of its own. docs/RESULTS.md lists the remaining failures by cause."""
    report = evaluate(read_gold(GOLD / "petr2_gsr.jsonl"), production_coder)
    assert report.f1 >= 0.71


def test_gate_plover_manual_sentences(production_coder):
    """PLOVER's hand-coded CAMEO-manual sentences: >= 83% coded, >= 83% of those with the gold type
    (0.851 and 0.854 measured in session 9)."""
    report = evaluate(read_gold(GOLD / "plover_gsr_cameo_manual.jsonl"), production_coder)
    assert report.plover is not None
    assert report.plover.coded_rate >= 0.83
    assert report.plover.match_rate >= 0.83


def test_gate_conflibert_slice_pentaclass(production_coder):
    """First 400 ConfliBERT sentences: >= 88% coded and >= 90% PentaClass agreement on those (0.903, 0.922
    measured in session 9)."""
    report = evaluate(read_gold(GOLD / "conflibert_cameo_train.jsonl")[:400], production_coder)
    assert report.pentaclass is not None
    assert report.pentaclass.coded_rate >= 0.88
    assert report.pentaclass.match_rate >= 0.90


def test_gate_wire_stories(production_coder):
    """The 20 hand-coded wire stories: precision >= 0.80, must recall >= 0.80, traps <= 5%
    (issues 12 and 17; 0.833, 0.821 and 2.2% measured)."""
    report = evaluate_stories(read_story_gold(GOLD / "wire_stories_dev.jsonl"), production_coder)
    assert report.precision >= 0.80
    assert report.must_recall >= 0.80
    assert report.trap_rate <= 0.05
