"""Direct quotes and their speakers, on the real English model."""

from __future__ import annotations

import pytest

from eventwire.coding.coder import Coder
from eventwire.records import Story

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder()


def quotes(coder: Coder, text: str, date: str = "2008-04-17"):
    return coder.code_story(Story(id="q", text=text, date=date)).quotes


def test_quotes_speaker_after_the_quote_and_continued_quote(coder):
    """`"...," al-Maliki said. "..."`: both quotes are al-Maliki's (IRQGOV in 2008)."""
    text = (
        '"We did not come here to request extra troops for the fight," al-Maliki said. '
        '"We came here to ask for more training and more equipment."'
    )
    found = quotes(coder, text)
    assert [q.quote[:20] for q in found] == ["We did not come here", "We came here to ask "]
    assert [q.speaker.code if q.speaker else None for q in found] == ["IRQGOV", "IRQGOV"]
    assert all(text[q.start : q.end] == q.quote for q in found)


def test_quotes_scare_quotes_are_not_quotations(coder):
    """A quoted word or short phrase ("replace") is not a quote record."""
    text = 'NATO will not "replace" the coalition, the alliance chief said on Thursday.'
    assert quotes(coder, text) == ()


def test_quotes_pronoun_speaker_resolved_from_earlier_sentence(coder):
    """`he said Iraq feels "..."` after naming al-Maliki: the speaker is al-Maliki."""
    text = (
        "Iraqi Prime Minister Nuri al-Maliki met NATO ambassadors in Brussels.\n\n"
        'Later he said Iraq feels "there should be more effort and more speed."'
    )
    (q,) = quotes(coder, text)
    assert q.speaker is not None and q.speaker.code == "IRQGOV"
    assert q.quote == "there should be more effort and more speed."
    assert q.date == "2008-04-17"


def test_quotes_without_speaker_are_kept_with_none(coder):
    """A quotation nobody is said to have said is kept, with speaker None, and not lost."""
    text = 'The banner read "no more war in our towns and villages" across the square.'
    (q,) = quotes(coder, text)
    assert q.speaker is None and q.rule == "quote:no-speaker"
