"""The administrator's list of checkpoints: read-only, with the age of the last one and a button to
make one now (through the task queue: signing waits on the TSA)."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from motcua.core.time import iso_local
from motcua.signatures.services import is_administrator

from .models import Checkpoint
from .selectors import freshness

logger = logging.getLogger(__name__)
# A second click within a minute makes no second checkpoint.
MIN_INTERVAL = timedelta(minutes=1)


@admin.register(Checkpoint)
class CheckpointAdmin(admin.ModelAdmin):
    list_display = ("seq", "made_at", "kind", "leaves", "agency", "signer", "timestamped_at", "short_root")
    list_filter = ("kind",)
    ordering = ("-seq",)
    readonly_fields = [f.name for f in Checkpoint._meta.fields]

    @admin.display(description=gettext_lazy("gốc Merkle"))
    def short_root(self, obj: Checkpoint) -> str:
        return f"{obj.root[:16]}…"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        make = path(
            "tao-ngay/",
            self.admin_site.admin_view(require_POST(self.make_now)),
            name="anchors_checkpoint_make",
        )
        return [make, *super().get_urls()]

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        state = freshness()
        if state.last is None:
            self.message_user(
                request,
                _("Chưa có điểm neo nào: lịch sử hồ sơ chưa được neo. Hãy chạy motcua anchor hằng ngày."),
                messages.WARNING,
            )
        elif state.stale and state.age is not None:
            self.message_user(
                request,
                _(
                    "Điểm neo gần nhất (số %(seq)s, lúc %(at)s) đã %(hours)s giờ: quá %(limit)s giờ, "
                    "hãy kiểm tra lịch chạy motcua anchor."
                )
                % {
                    "seq": state.last.seq,
                    "at": iso_local(state.last.made_at),
                    "hours": int(state.age.total_seconds() // 3600),
                    "limit": int(state.max_age.total_seconds() // 3600),
                },
                messages.WARNING,
            )
        context = {"can_make_checkpoint": is_administrator(request.user), **(extra_context or {})}
        return super().changelist_view(request, extra_context=context)

    def make_now(self, request: HttpRequest) -> HttpResponse:
        from motcua.core.time import now

        from .tasks import make_checkpoint_task

        if not is_administrator(request.user):
            raise PermissionDenied
        state = freshness()
        if state.age is not None and state.age < MIN_INTERVAL:
            self.message_user(request, _("Một điểm neo vừa được tạo dưới một phút trước."), messages.INFO)
        else:
            try:
                make_checkpoint_task.enqueue()
            except Exception as exc:  # the task backend says why; the page must not crash
                self.message_user(
                    request, _("Không tạo được điểm neo: %(error)s") % {"error": exc}, messages.ERROR
                )
            else:
                self.message_user(
                    request,
                    _("Đã yêu cầu tạo điểm neo lúc %(at)s; danh sách sẽ có điểm neo mới khi ký xong.")
                    % {"at": iso_local(now())},
                    messages.SUCCESS,
                )
        return HttpResponseRedirect(reverse("admin:anchors_checkpoint_changelist"))
