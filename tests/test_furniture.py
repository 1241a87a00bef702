"""Page furniture is recognised and the story's own sentences are not."""

from __future__ import annotations

import pytest

from eventwire.coding.furniture import furniture_sentences
from eventwire.nlp import load_nlp

pytestmark = pytest.mark.model


def test_furniture_menus_banners_and_legal_lines_but_not_the_story():
    """Menu and banner lines, a headline and a 'click here' notice are furniture; story sentences are not."""
    text = (
        "Accessibility links\n\nBreaking News\n\nNATO: Iraq Asks Alliance For Help\n\n"
        "Iraq asked NATO for more training on Thursday. The alliance said it would consider the request.\n\n"
        "To find out more, click here."
    )
    doc = load_nlp()(text)
    sents = list(doc.sents)
    furniture = furniture_sentences(doc, sents)
    kept = [s.text.strip() for i, s in enumerate(sents) if i not in furniture]
    assert kept == ["Iraq asked NATO for more training on Thursday.", "The alliance said it would consider the request."]


def test_furniture_single_paragraph_without_final_period_is_kept():
    """A one-paragraph story whose last sentence lacks a period (a wire sentence) is not furniture."""
    doc = load_nlp()("The Calenardhon government condemned an attack by Osgiliath soldiers on Thursday")
    assert furniture_sentences(doc, list(doc.sents)) == set()


def _kept(text: str) -> list[str]:
    doc = load_nlp()(text)
    sents = list(doc.sents)
    furniture = furniture_sentences(doc, sents)
    return [s.text.strip() for i, s in enumerate(sents) if i not in furniture and s.text.strip()]


def test_captions_headline_lists_and_labelled_lines_are_furniture():
    """Photo captions (by label or credit), ' | ' headline lists, tickers, editor and credit lines give no sentence."""
    text = (
        "By ANNA FERRO, Staff Writer\n\n"
        "LIVE: Storm over Osgiliath - follow our latest updates\n\n"
        "Gondor recalled its envoy from Mordor on Tuesday.\n\n"
        "Photo: Gondorian soldiers guard the bridge at Osgiliath on Monday. (AP Photo/Jon Smith)\n\n"
        "Rohan riders patrol the western fords before dawn (Gondor News)\n\n"
        "Soldiers march past the old fortress at the river. REUTERS/Stringer\n\n"
        "The envoy will return home next week.\n\n"
        "Off the wire: Rohan elects a new king | Mordor closes its border\n\n"
        "Harad hails the treaty | Umbar fleet sails south | Rhun votes\n\n"
        "(Additional reporting by Lea Marsh in Minas Tirith; Editing by Tom Reed)\n\n"
        "Editor: Wu Lin"
    )
    assert _kept(text) == ["Gondor recalled its envoy from Mordor on Tuesday.", "The envoy will return home next week."]


def test_a_sentence_repeated_later_in_the_story_is_furniture_once():
    """A caption or pull quote that repeats a body sentence word for word is coded once, where it first stands."""
    text = (
        "Gondor recalled its envoy from Mordor on Tuesday.\n\n"
        "The envoy will return home next week.\n\n"
        "Gondor recalled its envoy from Mordor on Tuesday."
    )
    assert _kept(text) == ["Gondor recalled its envoy from Mordor on Tuesday.", "The envoy will return home next week."]


def test_body_sentences_that_resemble_labels_are_kept():
    """'Video-sharing', a body sentence ending with an abbreviation pair, and a short list of names stay."""
    text = (
        "Video-sharing sites were blocked in Gondor on Monday.\n\n"
        "The talks were chaired by the UN/AU mission.\n\n"
        "Rohan, Gondor and Arnor signed the pact in Edoras.\n\n"
        "The treaty takes effect in May."
    )
    assert len(_kept(text)) == 4


def test_the_last_unpunctuated_line_of_a_page_is_furniture():
    """A headline on the page's last line (no line break after it) is furniture like any other."""
    text = "Gondor recalled its envoy on Tuesday.\n\nThe envoy will return home.\n\nRelated news Gondor and Rohan hold talks"
    assert _kept(text) == ["Gondor recalled its envoy on Tuesday.", "The envoy will return home."]


def test_a_labelled_caption_in_a_two_line_record_is_furniture():
    """Line rules need only lines, not several paragraphs: a caption under a one-paragraph story goes."""
    text = "Gondor recalled its envoy from Mordor on Tuesday.\nPhoto: Gondor's envoy leaves Mordor. (AP Photo)"
    assert _kept(text) == ["Gondor recalled its envoy from Mordor on Tuesday."]


def test_bulleted_headline_list_is_furniture():
    """Headlines joined by ' • ' are a list, like ' | '."""
    text = "Gondor recalled its envoy on Tuesday.\n\nRohan votes • Mordor shuts border • Harad hails pact.\n\nThe envoy will return home."
    assert _kept(text) == ["Gondor recalled its envoy on Tuesday.", "The envoy will return home."]
