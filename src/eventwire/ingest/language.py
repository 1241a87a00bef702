"""Which language a story is written in, with langid's bundled model (no download).

The dictionaries and the parser are English, so a story langid reads as another
language with probability >= 0.90 becomes a Reject with reason
``language: xx`` (ISO 639-1 code) instead of yielding nonsense events. A text of
fewer than 80 non-space characters is not judged (langid is unreliable on a
headline), nor is a story langid is unsure about: both are coded. A short text (under
400 non-space characters) that langid reads as another language is still coded when at
least half of its lowercase words, and two or more, are English function words: a news
sentence of names ("Russian Foreign Minister Sergei Lavrov met ... in Beijing on
Wednesday") gives langid little but names to go on. Only the
first 10,000 characters are read. The model (about 30 MB once unpacked) loads
once per process, when the first story long enough to judge needs it (or, when
`read_sources` fetches URLs, in a background thread while the first pages are fetched:
`preload_language_model`). langid ships it bz2-compressed and pickled (2 s of
CPU to unpack), so the unpacked arrays are kept in a cache file
(``$EVENTWIRE_CACHE_DIR``, else ``$XDG_CACHE_HOME/eventwire`` or ``~/.cache/eventwire``)
named by a hash of langid's model: later processes read them in milliseconds. No cache
(unwritable, damaged) only costs the unpacking.
"""

from __future__ import annotations

import array
import logging
import os
import re
import threading
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from eventwire.records import Reject, Story

__all__ = [
    "ACCEPTED_LANGUAGES",
    "MIN_CHARS",
    "MIN_PROBABILITY",
    "check_language",
    "identify",
    "preload_language_model",
]

ACCEPTED_LANGUAGES = frozenset({"en"})
MIN_CHARS = 80
SHORT_TEXT_CHARS = 400  # below this, English function words can overrule langid
MIN_PROBABILITY = 0.90
_SAMPLE_CHARS = 10_000

LOGGER = logging.getLogger("eventwire.ingest")

_identifier: Any = None
_preloading = False
_lock = threading.Lock()


def identify(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) for `text`, or None when it is too short to judge."""
    if sum(1 for c in text[:_SAMPLE_CHARS] if not c.isspace()) < MIN_CHARS:
        return None
    return _classify(_model(), text[:_SAMPLE_CHARS])


def _classify(model: Any, text: str) -> tuple[str, float]:
    """langid's `classify`, summing only the features present in `text`.

    langid multiplies a mostly-zero uint32 count vector by its whole float32
    7480x97 matrix, converting the matrix to float64 on every call (~4 ms); the
    same sum over the non-zero rows gives the same answer ~20x faster.
    """
    import numpy as np

    counts = model.instance2fv(text)
    rows = np.flatnonzero(counts)
    scores = counts[rows].astype(np.float64) @ model.nb_ptc[rows].astype(np.float64) + model.nb_pc
    probs = model.norm_probs(scores)
    best = int(np.argmax(probs))
    return str(model.nb_classes[best]), float(probs[best])


def check_language(
    items: Iterable[Story | Reject], accepted: frozenset[str] = ACCEPTED_LANGUAGES
) -> Iterator[Story | Reject]:
    """`items` with each confidently non-English Story replaced by a ``language: xx`` Reject, and
    each other Story's `language` set to langid's guess (when its text is long enough to judge)."""
    for item in items:
        if isinstance(item, Story):
            found = identify(item.text)
            if (
                found is not None
                and found[0] not in accepted
                and found[1] >= MIN_PROBABILITY
                and not ("en" in accepted and _short_english(item.text))
            ):
                lang, prob = found
                where = item.origin or item.id
                yield Reject(
                    origin=where,
                    reason=f"language: {lang}",
                    message=f"{where}: reads as language '{lang}' (p={prob:.2f}), not English; the coder's "
                    "dictionaries are English (pass --no-language-check to code it anyway)",
                )
                continue
            if found is not None:  # judged: recorded once, so the store need not guess again
                item = replace(item, language=found[0])
        yield item


_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def _short_english(text: str) -> bool:
    """A short text whose lowercase words (names aside) are mostly English function words."""
    if sum(1 for c in text if not c.isspace()) >= SHORT_TEXT_CHARS:
        return False
    from spacy.lang.en.stop_words import STOP_WORDS  # a word list: no model is loaded

    lower = [w for w in _WORD.findall(text) if w.islower()]
    hits = sum(w in STOP_WORDS for w in lower)
    return hits >= 2 and 2 * hits >= len(lower)


def preload_language_model() -> None:
    """Start loading the model in a background thread (bz2 releases the GIL); returns at once."""
    global _preloading
    with _lock:
        if _identifier is not None or _preloading:
            return
        _preloading = True
    threading.Thread(target=_model, name="langid-load", daemon=True).start()


def _model() -> Any:
    global _identifier
    with _lock:
        if _identifier is None:
            _identifier = _load_identifier()
    return _identifier


def _load_identifier() -> Any:
    """langid's `LanguageIdentifier.from_modelstring(model, norm_probs=True)`, from the cache file
    when there is one (see the module docstring)."""
    from langid.langid import LanguageIdentifier, model

    path = _cache_path(model)
    arrays = _read_cache(path) if path is not None else None
    if arrays is None:
        arrays = _unpack(model)
        if path is not None:
            _write_cache(path, arrays)
    nb_ptc, nb_pc, classes = arrays["nb_ptc"], arrays["nb_pc"], arrays["nb_classes"]
    nextmove = array.array(str(arrays["nextmove_type"]), arrays["tk_nextmove"].tobytes())
    ends = arrays["out_ends"].tolist()
    flat = arrays["out_values"].tolist()
    starts = [0, *ends[:-1]]
    tk_output = {k: tuple(flat[a:b]) for k, a, b in zip(arrays["out_keys"].tolist(), starts, ends, strict=True)}
    return LanguageIdentifier(
        nb_ptc, nb_pc, nb_ptc.shape[0], classes.tolist(), nextmove, tk_output, norm_probs=True
    )


def _unpack(model: bytes | str) -> dict[str, Any]:
    """langid's packed model as the arrays `from_modelstring` builds, in a form `numpy.savez` keeps."""
    import base64
    import bz2
    import pickle

    import numpy as np

    nb_ptc, nb_pc, nb_classes, tk_nextmove, tk_output = pickle.loads(bz2.decompress(base64.b64decode(model)))
    pc = np.array(nb_pc)
    keys = sorted(tk_output)
    lengths = [len(tk_output[k]) for k in keys]
    return {
        "nb_ptc": np.array(nb_ptc).reshape(len(nb_ptc) // len(pc), len(pc)),
        "nb_pc": pc,
        "nb_classes": np.array(nb_classes),
        "tk_nextmove": np.frombuffer(tk_nextmove.tobytes(), dtype=np.dtype(tk_nextmove.typecode)),
        "nextmove_type": np.array(tk_nextmove.typecode),
        "out_keys": np.array(keys, dtype=np.int64),
        "out_ends": np.cumsum(np.array(lengths, dtype=np.int64)),
        "out_values": np.array([v for k in keys for v in tk_output[k]], dtype=np.int64),
    }


def _cache_path(model: bytes | str) -> Path | None:
    import hashlib

    root = os.environ.get("EVENTWIRE_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "eventwire"
    )
    if not root:
        return None
    packed = model if isinstance(model, bytes) else model.encode("ascii", "replace")
    digest = hashlib.sha1(packed).hexdigest()[:16]
    return Path(root) / f"langid-{digest}-v1.npz"


def _read_cache(path: Path) -> dict[str, Any] | None:
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as data:
            return {name: data[name] for name in data.files}
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
        return None  # none yet, or damaged: unpacked again and rewritten


def _write_cache(path: Path, arrays: dict[str, Any]) -> None:
    """Written under a temporary name and renamed: a reader never sees half a file."""
    import tempfile

    import numpy as np

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                np.savez(out, **arrays)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as exc:
        LOGGER.debug("no langid cache at %s (%s): unpacking the model each time", path, exc)
