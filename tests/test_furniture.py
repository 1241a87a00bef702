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
