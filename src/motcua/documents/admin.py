"""Result templates edited without code, previewed as PDF; the registers read-only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from . import rendering, templating
from .models import ResultTemplate

SAMPLE = {
    "ma_ho_so": "H50.02-20260302-0000001",
    "ten_thu_tuc": "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
    "ho_ten": "Trần Thị Hoa",
}


class ResultTemplateForm(forms.ModelForm):
    class Meta:
        model = ResultTemplate
        fields = ("procedure", "kind", "name", "summary", "body", "recipients", "is_active")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("summary", "body", "recipients"):
            found = templating.problems(data.get(name) or "")
            if found:
                self.add_error(name, " ".join(p.message for p in found))
        return data


@admin.register(ResultTemplate)
class ResultTemplateAdmin(admin.ModelAdmin):
    form = ResultTemplateForm
    list_display = ("name", "procedure", "kind", "is_active", "preview_link")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "procedure__code", "procedure__name")
    autocomplete_fields = ("procedure",)
    readonly_fields = ("fields_help",)

    @admin.display(description=_("các trường dữ liệu dùng được"))
    def fields_help(self, obj: ResultTemplate | None) -> str:
        rows = format_html_join("", "<li><code>{{{{ {} }}}}</code>: {}</li>", templating.FIELDS.items())
        return format_html("<ul>{}</ul><p>{}</p>", rows, "{{ tk.<trường tờ khai> }}")

    @admin.display(description=_("xem trước"))
    def preview_link(self, obj: ResultTemplate) -> str:
        return format_html('<a href="{}/xem-truoc.pdf" target="_blank">PDF</a>', obj.pk)

    def get_urls(self) -> list[Any]:
        return [
            path(
                "<int:pk>/xem-truoc.pdf",
                self.admin_site.admin_view(self.preview),
                name="result_template_preview",
            ),
            *super().get_urls(),
        ]

    def preview(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The template filled with sample data, as the draft a specialist would see."""
        template = get_object_or_404(ResultTemplate, pk=pk)
        page = rendering.ResultPage(
            body_top="UBND TỈNH",
            body_name="CƠ QUAN BAN HÀNH",
            notation="",
            place=rendering.place_name(),
            issued_on=None,
            type_title=template.title.strip().upper()
            or rendering.numbering.TYPE_TITLES.get(template.kind, ""),
            summary=templating.render(template.summary, SAMPLE),
            paragraphs=[p for p in templating.render(template.body, SAMPLE).splitlines() if p.strip()],
            signer=rendering.Signer(("GIÁM ĐỐC",), "Nguyễn Văn A"),
            recipients=["Ông/Bà Trần Thị Hoa;", "Lưu: VT."],
            draft=True,
            draft_by="xem trước",
        )
        response = HttpResponse(rendering.render(page), content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="xem-truoc.pdf"'
        return response
