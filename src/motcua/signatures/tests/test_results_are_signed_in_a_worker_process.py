"""A result signed with a PKCS#12 key is signed in a signature worker process (another core than
the request's), and reads exactly as one signed in the request's own process."""

from __future__ import annotations

from motcua.signatures import conf, isolation, services
from motcua.signatures.verification import Verdict, verify_pdf


def _reading(content: bytes) -> list[tuple[object, ...]]:
    report = verify_pdf(content, with_xml=False)
    assert report.verdict == Verdict.VALID
    return [(s.field_name, s.level, s.signer, s.chain, s.verdict, s.modification) for s in report.signatures]


def test_signed_in_a_worker_reads_as_signed_here(signing_world, monkeypatch):
    sw = signing_world
    with sw.result.file.open("rb") as handle:
        unsigned = handle.read()
    plan = services._plan(unsigned, sw.rule, sw.personal, sw.seal, "B-T")

    def sign() -> bytes:
        return services._sign_with(
            sw.personal, unsigned, placement=plan.layout.official, level="B-T", reason="Phê duyệt"
        )

    asked: list[str] = []
    original = isolation.run_isolated

    def counting(function, *args, **kwargs):  # type: ignore[no-untyped-def]
        asked.append(function.__name__)
        return original(function, *args, **kwargs)

    monkeypatch.setattr(isolation, "run_isolated", counting)
    in_worker = sign()
    with conf.overrides_kept():
        conf.override(sign_timeout=0)  # in this process
        here = sign()

    assert asked == ["sign_pdf_with_pkcs12_task"]
    assert _reading(in_worker) == _reading(here)
