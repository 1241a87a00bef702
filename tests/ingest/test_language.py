"""ingest.language: confidently non-English stories are skipped as `language: xx`; short texts are not judged."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.cli import main
from eventwire.ingest import is_skip, read_sources
from eventwire.ingest.language import MIN_CHARS, identify
from eventwire.records import Reject, Story

from .conftest import RFERL_TXT

FRENCH = (
    "Le Premier ministre irakien Nouri al-Maliki a exhorté jeudi les pays de l'OTAN à étendre l'effort de "
    "formation de l'alliance dans son pays et à donner davantage d'équipement à la jeune armée irakienne."
)
GERMAN = (
    "Der irakische Ministerpräsident Nuri al-Maliki hat die Nato-Staaten aufgefordert, die Ausbildung der "
    "irakischen Armee auszuweiten und mehr Ausrüstung zu liefern."
)


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_language_non_english_story_is_a_skip(tmp_path: Path) -> None:
    """French and German stories become Rejects with reason `language: fr` / `language: de`, which are skips."""
    items = list(read_sources([write(tmp_path / "fr.txt", FRENCH), write(tmp_path / "de.txt", GERMAN)]))
    assert [i.reason for i in items if isinstance(i, Reject)] == ["language: fr", "language: de"]
    assert all(is_skip(i.reason) for i in items if isinstance(i, Reject))
    assert "--no-language-check" in items[0].message  # type: ignore[union-attr]


def test_language_english_news_with_many_names_is_kept() -> None:
    """The RFE/RL story (English, full of foreign names) is kept."""
    (story,) = read_sources([str(RFERL_TXT)])
    assert isinstance(story, Story)


def test_language_short_english_sentence_of_names_is_kept(tmp_path: Path) -> None:
    """A one-sentence English story made mostly of names reads to langid as another language; its
    lowercase words are English function words, so it is kept. A short French or Slovenian sentence
    of the same kind is still skipped."""
    names = "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Yang Jiechi in Beijing on Wednesday."
    found = identify(names)
    assert found is not None and found[0] != "en"  # what langid makes of it
    slovene = "Ruski zunanji minister Sergej Lavrov se je v sredo v Pekingu sestal s kitajskim zunanjim ministrom."
    french_short = "Le ministre russe Sergueï Lavrov a rencontré mercredi à Pékin son homologue chinois Yang Jiechi."
    items = list(read_sources([write(tmp_path / f"{n}.txt", t) for n, t in
                               (("en", names), ("sl", slovene), ("fr", french_short))]))  # fmt: skip
    assert isinstance(items[0], Story)
    assert [i.reason for i in items[1:] if isinstance(i, Reject)] == [f"language: {identify(slovene)[0]}", "language: fr"]  # type: ignore[index]


def test_language_short_texts_are_not_judged(tmp_path: Path) -> None:
    """A text under MIN_CHARS non-space characters is coded whatever it looks like."""
    short = "L'OTAN et l'Irak discutent à Bruxelles."
    assert sum(not c.isspace() for c in short) < MIN_CHARS
    assert identify(short) is None
    (story,) = read_sources([write(tmp_path / "short.txt", short)])
    assert isinstance(story, Story)


def test_language_check_can_be_turned_off(tmp_path: Path) -> None:
    """language_check=False keeps a French story."""
    (story,) = read_sources([write(tmp_path / "fr.txt", FRENCH)], language_check=False)
    assert isinstance(story, Story) and story.text == FRENCH


def test_language_cli_counts_skips_and_flag_keeps_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fake_coder: None
) -> None:
    """The summary counts `language: fr` as skipped (not rejected, not --strict); --no-language-check codes it."""
    fr = write(tmp_path / "fr.txt", FRENCH)
    en = write(tmp_path / "en.txt", "NATO met Iraq in Brussels.")
    assert main(["code", fr, en, "--workers", "1", "--date", "2008-04-17", "--strict"]) == 0
    assert capsys.readouterr().err.rstrip().splitlines()[-1] == (
        "2 stories read, 1 coded, 1 event, 0 rejected, 1 skipped (1 language: fr)"
    )
    assert main(["code", fr, en, "--workers", "1", "--date", "2008-04-17", "--no-language-check"]) == 0
    assert (
        capsys.readouterr().err.rstrip().splitlines()[-1] == "2 stories read, 2 coded, 2 events, 0 rejected"
    )
