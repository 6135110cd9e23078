"""What a dossier holds of its required documents: one line per document, as Form 01 lists them."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Attachment, Dossier, PaperDocument

ELECTRONIC = "Bản điện tử"


@dataclass(frozen=True)
class ReceivedDocument:
    """One component of the dossier: its name, the form it came in, and the number of copies."""

    name: str
    form: str
    copies: int
    file_name: str = ""


def received_documents(dossier: Dossier) -> list[ReceivedDocument]:
    """One line per required document that came as a file or on paper (the latest of each), in the
    procedure's order, then each file given as 'other'. A blurry scan replaced later is one line."""
    files = list(Attachment.objects.filter(dossier=dossier).order_by("pk"))
    papers = list(PaperDocument.objects.filter(dossier=dossier).order_by("pk"))
    latest_file = {a.required_document_id: a for a in files if a.required_document_id is not None}
    latest_paper = {p.required_document_id: p for p in papers}
    lines = []
    for document in dossier.procedure_version.required_documents.all().order_by("position", "pk"):
        scan, paper = latest_file.get(document.pk), latest_paper.get(document.pk)
        if paper is not None:
            form = str(paper.get_form_display())
            if scan is not None:
                form += " (kèm bản quét)"
            file_name = scan.original_name if scan else ""
            lines.append(ReceivedDocument(document.name, form, paper.copies, file_name))
        elif scan is not None:
            lines.append(ReceivedDocument(document.name, ELECTRONIC, 1, scan.original_name))
    lines.extend(
        ReceivedDocument(a.original_name, ELECTRONIC, 1, a.original_name)
        for a in files
        if a.required_document_id is None
    )
    return lines
