"""The reader registry: one `Reader` per kind of document, the one place to add a new kind.

A reader says which file extensions are its own, how to recognise its documents from their
first bytes (`sniff`), and how to read one open document into Stories and Rejects (`read`).
`eventwire.ingest.read_sources` dispatches on this registry; the command line's
``--input-format`` choices and the table in docs/ingest.md are made from it.

Adding a kind (say, PDF): write ``ingest/pdf.py`` with a ``read(doc, run)`` function and add
one `register(Reader(...))` line at the end of ``ingest/__init__.py``, where the shipped readers
register (registration order is sniffing order).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Protocol

from eventwire.records import Reject, Story

if TYPE_CHECKING:
    from eventwire.ingest import _Run

__all__ = [
    "Document",
    "ReadFn",
    "Reader",
    "SniffFn",
    "by_extension",
    "input_formats",
    "markdown_table",
    "reader",
    "readers",
    "register",
]


@dataclass(frozen=True, slots=True)
class Document:
    """One open input: `stream` (its first bytes, `head`, are already in it), its size when known,
    the name to report it by, and its path (for the extension; ``-`` for stdin). `check`, when set,
    raises once the whole document has been read if the stream was cut short (gzip)."""

    stream: IO[bytes]
    head: bytes
    size: int | None
    name: str
    path: str
    check: Callable[[], None] | None = None


class ReadFn(Protocol):
    def __call__(self, doc: Document, run: _Run) -> Iterator[Story | Reject]: ...


#: (the text after any XML prolog, lower-cased; the position where it starts; the raw first bytes)
SniffFn = Callable[[str, int, bytes], bool]


@dataclass(frozen=True, slots=True)
class Reader:
    """A kind of document. `sniff_wins`: a positive sniff beats the file's extension (a page saved
    as .txt is still a page); otherwise the sniff is used only when the extension says nothing."""

    kind: str
    extensions: tuple[str, ...]
    read: ReadFn
    description: str
    sniff: SniffFn | None = None
    sniff_wins: bool = True


_READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    """Add (or replace) a reader; later registrations are sniffed after earlier ones."""
    _READERS[reader.kind] = reader
    return reader


def _registry() -> dict[str, Reader]:
    """The readers, once `eventwire.ingest` (where the shipped ones register) is imported."""
    import eventwire.ingest  # noqa: F401 - registers the shipped readers

    return _READERS


def readers() -> tuple[Reader, ...]:
    return tuple(_registry().values())


def reader(kind: str) -> Reader:
    return _registry()[kind]


def input_formats() -> tuple[str, ...]:
    """The ``--input-format`` choices: "auto" then every registered kind."""
    return ("auto", *_registry())


def by_extension(ext: str) -> str | None:
    """The kind whose reader claims the extension (``.html``), or None."""
    for r in _registry().values():
        if ext in r.extensions:
            return r.kind
    return None


def markdown_table() -> str:
    """The readers as the Markdown table of docs/ingest.md (a test keeps the page in step)."""
    lines = ["| kind | extensions | recognised by content | what is read |", "|---|---|---|---|"]
    for r in _registry().values():
        sniffed = "yes, over the extension" if r.sniff and r.sniff_wins else "yes" if r.sniff else "no"
        lines.append(f"| `{r.kind}` | {' '.join(f'`{e}`' for e in r.extensions)} | {sniffed} | {r.description} |")
    return "\n".join(lines) + "\n"
