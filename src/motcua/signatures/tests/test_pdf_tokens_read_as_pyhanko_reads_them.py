"""The fast readers of PDF names and keywords, and the kept preparation of certificate names
(`speedups`), give pyHanko's and asn1crypto's answers for any input: the same bytes, name or
string, the same stream position after it, or the same kind of error."""

from __future__ import annotations

import io

import pytest
from asn1crypto import x509 as asn1_x509
from hypothesis import given, settings
from hypothesis import strategies as st
from pyhanko.pdf_utils.misc import PdfError

from motcua.signatures import speedups

token_pieces = st.sampled_from(
    [b"Type", b"a", b"Z", b"0", b"#", b"#20", b"#4F", b"#g1", b"\xc3\xa9", b"\xff", b"\x7f", b"~", b"!"]
    + [bytes([c]) for c in b" \n\r\t\f\x00()<>[]{}/%"]
)


def read_outcome(reader, data: bytes):  # type: ignore[no-untyped-def]
    stream = io.BytesIO(data)
    return reader(stream), stream.tell()


def name_outcome(decoder, data: bytes):  # type: ignore[no-untyped-def]
    try:
        name = decoder(data)
    except PdfError as exc:
        return ("error", type(exc))
    return (type(name), str(name))


@settings(max_examples=500, deadline=None)
@given(body=st.lists(token_pieces, max_size=60).map(b"".join), start=st.integers(0, 3))
def test_a_token_ends_where_pyhanko_ends_it(body: bytes, start: int) -> None:
    data = body[start:]

    assert read_outcome(speedups.read_until_delimiter, data) == read_outcome(
        speedups._original_read_until_delimiter, data
    )


def test_a_token_longer_than_a_chunk_is_read_whole() -> None:
    data = b"N" * (3 * speedups._TOKEN_CHUNK + 5) + b"/Next"

    value, position = read_outcome(speedups.read_until_delimiter, data)

    assert (value, position) == read_outcome(speedups._original_read_until_delimiter, data)
    assert position == data.index(b"/")


@settings(max_examples=500, deadline=None)
@given(body=st.lists(token_pieces, max_size=30).map(b"".join) | st.binary(max_size=30))
def test_a_name_decodes_as_pyhanko_decodes_it(body: bytes) -> None:
    assert name_outcome(speedups.decode_name, body) == name_outcome(speedups._original_decode_name, body)


names = st.lists(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=6)
    | st.sampled_from(["Sở Tư pháp", "Quảng Trị", "  ", "\u00ad", "\u200b", "\u05d0", "\ufffd", "\ue000"]),
    max_size=6,
).map("".join)


def prep_outcome(prepare, value: str):  # type: ignore[no-untyped-def]
    try:
        return prepare(value)
    except ValueError as exc:
        return ("error", str(exc))


@settings(max_examples=500, deadline=None)
@given(value=names)
def test_a_certificate_name_is_prepared_as_asn1crypto_prepares_it(value: str) -> None:
    expected = prep_outcome(lambda v: speedups._original_string_prep(None, v), value)

    assert prep_outcome(lambda v: speedups._prepared(None, v), value) == expected
    assert prep_outcome(lambda v: speedups._prepared(None, v), value) == expected  # kept, or refused again


@pytest.mark.parametrize("same", [True, False])
def test_names_compare_as_before(same: bool) -> None:
    speedups.install()
    a = asn1_x509.Name.build({"common_name": "Sở Tư pháp tỉnh Quảng Trị", "country_name": "VN"})
    b = asn1_x509.Name.build(
        {
            "common_name": "Sở  Tư pháp tỉnh Quảng Trị" if same else "Sở Tư pháp tỉnh Quảng Bình",
            "country_name": "VN",
        }
    )

    assert (asn1_x509.Name.load(a.dump()) == asn1_x509.Name.load(b.dump())) is same
