"""CAMEO code tables: names, Goldstein scores, QuadClass, PentaClass, PLOVER map, country names.

The tables ship as package data (``eventwire/data/``, credited in ``data/CREDIT.md``)
and are read once per process, on first use.

Conventions, chosen where the public tables disagree:

* ``name`` is the CAMEO 1.1b3 meaning of the code (ICEWS codebook wording), **not**
  GDELT's lookup label. GDELT's ``CAMEO.eventcodes.txt`` mislabels 101, 103 and
  105-108 (its labels are shifted: it calls 108 "Demand meeting, negotiation",
  which is 106 in CAMEO), so ``event_info("108").name == "Demand mediation"``.
* ``goldstein`` is GDELT's Goldstein score. The label shift does not touch the
  scores (101-108 are all -5.0). The current GDELT lookup merges the line of code
  106 into its neighbour, so 106's score comes from GDELT's 2013 copy (also -5.0).
  ICEWS scores that differ (016, 022, 164, 165) are not used. Six codes missing
  from GDELT (1213, 155, 176, 1834, 1951, 1952) carry their parent's score.
* ``quad_class`` follows GDELT: 1 verbal cooperation (roots 01-05), 2 material
  cooperation (06-09), 3 verbal conflict (10-14), 4 material conflict (15-20).
  ICEWS and the Phoenix pipeline put 01/02 elsewhere; we do not.
* ``pentaclass`` is ConfliBERT's five classes: 0 statement/appeal (01-02),
  1 verbal cooperation (03-05), 2 material cooperation (06-09), 3 verbal conflict
  (10-14), 4 material conflict (15-20).
* PLOVER follows the official CAMEO->PLOVER map (PLOVER manual draft 0.8, 2021).
  CAMEO 01 and 02 have no PLOVER type. Where the map lists a code twice, the first
  row wins: root 08 maps to CONCEDE (its 084-087 children map to RETREAT). Where the
  map contradicts the text of the PLOVER manual of the same commit, the manual wins
  (``_CODEBOOK_CORRECTIONS``: lifted curfews are CONCEDE, resignations RETREAT,
  sanctions SANCTION). Stated intents to yield (035x) stay AGREE, as the map and PLOVER's
  hand-coded records have them.

A code the tables do not list falls back to its parent: a 4-digit code to its
3-digit base, then to its 2-digit root (``event_info("0199")`` returns the entry of
``019``; the returned ``code`` says which entry was used). A code whose root is
not 01-20 raises ``ValueError``.
"""

from __future__ import annotations

import csv
import functools
import json
from dataclasses import dataclass
from importlib import resources

from eventwire.records import Plover

__all__ = [
    "CameoCode",
    "country_kind",
    "country_name",
    "country_of",
    "event_codes",
    "event_info",
    "is_country",
    "is_one_sided",
    "is_valid_code",
    "pentaclass",
    "plover_event_types",
    "plover_for",
]

# Roots without a PLOVER type (PLOVER dropped CAMEO's comment categories).
_NO_PLOVER_ROOTS = frozenset({"01", "02"})

# GDELT country labels with defects recorded in the table's `note` column.
_COUNTRY_LABEL_FIXES = {"COL": "Colombia", "REU": "Reunion"}


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code and what it means."""

    code: str  # with leading zeros, e.g. "0232"
    name: str  # CAMEO 1.1b3 meaning
    goldstein: float  # GDELT Goldstein score, -10 .. +10
    quad_class: int  # GDELT QuadClass 1-4
    root: str  # first two digits
    plover_event: str | None  # None for roots 01/02
    plover_mode: str | None


def _data_text(name: str) -> str:
    return (resources.files("eventwire") / "data" / name).read_text(encoding="utf-8")


def _tsv_rows(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(_data_text(name).splitlines(), delimiter="\t"))


# Rows of the CAMEO->PLOVER map that the PLOVER manual's own text (PLOVER_MANUAL.tex at the map's
# commit 5e0c24f) codes otherwise; the manual is the codebook, the map its draft conversion.
_CODEBOOK_CORRECTIONS: dict[str, Plover] = {
    # Not corrected: CAMEO 035x, the stated intent to yield, stays AGREE as the map has it, although
    # the manual's RETREAT text codes "announced ... would withdraw troops" CONCEDE. AGREE's own text
    # ("agree to, offer, promise ... willingness") covers "agreed to a ceasefire", "offered
    # concessions", "will allow the refugees to return", and PLOVER's hand-coded CAMEO-manual records
    # code such sentences AGREE.
    # CONCEDE: "easing of administrative or legal restrictions ..., removing curfews"; "the lifting
    # of a curfew is, effectively, a promise" and is treated as verbal (the map: RETREAT).
    "0813": Plover(event="CONCEDE"),
    "0814": Plover(event="CONCEDE"),
    # RETREAT "also covers resignations of government officials" (mode resign); CAMEO codes a
    # resignation 0831, acceding to a demand for a change in leadership (the map: CONCEDE).
    "0831": Plover(event="RETREAT", mode="resign"),
    # SANCTION: "International (political or economic) sanctions are coded as 'discontinue'"
    # (the map: COERCE restrict for CAMEO 163, impose embargo, boycott or sanctions).
    "163": Plover(event="SANCTION", mode="discontinue"),
}


@functools.cache
def _plover_table() -> dict[str, Plover]:
    table: dict[str, Plover] = {}
    for row in json.loads(_data_text("cameo2plover.json"))["rows"]:
        # setdefault: the first row wins for the map's duplicate codes (08, 175)
        table.setdefault(row["cameo"], Plover(event=row["plover_event"], mode=row["plover_mode"]))
    table.update(_CODEBOOK_CORRECTIONS)
    return table


@functools.cache
def _event_table() -> dict[str, CameoCode]:
    table: dict[str, CameoCode] = {}
    for row in _tsv_rows("cameo_event_codes.tsv"):
        code = row["code"]
        plover = plover_for(code)
        table[code] = CameoCode(
            code=code,
            name=row["name"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quadclass"]),
            root=row["root_code"],
            plover_event=plover.event if plover else None,
            plover_mode=plover.mode if plover else None,
        )
    return table


@functools.cache
def _country_rows() -> tuple[dict[str, str], ...]:
    return tuple(_tsv_rows("cameo_country_codes.tsv"))


@functools.cache
def _country_table() -> dict[str, str]:
    return {row["code"]: _COUNTRY_LABEL_FIXES.get(row["code"], row["label"]) for row in _country_rows()}


@functools.cache
def _country_kinds() -> dict[str, str]:
    return {row["code"]: row["kind"] for row in _country_rows()}


def _root(code: str) -> str:
    """The 2-digit root, or ValueError naming the legal range."""
    root = code[:2]
    if len(code) < 2 or not root.isdigit() or not 1 <= int(root) <= 20:
        raise ValueError(f"not a CAMEO event code: {code!r}; codes start with a root 01-20, e.g. '0232'")
    return root


def _lineage(code: str) -> list[str]:
    """The code, then its 3-digit base, then its root: the fallback order."""
    code = code.strip()
    _root(code)
    chain = [code, code[:3], code[:2]]
    return list(dict.fromkeys(chain))  # drop repeats, keep order


def event_info(code: str) -> CameoCode:
    """Name, Goldstein, QuadClass, root and PLOVER type of a CAMEO code.

    An unknown 4-digit code falls back to its 3-digit parent, then to its root;
    the returned entry's ``code`` is the one actually found.
    """
    table = _event_table()
    for candidate in _lineage(code):
        if candidate in table:
            return table[candidate]
    raise ValueError(f"unknown CAMEO code {code!r} and no known parent")  # roots are all listed


def event_codes() -> tuple[CameoCode, ...]:
    """Every CAMEO event code of the codebook, in code order."""
    return tuple(_event_table()[code] for code in sorted(_event_table()))


def plover_event_types() -> tuple[str, ...]:
    """The PLOVER event types that CAMEO codes map to, sorted."""
    return tuple(sorted({p.event for p in _plover_table().values() if p.event}))


def plover_for(code: str) -> Plover | None:
    """PLOVER event type and mode for a CAMEO code; None for roots 01 and 02.

    Codes missing from the map (e.g. 155, 1834) take their parent's entry.
    """
    lineage = _lineage(code)
    if lineage[-1] in _NO_PLOVER_ROOTS:
        return None
    table = _plover_table()
    for candidate in lineage:
        if candidate in table:
            return table[candidate]
    return None


def pentaclass(code: str) -> int:
    """ConfliBERT PentaClass of a code: 0 = 01-02, 1 = 03-05, 2 = 06-09, 3 = 10-14, 4 = 15-20."""
    root = int(_root(code.strip()))
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 9:
        return 2
    if root <= 14:
        return 3
    return 4


def is_cameo(code: str | None) -> bool:
    """True when the code has a CAMEO root 01-20 (an unlisted sub-code falls back to its parent).

    Dictionaries may give codes outside CAMEO (the WEIS-style ``21`` or ``1a2`` of the PETRARCH
    validation set): the store keeps them as given, and the CAMEO layouts leave them out."""
    try:
        _root(code.strip() if isinstance(code, str) else "")
    except ValueError:
        return False
    return True


# Event classes an analyst codes with a source alone when the text names no counterpart: the act is
# complete without one. Comments that are about something rather than to someone (011 declining to
# comment, 012/013 pessimism and optimism, 014 considering a policy option, 015 claiming
# responsibility, 016 denying, 017 a symbolic act, 018 sympathy); a side's own yielding (081-083
# easing its restrictions, resigning, acceding; 087 a ceasefire or retreat it declares), the
# restrictions it imposes at home, their mirror (172: a curfew, a state of emergency), the stated
# intent to yield (034, 0351, 0352, 0356: "agreed to step down", "decided to ease the curfew"),
# itself a statement made, and the refusal to yield (123 reform or resignation refused, 1241
# restrictions kept, 1242 dissent kept up, 1246: "refused to step down", "will not end the
# strike", "refuses to lift the ban"); threats (13: "threatened to walk out"), protests (14:
# strikes, hunger strikes, demonstrations) and shows of force (15: "troops remained on alert"); and
# the breach of a ceasefire (196), the mirror of declaring one (087): "the rebels violated the truce".
# Not a bare statement (010: "said" codes its content or nothing), nor appeals, cooperation given,
# releases, eased sanctions or force used, which are done to someone: a missing counterpart there
# is a missing part of the event.
_ONE_SIDED_PREFIXES = (
    "011", "012", "013", "014", "015", "016", "017", "018", "034", "0351", "0352", "0356",
    "081", "082", "083", "087", "123", "1241", "1242", "1246", "13", "14", "15", "172", "196",
)


def is_one_sided(code: str) -> bool:
    """True when an event of this code is complete with a source alone (see `_ONE_SIDED_PREFIXES`)."""
    return code.startswith(_ONE_SIDED_PREFIXES)


def is_valid_code(code: str) -> bool:
    """True when the code itself (not a parent) is in the CAMEO table."""
    return isinstance(code, str) and code in _event_table()


def country_codes() -> tuple[str, ...]:
    """Every CAMEO alpha-3 country/region code of the shipped table."""
    return tuple(_country_table())


def country_kind(alpha3: str) -> str | None:
    """'country', 'subnational' or 'region' for a CAMEO alpha-3 code as written, else None."""
    return _country_kinds().get(alpha3)


def is_country(code: str) -> bool:
    """True for a CAMEO country code ("TUR"), false for regions ("MEA"), IGOs and `---`."""
    return country_kind(code) == "country"


def country_of(actor_code: str) -> str | None:
    """The country an actor code belongs to ("TURCOP" -> "TUR"), None for IGOs, regions, `---`."""
    head = actor_code[:3]
    return head if len(actor_code) >= 3 and is_country(head) else None


def country_name(alpha3: str) -> str | None:
    """English name of a CAMEO alpha-3 country/region code (``"IRQ"`` -> ``"Iraq"``), or None."""
    return _country_table().get(alpha3.strip().upper())


# CAMEO 03x "express intent to ..." counterparts of the cooperative action codes 04-08
# (CAMEO 1.1b3 manual). Conflict codes have no intent form here: a stated intent to attack
# is coded as the action with modality "intended".
_INTENT_BY_PREFIX: tuple[tuple[str, str], ...] = (
    ("045", "039"),
    ("04", "036"),
    ("05", "032"),
    ("061", "0311"),
    ("062", "0312"),
    ("063", "0313"),
    ("064", "0314"),
    ("06", "031"),
    ("071", "0331"),
    ("072", "0332"),
    ("073", "0333"),
    ("074", "0334"),
    ("075", "0333"),  # asylum granted is humanitarian: "will accept refugees" (CAMEO.2.0's ACCEPT * &REFUGEE 0333)
    ("07", "033"),
    ("081", "0351"),
    ("082", "0352"),
    ("0831", "0341"),
    ("0832", "0342"),
    ("0833", "0343"),
    ("0834", "0344"),
    ("083", "034"),
    ("084", "0353"),
    ("085", "0354"),
    ("086", "0355"),
    ("087", "0356"),
    ("08", "035"),
)


def intent_code(code: str) -> str | None:
    """The 03x code for stating an intent to do `code` ("will provide aid" 070 -> 033);
    None when CAMEO has no intent form for it (roots 01-03 and 09-20)."""
    for prefix, intent in _INTENT_BY_PREFIX:
        if code.startswith(prefix):
            return intent
    return None


# CAMEO 12x "reject" / "refuse" counterparts of the cooperative codes 03-08 (CAMEO 1.1b3
# manual): refusing to do what a cooperative code names. "Will not lift the embargo" (085) is
# 1244, "will not release the pilots" (084) is 1243, "will not accept refugees" (0333 as an
# intent, 073 as a deed) is 1223. A stated intent (03x) is refused as what it announces.
_REFUSAL_BY_PREFIX: tuple[tuple[str, str], ...] = (
    ("045", "126"), ("04", "125"), ("036", "125"), ("039", "126"),
    ("061", "1211"), ("062", "1212"), ("063", "1213"), ("06", "121"), ("0311", "1211"), ("0312", "1212"),
    ("0313", "1213"), ("031", "121"),
    ("071", "1221"), ("072", "1222"), ("073", "1223"), ("074", "1224"), ("075", "1223"), ("07", "122"),
    ("0331", "1221"), ("0332", "1222"), ("0333", "1223"), ("0334", "1224"), ("033", "122"),
    ("081", "1241"), ("082", "1242"), ("0831", "1231"), ("0832", "1232"), ("0833", "1233"), ("0834", "1234"),
    ("083", "123"), ("084", "1243"), ("085", "1244"), ("086", "1245"), ("087", "1246"), ("08", "124"),
    ("0351", "1241"), ("0352", "1242"), ("0353", "1243"), ("0354", "1244"), ("0355", "1245"), ("0356", "1246"),
    ("0341", "1231"), ("0342", "1232"), ("0343", "1233"), ("0344", "1234"), ("034", "123"), ("035", "124"),
    ("05", "120"), ("03", "120"),
)


def refusal_code(code: str) -> str | None:
    """The 12x code for refusing to do `code` ("will not release" 084 -> 1243); None for codes
    that are not cooperation (roots 01, 02 and 09-20: "will not attack" is no refusal)."""
    best: tuple[str, str] | None = None
    for prefix, refusal in _REFUSAL_BY_PREFIX:
        if code.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, refusal)
    return best[1] if best is not None else None


# CAMEO's appeal (02x) and demand (10x) codes name what is asked for with the same
# subdivisions as the cooperative actions 04-08 (CAMEO 1.1b3 manual): "demanded that the
# president step down" asks for 0831 and is 1041. Prefix -> (appeal, demand).
_REQUEST_BY_PREFIX: tuple[tuple[str, str, str], ...] = (
    ("045", "028", "108"),
    ("04", "026", "106"),
    ("05", "022", "102"),
    ("061", "0211", "1011"),
    ("062", "0212", "1012"),
    ("063", "0213", "1013"),
    ("064", "0214", "1014"),
    ("06", "021", "101"),
    ("071", "0231", "1031"),
    ("072", "0232", "1032"),
    ("073", "0233", "1033"),
    ("074", "0234", "1034"),
    ("07", "023", "103"),
    ("081", "0251", "1051"),
    ("082", "0252", "1052"),
    ("0831", "0241", "1041"),
    ("0832", "0242", "1042"),
    ("0833", "0243", "1043"),
    ("0834", "0244", "1044"),
    ("083", "024", "104"),
    ("084", "0253", "1053"),
    ("085", "0254", "1054"),
    ("086", "0255", "1055"),
    ("087", "0256", "1056"),
    ("08", "025", "105"),
)


def request_code(asked: str, root: str) -> str | None:
    """The appeal (`root` "02") or demand (`root` "10") code for asking that `asked` be done
    ("0831" step down -> "0241" / "1041"); None when CAMEO has no such form (conflict codes)."""
    column = {"02": 1, "10": 2}.get(root)
    if column is None:
        return None
    for row in _REQUEST_BY_PREFIX:
        if asked.startswith(row[0]):
            return row[column]
    return None


def demand_code(appeal: str) -> str | None:
    """The demand (10x) that parallels an appeal code (02x) in CAMEO's subdivisions ("0241" appeal
    for a change in leadership -> "1041"); None for a code that is no appeal."""
    if appeal == "020":
        return "100"
    for _prefix, appeal_code, demand in _REQUEST_BY_PREFIX:
        if appeal == appeal_code:
            return demand
    return None


@functools.cache
def actor_type_codes() -> frozenset[str]:
    """CAMEO's actor type and role codes (GOV, MIL, IGO, NGO, MNC, ...): never a country or region."""
    return frozenset(row["code"] for row in _tsv_rows("cameo_actor_types.tsv"))
