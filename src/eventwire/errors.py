"""One exception hierarchy for eventwire.

    EventwireError                 base: every message says what to do next
    ├── InputError                 a user's input cannot be read (file, line, encoding, size)
    │   ├── EmptyInputError
    │   ├── BinaryInputError
    │   ├── EncodingError
    │   ├── StoryTooLargeError
    │   ├── BadRecordError         a JSONL line that is not JSON or has no text
    │   ├── BadDateError
    │   ├── BadFeedError           not an RSS/Atom feed, or a feed with no entries
    │   ├── UnsafeXMLError         a feed that declares XML entities (XXE, billion laughs)
    │   ├── BadArchiveError        not a WARC file, a broken one, or damaged gzip
    │   ├── TruncatedInputError    a gzip stream or WARC record that ends early
    │   ├── UnsupportedURLError    a URL that is not http(s)
    │   └── FetchError             an http(s) URL that could not be fetched
    ├── DictionaryError            a dictionary file has a malformed line (file:line)
    ├── GoldFileError              a gold file for `evaluate` cannot be read
    └── ConfigError                an option value is out of range
        └── OptionError            ...naming the option object's field (`date`, `workers`)

The CLI catches EventwireError and prints `error: <message>` on one line;
anything else is a bug and deserves its traceback.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "BadArchiveError",
    "BadDateError",
    "BadFeedError",
    "BadRecordError",
    "BinaryInputError",
    "ConfigError",
    "DictionaryError",
    "EmptyInputError",
    "EncodingError",
    "EventwireError",
    "FetchError",
    "GoldFileError",
    "InputError",
    "OptionError",
    "StoryTooLargeError",
    "TruncatedInputError",
    "UnsafeXMLError",
    "UnsupportedURLError",
]


class EventwireError(Exception):
    """Base of every error eventwire raises on purpose."""

    #: short machine-readable reason used in batch reject lists
    reason: str = "error"

    def __init__(self, message: str, *, where: str | None = None) -> None:
        self.message = message
        self.where = where
        super().__init__(f"{where}: {message}" if where else message)


class InputError(EventwireError):
    reason = "bad-input"


class EmptyInputError(InputError):
    reason = "empty"


class BinaryInputError(InputError):
    reason = "binary"


class EncodingError(InputError):
    reason = "encoding"


class StoryTooLargeError(InputError):
    reason = "too-large"


class BadRecordError(InputError):
    reason = "bad-record"


class BadDateError(InputError):
    reason = "bad-date"


class BadFeedError(InputError):
    reason = "bad-feed"


class UnsafeXMLError(InputError):
    reason = "unsafe-xml"


class BadArchiveError(InputError):
    reason = "bad-archive"


class TruncatedInputError(InputError):
    reason = "truncated"


class UnsupportedURLError(InputError):
    reason = "unsupported-url"


class FetchError(InputError):
    reason = "fetch"


class DictionaryError(EventwireError):
    reason = "dictionary"


class GoldFileError(EventwireError):
    reason = "gold-file"


class ConfigError(EventwireError):
    reason = "config"


class OptionError(ConfigError):
    """An option value that cannot be used, named by its *field* (``date``, ``workers``), not a flag.

    `template` names fields in braces, values by keyword: ``OptionError("workers", "{workers} must be
    at least 1, not {value}", value=0)``. `str()` says "workers must be at least 1, not 0"; a front
    end calls `render` with its own names for the fields ({"workers": "--workers"})."""

    reason = "option"

    def __init__(self, field: str, template: str, **values: object) -> None:
        self.field = field
        self.template = template
        self.values = values
        super().__init__(self.render({}))

    def render(self, names: Mapping[str, str]) -> str:
        return self.template.format_map(_Names(names, self.values))


class _Names(dict[str, object]):
    """format_map lookup: a value given by keyword, else the front end's name of a field, else the field."""

    def __init__(self, names: Mapping[str, str], values: Mapping[str, object]) -> None:
        super().__init__(values)
        self._names = names

    def __missing__(self, key: str) -> str:
        return self._names.get(key, key)
