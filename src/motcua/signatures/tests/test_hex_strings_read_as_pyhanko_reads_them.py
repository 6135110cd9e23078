"""The fast hex-string reader (`speedups`) gives pyHanko's answer for any input: the same string,
the same stream position after it, or the same kind of error."""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st
from pyhanko.pdf_utils.misc import PdfError

from motcua.signatures import speedups

pieces = st.sampled_from(
    [b"0", b"7", b"a", b"F", b"e", b" ", b"\n", b"\r\n", b"\t", b"\x00", b"%c>\n", b"g", b"(", b">", b"<"]
)


def outcome(reader, data: bytes):  # type: ignore[no-untyped-def]
    stream = io.BytesIO(data)
    try:
        value = reader(stream)
    except PdfError as exc:
        return ("error", type(exc))
    return (bytes(value.original_bytes), stream.tell())


@settings(max_examples=300, deadline=None)
@given(body=st.lists(pieces, max_size=40).map(b"".join), tail=st.binary(max_size=8))
def test_any_input_reads_the_same(body: bytes, tail: bytes) -> None:
    data = b"<" + body + tail

    assert outcome(speedups.read_hex_string, data) == outcome(speedups._original, data)


def test_a_signature_sized_string_reads_the_same() -> None:
    digits = bytes(range(256)).hex().encode() * 40
    data = b"<" + digits[:5000] + b"\n" + digits[5000:] + b"> /ByteRange"

    fast = outcome(speedups.read_hex_string, data)

    assert fast == outcome(speedups._original, data)
    assert fast[1] == data.index(b">") + 1
