"""A rendered page kept with its holes, so each request fills and gzips it cheaply.

Filling the holes of a 100 KB page and gzipping the result costs about half a millisecond a
request: as much as the rest of serving it. So a kept page is stored as the segments between
its holes, each deflated once (raw deflate, ending byte-aligned without a final block). Per
request only the hole values are deflated, and the gzip stream is stitched together — header,
segment and value chunks in page order, an empty final block, CRC-32 and length — which
decompresses to exactly the filled page.

Each segment is deflated with the page before it as its dictionary, as good as one stream,
except that every hole is there as a filler byte the page does not contain, repeated to the
length its value will have. A back-reference copies bytes equal to the ones it stands for, and
no segment contains the filler, so none can reach into a hole, whose bytes change per request,
and the distances past it stay right. (A page holding all 256 byte values gets no dictionary
at all.) So values must have the length declared for their hole.

Plain Python, no Django: the page cache (careers/web/pagecache.py) supplies the values.
"""

import gzip
import re
import struct
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

LEVEL = 1  # the fastest: see careers/plumbing/compression.py (which uses it too)
FINAL_BLOCK = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS).flush(zlib.Z_FINISH)


WINDOW = 32 * 1024  # how far back deflate can refer


def deflate(data: bytes, before: bytes = b"") -> bytes:
    """Raw deflate blocks for data, which may refer back into before, byte-aligned and without
    a final block."""
    if before:
        compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS, zdict=before[-WINDOW:])
    else:
        compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)


def gzip_header(padding: int) -> bytes:
    """A gzip member's header (no time, unknown OS) with a file name of padding "a"s: a
    response length that varies per request, Django's defence against BREACH."""
    return b"\x1f\x8b\x08" + bytes([gzip.FNAME]) + b"\0\0\0\0\0\xff" + b"a" * padding + b"\0"


def absent_byte(content: bytes) -> bytes:
    """A byte value the content does not hold (NUL for any ordinary page), or b"" if none."""
    candidates = (bytes([value]) for value in range(256))
    return next((byte for byte in candidates if byte not in content), b"")


@dataclass(frozen=True)
class KeptPage:
    segments: tuple[bytes, ...]
    holes: tuple[bytes, ...]  # the placeholder between segments[i] and segments[i + 1]
    deflated: tuple[bytes, ...]
    lengths: Mapping[bytes, int]  # placeholder → the length of every value it takes

    @classmethod
    def split(cls, content: bytes, lengths: Mapping[bytes, int]) -> "KeptPage":
        pattern = re.compile(b"|".join(re.escape(p) for p in lengths))
        segments = tuple(pattern.split(content))
        holes = tuple(pattern.findall(content))
        filler = absent_byte(content)
        deflated, before = [], b""
        for segment, hole in zip(segments, (*holes, b""), strict=True):
            deflated.append(deflate(segment, before))
            if filler:
                before = (before + segment + filler * lengths.get(hole, 0))[-WINDOW:]
        return cls(segments, holes, tuple(deflated), dict(lengths))

    @property
    def size(self) -> int:
        return sum(map(len, self.segments))

    def fits(self, values: Mapping[bytes, bytes]) -> bool:
        """Whether every hole has a value of the length declared for it."""
        return all(len(values.get(hole, b"")) == self.lengths[hole] for hole in set(self.holes))

    def plain(self, values: Mapping[bytes, bytes]) -> bytes:
        parts = [self.segments[0]]
        for hole, segment in zip(self.holes, self.segments[1:], strict=True):
            parts += (values[hole], segment)
        return b"".join(parts)

    def gzipped(self, values: Mapping[bytes, bytes], padding: int = 0) -> bytes:
        """The filled page as a gzip stream; padding: the length of a file name of "a"s in
        the header, which varies the response's length (Django's defence against BREACH)."""
        if not self.fits(values):
            raise ValueError("a value's length differs from its hole's")
        chunks = {hole: deflate(values[hole]) for hole in set(self.holes)}
        parts = [gzip_header(padding), self.deflated[0]]
        crc, length = zlib.crc32(self.segments[0]), len(self.segments[0])
        for hole, segment, deflated in zip(
            self.holes, self.segments[1:], self.deflated[1:], strict=True
        ):
            parts += (chunks[hole], deflated)
            crc = zlib.crc32(segment, zlib.crc32(values[hole], crc))
            length += len(values[hole]) + len(segment)
        parts += (FINAL_BLOCK, struct.pack("<II", crc, length & 0xFFFFFFFF))
        return b"".join(parts)
