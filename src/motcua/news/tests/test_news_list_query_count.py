"""The news list costs the same number of queries for 3 articles as for 12 (pictures included)."""

from __future__ import annotations

import io

from django.core.files.images import ImageFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from PIL import Image as Pil
from wagtail.images.models import Image

from motcua.news.tests.factories import article, category


def _picture(n: int) -> Image:
    buffer = io.BytesIO()
    Pil.new("RGB", (960, 540), (n * 20 % 255, 80, 120)).save(buffer, "JPEG")
    return Image.objects.create(title=f"Ảnh {n}", file=ImageFile(buffer, name=f"anh-{n}.jpg"))


def _queries(client: Client) -> int:
    client.get("/tin-tuc/")  # renditions made on the first view
    with CaptureQueriesContext(connection) as seen:
        assert client.get("/tin-tuc/").status_code == 200
    return len(seen)


def test_the_list_does_not_grow_with_its_articles(client: Client, index) -> None:  # type: ignore[no-untyped-def]
    section = category()
    for n in range(3):
        article(f"Tin số {n}", slug=f"tin-{n}", category=section, lead_image=_picture(n))
    few = _queries(client)
    for n in range(3, 12):
        article(f"Tin số {n}", slug=f"tin-{n}", category=section, lead_image=_picture(n))
    many = _queries(client)
    assert many == few
    assert few <= 12
