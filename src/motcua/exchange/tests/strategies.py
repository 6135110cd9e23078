"""Hypothesis strategies: any model the builder must write and the reader must give back unchanged."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import strategies as st

from motcua.core.time import VN_TZ
from motcua.exchange.edxml import (
    STATUS_CODES,
    Attachment,
    Business,
    BusinessDocType,
    Code,
    DocumentType,
    EDoc,
    Organ,
    OtherInfo,
    PromulgationInfo,
    Receiver,
    ReplacementInfo,
    ResponseFor,
    SignerInfo,
    StaffInfo,
    StatusMessage,
    TraceHeader,
    document_id_for,
)

# Any character XML 1.0 can carry; text is compared without surrounding blanks, as it is read.
text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Cn")), max_size=40).map(str.strip)
short = text.map(lambda s: s[:12].strip())
numbers = st.none() | st.integers(min_value=-1000, max_value=10**9)
days = st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2999, 12, 31))
# Vietnam's offset has not changed since 1975: every local time exists exactly once.
moments = st.none() | st.datetimes(
    min_value=datetime(1976, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(VN_TZ)
).map(lambda m: m.replace(microsecond=0))
organ_ids = st.from_regex(r"\A\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}\Z") | st.from_regex(
    r"\A[A-Z]\d{2}(\.[A-Z0-9]{2,3}){0,3}\Z"
)

organs = st.builds(
    Organ,
    organ_id=organ_ids,
    organ_name=text,
    organization_in_charge=text,
    organ_add=text,
    email=short,
    telephone=short,
    fax=short,
    website=short,
)
codes = st.builds(
    Code,
    code_number=st.from_regex(r"\A\d{1,5}\Z"),
    code_notation=st.from_regex(r"\A[A-ZĐ0-9]{1,6}(-[A-ZĐ0-9]{1,6}){0,2}\Z"),
)
staffs = st.builds(StaffInfo, department=text, staff=text, mobile=short, email=short)
responses = st.builds(ResponseFor, organ_id=organ_ids, code=text, promulgation_date=days, document_id=text)
# A zip's first bytes make the reader open the file as an archive: random bytes stay clear of them.
files = st.binary(max_size=300).filter(lambda b: not b.startswith(b"PK\x03\x04"))
content_types = st.sampled_from(["application/pdf", "text/plain", "image/png", "application/msword"])


@st.composite
def attachment_lists(draw: st.DrawFn) -> tuple[Attachment, ...]:
    ids = draw(st.lists(st.uuids().map(str), max_size=4, unique=True))
    return tuple(
        Attachment(
            content_id=content_id,
            name=draw(text),
            data=draw(files),
            content_type=draw(content_types),
            description=draw(text),
        )
        for content_id in ids
    )


@st.composite
def edocs(draw: st.DrawFn) -> EDoc:
    sender = draw(organs)
    code = draw(codes)
    issued = draw(days)
    document_id = document_id_for(sender.organ_id, issued, code) if issued else ""
    return EDoc(
        from_=sender,
        to=tuple(draw(st.lists(organs, min_size=1, max_size=3))),
        code=code,
        promulgation=PromulgationInfo(place=draw(text), promulgation_date=issued),
        document_type=DocumentType(type=draw(numbers), type_detail=draw(numbers), type_name=draw(text)),
        subject=draw(text),
        content=draw(text),
        signer=SignerInfo(competence=draw(text), position=draw(text), full_name=draw(text)),
        due_date=draw(days),
        to_places=tuple(draw(st.lists(text, max_size=3))),
        other_info=OtherInfo(
            priority=draw(numbers),
            sphere_of_promulgation=draw(text),
            typer_notation=draw(short),
            promulgation_amount=draw(numbers),
            page_amount=draw(numbers),
            direction=draw(short),
            appendixes=tuple(draw(st.lists(text, max_size=2))),
        ),
        response_for=tuple(draw(st.lists(responses, max_size=2))),
        steering_type=draw(numbers),
        document_id=document_id,
        trace=tuple(
            draw(st.lists(st.builds(TraceHeader, organ_id=organ_ids, timestamp=moments), max_size=3))
        ),
        business=Business(
            doc_type=draw(st.sampled_from(list(BusinessDocType))),
            doc_reason=draw(text),
            document_info=draw(st.sampled_from(["", "0", "1"])),
            document_receiver=draw(st.sampled_from(["", "0", "1"])),
            receivers=tuple(
                draw(st.lists(st.builds(Receiver, organ_id=organ_ids, receiver_type=numbers), max_size=3))
            ),
            document_id=draw(st.sampled_from(["", document_id])),
            staff=tuple(draw(st.lists(staffs, max_size=2))),
            paper=draw(numbers),
            replacements=tuple(
                draw(
                    st.lists(
                        st.builds(
                            ReplacementInfo,
                            document_id=text,
                            organ_ids=st.lists(organ_ids, max_size=3).map(tuple),
                        ),
                        max_size=2,
                    )
                )
            ),
        ),
        attachments=draw(attachment_lists()),
    )


statuses = st.builds(
    StatusMessage,
    from_=organs,
    response_for=responses,
    status_code=st.sampled_from(sorted(STATUS_CODES)),
    description=text,
    timestamp=moments,
    staff=st.none() | staffs,
    to=st.lists(organs, max_size=2).map(tuple),
)
