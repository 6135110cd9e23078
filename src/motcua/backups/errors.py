"""Why a backup or a restore stopped, in Vietnamese for the administrator reading the console."""

from __future__ import annotations

from motcua.core.errors import DomainError


class BackupError(DomainError):
    """The backup could not be written (database tool missing, disk full, ...)."""

    code = "backup_failed"
    default_message = "Không tạo được bản sao lưu."


class RestoreRefused(DomainError):
    """The archive or the target was judged unfit before anything was changed."""

    code = "restore_refused"
    default_message = "Từ chối phục hồi: chưa có gì bị thay đổi."


class RestoreFailed(DomainError):
    """Something went wrong while restoring, after the target had started to change."""

    code = "restore_failed"
    default_message = "Phục hồi thất bại giữa chừng."
