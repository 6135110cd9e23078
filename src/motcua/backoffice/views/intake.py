"""The intake counter: the queue of online submissions; registering dossiers brought in person or by post."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from motcua.agencies.models import Agency, Role
from motcua.backoffice.queries import Worklist, worklist_page
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import current_version
from motcua.core.errors import DomainError
from motcua.core.text import fold
from motcua.dossiers import services
from motcua.dossiers.errors import InvalidApplication
from motcua.web import schema_form

from ..auth import staff_required
from ..forms import RegistrationForm
from ..worklists import WORKLIST_SLUGS
from .common import counts_and_bell, message_page, now, page, scope_of
from .dossier import PRINT_AFTER


def _forbidden(request: HttpRequest) -> HttpResponse:
    return message_page(request, _("Chỉ cán bộ tiếp nhận mới dùng được quầy tiếp nhận."), 403)


def _receivable(agency_ids: set[int]) -> list[ProcedureVersion]:
    """Current versions of the procedures the officer's agencies receive."""
    return list(
        ProcedureVersion.objects.filter(procedure__current_version=F("pk"), procedure__is_active=True)
        .filter(Q(receiving_agencies__in=agency_ids) | Q(competent_agency_id__in=agency_ids))
        .select_related("procedure__sector")
        .distinct()
        .order_by("procedure__sector__name", "name")
    )


@staff_required
def counter(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    if not scope.has(Role.INTAKE_OFFICER):
        return _forbidden(request)
    at = now()
    queue = worklist_page(scope, Worklist.TO_RECEIVE, at=at, size=20)
    counts, _bell = counts_and_bell(request)
    query = request.GET.get("q", "").strip()[:100]
    versions = _receivable(scope.agencies(Role.INTAKE_OFFICER))
    if query:
        words = fold(query).split()
        versions = [v for v in versions if all(w in fold(f"{v.procedure.code} {v.name}") for w in words)]
    return page(
        request,
        "backoffice/counter.html",
        {
            "queue": queue,
            "counts": {WORKLIST_SLUGS[w]: n for w, n in counts.items()},
            "versions": versions[:30],
            "version_total": len(versions),
            "query": query,
            "at": at,
        },
    )


@staff_required
def register(request: HttpRequest, procedure_code: str) -> HttpResponse:
    scope = scope_of(request)
    intake_agencies = scope.agencies(Role.INTAKE_OFFICER)
    if not intake_agencies:
        return _forbidden(request)
    try:
        version = current_version(procedure_code)
    except ProcedureVersion.DoesNotExist:
        return message_page(request, _("Không tìm thấy thủ tục hành chính."), 404)
    receiving = [a for a in version.receiving_agencies.all() if a.pk in intake_agencies]
    if not receiving and version.competent_agency_id in intake_agencies:
        receiving = [version.competent_agency]
    if not receiving:
        return message_page(request, _("Cơ quan của bạn không tiếp nhận hồ sơ của thủ tục này."), 403)
    form = RegistrationForm(request.POST or None, request.FILES or None, version=version)
    schema = version.form_schema or {}
    typed = schema_form.raw_from_post(schema, request.POST) if request.method == "POST" else {}
    form_data, schema_errors = schema_form.to_data(schema, typed)
    service_errors: dict[str, str] = {}
    error = ""
    status = 200
    if request.method == "POST" and form.is_valid() and not schema_errors:
        agency_code = request.POST.get("agency") or receiving[0].code
        try:
            dossier = services.register_at_counter(
                officer=request.user,
                procedure_code=procedure_code,
                applicant=form.applicant(),
                form_data=form_data,
                documents=form.documents(request.FILES),
                papers=form.papers(),
                channel=form.cleaned_data["channel"],
                receiving_agency_code=agency_code,
                note=form.cleaned_data["note"],
                fee_exemption_id=form.cleaned_data.get("fee_exemption") or None,
            )
        except InvalidApplication as exc:
            service_errors = exc.errors
            error = exc.message
            status = 400
        except DomainError as exc:
            error = exc.message
            status = exc.http_status
        else:
            request.session[PRINT_AFTER] = "01"
            messages.success(
                request,
                _("Đã tiếp nhận hồ sơ %(code)s. Hãy in Giấy tiếp nhận và hẹn trả kết quả (Mẫu 01).")
                % {"code": dossier.code},
            )
            return redirect("backoffice:dossier", code=dossier.code)
    elif request.method == "POST":
        status = 400
        error = _("Vui lòng kiểm tra các trường được đánh dấu.")
    # Service errors name fields as 'applicant.name', 'form.ho_ten', 'documents.12': show them in place.
    field_errors = {}
    for key, message in service_errors.items():
        head, _sep, tail = key.partition(".")
        if head == "form":
            schema_errors.setdefault(tail, message)
        else:
            field_errors[{"applicant": tail, "documents": f"doc__{tail}"}.get(head, key)] = message
    return page(
        request,
        "backoffice/register_dossier.html",
        {
            "version": version,
            "form": form,
            "receiving": receiving,
            "agencies": Agency.objects.filter(pk__in=[a.pk for a in receiving]),
            "field_errors": field_errors,
            "schema_fields": schema_form.fields_for(schema, typed, schema_errors),
            "schema_errors": bool(schema_errors),
            "error": error,
        },
        status=status,
    )
