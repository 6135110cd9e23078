"""The worklist's 50 rows, built in Python: the same markup the row template gave, a fifth of the cost.

Rendered by the template engine, each row was some 25 variable lookups, filters and tags, and the
page of 50 spent about 70 % of its server time there (docs/benchmarks.md, "HTTP throughput of the
production server"). Here each row is one `format_html` call (`escaped_format`: the same escaping
without Django's per-value laziness checks) over values read directly, and what is the same on every
row is worked out once per page: the fixed words (translated once, the urgency badges' too), the URL
patterns (reversed once, the code quoted as `reverse` would), the CSRF field, the state and channel
labels, each agency's officer options. Every value from the database goes through `format_html`'s
escaping, as it went through the template's autoescaping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from motcua.dossiers.models import Channel

from .queries import WorklistRow
from .templatetags.backoffice import (
    escaped_format,
    officer_options_html,
    page_translations,
    row_class,
    short_datetime,
    state_badge,
    urgency_badge,
)

# What `reverse` leaves unquoted in a path (django.urls.resolvers): the code is quoted the same way.
_PATH_SAFE = "!$&'()*+,;=" + "/~:@"
_CODE = "__code__"


@dataclass
class RowContext:
    """What every row of one page shares."""

    can_approve_many: bool
    can_reassign: bool
    by_submission: bool
    officers: dict[int, list[Any]]
    csrf_token: Any
    # Worked out once per page, on first use.
    words: dict[str, str] = field(default_factory=dict)
    badges: dict[str, SafeString] = field(default_factory=dict)
    channels: dict[str, str] = field(default_factory=dict)
    options: dict[int, list[tuple[str, SafeString]]] = field(default_factory=dict)
    translate: Any = field(default_factory=page_translations)  # the urgency badges' words


def _words() -> dict[str, str]:
    return {
        "pick": _("Chọn hồ sơ"),
        "step": _("Bước"),
        "unassigned": _("Chưa phân công"),
        "again": _("Hẹn lại"),
        "assign": _("Giao hồ sơ"),
        "to": _("cho"),
        "choose": _("— Chọn cán bộ —"),
        "give": _("Giao"),
        "from": _("Liên thông từ"),
        "origin": _("Mã hồ sơ gốc"),
    }


def _csrf_field(token: Any) -> SafeString:
    """What `{% csrf_token %}` writes (its missing-token warning aside)."""
    if not token or token == "NOTPROVIDED":
        return SafeString("")
    return escaped_format('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


def render_rows(rows: list[WorklistRow], ctx: RowContext) -> SafeString:
    """The `<tr>`s of a worklist page, as `partials/worklist_results.html` showed them."""
    if not rows:
        return SafeString("")
    words = ctx.words or _words()
    ctx.words = words
    dossier_url = reverse("backoffice:dossier", args=[_CODE])
    act_url = reverse("backoffice:act", args=[_CODE, "phan-cong"])
    csrf = _csrf_field(ctx.csrf_token) if ctx.can_reassign else ""
    parts = [_row(row, ctx, words, dossier_url, act_url, csrf) for row in rows]
    return mark_safe("".join(parts))  # noqa: S308  (every part built by escaped_format)


def _row(
    row: WorklistRow, ctx: RowContext, words: dict[str, str], dossier_url: str, act_url: str, csrf: str
) -> str:
    d = row.dossier
    code = d.code
    quoted = quote(code, safe=_PATH_SAFE)
    pick = (
        escaped_format(
            '<td class="pick-cell"><input type="checkbox" id="pick-{}" name="ho-so" value="{}:{}" '
            'form="batch-approval"><label class="visually-hidden" for="pick-{}">{} {}</label></td>',
            d.pk,
            code,
            d.version,
            d.pk,
            words["pick"],
            code,
        )
        if ctx.can_approve_many
        else ""
    )
    channel = ctx.channels.get(d.channel)
    if channel is None:
        channel = ctx.channels[d.channel] = str(Channel(d.channel).label)
    incoming = getattr(d, "incoming", None)
    origin = (
        escaped_format(
            '<div class="small"><strong>{} {}</strong><br><span class="muted">{}: {}</span></div>',
            words["from"],
            incoming.origin_organ_name or incoming.origin_organ_id,
            words["origin"],
            incoming.origin_code,
        )
        if incoming is not None
        else ""
    )
    step = (
        escaped_format('<div class="small muted">{} {}</div>', words["step"], row.step_name)
        if row.step_name
        else ""
    )
    organisation = (
        escaped_format('<div class="small muted">{}</div>', d.organisation_name)
        if d.organisation_name
        else ""
    )
    unit = d.current_unit
    where = (unit.name if unit is not None else "") or d.current_agency.name
    who = d.assignee.display_name if d.assignee is not None else words["unassigned"]
    if ctx.by_submission:
        when = conditional_escape(short_datetime(d.submitted_at))
    else:
        when = conditional_escape(short_datetime(d.due_at))
        if d.appointment_at:
            when += escaped_format(
                '<div class="small muted">{}: {}</div>', words["again"], short_datetime(d.appointment_at)
            )
    badge = ctx.badges.get(d.state)
    if badge is None:
        badge = ctx.badges[d.state] = state_badge(d.state)
    reassign = _reassign(d, ctx, words, act_url.replace(_CODE, quoted), csrf) if ctx.can_reassign else ""
    return escaped_format(
        '\n    <tr class="{}" id="row-{}">\n      {}\n      <td class="urgency-cell">{}</td>\n'
        '      <td class="nowrap"><a class="code-link" href="{}" data-row-link>{}</a>\n'
        '        <div class="small muted">{}</div>{}</td>\n'
        '      <td><span class="clamp">{}</span>{}</td>\n'
        "      <td>{}{}</td>\n"
        '      <td>{}<div class="small muted">{}</div></td>\n'
        '      <td class="nowrap">{}</td>\n'
        "      <td>{}</td>\n"
        "      {}\n    </tr>\n  ",
        row_class(row.urgency),
        d.pk,
        pick,
        urgency_badge(row.urgency, ctx.translate),
        dossier_url.replace(_CODE, quoted),
        code,
        channel,
        origin,
        d.procedure_version.name,
        step,
        d.applicant_name,
        organisation,
        where,
        who,
        when,
        badge,
        reassign,
    )


def _reassign(d: Any, ctx: RowContext, words: dict[str, str], url: str, csrf: str) -> SafeString:
    choose = (
        escaped_format('<option value="" selected>{}</option>', words["choose"]) if not d.assignee_id else ""
    )
    return escaped_format(
        "<td>\n        "
        '<form class="reassign" hx-post="{}" hx-target="this" hx-swap="outerHTML" method="post" '
        'action="{}">{}\n'
        '          <input type="hidden" name="version" value="{}">'
        '<input type="hidden" name="from" value="list">\n'
        '          <label class="visually-hidden" for="assign-{}">{} {} {}</label>\n'
        '          <select id="assign-{}" name="assignee" class="select-small" required>\n'
        "            {}\n"
        "            {}\n"
        "          </select>\n"
        '          <button type="submit" class="button button-secondary button-small">{}</button>\n'
        "        </form></td>",
        url,
        url,
        csrf,
        d.version,
        d.pk,
        words["assign"],
        d.code,
        words["to"],
        d.pk,
        choose,
        officer_options_html(ctx.options, ctx.officers, d.current_agency_id, d.assignee_id),
        words["give"],
    )
