"""Agent plurals: `{}` asks for none, so the regular plural does not match through its singular."""

from __future__ import annotations

from pathlib import Path

from conftest import make_doc

from eventwire.coding.actors import ActorIndex
from eventwire.dictionaries.agents_reader import read_agents
from eventwire.dictionaries.model import DictionarySet


def _agents_of(tmp_path: Path, sentence: list[tuple[str, str, str]]) -> list[str]:
    path = tmp_path / "t.agents.txt"
    path.write_text("POLICE {} [~COP]\nSOLDIER [~MIL]\nAIRMAN {} [~MIL]\n", encoding="utf-8")
    agents, _ = read_agents(path)
    index = ActorIndex(DictionarySet(name="t", actors=(), agents=agents, verbs=()))
    doc = make_doc([(text, lemma, "NOUN", tag, "ROOT" if i == 0 else "dep", 0) for i, (text, lemma, tag) in enumerate(sentence)])
    return [doc[h.start].text for h in index.scan(list(doc))]


def test_an_agent_written_with_empty_plural_braces_does_not_match_its_regular_plural(tmp_path: Path) -> None:
    """"POLICE {} [~COP]" (PETRARCH's AGENT-22: "Gondor's polices" is no police force): "police"
    matches, "polices" does not; an agent without braces keeps its generated plural ("soldiers")
    and an irregular plural still matches through its lemma ("airmen")."""
    got = _agents_of(tmp_path, [("police", "police", "NNS"), ("polices", "police", "NNS"), ("soldiers", "soldier", "NNS"),
                                ("airmen", "airman", "NNS")])
    assert got == ["police", "soldiers", "airmen"]
