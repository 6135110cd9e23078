"""Approving and signing several dossiers of the "Chờ phê duyệt" list in one submission.

The page only reads the selection and shows the outcome; the rule (approve, then sign when signing
is set up, each dossier in its own transaction) is `signatures.approval.resolve_many`.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.agencies.models import Role
from motcua.core.errors import NotFound, ValidationFailed
from motcua.dossiers.selectors import Worklist, dossier_for
from motcua.signatures.approval import Outcome, check_batch_size, resolve_many
from motcua.signatures.services import result_signing_enabled

from ..auth import staff_required
from ..worklists import WORKLIST_SLUGS
from .common import error_page, forget_counts, message_page, page, scope_of

FIELD = "ho-so"  # each value "CODE:VERSION", the version the leader saw in the list


def _selection(values: list[str]) -> list[tuple[str, int | None]]:
    """(code, version seen) in the order posted, each code once; a missing version stays None."""
    chosen: dict[str, int | None] = {}
    for value in values:
        code, _sep, version = value.strip().rpartition(":")
        code = code.strip() or version.strip()  # "CODE" alone: no version, refused below as stale
        if code and code not in chosen:
            chosen[code] = int(version) if _sep and version.isdigit() else None
    return list(chosen.items())


@staff_required
@require_POST
def approve_selected(request: HttpRequest) -> HttpResponse:
    """Approve and sign the ticked dossiers; show each one's outcome."""
    if not scope_of(request).has(Role.LEADER):
        return message_page(request, _("Chỉ lãnh đạo cơ quan mới phê duyệt được kết quả giải quyết."), 403)
    selection = _selection(request.POST.getlist(FIELD))
    if not selection:
        return message_page(request, _("Bạn chưa chọn hồ sơ nào để phê duyệt."), 400)
    try:
        check_batch_size(len(selection))
    except ValidationFailed as exc:
        return error_page(request, exc)
    refused: dict[str, Outcome] = {}
    items: list[tuple[int, int]] = []
    for code, version in selection:
        try:
            dossier = dossier_for(request.user, code)
        except NotFound as exc:
            # Another agency's dossier reads exactly like one that does not exist.
            refused[code] = Outcome(0, code, ok=False, message=exc.message, error_code=exc.code)
            continue
        if version is None:
            message = _("Thiếu phiên bản hồ sơ trong biểu mẫu; chưa phê duyệt. Vui lòng tải lại danh sách.")
            refused[code] = Outcome(dossier.pk, code, ok=False, message=message, error_code="stale_dossier")
            continue
        items.append((dossier.pk, version))
    done = {o.code: o for o in resolve_many(leader=request.user, items=items)} if items else {}
    outcomes = [refused.get(code) or done[code] for code, _version in selection]
    forget_counts(request)
    approved = [o for o in outcomes if o.ok]
    context = {
        "outcomes": outcomes,
        "approved": len(approved),
        "signed": sum(1 for o in approved if o.signed),
        "refused": len(outcomes) - len(approved),
        "signing_enabled": result_signing_enabled(),
        "list_url": reverse("backoffice:worklist", kwargs={"kind": WORKLIST_SLUGS[Worklist.TO_APPROVE]}),
    }
    return page(request, "backoffice/batch_approval.html", context)
