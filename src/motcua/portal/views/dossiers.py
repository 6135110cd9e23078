"""Following a dossier: my dossiers, one dossier, supplement, withdrawal, result, rating, receipt."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.core import time as core_time
from motcua.core.errors import DomainError, NotFound
from motcua.dossiers import services
from motcua.dossiers.actions import Action
from motcua.dossiers.models import Dossier, Rating
from motcua.dossiers.permissions import allowed_actions
from motcua.dossiers.search import MAX_QUERY, applicant_matches
from motcua.dossiers.selectors import latest_result, urgency_of, visible_dossiers
from motcua.payments import conf as payment_conf
from motcua.payments import selectors as payment_selectors
from motcua.printing.forms import available_forms, form_pdf, require_form
from motcua.printing.render import qr_data_uri, render_pdf
from motcua.web.files import file_response

from .. import drafts, presenters
from .common import Access, any_access, owner_access

PAGE_SIZE = 20
# The forms an applicant keeps: the receipt and appointment (01), the request for papers (02), the
# apology with the new appointment (04). The others are internal or come with the result.
CITIZEN_FORMS = ("01", "02", "04")


def my_dossiers_page(user: Any, page_number: Any, search: str = "") -> Any:
    """The applicant's own dossiers, newest first (visible_dossiers also holds staff agencies' ones),
    narrowed to those whose applicant matches `search` (a name, a phone or an ID number)."""
    dossiers = visible_dossiers(user).filter(owner=user)
    found = applicant_matches(search)
    if found is not None:
        dossiers = dossiers.filter(found)
    return Paginator(dossiers, PAGE_SIZE).get_page(page_number)


@login_required
def my_dossiers(request: HttpRequest) -> HttpResponse:
    search = (request.GET.get("tim") or "").strip()[:MAX_QUERY]
    page = my_dossiers_page(request.user, request.GET.get("trang"), search)
    at = core_time.now()
    rows = [
        {
            "dossier": d,
            "tone": presenters.tone(d.state),
            "due": presenters.due_moment(d),
            # The officers' rule for overdue, read the same way (dossiers.selectors.urgency_of).
            "urgency": urgency_of(d, at),
        }
        for d in page.object_list
    ]
    return render(
        request,
        "portal/dossiers/list.html",
        {
            "page": page,
            "rows": rows,
            "drafts": drafts.open_drafts(request.user),
            "search": search,
            "search_query": urlencode({"tim": search}) if search else "",
        },
    )


def _tracking_url(request: HttpRequest, access: Access) -> str:
    query = urlencode({"ma": access.dossier.code, "ma-tra-cuu": access.dossier.lookup_secret})
    return request.build_absolute_uri(reverse("portal:track") + "?" + query)


def _result_verdict(dossier: Dossier) -> Any:
    """The signature verdict of the result the applicant may download, or None."""
    from motcua.signatures.selectors import verdict_for_result

    result = latest_result(dossier)
    if result is None or not result.is_signed or not presenters.may_download(dossier):
        return None
    return verdict_for_result(result)


def status_context(access: Access) -> dict[str, Any]:
    dossier = access.dossier
    rating = Rating.objects.filter(dossier=dossier).first()
    return {
        "verdict": _result_verdict(dossier),
        "access": access,
        "dossier": dossier,
        "tone": presenters.tone(dossier.state),
        "due": presenters.due_moment(dossier),
        "urgency": urgency_of(dossier, core_time.now()),  # as in "Hồ sơ của tôi" and the worklists
        "timeline": presenters.timeline(dossier),
        "next_step": presenters.next_step(dossier),
        "may_download": presenters.may_download(dossier) and latest_result(dossier) is not None,
        "may_rate": presenters.may_rate(dossier) and rating is None,
        "rating": rating,
        "scores": Rating.Score.choices,
    }


def _detail(request: HttpRequest, access: Access, errors: dict[str, str], status: int = 200) -> HttpResponse:
    dossier = access.dossier
    documents = sorted(dossier.procedure_version.required_documents.all(), key=lambda d: d.position)
    slots = [{"id": f"doc-{d.pk}", "label": d.name} for d in documents]
    slots.append({"id": "doc-other", "label": _("Giấy tờ khác")})
    for slot in slots:
        slot["error"] = errors.get(slot["id"], "")
    allowed = allowed_actions(request.user, dossier)
    may_pay = access.owner and payment_selectors.may_pay_online(dossier)
    response = render(
        request,
        "portal/dossiers/detail.html",
        {
            **status_context(access),
            "may_supplement": Action.SUPPLEMENT in allowed,
            "may_withdraw": Action.REQUEST_WITHDRAWAL in allowed,
            "supplement_slots": slots,
            "attachments": list(dossier.attachments.all()),
            "forms": [f for f in available_forms(dossier) if f.number in CITIZEN_FORMS],
            "errors": errors,
            "note": request.POST.get("note", "") if errors else "",
            "fees": payment_selectors.fee_summary(dossier),
            "may_pay": may_pay,
        },
        status=status,
    )
    if may_pay:
        # The "pay online" form posts here and is redirected to the gateway: CSP form-action checks
        # redirects too, so the gateway's origin joins 'self' on this page only.
        response._csp_update = {"form-action": [payment_conf.gateway_origin()]}  # type: ignore[attr-defined]
    return response


@login_required
def dossier_detail(request: HttpRequest, code: str) -> HttpResponse:
    return _detail(request, owner_access(request, code), {})


@login_required
def submitted(request: HttpRequest, code: str) -> HttpResponse:
    access = owner_access(request, code)
    return render(request, "portal/dossiers/submitted.html", {"dossier": access.dossier})


@login_required
@require_POST
def supplement(request: HttpRequest, code: str) -> HttpResponse:
    """Answer a request for missing papers by uploading them; the clock restarts (dossier services)."""
    access = owner_access(request, code)
    dossier = access.dossier
    documents: list[tuple[int | None, Any]] = []
    for key, upload in request.FILES.items():
        if key == "doc-other":
            documents.append((None, upload))
        elif key.startswith("doc-") and key.removeprefix("doc-").isdigit():
            documents.append((int(key.removeprefix("doc-")), upload))
    errors: dict[str, str] = {}
    if not documents:
        errors["documents"] = _("Vui lòng chọn ít nhất một tệp giấy tờ bổ sung.")
    else:
        try:
            services.supplement_dossier(
                dossier_id=dossier.pk,
                actor=request.user,
                documents=documents,
                note=request.POST.get("note", "").strip()[:2000],
                expected_version=_version(request),
            )
        except DomainError as exc:
            fields = exc.details.get("fields") or {}
            errors = dict(fields) or {"documents": exc.message}
        else:
            messages.success(request, _("Đã gửi giấy tờ bổ sung. Hồ sơ được tiếp tục giải quyết."))
            return redirect("portal:dossier", code)
    errors = {key.replace("documents.", "doc-"): message for key, message in errors.items()}
    return _detail(request, owner_access(request, code), errors, status=400)


def _version(request: HttpRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


@login_required
@require_POST
def withdraw(request: HttpRequest, code: str) -> HttpResponse:
    access = owner_access(request, code)
    reason = request.POST.get("reason", "").strip()[:2000]
    if not reason:
        messages.error(request, _("Vui lòng nêu lý do rút hồ sơ."))
        return redirect(reverse("portal:dossier", args=[code]) + "#withdraw")
    try:
        services.request_withdrawal(
            dossier_id=access.dossier.pk,
            actor=request.user,
            reason=reason,
            expected_version=_version(request),
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã gửi yêu cầu rút hồ sơ. Cơ quan giải quyết sẽ xem xét và trả lời."))
    return redirect("portal:dossier", code)


def _back(access: Access) -> HttpResponse:
    if access.owner:
        return redirect("portal:dossier", access.dossier.code)
    return redirect("portal:track_detail", access.dossier.code)


@require_POST
def rate(request: HttpRequest, code: str) -> HttpResponse:
    """Once per dossier, by the owner or by whoever holds the lookup secret."""
    access = any_access(request, code)
    score = request.POST.get("score", "")
    try:
        services.rate_dossier(
            dossier_id=access.dossier.pk,
            score=int(score) if score.isdigit() else 0,
            comment=request.POST.get("comment", ""),
            actor=request.user if access.owner else None,
            secret=access.secret,
        )
    except DomainError as exc:
        fields = exc.details.get("fields") or {}
        messages.error(request, fields.get("score") or exc.message)
    else:
        messages.success(request, _("Cảm ơn bạn đã đánh giá chất lượng phục vụ."))
    return _back(access)


def result(request: HttpRequest, code: str) -> FileResponse:
    """The result document, served through the portal after checking who asks: never a public URL."""
    access = any_access(request, code)
    document = latest_result(access.dossier)
    if document is None or not presenters.may_download(access.dossier):
        raise Http404
    return file_response(
        document.file.open("rb"), filename=document.name, content_type="application/pdf", inline=False
    )


def acknowledgement(request: HttpRequest, code: str) -> HttpResponse:
    """The printable acknowledgement of an online submission, with a QR code to the tracking page."""
    access = any_access(request, code)
    dossier = access.dossier
    tracking_url = _tracking_url(request, access)
    pdf = render_pdf(
        "portal/print/acknowledgement.html",
        {
            "dossier": dossier,
            "version": dossier.procedure_version,
            "attachments": list(dossier.attachments.select_related("required_document")),
            "qr": qr_data_uri(tracking_url),
            "tracking_url": tracking_url,
            "tracking_page": request.build_absolute_uri(reverse("portal:track")),
        },
    )
    return file_response(pdf, filename=f"giay-xac-nhan-{dossier.code}.pdf", content_type="application/pdf")


@login_required
def form(request: HttpRequest, code: str, number: str) -> HttpResponse:
    """Form 01, 02 or 04 of the applicant's own dossier, as a download; 404 for anyone else."""
    access = owner_access(request, code)
    try:
        spec = require_form(number)
        if spec.number not in CITIZEN_FORMS:
            raise Http404
        content = form_pdf(spec.number, access.dossier, request)
    except NotFound as exc:
        raise Http404 from exc
    return file_response(
        content,
        filename=f"mau-{spec.number}-{access.dossier.code}.pdf",
        content_type="application/pdf",
        inline=False,
    )
