"""Hot spots of pyHanko 0.38 and asn1crypto, made faster with the same output: hex strings, names
and keywords in PDF objects, font subsets, and the comparison of certificate names.

**Hex strings.**
Every signature's /Contents is a hex string of some 20,000 digits (the room reserved for the CMS
container). pyHanko 0.38 reads hex strings one byte at a time through a generator, skipping
whitespace and comments per byte: profiling `bench/signing.py` put that at about a quarter of a
two-signature verification's CPU time. `read_hex_string` reads up to the closing `>` in one go
and decodes it with `binascii`; anything unusual inside (a comment, a character that is not a hex
digit or whitespace, the end of the stream) goes to pyHanko's reader from the same position, so
errors and odd cases are pyHanko's. `test_hex_strings_read_as_pyhanko_reads_them` checks both agree.

**Names and keywords.** A PDF name (`/Type`) or keyword (`true`, `null`) runs up to the next
whitespace or delimiter character, which pyHanko 0.38 finds one byte at a time through a generator,
and a name's bytes are then checked and copied one at a time for `#xx` escapes: reading every
object of the later revision for the difference analysis made the two about a sixth of a
verification's CPU. `read_until_delimiter` finds the end with one regular expression per chunk and
leaves the stream where pyHanko's would (on the delimiter, or at the end); `decode_name` takes a
name with neither escapes nor characters to refuse as it is, and leaves every other one to
pyHanko. Both are checked against pyHanko's for any input by
`test_pdf_tokens_read_as_pyhanko_reads_them`.

**Certificate names.** asn1crypto compares two X.509 names (the issuer a CMS signer info or
signing-certificate attribute names against a certificate, the issuer of each certificate on a
path) by preparing every value with RFC 4518's string preparation, character by character, on
each freshly parsed name: about 8 % of a verification's CPU, for the same few CA and signer
names every time. The preparation depends on the string alone, so `_prepared` keeps the last
results (bounded in entries and in the length of what it keeps); a string it rejects raises the
same error every time, since errors are not kept.

**Font subsets.** Each visible signature with text embeds a subset of the appearance font, and
fontTools decompiles the font's layout tables to cut it: about 200 ms of CPU per signature with
text (the seal's agency name and time). The subset depends only on the font file and the glyphs
used (pyHanko keeps glyph ids), and the seal's text is the same but for the digits of the time, so
`_extract_subset` keeps the last subsets made (bytes, keyed by font file and glyph ids) and loads
a kept one instead of cutting again. The seal's time changes its digits every second, so cuts
still happen: each one first removes the layout tables that pyHanko's options drop anyway, which
fontTools would otherwise decompile for nothing (`test_font_subsets_are_pyhankos`).
"""

from __future__ import annotations

import binascii
import io
import os
import re
import threading
from collections import OrderedDict
from functools import lru_cache
from typing import Any

from asn1crypto import x509 as asn1_x509
from fontTools import ttLib
from pyhanko.pdf_utils import generic, misc
from pyhanko.pdf_utils.font import opentype
from pyhanko.pdf_utils.misc import PDF_DELIMITERS, PDF_WHITESPACE

_original = generic.read_hex_string_from_stream
_CHUNK = 64 * 1024
_HEX = b"0123456789abcdefABCDEF"


def read_hex_string(stream: Any) -> Any:
    """pyHanko's `read_hex_string_from_stream`, without a Python step per byte."""
    start = stream.tell()
    stream.read(1)  # the opening "<"
    parts: list[bytes] = []
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:  # no closing ">": pyHanko's error
            stream.seek(start)
            return _original(stream)
        end = chunk.find(b">")
        if end < 0:
            parts.append(chunk)
            continue
        parts.append(chunk[:end])
        stream.seek(start + 1 + sum(len(p) for p in parts) + 1)
        break
    digits = b"".join(parts).translate(None, PDF_WHITESPACE)
    if digits.translate(None, _HEX):  # a comment or a stray character: pyHanko decides
        stream.seek(start)
        return _original(stream)
    if len(digits) % 2:
        digits += b"0"
    return generic.pdf_string(binascii.unhexlify(digits))


_original_read_until_delimiter = misc.read_until_delimiter
_TOKEN_END = re.compile(b"[" + re.escape(PDF_WHITESPACE + PDF_DELIMITERS) + b"]")
_TOKEN_CHUNK = 64  # names and keywords are short: most end in the first chunk


def read_until_delimiter(stream: Any) -> bytes:
    """pyHanko's `read_until_delimiter`, without a Python step per byte: the bytes up to the next
    whitespace or delimiter, the stream left on that character (or at the end if none came)."""
    parts: list[bytes] = []
    while True:
        chunk = stream.read(_TOKEN_CHUNK)
        if not chunk:
            return b"".join(parts)
        end = _TOKEN_END.search(chunk)
        if end is not None:
            parts.append(chunk[: end.start()])
            stream.seek(end.start() - len(chunk), os.SEEK_CUR)
            return b"".join(parts)
        parts.append(chunk)


_original_decode_name = generic._decode_name
# What a name may hold unescaped (pyHanko's test: printable ASCII and a regular character), less "#"
_PLAIN_NAME_BYTES = bytes(
    b for b in range(0x21, 0x7F) if b not in PDF_DELIMITERS and b not in PDF_WHITESPACE and b != 0x23
)


def decode_name(name_bytes: bytes) -> Any:
    """pyHanko's `_decode_name` (the bytes after "/"): a plain name as it is, the others to pyHanko."""
    if name_bytes.translate(None, _PLAIN_NAME_BYTES):  # an escape, or a byte pyHanko refuses
        return _original_decode_name(name_bytes)
    return generic.NameObject("/" + name_bytes.decode("ascii"))


_original_string_prep = asn1_x509.NameTypeAndValue._ldap_string_prep
KEPT_PREPARED_NAMES = 1024
_KEPT_NAME_LENGTH = 512  # longer values (a hostile certificate's) are prepared every time


@lru_cache(maxsize=KEPT_PREPARED_NAMES)
def _kept_string_prep(value: str) -> str:
    return _original_string_prep(None, value)  # type: ignore[no-any-return]


def _prepared(self: Any, value: Any) -> Any:
    """asn1crypto's `NameTypeAndValue._ldap_string_prep` (RFC 4518), kept per string."""
    if type(value) is str and len(value) <= _KEPT_NAME_LENGTH:
        return _kept_string_prep(value)
    return _original_string_prep(self, value)


_original_extract_subset = opentype.GlyphAccumulator._extract_subset
_subsets: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
_subsets_lock = threading.Lock()
KEPT_SUBSETS = 32
_DROPPED_LAYOUT_TABLES = ("GDEF", "GSUB", "GPOS")  # what pyHanko's default subset options drop


def _subset_key(accumulator: Any) -> tuple[Any, ...] | None:
    if not isinstance(accumulator.cidfont_obj, opentype.CIDFontType2) or not accumulator.use_raw_gids:
        return None  # CFF fonts renumber glyphs: not kept
    name = getattr(getattr(accumulator.tt.reader, "file", None), "name", None)
    if not isinstance(name, str):
        return None
    stat = os.stat(name)
    return (name, stat.st_size, stat.st_mtime_ns, tuple(sorted(accumulator._glyphs)))


def extract_subset(self: Any, options: Any = None) -> None:
    """pyHanko's `GlyphAccumulator._extract_subset`, reusing a subset already cut for the same glyphs."""
    key = _subset_key(self) if options is None else None
    if key is None:
        _original_extract_subset(self, options)
        return
    with _subsets_lock:
        kept = _subsets.get(key)
        if kept is not None:
            _subsets.move_to_end(key)
    if kept is None:
        # pyHanko's options drop the layout tables from the subset, but fontTools (4.60 and later)
        # decompiles them first to compact them for the cut: about 30 ms for the Vietnamese font
        # at every cut, for tables thrown away. Gone beforehand, the cut gives the same bytes.
        for tag in _DROPPED_LAYOUT_TABLES:
            if tag in self.tt:
                del self.tt[tag]
        _original_extract_subset(self, options)
        buffer = io.BytesIO()
        self.tt.save(buffer)
        kept = buffer.getvalue()
        with _subsets_lock:
            _subsets[key] = kept
            while len(_subsets) > KEPT_SUBSETS:
                _subsets.popitem(last=False)
    # Embedding saves the font again: from a lazily loaded copy that is a copy of the table bytes.
    self.tt = self.cidfont_obj._tt = ttLib.TTFont(io.BytesIO(kept))


def forget() -> None:
    """Drop the kept font subsets (the benchmark's cold runs)."""
    with _subsets_lock:
        _subsets.clear()


def install() -> None:
    """Use the faster readers and name comparison in this process (idempotent)."""
    generic.read_hex_string_from_stream = read_hex_string
    # generic imported the function by name: both places, so every reader of pyHanko gets it
    generic.read_until_delimiter = read_until_delimiter
    misc.read_until_delimiter = read_until_delimiter
    generic._decode_name = decode_name
    asn1_x509.NameTypeAndValue._ldap_string_prep = _prepared  # type: ignore[method-assign]
    opentype.GlyphAccumulator._extract_subset = extract_subset  # type: ignore[method-assign]
