"""Plain-text stories, and the byte -> text policy every reader shares.

Encoding policy (`decode_bytes`):

1. A byte-order mark wins: UTF-8, UTF-16 or UTF-32 with a BOM are decoded as such.
2. NUL bytes (without a UTF-16/32 BOM) mean binary: rejected, reason ``binary``.
3. UTF-8 is the norm and is decoded silently.
4. Anything else is tried as Windows-1252 (a superset of Latin-1's printable
   characters, and the usual legacy encoding of English-language news). If it
   decodes and reads like mostly-ASCII text, the story is kept and a one-line
   warning naming the file (and line) is logged on ``eventwire.ingest``: losing
   a story over a curly quote helps no one. If it does not decode, or more than
   30% of its letters would be non-ASCII (so it is really Cyrillic, Greek, CJK…
   in some other code page and would come out as mojibake), the story is
   rejected, reason ``encoding``, with a hint to convert it to UTF-8.
5. Decoded text made of more than 10% control characters is rejected as ``binary``.
"""

from __future__ import annotations

import codecs
import logging

from eventwire.errors import BinaryInputError, EmptyInputError, EncodingError, StoryTooLargeError
from eventwire.records import Story

__all__ = [
    "MAX_BYTES_PER_CHAR",
    "decode_bytes",
    "decode_with_note",
    "story_from_text_bytes",
    "too_large_file",
]

LOGGER = logging.getLogger("eventwire.ingest")

#: UTF-8 and UTF-16/32 never need more bytes than this for one (Python) character,
#: so a file larger than max_chars * MAX_BYTES_PER_CHAR bytes is too large unread.
MAX_BYTES_PER_CHAR = 4

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")
_SAMPLE = 8192  # characters/bytes looked at by the "looks binary" checks
_MAX_CONTROL_RATIO = 0.10
_MAX_NON_ASCII_RATIO = 0.30
_CONVERT_HINT = "convert it to UTF-8 (e.g. iconv -f <its encoding> -t UTF-8)"


def decode_bytes(data: bytes, where: str) -> str:
    """Decode one story's bytes under the policy above; `where` names file or file:line in errors.

    A Windows-1252 fallback is logged as a warning on ``eventwire.ingest``.
    """
    text, note = decode_with_note(data, where)
    if note:
        LOGGER.warning("%s", note)
    return text


def decode_with_note(data: bytes, where: str) -> tuple[str, str | None]:
    """Like `decode_bytes`, but return the fallback warning (or None) instead of logging it."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as e:
                raise EncodingError(
                    f"starts with a {encoding.upper()} byte-order mark but is not valid {encoding.upper()} "
                    f"(byte {e.start}); {_CONVERT_HINT}",
                    where=where,
                ) from None
            _check_not_binary_text(text, where)
            return text, None

    if b"\x00" in data:
        raise BinaryInputError(
            "contains NUL bytes, so it looks binary (or UTF-16 without a byte-order mark); "
            "pass plain UTF-8 text or JSON lines",
            where=where,
        )
    note = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        text, note = _decode_legacy(data, where, e)
    _check_not_binary_text(text, where)
    return text, note


def _decode_legacy(data: bytes, where: str, utf8_error: UnicodeDecodeError) -> tuple[str, str]:
    if _control_ratio(data[:_SAMPLE].decode("latin-1")) > _MAX_CONTROL_RATIO:
        raise BinaryInputError(
            "is mostly control bytes, so it looks binary; pass plain UTF-8 text or JSON lines", where=where
        )
    bad_byte = f"0x{data[utf8_error.start]:02X} at byte {utf8_error.start}"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise EncodingError(
            f"is not UTF-8 ({bad_byte}) nor Windows-1252; {_CONVERT_HINT}", where=where
        ) from None
    letters = [c for c in text if c.isalpha()]
    non_ascii = sum(1 for c in letters if not c.isascii())
    if letters and non_ascii / len(letters) > _MAX_NON_ASCII_RATIO:
        raise EncodingError(
            f"is not UTF-8 ({bad_byte}) and reads as mojibake in Windows-1252; {_CONVERT_HINT}",
            where=where,
        )
    return text, f"{where}: not UTF-8 ({bad_byte}); decoded as Windows-1252. Re-save it as UTF-8 to be sure"


def _control_ratio(sample: str) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for c in sample if (c < " " and c not in _TEXT_CONTROLS) or c == "\x7f")
    return controls / len(sample)


def _check_not_binary_text(text: str, where: str) -> None:
    if _control_ratio(text[:_SAMPLE]) > _MAX_CONTROL_RATIO:
        raise BinaryInputError(
            "is mostly control characters, so it looks binary; pass plain UTF-8 text or JSON lines",
            where=where,
        )


def too_large_file(
    size: int, max_story_chars: int, where: str, *, at_least: bool = False
) -> StoryTooLargeError:
    """The error for input whose byte size alone proves it holds too many characters."""
    return StoryTooLargeError(
        f"{'input is over' if at_least else 'file is'} {_human_bytes(size)}, more than a story of at most "
        f"{max_story_chars:,} characters can take; split it into one story per file (or JSON lines), "
        "or raise --max-chars",
        where=where,
    )


def story_from_text_bytes(data: bytes, where: str, *, date: str | None, max_story_chars: int) -> Story:
    """One whole text file -> one Story. Raises an InputError subclass for bad input."""
    if not data.strip():
        raise EmptyInputError("is empty (no text to code); remove it or fill it", where=where)
    text = decode_bytes(data, where)
    if not text.strip():
        raise EmptyInputError(
            "is empty (whitespace only, no text to code); remove it or fill it", where=where
        )
    if len(text) > max_story_chars:
        raise StoryTooLargeError(
            f"story is {len(text):,} characters, over the limit of {max_story_chars:,}; "
            "split it into smaller stories or raise --max-chars",
            where=where,
        )
    return Story(id=Story.derive_id(text), text=text, date=date, origin=where)


def _human_bytes(size: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size:,} bytes"
