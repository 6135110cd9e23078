"""The Vietnamese catalogue for DRF's field messages is compiled and complete."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from django.utils import translation
from rest_framework import serializers

CATALOGUE = Path(__file__).resolve().parents[1] / "locale" / "vi" / "LC_MESSAGES"


def _po_entries() -> dict[str, str]:
    text = (CATALOGUE / "django.po").read_text(encoding="utf-8")
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', text, re.MULTILINE)
    return {msgid.replace('\\"', '"'): msgstr.replace('\\"', '"') for msgid, msgstr in pairs}


def test_the_compiled_catalogue_matches_the_po_file():
    with (CATALOGUE / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]

    assert {k: v for k, v in compiled.items() if k} == _po_entries()


@pytest.mark.parametrize(
    "field",
    [
        serializers.CharField(max_length=3),
        serializers.IntegerField(max_value=1),
        serializers.ListField(child=serializers.CharField(), min_length=2),
        serializers.DateTimeField(),
        serializers.DictField(),
        serializers.BooleanField(),
    ],
)
def test_every_message_our_request_fields_raise_is_vietnamese(field):
    with translation.override("vi"):
        messages = {str(message) for message in field.error_messages.values()}
    english = {
        m for m in messages if re.search(r"\b(the|this|must|valid|ensure|expected)\b", m, re.IGNORECASE)
    }

    assert not english
