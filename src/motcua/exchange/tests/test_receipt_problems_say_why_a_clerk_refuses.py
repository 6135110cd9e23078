"""Business checks on a received message: each problem is a sentence for the refusal (status 02)."""

from __future__ import annotations

import dataclasses

from motcua.exchange.edxml import Code, PromulgationInfo, ResponseFor, build, read, receipt_problems
from motcua.exchange.tests import factories
from motcua.exchange.tests.conftest import sample


def problems_of(message: object, recipient: str | None = None) -> tuple[str, ...]:
    return receipt_problems(read(build(message)), recipient=recipient)  # type: ignore[arg-type]


def test_a_complete_document_addressed_to_us_has_no_problem() -> None:
    assert problems_of(factories.edoc(), recipient=factories.RECEIVER.organ_id) == ()


def test_a_receiver_listed_only_in_the_business_part_is_addressed_too() -> None:
    doc = factories.update(to=(factories.RECEIVER,))

    assert problems_of(doc, recipient="000.00.21.H48") == ()


def test_a_document_for_another_agency_is_refused() -> None:
    (problem,) = problems_of(factories.edoc(), recipient="000.00.99.H48")

    assert problem == "Văn bản không gửi đến cơ quan có mã định danh 000.00.99.H48."


def test_each_missing_essential_is_named() -> None:
    doc = dataclasses.replace(
        factories.edoc(),
        to=(),
        code=Code("", ""),
        promulgation=PromulgationInfo("Quảng Trị", None),
        subject="",
        document_id="",
    )

    problems = problems_of(doc)

    assert problems == (
        "Thiếu cơ quan nhận (To/OrganId).",
        "Thiếu số hoặc ký hiệu văn bản (Code/CodeNumber, CodeNotation).",
        "Thiếu ngày ban hành hợp lệ (PromulgationInfo/PromulgationDate).",
        "Thiếu trích yếu nội dung văn bản (Subject).",
        "Thiếu mã văn bản (DocumentId).",
    )


def test_an_impossible_promulgation_date_leaves_the_document_unregistrable() -> None:
    problems = receipt_problems(read(sample("edoc_impossible_date.xml")))

    assert problems == ("Thiếu ngày ban hành hợp lệ (PromulgationInfo/PromulgationDate).",)


def test_a_file_announced_but_not_sent_is_a_problem() -> None:
    xml = build(factories.edoc())
    start = xml.index(b"    <Attachment>", xml.index(b"<AttachmentEncoded>") + 30)
    end = xml.index(b"</Attachment>", start) + len(b"</Attachment>\n")
    reading = read(xml[:start] + xml[end:])

    (problem,) = receipt_problems(reading)

    assert "e2b7c9d4-3a61-4f08-b5c2-91d8a7e4f360" in problem
    assert "không kèm tệp này" in problem


def test_a_status_must_say_which_document_it_answers() -> None:
    status = factories.status(response_for=ResponseFor("000.00.12.H48", "125/STP-VP", None, ""))

    assert problems_of(status) == ("Thiếu mã văn bản được phản hồi trạng thái (ResponseFor/DocumentId).",)


def test_a_sender_without_an_identification_code_is_a_problem() -> None:
    doc = factories.edoc(from_=dataclasses.replace(factories.SENDER, organ_id=""))

    assert problems_of(doc)[0] == "Thiếu mã định danh của cơ quan gửi (From/OrganId)."
