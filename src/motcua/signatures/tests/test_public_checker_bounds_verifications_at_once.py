"""The public checker bounds how many verifications run at once: a client over its own share gets
429, a full server 503, both with a Vietnamese message and Retry-After, and nothing is verified.
A slot is given back when its verification ends, also when it fails."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from motcua.signatures import conf, services, throttling
from motcua.signatures.errors import TooManyVerificationsAtOnce, VerifierBusy


@pytest.fixture
def verifications(db, monkeypatch):  # type: ignore[no-untyped-def]
    """Counts verifications instead of running them (the limits act before the worker is asked)."""
    done: list[str] = []

    def fake(*, content: bytes, file_name: str = "", with_xml: bool = False):  # type: ignore[no-untyped-def]
        done.append(file_name)
        from motcua.signatures.verification import _file_report

        report = _file_report(content, "not_pdf", max_bytes=1024)
        return report, services.record_verification(report=report, file_name=file_name)

    monkeypatch.setattr(services, "verify_upload", fake)
    return done


def pdf(field: str) -> dict[str, SimpleUploadedFile]:
    return {field: SimpleUploadedFile("x.pdf", b"x", content_type="application/pdf")}


def one_running_for(address: str = "127.0.0.1") -> Any:
    """Another request of this client is verifying right now (until the returned slot is let go)."""
    request = RequestFactory().post("/", REMOTE_ADDR=address)
    slot = throttling.verification_slot(request)
    slot.__enter__()
    return slot


def test_a_client_over_its_share_gets_429_on_the_page_and_the_api(verifications):
    with conf.overrides_kept():
        conf.override(verify_per_client=1)
        running = one_running_for()

        page = Client().post("/xac-minh-chu-ky/", pdf("tep"))
        api = APIClient().post("/api/v1/signatures/verify", pdf("file"), format="multipart")
        elsewhere = Client().post("/xac-minh-chu-ky/", pdf("tep"), REMOTE_ADDR="203.0.113.7")

    assert page.status_code == 429
    assert int(page["Retry-After"]) > 0
    assert "Bạn đang có quá nhiều tệp chờ xác minh cùng lúc" in page.content.decode()
    assert api.status_code == 429
    assert api.json()["error"]["code"] == "too_many_at_once"
    assert api.json()["error"]["message"].startswith("Bạn đang có quá nhiều tệp")
    assert elsewhere.status_code == 200  # another client has its own share
    assert verifications == ["x.pdf"]
    running.__exit__(None, None, None)


def test_a_full_server_answers_503_and_verifies_nothing(verifications, monkeypatch):
    monkeypatch.setattr(throttling, "_running_here", throttling.process_limit())

    page = Client().post("/xac-minh-chu-ky/", pdf("tep"))
    api = APIClient().post("/api/v1/signatures/verify", pdf("file"), format="multipart")

    assert page.status_code == 503
    assert page["Retry-After"]
    assert "Hệ thống đang xác minh nhiều tệp cùng lúc" in page.content.decode()
    assert (api.status_code, api.json()["error"]["code"]) == (503, "verifier_busy")
    assert api["Retry-After"]
    assert verifications == []


def test_slots_are_given_back_also_when_the_verification_fails(db):
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.20")
    with conf.overrides_kept():
        conf.override(verify_per_client=1)
        for _ in range(3):
            with pytest.raises(RuntimeError), throttling.verification_slot(request):
                raise RuntimeError("worker trouble")
        with (
            throttling.verification_slot(request),
            pytest.raises(TooManyVerificationsAtOnce),
            throttling.verification_slot(request),
        ):
            pass
    assert throttling._running_here == 0


def test_every_worker_busy_for_too_long_is_a_503(db, monkeypatch, signing):
    from motcua.signatures import isolation
    from motcua.signatures.verification import verify_pdf_isolated

    class Full:
        def run(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            raise isolation.Busy()

    monkeypatch.setattr(isolation, "get_pool", lambda: Full())

    with pytest.raises(VerifierBusy):
        verify_pdf_isolated(signing.document(), trust_roots=signing.roots, timeout=30, wait=0)
