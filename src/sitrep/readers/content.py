"""Bytes to text: refuse binary content, decode whatever text encoding the input uses."""

from __future__ import annotations

from dataclasses import dataclass

import charset_normalizer

from sitrep.errors import BinaryInputError, EmptyInputError

# Byte order marks, longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BYTE_ORDER_MARKS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Tab, line feed, vertical tab, form feed, carriage return and escape turn up in real text.
_TEXT_CONTROLS = frozenset({9, 10, 11, 12, 13, 27})
_SAMPLE_BYTES = 8192
# Real text, even badly encoded, has almost no other control bytes; 10% is far above that.
_MAX_CONTROL_SHARE = 0.10


@dataclass(frozen=True)
class Content:
    """One input's bytes and their decoded text (newlines normalised to ``\\n``)."""

    source: str
    data: bytes
    text: str


def decoded_content(source: str, data: bytes) -> Content:
    """Decode ``data``; BinaryInputError when it is not text, EmptyInputError when blank."""
    encoding = _byte_order_mark_encoding(data)
    if encoding is None:
        _refuse_binary(source, data)
    text = _decode(source, data, encoding)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyInputError(source, "holds only whitespace")
    return Content(source=source, data=data, text=text)


def _byte_order_mark_encoding(data: bytes) -> str | None:
    return next((encoding for mark, encoding in _BYTE_ORDER_MARKS if data.startswith(mark)), None)


def _refuse_binary(source: str, data: bytes) -> None:
    if b"\x00" in data:
        raise BinaryInputError(source, "binary content (NUL bytes), not text")
    sample = data[:_SAMPLE_BYTES]
    controls = sum(1 for byte in sample if byte < 32 and byte not in _TEXT_CONTROLS)
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise BinaryInputError(
            source,
            f"binary content ({controls} control bytes in the first {len(sample)}), not text",
        )


def _decode(source: str, data: bytes, encoding: str | None) -> str:
    for candidate in (encoding, "utf-8"):
        if candidate is None:
            continue
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise BinaryInputError(source, "not text in UTF-8 or any encoding that could be detected")
    return str(best)
