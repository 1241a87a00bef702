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

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.lookups import Lookups, Table
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

__all__ = ["CACHE_LIMIT", "MemoAttributeRuler", "MemoLemmatizer", "memo_attribute_ruler", "memo_lemmatizer", "swap_in"]

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


def _index_test(tests: tuple[_Test, ...]) -> _Test | None:
    """The test to index an element by: an equality (or IN) on the most selective attribute, None for none."""
    usable = [t for t in tests if t.kind in ("eq", "in")]
    return min(usable, key=lambda t: (t.slot, len(t.values))) if usable else None  # LOWER first


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
        # Candidate rules by the value their first element's index test requires, with the tests left
        # to check; a key has one value per slot, so it meets each indexed rule at most once.
        Candidate = tuple[_Rule, tuple[_Test, ...]]
        self._by_value: dict[tuple[int, int], list[Candidate]] = {}
        self._always: list[Candidate] = []
        for rule in rules:
            first = rule.elements[0]
            pick = _index_test(first)
            if pick is None:
                self._always.append((rule, first))
                continue
            rest = tuple(t for t in first if t is not pick)
            for value in pick.values:
                self._by_value.setdefault((pick.slot, value), []).append((rule, rest))
        # key -> (this token's single-token matches merged, rules of several tokens starting here)
        self._cache: dict[Key, tuple[tuple[tuple[int, Attrs], ...], Attrs | None, tuple[_Rule, ...]]] = {}

    def _string(self, value: int) -> str:
        return self.vocab.strings[value]

    def _outcome(self, key: Key) -> tuple[tuple[tuple[int, Attrs], ...], Attrs | None, tuple[_Rule, ...]]:
        single: list[tuple[int, Attrs]] = []
        starts: list[_Rule] = []
        strings = self._string
        by_value = self._by_value
        for slot, value in enumerate(key):
            for rule, rest in by_value.get((slot, value), ()):
                if rest and not all(test(key, strings) for test in rest):
                    continue
                if len(rule.elements) == 1:
                    single.append((rule.number, rule.attrs))
                else:
                    starts.append(rule)
        for rule, tests in self._always:
            if all(test(key, strings) for test in tests):
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
        # The rules ask `form in index`, and the model's index of known words is a list per part of
        # speech (57,000 nouns): a scan for every candidate form. The same words as sets answer the
        # same; the tables are this component's own copy (`swap_in` has taken it out of the pipeline).
        tables = lemmatizer.lookups
        if tables.has_table("lemma_index"):
            index = tables.get_table("lemma_index")
            as_sets = Table(name="lemma_index")
            for key, words in index.items():
                as_sets[key] = frozenset(words) if isinstance(words, list) else words
            copy = Lookups()
            for name in tables.tables:
                copy.set_table(name, as_sets if name == "lemma_index" else tables.get_table(name))
            lemmatizer.lookups = copy
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


#: memoised components `swap_in` has made, by id of the component they replace, for the factory
_MADE: dict[int, MemoAttributeRuler | MemoLemmatizer] = {}


@Language.factory("eventwire_memo", assigns=["token.pos", "token.tag", "token.dep", "token.morph", "token.lemma"])
def _make_memo(nlp: Language, name: str, source: str) -> MemoAttributeRuler | MemoLemmatizer:
    component = nlp.get_pipe(source)
    memo = _MADE.pop(id(component), None)
    if memo is None:
        memo = _MAKERS[source](component)
    if memo is None:
        raise Unsupported(f"no memoised form of {source!r}")
    return memo


def swap_in(nlp: Language, names: Sequence[str] = ("attribute_ruler", "lemmatizer")) -> list[str]:
    """Replace the named components of `nlp` by their memoised forms, under the same names and in
    the same places (`disable=` and `select_pipes` still work); the names swapped. A component the
    memoised forms do not understand stays as it is."""
    swapped = []
    for name in names:
        if name not in nlp.pipe_names:
            continue
        component = nlp.get_pipe(name)
        memo = _MAKERS[name](component)
        if memo is None:
            continue
        _MADE[id(component)] = memo  # the factory takes it: made once, not twice
        temporary = f"{name}__memo"
        try:
            nlp.add_pipe("eventwire_memo", name=temporary, after=name, config={"source": name})
        finally:
            _MADE.pop(id(component), None)
        nlp.remove_pipe(name)
        nlp.rename_pipe(temporary, name)
        swapped.append(name)
    return swapped
