"""With MOTCUA_S3_BUCKET set, an online submission's attachments go to the S3-compatible store and
come back byte for byte through the API's download (issue 12, item 2)."""

from __future__ import annotations

import pytest

from motcua.dossiers.models import Attachment

from .support import client_for, pdf, submit_online

FORM = b"%PDF-1.4\n% to khai\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
PROXY = b"%PDF-1.4\n% uy quyen\n" + bytes(reversed(range(256))) * 30 + b"\n%%EOF\n"


@pytest.mark.usefixtures("object_storage")
def test_attachments_are_objects_in_the_bucket_and_download_unchanged(world, object_storage):
    citizen = client_for(world.citizen)

    submitted = submit_online(
        citizen,
        world,
        **{
            f"document_{world.mandatory_document.pk}": pdf("tờ khai.pdf", FORM),
            f"document_{world.optional_document.pk}": pdf("ủy quyền.pdf", PROXY),
        },
    )

    assert submitted.status_code == 201, submitted.json()
    attachments = submitted.json()["attachments"]
    assert len(attachments) == 2
    stored = {a.file.name: a for a in Attachment.objects.filter(dossier__code=submitted.json()["code"])}
    assert sorted(stored) == object_storage.names()  # every file is an object, nothing elsewhere
    assert sorted(object_storage.read(name) for name in stored) == sorted([FORM, PROXY])
    for attachment in attachments:
        download = citizen.get(attachment["download_url"])
        assert download.status_code == 200
        body = b"".join(download.streaming_content) if download.streaming else download.content
        assert body == (FORM if attachment["name"] == "tờ khai.pdf" else PROXY)
