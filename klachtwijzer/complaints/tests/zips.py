"""Hostile zip files for the attachment tests, built by hand so that no test has to compress a gigabyte.

``odt_bomb`` is a real OpenDocument text whose ``mimetype`` member inflates to about 1 GiB: the
mimetype followed by spaces. Its deflate stream is written bit by bit: a fixed-Huffman block with the
mimetype and one space, then one dynamic-Huffman block in which "copy 258 bytes from 1 back" costs two
bits, so every byte of the stream unpacks to 1,032 spaces. ``zipfile`` unpacks it like any other file
(the checksum is right), so code that reads the member whole holds the whole gigabyte.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

ODT = "application/vnd.oasis.opendocument.text"
GIB = 1024 * 1024 * 1024
_MAX_MATCH = 258


class _Bits:
    """Deflate's bit order: fields from the least significant bit, Huffman codes from the first bit."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.used = 0  # bits used in the last byte

    def bit(self, value: int) -> None:
        if self.used == 0:
            self.data.append(0)
        self.data[-1] |= (value & 1) << self.used
        self.used = (self.used + 1) % 8

    def field(self, value: int, width: int) -> None:
        for i in range(width):
            self.bit(value >> i)

    def code(self, code: str) -> None:
        for char in code:
            self.bit(int(char))

    def zeros(self, count: int) -> None:
        while count and self.used:
            self.bit(0)
            count -= 1
        self.data.extend(bytes(count // 8))
        for _ in range(count % 8):
            self.bit(0)


def _fixed_literal(bits: _Bits, byte: int) -> None:
    if byte < 144:
        bits.code(format(0x30 + byte, "08b"))
    else:
        bits.code(format(0x190 + byte - 144, "09b"))


def spaces_bomb(prefix: bytes, matches: int) -> tuple[bytes, int, int]:
    """A raw deflate stream of ``prefix``, one space and 258 spaces ``matches`` times, with the CRC-32 and
    the length of what it unpacks to (computed without holding it)."""
    bits = _Bits()
    bits.field(0, 1)  # not the last block
    bits.field(1, 2)  # fixed Huffman codes
    for byte in prefix + b" ":
        _fixed_literal(bits, byte)
    bits.code("0000000")  # end of block
    bits.field(1, 1)  # the last block
    bits.field(2, 2)  # dynamic Huffman codes
    bits.field(286 - 257, 5)  # literal/length codes 0..285
    bits.field(0, 5)  # one distance code
    bits.field(18 - 4, 4)  # code length codes in the order 16 17 18 0 8 7 9 6 10 5 11 4 12 3 13 2 14 1
    for symbol in (16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1):
        bits.field({0: 1, 1: 2, 2: 2}.get(symbol, 0), 3)
    length_code = {0: "0", 1: "10", 2: "11"}  # canonical codes for the code lengths 0, 1 and 2
    lengths = [0] * 286
    lengths[ord(" ")], lengths[256], lengths[285] = 2, 2, 1  # "10" space, "11" end, "0" copy 258
    for length in [*lengths, 1]:  # the one distance code (distance 1) is "0"
        bits.code(length_code[length])
    bits.zeros(2 * matches)
    bits.code("11")  # end of block

    size = len(prefix) + 1 + matches * _MAX_MATCH
    crc = zlib.crc32(prefix + b" ")
    chunk = b" " * (_MAX_MATCH * 4096)
    whole, rest = divmod(matches, 4096)
    for _ in range(whole):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(b" " * (_MAX_MATCH * rest), crc)
    return bytes(bits.data), crc, size


@dataclass(frozen=True)
class Member:
    name: str
    data: bytes  # as stored: raw deflate when ``method`` is 8
    crc: int
    size: int  # unpacked
    method: int = 8


def stored(name: str, content: bytes) -> Member:
    return Member(name, content, zlib.crc32(content), len(content), method=0)


def deflated(name: str, content: bytes) -> Member:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Member(name, packer.compress(content) + packer.flush(), zlib.crc32(content), len(content))


def build_zip(members: Sequence[Member]) -> bytes:
    """A zip file of the members as given: their sizes and checksums are written, not checked."""
    body = bytearray()
    directory = bytearray()
    for member in members:
        name = member.name.encode()
        offset = len(body)
        body += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, member.method, 0, 0x21, member.crc, len(member.data),
            member.size, len(name), 0,
        )  # fmt: skip
        body += name + member.data
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, member.method, 0, 0x21, member.crc,
            len(member.data), member.size, len(name), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        directory += name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(directory), len(body), 0)
    return bytes(body + directory + end)


def odt_bomb(inflated: int = GIB) -> bytes:
    """An .odt of about ``inflated / 1032`` bytes whose ``mimetype`` member unpacks to ``inflated``."""
    stream, crc, size = spaces_bomb(ODT.encode(), inflated // _MAX_MATCH)
    return build_zip(
        [
            Member("mimetype", stream, crc, size),
            deflated("content.xml", b"<office:document-content/>"),
            deflated("META-INF/manifest.xml", b"<manifest:manifest/>"),
        ]
    )


def odt(content: bytes = b"<office:document-content/>", picture: bytes = b"") -> bytes:
    """An honest .odt, with a picture stored as it is when one is given."""
    members = [
        stored("mimetype", ODT.encode()),
        deflated("content.xml", content),
        deflated("META-INF/manifest.xml", b"<manifest:manifest/>"),
    ]
    if picture:
        members.append(stored("Pictures/photo.jpg", picture))
    return build_zip(members)
