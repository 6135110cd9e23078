"""Formatting for the back office: working time left, urgency, Vietnamese dates on the forms."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from html import escape
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from motcua.core.time import local
from motcua.dossiers.states import State
from motcua.printing.templatetags.printing import form_date, form_time
from motcua.web.tones import STATE_TONE

register = template.Library()

WORKING_DAY_SECONDS = 8 * 3600
TIMELINESS = {
    "early": gettext_noop("Trước hạn"),
    "on_time": gettext_noop("Đúng hạn"),
    "late": gettext_noop("Quá hạn"),
}
TIMELINESS_ICON = {"early": "▲", "on_time": "●", "late": "▼"}


def escaped_format(template: str, *args: Any) -> SafeString:
    """`format_html(template, *args)`, the same characters, for the rows of a list built in a loop.

    Each value is escaped as `conditional_escape` does (its own `__html__` if it has one, else
    `html.escape` of its text); Django's version checks every argument for laziness on the way,
    which was a sixth of a worklist page's time over some 2,000 values.
    """
    return SafeString(
        template.format(*[a.__html__() if hasattr(a, "__html__") else escape(str(a)) for a in args])
    )


def page_translations() -> Callable[[str], str]:
    """`gettext`, remembering each message for the page being built (the rows repeat a few words)."""
    found: dict[str, str] = {}

    def translate(message: str) -> str:
        text = found.get(message)
        if text is None:
            text = found[message] = _(message)
        return text

    return translate


@register.filter
def working_time(seconds: int | None, translate: Callable[[str], str] = _) -> str:
    """8 h 30 min of working time -> '1 ngày 30 phút' (a working day is 8 hours)."""
    if seconds is None:
        return "—"
    seconds = abs(int(seconds))
    days, rest = divmod(seconds, WORKING_DAY_SECONDS)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = []
    if days:
        parts.append(translate("%(n)d ngày") % {"n": days})
    if hours:
        parts.append(translate("%(n)d giờ") % {"n": hours})
    if minutes and not days:
        parts.append(translate("%(n)d phút") % {"n": minutes})
    return " ".join(parts) or translate("dưới 1 phút")


@register.simple_tag
def urgency_badge(urgency: Any, translate: Callable[[str], str] = _) -> SafeString:
    """Colour, icon and words together: nobody has to tell red from amber to see what is late.

    `translate`: `page_translations()` when one page shows many badges.
    """
    _ = translate  # the messages stay written as _("…") for makemessages
    level = getattr(urgency, "level", "none")
    left = working_time(getattr(urgency, "seconds", None), translate)
    if level == "overdue":
        # Overdue since Friday is zero working time on Sunday: the moment it fell due says more.
        since = _("từ %(when)s") % {"when": short_datetime(urgency.target)}
        seconds = abs(int(getattr(urgency, "seconds", 0) or 0))
        return escaped_format(
            '<span class="urgency urgency-overdue">{}<strong>{}</strong> <span>{}</span></span>',
            icon("alert"),
            _("Quá hạn"),
            f"{left}, {since}" if seconds >= 60 else since,
        )
    if level == "finished":
        value = getattr(urgency, "timeliness", "")
        return escaped_format(
            '<span class="urgency urgency-finished mark mark-{}">'
            '<span aria-hidden="true">{}</span> {}</span>',
            value,
            TIMELINESS_ICON.get(value, ""),
            _(TIMELINESS[value]) if value in TIMELINESS else "",
        )
    if level == "today":
        return escaped_format(
            '<span class="urgency urgency-today">{}<strong>{}</strong> <span>{}</span></span>',
            icon("clock"),
            _("Đến hạn hôm nay"),
            _("còn %(t)s") % {"t": left},
        )
    if level == "paused":
        return escaped_format(
            '<span class="urgency urgency-paused">{}<strong>{}</strong> <span>{}</span></span>',
            icon("pause"),
            _("Tạm dừng"),
            _("còn %(t)s") % {"t": left} if urgency.seconds and urgency.seconds > 0 else "",
        )
    if level in ("soon", "normal"):
        return escaped_format(
            '<span class="urgency urgency-{}">{}<span>{}</span></span>',
            level,
            icon("clock" if level == "soon" else "circle"),
            _("còn %(t)s") % {"t": left},
        )
    if level == "closed":
        return escaped_format('<span class="urgency urgency-none">{}</span>', _("Không tính hạn"))
    return escaped_format('<span class="urgency urgency-none">{}</span>', _("Chưa tính hạn"))


@register.filter
def row_class(urgency: Any) -> str:
    return {"overdue": "urgent-overdue", "today": "urgent-today"}.get(getattr(urgency, "level", ""), "")


@register.simple_tag
def state_badge(state: str) -> SafeString:
    try:
        label = str(State(state).label)
    except ValueError:
        label = state
    tone = STATE_TONE.get(state, "grey")
    return format_html('<span class="badge badge-{}">{}</span>', tone, label)


@register.simple_tag
def timeliness_mark(value: str | None) -> SafeString:
    if not value:
        return mark_safe('<span class="muted">—</span>')
    return format_html(
        '<span class="mark mark-{}"><span aria-hidden="true">{}</span> {}</span>',
        value,
        TIMELINESS_ICON.get(value, ""),
        _(TIMELINESS[value]) if value in TIMELINESS else value,
    )


# The forms' wording lives with the printed forms; the back office shows the same on screen.
register.filter("form_time", form_time)
register.filter("form_date", form_date)


@register.filter
def timeliness_text(value: str | None) -> str:
    return _(TIMELINESS[value]) if value in TIMELINESS else ""


@register.filter
def short_datetime(moment: datetime | None) -> str:
    return f"{local(moment):%H:%M %d/%m/%Y}" if moment else "—"


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.simple_tag(takes_context=True)
def officer_options(
    context: Any, officers: dict[int, list[Any]], agency_id: int, selected: int | None
) -> str:
    """The `<option>`s of an agency's officers, the assignee selected.

    Built once per agency and request (kept in the render context) and reused for every row of the
    list: fifty rows of a dozen officers each were some 600 template loops, a fifth of the page.
    """
    cache = context.render_context.setdefault("officer_options", {})
    return officer_options_html(cache, officers, agency_id, selected)


def officer_options_html(
    cache: dict[int, list[tuple[str, SafeString]]],
    officers: dict[int, list[Any]],
    agency_id: int,
    selected: int | None,
) -> SafeString:
    """`officer_options` for code outside a template: `cache` holds each agency's escaped options."""
    if agency_id not in cache:
        cache[agency_id] = [
            (
                f'value="{person.pk}"',
                format_html('<option value="{}">{}</option>', person.pk, person.display_name),
            )
            for person in officers.get(agency_id) or []
        ]
    marked = f'value="{selected}"'
    return mark_safe(  # noqa: S308  (each option was escaped by format_html above)
        "".join(
            html.replace(marked, f"{marked} selected", 1) if key == marked else html
            for key, html in cache[agency_id]
        )
    )


@register.simple_tag(takes_context=True)
def worklist_rows(context: Any) -> SafeString:
    """The rows of a worklist page (`backoffice.worklist_rows`), from the page's context."""
    from motcua.backoffice.worklist_rows import RowContext, render_rows

    return render_rows(
        context["page"].rows,
        RowContext(
            can_approve_many=bool(context.get("can_approve_many")),
            can_reassign=bool(context.get("can_reassign")),
            by_submission=bool(context.get("by_submission")),
            officers=context.get("officers") or {},
            csrf_token=context.get("csrf_token"),
            options=context.render_context.setdefault("officer_options", {}),
        ),
    )


# Inline SVG icons (shapes after Feather, MIT): they render the same on every machine, unlike emoji.
ICONS = {
    "alert": '<path d="M10.29 3.86 1.82 18a2 2 0 0 0 1.71 3h16.94a2 2 0 0 0 1.71-3'
    'L13.71 3.86a2 2 0 0 0-3.42 0z"/>'
    '<line x1="12" y1="9" x2="12" y2="13"/><line x1="12" y1="17" x2="12.01" y2="17"/>',
    "clock": '<circle cx="12" cy="12" r="10"/><polyline points="12 6 12 12 16 14"/>',
    "pause": '<circle cx="12" cy="12" r="10"/><line x1="10" y1="15" x2="10" y2="9"/>'
    '<line x1="14" y1="15" x2="14" y2="9"/>',
    "circle": '<circle cx="12" cy="12" r="9"/>',
    "bell": '<path d="M18 8A6 6 0 0 0 6 8c0 7-3 9-3 9h18s-3-2-3-9"/><path d="M13.73 21a2 2 0 0 1-3.46 0"/>',
    "inbox": '<polyline points="22 12 16 12 14 15 10 15 8 12 2 12"/>'
    '<path d="M5.45 5.11 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6l-3.45-6.89'
    'A2 2 0 0 0 16.76 4H7.24a2 2 0 0 0-1.79 1.11z"/>',
    "check": '<polyline points="20 6 9 17 4 12"/>',
    "x": '<line x1="18" y1="6" x2="6" y2="18"/><line x1="6" y1="6" x2="18" y2="18"/>',
    "printer": '<polyline points="6 9 6 2 18 2 18 9"/>'
    '<path d="M6 18H4a2 2 0 0 1-2-2v-5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2h-2"/>'
    '<rect x="6" y="14" width="12" height="8"/>',
}


@register.simple_tag
@lru_cache(maxsize=64)
def icon(name: str, extra: str = "") -> SafeString:
    """The same markup for the same icon every time: built once (a worklist shows one per row)."""
    return format_html(
        '<svg class="icon {}" aria-hidden="true" focusable="false" viewBox="0 0 24 24" '
        'width="16" height="16" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" '
        'stroke-linejoin="round">{}</svg>',
        extra,
        SafeString(ICONS[name]),  # constant markup above
    )


@register.filter
def is_choice_list(field: Any) -> bool:
    """A bound field shown as a group of radio buttons or check boxes (a fieldset with a legend)."""
    from django.forms import CheckboxSelectMultiple, RadioSelect

    return isinstance(field.field.widget, RadioSelect | CheckboxSelectMultiple)


@register.filter
def has_document_files(inputs: Any) -> bool:
    """The action takes files for the procedure's required documents (one upload slot each)."""
    return any(getattr(f.kind, "value", "") == "document_files" for f in inputs)
