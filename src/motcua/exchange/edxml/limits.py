"""How much of a message we are willing to read: every bound that protects parsing, in one place."""

from __future__ import annotations

from dataclasses import dataclass

# libxml2 refuses a text node over 10,000,000 characters unless XML_PARSE_HUGE is set. An attachment's
# base64 (4/3 of the file, plus line breaks) stays below it up to this decoded size.
LIBXML_SAFE_ATTACHMENT_BYTES = 7_000_000


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 32 * 1024 * 1024  # the whole message as received
    max_depth: int = 24  # the deepest edXML element sits at depth 7
    max_elements: int = 20_000
    max_attachments: int = 100
    max_attachment_bytes: int = LIBXML_SAFE_ATTACHMENT_BYTES  # one attachment, decoded
    max_decoded_bytes: int = 64 * 1024 * 1024  # attachments plus zip members, decoded, whole reading
    # zip attachments
    max_zip_members: int = 200
    max_zip_member_bytes: int = 16 * 1024 * 1024
    max_zip_ratio: int = 100  # uncompressed / compressed, per member
    max_nesting: int = 2  # edXML inside a zip inside an edXML ... at most this many levels down

    @property
    def huge_tree(self) -> bool:
        """Whether libxml2 must be told to accept text nodes over 10 MB (only when limits ask for it)."""
        return self.max_attachment_bytes > LIBXML_SAFE_ATTACHMENT_BYTES


DEFAULT_LIMITS = Limits()


def amount(value: int) -> str:
    """12345678 -> '12.345.678', as Vietnamese writes numbers."""
    return f"{value:,}".replace(",", ".")
