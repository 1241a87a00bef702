"""A meeting's or a signing's place is where it happened, not a party to it ("met in Bree"), unless
the verb moves someone there (an arrival, a visit) or `venue_targets` asks for PETRARCH's habit."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import code_parsed, make_doc, triples

from eventwire.dictionaries.model import DictionarySet, VerbBlock, VerbEntry


@pytest.fixture(scope="module")
def ds(tiny_dictionaries: DictionarySet) -> DictionarySet:
    meet = VerbBlock("MEET", "040", (VerbEntry("MEET", ("MEET",), (), None, "t.verbs:1"),), (), "t.verbs:1")
    sign = VerbBlock("SIGN", "057", (VerbEntry("SIGN", ("SIGN",), (), None, "t.verbs:2"),), (), "t.verbs:2")
    arrive = VerbBlock("ARRIVE", "040", (VerbEntry("ARRIVE", ("ARRIVE",), (), None, "t.verbs:3"),), (), "t.verbs:3")
    return dataclasses.replace(tiny_dictionaries, verbs=tiny_dictionaries.verbs + (meet, sign, arrive))


def _in_bree(verb: str, lemma: str, obj: tuple[str, ...] = ()) -> list[tuple[str, str, str, str, str, int]]:
    """ "Arnor VERB [OBJ] in Bree ." """
    rows = [("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1), (verb, lemma, "VERB", "VBD", "ROOT", 1)]
    rows += [(w, w.lower(), "NOUN", "NN", "dobj", 1) for w in obj]
    n = len(rows)
    return rows + [("in", "in", "ADP", "IN", "prep", 1), ("Bree", "Bree", "PROPN", "NNP", "pobj", n),
                   (".", ".", "PUNCT", ".", "punct", 1)]


def test_a_meeting_place_is_no_target(ds):
    assert triples(code_parsed(ds, make_doc(_in_bree("met", "meet")))) == []
    assert triples(code_parsed(ds, make_doc(_in_bree("signed", "sign", ("pact",))))) == []


def test_a_meeting_with_a_named_partner_keeps_the_partner_not_the_place(ds):

    spec = [("Arnor", "Arnor", "PROPN", "NNP", "nsubj", 1), ("met", "meet", "VERB", "VBD", "ROOT", 1),
            ("Gondor", "Gondor", "PROPN", "NNP", "dobj", 1), ("in", "in", "ADP", "IN", "prep", 1),
            ("Bree", "Bree", "PROPN", "NNP", "pobj", 3), (".", ".", "PUNCT", ".", "punct", 1)]
    assert triples(code_parsed(ds, make_doc(spec))) == [("ARN", "GON", "040")]


def test_an_arrival_or_a_visit_is_aimed_at_the_place(ds):
    assert triples(code_parsed(ds, make_doc(_in_bree("arrived", "arrive")))) == [("ARN", "BRE", "040")]


def test_venue_targets_codes_the_place_as_petrarch_does(ds):
    assert triples(code_parsed(ds, make_doc(_in_bree("met", "meet")), venue_targets=True)) == [("ARN", "BRE", "040")]


def test_a_force_deed_in_a_place_still_hits_the_place(ds):
    assert triples(code_parsed(ds, make_doc(_in_bree("attacked", "attack")))) == [("ARN", "BRE", "190")]
