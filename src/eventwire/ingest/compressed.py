"""gzip streams read with a budget, so a truncated file or a compression bomb is a Reject, not a hang.

`GzipStream` decompresses every member of a (multi-member) gzip stream, as a
WARC.gz is written, with zlib directly rather than `gzip.GzipFile`, because
warcio swallows the EOFError a truncated gzip raises and would end the archive
silently. Here:

* a stream that ends inside a member first reads as a normal end of stream, so
  every byte before the cut is served (buffered readers would drop the last
  chunk if the error came with it) and the complete records before it are kept;
  then `error` holds a `TruncatedInputError`, `check()` raises it, and so does
  any further read;
* output is produced at most `read(n)` bytes at a time (zlib's ``max_length``),
  so memory stays bounded whatever the ratio;
* more than ``budget + ratio * compressed bytes read`` of output raises
  `StoryTooLargeError`: a gzip bomb (deflate reaches ~1000:1) is cut early, while
  real news archives (5-20:1) never come near the default ratio of 200.

`ContentDecoder` does the same for one HTTP body (``Content-Encoding: gzip`` or
``deflate``), fed chunk by chunk.
"""

from __future__ import annotations

import io
import zlib
from typing import IO

from eventwire.errors import (
    BadArchiveError,
    BinaryInputError,
    InputError,
    StoryTooLargeError,
    TruncatedInputError,
)

__all__ = ["GZIP_MAGIC", "MAX_RATIO", "ContentDecoder", "GzipStream"]

GZIP_MAGIC = b"\x1f\x8b"
#: decompressed bytes allowed per compressed byte, beyond the flat budget
MAX_RATIO = 200
_CHUNK = 1 << 16
_GZIP_WBITS = 16 + zlib.MAX_WBITS


class GzipStream(io.RawIOBase):
    """A readable raw stream of the decompressed bytes of `raw` (gzip, one member or many).

    `where` names the input in errors; `budget` is the flat allowance in bytes
    (see the module docstring for the ratio rule).
    """

    def __init__(self, raw: IO[bytes], where: str, *, budget: int, ratio: int = MAX_RATIO) -> None:
        super().__init__()
        self._raw = raw
        self._where = where
        self._budget = budget
        self._ratio = ratio
        self._decomp = zlib.decompressobj(_GZIP_WBITS)
        self._pending = b""  # compressed bytes read but not yet given to the decompressor
        self._in_member = False
        self._eof = False
        self.compressed = 0  # bytes read from `raw`
        self.produced = 0  # decompressed bytes served
        self.error: TruncatedInputError | None = None  # set when the stream ended inside a member

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def check(self) -> None:
        """Raise the TruncatedInputError if the stream was cut inside a gzip member."""
        if self.error is not None:
            raise self.error

    def _read(self, n: int) -> bytes:
        self.check()
        while not self._eof:
            if not self._pending:
                self._pending = self._raw.read(_CHUNK)
                self.compressed += len(self._pending)
                if not self._pending:
                    self._eof = True
                    if self._in_member:
                        self.error = TruncatedInputError(
                            f"gzip stream ends early (cut after {self.compressed:,} bytes); "
                            "what came before the cut was read, the rest is lost: re-download the file",
                            where=self._where,
                        )
                    return b""
            if not self._in_member:
                self._pending = self._pending.lstrip(b"\x00")  # padding between members
                if not self._pending:
                    continue
                if not self._pending.startswith(GZIP_MAGIC[: len(self._pending)]):
                    raise BadArchiveError(
                        f"has data after the last gzip member at byte {self.compressed - len(self._pending):,} "
                        "that is not gzip; the file is damaged",
                        where=self._where,
                    )
                self._decomp = zlib.decompressobj(_GZIP_WBITS)
                self._in_member = True
            try:
                out = self._decomp.decompress(self._pending, n)
            except zlib.error as e:
                if self.produced == 0:
                    raise BinaryInputError(
                        f"starts like gzip but does not decompress ({e}); it is binary or damaged",
                        where=self._where,
                    ) from None
                raise BadArchiveError(
                    f"is not valid gzip near byte {self.compressed:,} ({e}); the file is damaged",
                    where=self._where,
                ) from None
            self._pending = self._decomp.unconsumed_tail or self._decomp.unused_data
            if self._decomp.eof:
                self._in_member = False
                self._pending = self._decomp.unused_data
            if out:
                self.produced += len(out)
                if self.produced > self._budget + self._ratio * self.compressed:
                    raise StoryTooLargeError(
                        f"decompresses to over {self.produced:,} bytes from {self.compressed:,}: "
                        "a compression bomb or an oversized file; the rest is not read "
                        "(raise --max-bytes if it is genuine)",
                        where=self._where,
                    )
                return out
        return b""


class ContentDecoder:
    """Decode one HTTP body (gzip, deflate or identity) chunk by chunk, at most `limit` bytes out."""

    def __init__(
        self, encoding: str, where: str, limit: int, error: type[InputError] = BadArchiveError
    ) -> None:
        self._where = where
        self._error = error
        self._limit = limit
        self._out = 0
        encoding = encoding.strip().lower()
        if encoding in ("", "identity"):
            self._decomp = None
        elif encoding in ("gzip", "x-gzip"):
            self._decomp = zlib.decompressobj(_GZIP_WBITS)
        elif encoding == "deflate":
            self._decomp = zlib.decompressobj(zlib.MAX_WBITS | 32)  # zlib or gzip header
        else:
            raise error(
                f"was sent with Content-Encoding {encoding!r}, which eventwire does not decode "
                "(gzip, deflate or none)",
                where=where,
            )

    def feed(self, chunk: bytes) -> bytes:
        """The decoded bytes of `chunk`; raises StoryTooLargeError past `limit`, BadArchiveError on bad data."""
        if self._decomp is None:
            out = chunk
        else:
            try:
                out = self._decomp.decompress(chunk, self._limit - self._out + 1)
            except zlib.error as e:
                raise self._error(f"sent a body that does not decompress ({e})", where=self._where) from None
            if self._decomp.unconsumed_tail:
                out += b"\0"  # more output is waiting: the limit is exceeded either way
        self._out += len(out)
        if self._out > self._limit:
            raise StoryTooLargeError(
                f"is over {self._limit:,} bytes (decoded); raise --max-bytes if it is genuine",
                where=self._where,
            )
        return out
