"""A signed result shows the certificate's appearance image; the placeholder mark is drawn only
for a certificate that has none (it cost some 90 ms of CPU per signed result, thrown away)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from motcua.signatures import services
from motcua.signatures.models import Certificate

pytestmark = pytest.mark.django_db


def test_the_placeholder_is_drawn_only_when_the_certificate_has_no_image():
    drawn: list[str] = []

    def placeholder() -> bytes:
        drawn.append("placeholder")
        return b"placeholder"

    record = Certificate()
    assert services._image(record, placeholder) == b"placeholder"
    assert drawn == ["placeholder"]

    record.appearance_image.save("chu-ky.png", ContentFile(b"PNG of the official"), save=False)
    assert services._image(record, placeholder) == b"PNG of the official"
    assert drawn == ["placeholder"]  # not drawn again
