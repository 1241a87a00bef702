"""The model's attribute rules and rule lemmatizer, memoised: the same annotations for less work.

spaCy's `attribute_ruler` runs a Matcher of about 180 patterns over every token, and its rule
lemmatizer recomputes most lemmas for every token; on news the two took about a sixth of the
pipeline's time. Both are pure functions of a few token attributes: the attribute rules of
(LOWER, TAG, DEP, IS_SPACE) of the token (and of its neighbour, for a handful of two-token
patterns), a lemma of (ORTH, POS, MORPH). So each distinct key is worked out once, from the
model's own patterns and tables, and reused. `load_nlp` swaps them in for the model's
components; tests/test_nlp_memo.py checks that every token attribute is the same as spaCy's.

Both caches are bounded (`CACHE_LIMIT` keys, then cleared): a process that codes for days keeps
its memory flat, and the cache holds hashes that stay valid across spaCy's memory zones.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

__all__ = ["CACHE_LIMIT", "MemoAttributeRuler", "MemoLemmatizer", "memo_attribute_ruler", "memo_lemmatizer"]

#: distinct keys kept per cache before it is cleared (a few MB)
CACHE_LIMIT = 200_000

# The token attributes the memoised rules may test, in the order of the key tuple.
_KEY_ATTRS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_KEY_IDS = [LOWER, TAG, DEP, IS_SPACE]

Key = tuple[int, int, int, int]
Attrs = dict[object, object]


class Unsupported(ValueError):
    """A pattern the memoised ruler cannot evaluate: the model's own component is kept."""


@dataclass(frozen=True)
class _Test:
    """One attribute test of a pattern element, as spaCy's Matcher evaluates it."""

    slot: int  # position in the key tuple
    kind: str  # "eq", "in", "not_in", "regex"
    values: frozenset[int] = frozenset()
    regex: re.Pattern[str] | None = None

    def __call__(self, key: Key, strings: Callable[[int], str]) -> bool:
        value = key[self.slot]
        if self.kind == "eq" or self.kind == "in":
            return value in self.values
        if self.kind == "not_in":
            return value not in self.values
        assert self.regex is not None
        return self.regex.search(strings(value)) is not None


def _tests(element: dict[str, object]) -> tuple[_Test, ...]:
    tests = []
    for name, spec in element.items():
        if name not in _KEY_ATTRS:
            raise Unsupported(f"pattern attribute {name!r}")
        slot = _KEY_ATTRS.index(name)
        if isinstance(spec, bool):
            tests.append(_Test(slot, "eq", frozenset({int(spec)})))
        elif isinstance(spec, str):
            tests.append(_Test(slot, "eq", frozenset({get_string_id(spec)})))
        elif isinstance(spec, dict) and len(spec) == 1:
            ((op, arg),) = spec.items()
            if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(v, str) for v in arg):
                tests.append(_Test(slot, op.lower(), frozenset(get_string_id(v) for v in arg)))
            elif op == "REGEX" and isinstance(arg, str) and name != "IS_SPACE":
                tests.append(_Test(slot, "regex", regex=re.compile(arg)))
            else:
                raise Unsupported(f"pattern predicate {op!r} on {name}")
        else:
            raise Unsupported(f"pattern value {spec!r} on {name}")
    return tuple(tests)


@dataclass(frozen=True)
class _Rule:
    """One pattern of the ruler: its rule number (later rules win), element tests, target, attributes."""

    number: int
    elements: tuple[tuple[_Test, ...], ...]
    index: int  # which matched token gets the attributes
    attrs: Attrs


def _index_keys(tests: tuple[_Test, ...]) -> list[tuple[int, int]] | None:
    """(slot, value) pairs one of which a token must have to pass `tests`, or None (no such pairs)."""
    for test in tests:
        if test.kind in ("eq", "in"):
            return [(test.slot, v) for v in test.values]
    return None


class MemoAttributeRuler:
    """spaCy's AttributeRuler with each token's outcome looked up by its key.

    As the original: every pattern is matched against the Doc as it comes in, and the matches are
    applied in rule order, later rules overriding earlier ones; each match sets attributes on one
    token, so a token's outcome is its own matches merged in rule order."""

    def __init__(self, ruler: AttributeRuler, limit: int = CACHE_LIMIT) -> None:
        self.vocab = ruler.vocab
        self.limit = limit
        rules: list[_Rule] = []
        for number, entry in enumerate(ruler.patterns):
            for pattern in entry["patterns"]:
                if not pattern or not all(isinstance(e, dict) for e in pattern):
                    raise Unsupported(f"pattern {pattern!r}")
                elements = tuple(_tests(e) for e in pattern)  # type: ignore[arg-type]
                index = entry.get("index", 0)
                if not -len(elements) <= index < len(elements):
                    raise Unsupported(f"index {index} outside pattern {pattern!r}")
                rules.append(_Rule(number, elements, index % len(elements), ruler.attrs[number]))
        # candidate rules by a value their first element requires; the rest are always tried
        self._by_value: dict[tuple[int, int], list[_Rule]] = {}
        self._always: list[_Rule] = []
        for rule in rules:
            keys = _index_keys(rule.elements[0])
            if keys is None:
                self._always.append(rule)
            for k in keys or ():
                self._by_value.setdefault(k, []).append(rule)
        # key -> (this token's single-token matches merged, rules of several tokens starting here)
        self._cache: dict[Key, tuple[tuple[tuple[int, Attrs], ...], Attrs | None, tuple[_Rule, ...]]] = {}

    def _string(self, value: int) -> str:
        return self.vocab.strings[value]

    def _outcome(self, key: Key) -> tuple[tuple[tuple[int, Attrs], ...], Attrs | None, tuple[_Rule, ...]]:
        seen: set[int] = set()
        single: list[tuple[int, Attrs]] = []
        starts: list[_Rule] = []
        candidates = [r for slot, v in enumerate(key) for r in self._by_value.get((slot, v), ())]
        for rule in candidates + self._always:
            if id(rule) in seen:
                continue
            seen.add(id(rule))
            if not all(test(key, self._string) for test in rule.elements[0]):
                continue
            if len(rule.elements) == 1:
                single.append((rule.number, rule.attrs))
            else:
                starts.append(rule)
        single.sort(key=lambda m: m[0])
        merged: Attrs | None = None
        if single:
            merged = {}
            for _, attrs in single:
                merged.update(attrs)
        return tuple(single), merged, tuple(starts)

    def __call__(self, doc: Doc) -> Doc:
        keys: list[Key] = [tuple(row) for row in doc.to_array(_KEY_IDS).tolist()]  # type: ignore[misc]
        cache = self._cache
        outcomes = []
        for key in keys:
            got = cache.get(key)
            if got is None:
                if len(cache) >= self.limit:
                    cache.clear()
                got = cache[key] = self._outcome(key)
            outcomes.append(got)
        # matches of several tokens: which token each one sets, in rule order
        extra: dict[int, list[tuple[int, Attrs]]] = {}
        for start, (_, _, starts) in enumerate(outcomes):
            for rule in starts:
                end = start + len(rule.elements)
                if end <= len(keys) and all(
                    all(test(keys[start + j], self._string) for test in element)
                    for j, element in enumerate(rule.elements[1:], 1)
                ):
                    extra.setdefault(start + rule.index, []).append((rule.number, rule.attrs))
        for i, (single, merged, _) in enumerate(outcomes):
            if i in extra:
                merged = {}
                for _, attrs in sorted([*single, *extra[i]], key=lambda m: m[0]):
                    merged.update(attrs)
            if merged:
                set_token_attrs(doc[i], merged)
        return doc


class MemoLemmatizer:
    """spaCy's rule lemmatizer with each lemma looked up by (ORTH, POS, MORPH): the rule lemmatizer
    is a function of those three, and spaCy's own cache misses every base form."""

    def __init__(self, lemmatizer: Lemmatizer, limit: int = CACHE_LIMIT) -> None:
        if lemmatizer.mode != "rule":
            raise Unsupported(f"lemmatizer mode {lemmatizer.mode!r}")
        self.lemmatizer = lemmatizer
        self.limit = limit
        self._cache: dict[tuple[int, int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        inner = self.lemmatizer
        if not inner._validated:  # the model's tables checked once, as the original does
            return inner(doc)
        cache, overwrite = self._cache, inner.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if lemma and not overwrite:
                continue  # set by the attribute rules
            key = (orth, pos, morph)
            form = cache.get(key)
            token = doc[i]
            if form is None:
                if len(cache) >= self.limit:
                    cache.clear()
                form = cache[key] = inner.lemmatize(token)[0]
            token.lemma_ = form
        return doc


def memo_attribute_ruler(ruler: object) -> MemoAttributeRuler | None:
    """The memoised ruler for `ruler`, or None when it is not a plain AttributeRuler with patterns
    the memoised one understands (then the model's own component stays)."""
    if type(ruler) is not AttributeRuler:
        return None
    try:
        return MemoAttributeRuler(ruler)
    except Unsupported:
        return None


def memo_lemmatizer(lemmatizer: object) -> MemoLemmatizer | None:
    """The memoised lemmatizer for a rule lemmatizer, or None (the model's own component stays)."""
    if not isinstance(lemmatizer, Lemmatizer):
        return None
    try:
        return MemoLemmatizer(lemmatizer)
    except Unsupported:
        return None


_MAKERS: dict[str, Callable[[object], MemoAttributeRuler | MemoLemmatizer | None]] = {
    "attribute_ruler": memo_attribute_ruler,
    "lemmatizer": memo_lemmatizer,
}


@Language.factory("eventwire_memo", assigns=["token.pos", "token.tag", "token.dep", "token.morph", "token.lemma"])
def _make_memo(nlp: Language, name: str, source: str) -> MemoAttributeRuler | MemoLemmatizer:
    memo = _MAKERS[source](nlp.get_pipe(source))
    if memo is None:
        raise Unsupported(f"no memoised form of {source!r}")
    return memo


def swap_in(nlp: Language, names: Sequence[str] = ("attribute_ruler", "lemmatizer")) -> list[str]:
    """Replace the named components of `nlp` by their memoised forms, under the same names and in
    the same places (`disable=` and `select_pipes` still work); the names swapped. A component the
    memoised forms do not understand stays as it is."""
    swapped = []
    for name in names:
        if name not in nlp.pipe_names or _MAKERS[name](nlp.get_pipe(name)) is None:
            continue
        temporary = f"{name}__memo"
        nlp.add_pipe("eventwire_memo", name=temporary, after=name, config={"source": name})
        nlp.remove_pipe(name)
        nlp.rename_pipe(temporary, name)
        swapped.append(name)
    return swapped
