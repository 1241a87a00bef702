"""Find, read, merge, compile and load dictionary sets.

* `read_dictionary_dir(path)` reads the text files of a directory.
* `load_dictionaries()` returns the shipped Phoenix set (compiled, cached per process,
  plus eventwire's own additions in ``data/*.additions.{verbs,actors,agents}.txt``);
  `load_dictionaries(DIR)` reads a directory instead, or merges it onto the shipped
  set with ``extend=True``; `load_dictionaries(FILE.json.gz)` loads a compiled file;
  `load_dictionaries("petr_validate")` loads another shipped set by name.
* `to_compiled(ds, out)` / `from_compiled(path)` write and read the compact gzip
  JSON form (stdlib only) that ships in ``eventwire/dictionaries/data``.

File names in a directory (case-insensitive): ``*verbs*`` or ``CAMEO*.txt`` are
verbs, ``*agents*`` agents, ``*discards*`` discards, ``*actors*`` actors (any
number of them, read in name order). ``*Issue*``, ``LICENSE*``, hidden files and
anything else are ignored (`check_dictionary_dir` lists them as warnings).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import operator
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import orjson

from eventwire.dictionaries.actors_reader import read_actors
from eventwire.dictionaries.agents_reader import read_agents
from eventwire.dictionaries.check import Problem
from eventwire.dictionaries.discards_reader import read_discards
from eventwire.dictionaries.extend import extend_dictionaries, replace_same_words
from eventwire.dictionaries.model import (
    ActorEntry,
    AgentEntry,
    DatedCode,
    DictionarySet,
    DiscardEntry,
    PatternElement,
    PatternKind,
    VerbBlock,
    VerbEntry,
    VerbPattern,
    Word,
)
from eventwire.dictionaries.verbs_reader import read_verbs, synset_labels
from eventwire.errors import DictionaryError

__all__ = [
    "SHIPPED",
    "classify_file",
    "from_compiled",
    "load_dictionaries",
    "merge_dictionaries",
    "read_dictionary_dir",
    "to_compiled",
]

#: Dictionary sets shipped compiled in eventwire/dictionaries/data, by name.
SHIPPED = ("phoenix", "petr_validate")
DEFAULT = "phoenix"
FORMAT = "eventwire.dictionaries"
VERSION = 1

_KINDS: tuple[PatternKind, ...] = ("word", "synset", "source", "target", "skip", "prep")
_GROUPS: tuple[Literal["np", "pp"] | None, ...] = (None, "np", "pp")
_POSITIONS: tuple[Literal["suffix", "prefix"], ...] = ("suffix", "prefix")


# ------------------------------------------------------------------ reading text files


def classify_file(name: str) -> str | None:
    """The kind of dictionary a file name holds: "verbs", "agents", "discards", "actors" or None."""
    low = name.lower()
    if low.startswith((".", "license")) or "issue" in low:
        return None
    if "verbs" in low or (low.startswith("cameo") and low.endswith(".txt")):
        return "verbs"
    for kind in ("agents", "discards", "actors"):
        if kind in low:
            return kind
    return None


def read_dictionary_dir(
    path: str | Path, problems: list[Problem] | None = None, known_synsets: Iterable[str] = ()
) -> DictionarySet:
    """Read every dictionary file of a directory into one `DictionarySet` named after it.

    With `problems`, every malformed line is collected there instead of raising.
    `known_synsets`: synset names the verb patterns may use besides their own
    (those of the shipped set, when the directory extends it).
    """
    directory = Path(path)
    if not directory.is_dir():
        raise DictionaryError(
            "not a directory — give the folder that holds the dictionary files", where=str(path)
        )
    files: dict[str, list[Path]] = {"verbs": [], "agents": [], "discards": [], "actors": []}
    for file in sorted(p for p in directory.iterdir() if p.is_file()):
        kind = classify_file(file.name)
        if kind is not None:
            files[kind].append(file)
        elif problems is not None and not file.name.startswith(".") and file.suffix.lower() == ".txt":
            problems.append(Problem(file.name, 0, "file name not recognised — it was ignored", "warning"))
    if not any(files.values()):
        raise DictionaryError(
            "no dictionary files found — expected names containing actors, agents, verbs "
            "(or CAMEO*.txt) or discards",
            where=str(directory),
        )
    if problems is not None:
        # a folder that cannot code anything alone is legal (it may extend the shipped set), but say so
        for kind, what in (("verbs", "no verb dictionary (a file named *verbs* or CAMEO*.txt): alone, this folder "
                            "codes no events"), ("actors", "no actor dictionary (a file named *actors*): alone, "
                            "this folder finds no actors, so it codes no events")):  # fmt: skip
            if not files[kind]:
                problems.append(Problem(directory.name, 0, f"{what}; use it with --extend-dictionaries to add to "
                                        "the shipped Phoenix set", "warning"))  # fmt: skip
    return _read_files(directory.name, files, problems, frozenset(known_synsets))


def _read_files(
    name: str, files: dict[str, list[Path]], problems: list[Problem] | None, known: frozenset[str]
) -> DictionarySet:
    # Same order as `sources`: actors, agents, verbs, discards (so a strict read fails on the first listed).
    actors = [entry for file in files["actors"] for entry in read_actors(file, problems)]
    agents: list[AgentEntry] = []
    substitutions: dict[str, tuple[str, ...]] = {}
    for file in files["agents"]:
        file_agents, file_subs = read_agents(file, problems)
        agents.extend(file_agents)
        substitutions.update(file_subs)
    blocks: list[VerbBlock] = []
    synsets: dict[str, tuple[tuple[Word, ...], ...]] = {}
    # a pattern may use a synset of any verb file of the set, whatever the file order
    known = known.union(*(synset_labels(file) for file in files["verbs"]))
    for file in files["verbs"]:
        file_blocks, file_synsets = read_verbs(file, problems, known)
        blocks.extend(file_blocks)
        synsets.update(file_synsets)
    discards = [entry for file in files["discards"] for entry in read_discards(file, problems)]
    read = [f.name for kind in ("actors", "agents", "verbs", "discards") for f in files[kind]]
    return DictionarySet(
        name=name,
        actors=tuple(actors),
        agents=tuple(agents),
        verbs=tuple(blocks),
        synsets=synsets,
        discards=tuple(discards),
        substitutions=substitutions,
        sources=tuple(read),
    )


def merge_dictionaries(base: DictionarySet, extra: DictionarySet) -> DictionarySet:
    """`extra` merged onto `base` (what ``--extend-dictionaries`` does): `extra`'s entries after
    `base`'s, except that an entry of `extra` re-listing one of `base` takes it over (an actor or
    agent line replaces the same words' line; a re-listed verb is coded by `extra`'s block first;
    see `eventwire.dictionaries.extend`). Synsets and substitution sets of `extra` replace
    same-named ones."""
    return extend_dictionaries(base, extra)


# ------------------------------------------------------------------ loading


def load_dictionaries(path: str | Path | None = None, extend: bool = False) -> DictionarySet:
    """The dictionaries to code with.

    None (or ``"phoenix"``): the shipped default, compiled Phoenix plus eventwire's
    own ``data/*.additions.{verbs,actors,agents}.txt``. A directory: its text files, replacing the
    default, or added to it with ``extend=True`` (its patterns may then use the
    default's synsets). A ``.json.gz`` file: a compiled set (`to_compiled`).
    ``"petr_validate"`` (when no such path exists): that shipped set.
    """
    if path is None:
        return _default()
    candidate = Path(path)
    if candidate.is_dir():
        known = _default().synsets.keys() if extend else ()
        loaded = read_dictionary_dir(candidate, known_synsets=known)
    elif candidate.is_file():
        loaded = from_compiled(candidate)
    elif str(path) == DEFAULT:
        loaded = _default()
    elif str(path) in SHIPPED:
        loaded = _shipped(str(path))
    else:
        shipped = ", ".join(SHIPPED)
        raise DictionaryError(
            f"no such dictionary directory or compiled file — give a directory, a .json.gz file "
            f"or a shipped name ({shipped})",
            where=str(path),
        )
    return merge_dictionaries(_default(), loaded) if extend else loaded


@cache
def _default() -> DictionarySet:
    """Compiled Phoenix + eventwire's additions kept as text in data/ (edited without recompiling):
    ``*.additions.verbs.txt`` patterns, ``*.additions.actors.txt`` names and ``*.additions.agents.txt``
    agents, each entry with its own file:line. Additions come after Phoenix's entries; an added actor
    name that Phoenix (or an earlier additions file) already lists replaces that entry, and a synonym
    set named like a shipped one ("&WEAPON") adds its members to it."""
    base = _shipped(DEFAULT)
    data = resources.files("eventwire.dictionaries").joinpath("data")
    items = sorted((item for item in data.iterdir() if ".additions." in item.name), key=lambda i: i.name)
    blocks, synsets, names = list(base.verbs), dict(base.synsets), list(base.sources)
    actors, agents, substitutions = list(base.actors), list(base.agents), dict(base.substitutions)
    for item in items:
        with resources.as_file(item) as file:
            if item.name.endswith(".additions.verbs.txt"):
                file_blocks, file_synsets = read_verbs(file, known_synsets=base.synsets.keys())
                blocks.extend(file_blocks)
                for name, members in file_synsets.items():  # a shipped set's name adds to that set
                    known = synsets.get(name, ())
                    synsets[name] = known + tuple(m for m in members if m not in known)
            elif item.name.endswith(".additions.actors.txt"):
                # a name listed again replaces the earlier entry, as with --extend-dictionaries: Phoenix's
                # CountryInfo roles stop in January 2014 ("MARK_RUTTE_ [NLDGOV >110101]")
                actors = list(replace_same_words(actors, read_actors(file)))
            elif item.name.endswith(".additions.agents.txt"):
                file_agents, file_subs = read_agents(file)
                agents.extend(file_agents)
                substitutions.update(file_subs)
            else:
                continue
        names.append(item.name)
    return replace(base, verbs=tuple(blocks), synsets=synsets, actors=tuple(actors), agents=tuple(agents),
                   substitutions=substitutions, sources=tuple(names))


@cache
def _shipped(name: str) -> DictionarySet:
    resource = resources.files("eventwire.dictionaries").joinpath(f"data/{name}.json.gz")
    try:
        data = resource.read_bytes()
    except OSError as exc:
        raise DictionaryError(
            "the shipped dictionaries are missing — reinstall eventwire or rebuild them with "
            "python -m eventwire.dictionaries.compile",
            where=str(resource),
        ) from exc
    return _decode(_parse_json(data, str(resource)), str(resource))


# ------------------------------------------------------------------ compiled form


def to_compiled(ds: DictionarySet, out_path: str | Path) -> Path:
    """Write `ds` as compact gzip JSON; `from_compiled` reads it back equal to `ds`."""
    out = Path(out_path)
    payload = json.dumps(_Encoder().encode(ds), ensure_ascii=False, separators=(",", ":"))
    # mtime=0: the same dictionaries give the same bytes, so the shipped file diffs cleanly
    out.write_bytes(gzip.compress(payload.encode("utf-8"), compresslevel=9, mtime=0))
    return out


def from_compiled(path: str | Path) -> DictionarySet:
    """Read a file written by `to_compiled`."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise DictionaryError(
            f"cannot read compiled dictionaries ({exc.strerror or exc})", where=str(file)
        ) from exc
    return _decode(_parse_json(data, str(file)), str(file))


def _parse_json(data: bytes, where: str) -> dict[str, Any]:
    try:
        obj = orjson.loads(gzip.decompress(data))  # read at every start-up: orjson is 3-4x json's speed
    except (OSError, EOFError, ValueError) as exc:
        raise DictionaryError(
            f"not a compiled dictionary file ({exc}) — build one with "
            "python -m eventwire.dictionaries.compile",
            where=where,
        ) from exc
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise DictionaryError("not a compiled eventwire dictionary file", where=where)
    if obj.get("version") != VERSION:
        raise DictionaryError(
            f"compiled dictionary version {obj.get('version')} is not {VERSION} — recompile it with "
            "python -m eventwire.dictionaries.compile",
            where=where,
        )
    return obj


class _Encoder:
    """Tables shared by all entries: each distinct word, file name and code list is stored once."""

    def __init__(self) -> None:
        self.words: dict[Word, int] = {}
        self.files: dict[str, int] = {}
        self.codesets: dict[tuple[DatedCode, ...], int] = {}

    def encode(self, ds: DictionarySet) -> dict[str, Any]:
        body = {
            "actors": [
                [self.phrase(a.words), self.codeset(a.codes), *self.origin(a.origin)] for a in ds.actors
            ],
            "agents": [
                [self.phrase(a.words), a.code, _POSITIONS.index(a.position), *self.origin(a.origin)]
                for a in ds.agents
            ],
            "verbs": [self.block(b) for b in ds.verbs],
            "synsets": {k: [self.phrase(p) for p in v] for k, v in ds.synsets.items()},
            "discards": [
                [self.phrase(d.words), int(d.story_level), *self.origin(d.origin)] for d in ds.discards
            ],
        }
        return {
            "format": FORMAT,
            "version": VERSION,
            "name": ds.name,
            "sources": list(ds.sources),
            "substitutions": {k: list(v) for k, v in ds.substitutions.items()},
            "words": [w.text for w in self.words],
            "stems": "".join("1" if w.stem else "0" for w in self.words),
            "files": list(self.files),
            "codesets": [[[c.code, _ordinal(c.start), _ordinal(c.end)] for c in cs] for cs in self.codesets],
            **body,
        }

    def phrase(self, words: tuple[Word, ...]) -> list[int]:
        table = self.words
        return [table.setdefault(w, len(table)) for w in words]

    def codeset(self, codes: tuple[DatedCode, ...]) -> int:
        return self.codesets.setdefault(codes, len(self.codesets))

    def origin(self, origin: str) -> tuple[int, int | str]:
        file, _, line = origin.rpartition(":")
        if file and line.isdigit() and str(int(line)) == line:
            return self.files.setdefault(file, len(self.files)), int(line)
        return -1, origin  # not "file:line": kept whole

    def block(self, b: VerbBlock) -> list[Any]:
        verbs = [
            [
                list(v.words),
                [list(f) for f in v.forms],
                v.code,
                *self.origin(v.origin),
                _other(v.block, b.name),
            ]
            for v in b.verbs
        ]
        patterns = [
            [
                p.code,
                [_element(e) for e in p.before],
                [_element(e) for e in p.after],
                *self.origin(p.origin),
                p.comment,
                _other(p.block, b.name),
            ]
            for p in b.patterns
        ]
        return [b.name, b.code, *self.origin(b.origin), verbs, patterns]


def _other(value: str, default: str) -> str | None:
    return None if value == default else value


def _element(e: PatternElement) -> list[Any]:
    return [_KINDS.index(e.kind), e.text, int(e.stem), _GROUPS.index(e.group), e.group_id, int(e.joined)]


def _ordinal(day: dt.date | None) -> int | None:
    return None if day is None else day.toordinal()


def _date(ordinal: int | None) -> dt.date | None:
    return None if ordinal is None else dt.date.fromordinal(ordinal)


def _decode(obj: dict[str, Any], where: str) -> DictionarySet:
    try:
        return _Decoder(obj).decode()
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise DictionaryError(
            f"damaged compiled dictionary file ({type(exc).__name__}: {exc}) — recompile it", where=where
        ) from exc


class _Decoder:
    def __init__(self, obj: dict[str, Any]) -> None:
        self.obj = obj
        self.words = [Word(t, s == "1") for t, s in zip(obj["words"], obj["stems"], strict=True)]
        self.files: list[str] = obj["files"]
        days: dict[int | None, dt.date | None] = {}  # a few hundred distinct dates, each made once
        self.codesets = [
            tuple(
                DatedCode(
                    code,
                    days[start] if start in days else days.setdefault(start, _date(start)),
                    days[end] if end in days else days.setdefault(end, _date(end)),
                )
                for code, start, end in cs
            )
            for cs in obj["codesets"]
        ]

    def decode(self) -> DictionarySet:
        obj = self.obj
        phrase, origin = self.phrase, self.origin
        return DictionarySet(
            name=obj["name"],
            actors=tuple(
                ActorEntry(phrase(p), self.codesets[c], origin(f, n)) for p, c, f, n in obj["actors"]
            ),
            agents=tuple(
                AgentEntry(phrase(p), code, _POSITIONS[pos], origin(f, n))
                for p, code, pos, f, n in obj["agents"]
            ),
            verbs=tuple(self.block(b) for b in obj["verbs"]),
            synsets={k: tuple(phrase(p) for p in v) for k, v in obj["synsets"].items()},
            discards=tuple(DiscardEntry(phrase(p), bool(s), origin(f, n)) for p, s, f, n in obj["discards"]),
            substitutions={k: tuple(v) for k, v in obj["substitutions"].items()},
            sources=tuple(obj["sources"]),
        )

    def phrase(self, indexes: list[int]) -> tuple[Word, ...]:
        if len(indexes) == 1:  # most names are one word; itemgetter of one index returns no tuple
            return (self.words[indexes[0]],)
        return operator.itemgetter(*indexes)(self.words) if indexes else ()  # type: ignore[no-any-return]

    def origin(self, file: int, line: int | str) -> str:
        return str(line) if file < 0 else f"{self.files[file]}:{line}"

    def block(self, raw: list[Any]) -> VerbBlock:
        name, code, f, n, verbs, patterns = raw
        return VerbBlock(
            name,
            code,
            tuple(
                VerbEntry(
                    name if blk is None else blk,
                    tuple(words),
                    tuple(tuple(x) for x in forms),
                    vcode,
                    self.origin(vf, vn),
                )
                for words, forms, vcode, vf, vn, blk in verbs
            ),
            tuple(
                VerbPattern(
                    name if blk is None else blk,
                    pcode,
                    tuple(_element_from(e) for e in before),
                    tuple(_element_from(e) for e in after),
                    self.origin(pf, pn),
                    comment,
                )
                for pcode, before, after, pf, pn, comment, blk in patterns
            ),
            self.origin(f, n),
        )


def _element_from(raw: list[Any]) -> PatternElement:
    kind, text, stem, group, group_id, joined = raw
    return PatternElement(_KINDS[kind], text, bool(stem), _GROUPS[group], group_id, bool(joined))
