"""The clerk follows the documents sent to other systems: per receiver, the latest status and its history."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from motcua.agencies.models import Agency
from motcua.exchange.permissions import agencies_following_exchange
from motcua.exchange.selectors import sent_documents

from ..auth import staff_required
from .common import message_page, page


@staff_required
@require_GET
def sent(request: HttpRequest) -> HttpResponse:
    agency_ids = agencies_following_exchange(request.user)
    if not agency_ids:
        return message_page(request, _("Trang này dành cho văn thư và lãnh đạo cơ quan."), 403)
    agencies = list(Agency.objects.filter(pk__in=agency_ids).order_by("name"))
    chosen = next((a for a in agencies if str(a.pk) == request.GET.get("co-quan")), agencies[0])
    return page(
        request,
        "backoffice/exchange_sent.html",
        {"agencies": agencies, "agency": chosen, "documents": sent_documents(chosen.pk)},
    )
