"""The result document as PDF, in the procedure's own layout or the default one.

The forms of Circular 03/2025 are in `motcua.printing.forms`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.template.loader import select_template

from motcua.dossiers.models import Dossier
from motcua.printing.forms import issuing_body, place_name, tracking_url
from motcua.printing.render import qr_data_uri, render_pdf


def result_pdf(dossier: Dossier, *, title: str, text: str, officer: Any, at: datetime, request: Any) -> bytes:
    """The result document from the procedure's own template, or the default one.

    A procedure gets its own layout by adding `backoffice/results/<procedure code>.html`.
    """
    procedure = dossier.procedure_version.procedure
    template = select_template(
        [f"backoffice/results/{procedure.code}.html", "backoffice/results/default.html"]
    ).template.name
    agency = dossier.current_agency
    top, name = issuing_body(agency)
    context = {
        "dossier": dossier,
        "procedure": dossier.procedure_version,
        "agency": agency,
        "body_top": top,
        "body_name": name,
        "place": place_name(),
        "issued_at": at,
        "title": title or f"Kết quả giải quyết thủ tục {dossier.procedure_version.name}",
        "paragraphs": [p.strip() for p in text.split("\n") if p.strip()],
        "officer": officer,
        "tracking_url": tracking_url(request, dossier),
        "qr": qr_data_uri(tracking_url(request, dossier), scale=3),
    }
    return render_pdf(template, context, base_url=request.build_absolute_uri("/"))
