"""The table of what can be done to a feedback, by whom, in which states.

One row per action: the parties who may take it, the states it applies in, what else must hold,
and the inputs it takes. `permissions` evaluates the rows; `services` performs them; the back
office's buttons and forms and the portal's citizen forms are derived from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _

from .states import State


class Action(StrEnum):
    ACCEPT = "accept"
    REFUSE = "refuse"
    ASK_INFO = "ask_info"
    REPLY_INFO = "reply_info"
    ANSWER = "answer"
    PUBLISH = "publish"
    LINK = "link"
    RATE = "rate"


class Party(StrEnum):
    AUTHOR = "author"  # the citizen who filed it
    OFFICER = "officer"  # an intake officer, specialist or leader of the responsible agency
    LEADER = "leader"  # a leader of the responsible agency


class Require(StrEnum):
    CONSENT = "consent"  # the citizen agreed to publication
    NOT_ASKED = "not_asked"  # information has not been asked for yet (once per feedback)
    NOT_RATED = "not_rated"
    NOT_LINKED = "not_linked"


REQUIREMENT_MESSAGES: dict[Require, Any] = {
    Require.CONSENT: _("Người gửi không đồng ý công khai nên trả lời không được công khai."),
    Require.NOT_ASKED: _("Đã đề nghị bổ sung thông tin một lần cho phản ánh này."),
    Require.NOT_RATED: _("Bạn đã đánh giá trả lời này."),
    Require.NOT_LINKED: _("Phản ánh đã được liên kết với một phản ánh trước."),
}


@dataclass(frozen=True)
class Field:
    name: str
    label: Any
    kind: str = "text"  # text (a textarea), code (one line), score (1-3)
    max_length: int = 5000


@dataclass(frozen=True)
class ActionSpec:
    action: Action
    label: Any
    parties: frozenset[Party]
    states: frozenset[State]
    requires: tuple[Require, ...] = ()
    fields: tuple[Field, ...] = ()
    done: Any = ""  # what the page says once it is done


S = State
TABLE: tuple[ActionSpec, ...] = (
    ActionSpec(
        Action.ACCEPT,
        _("Thụ lý"),
        frozenset({Party.OFFICER}),
        frozenset({S.RECEIVED}),
        done=_("Đã thụ lý phản ánh."),
    ),
    ActionSpec(
        Action.REFUSE,
        _("Không thụ lý"),
        frozenset({Party.OFFICER}),
        frozenset({S.RECEIVED}),
        fields=(Field("reason", _("Lý do không thụ lý")),),
        done=_("Đã từ chối thụ lý phản ánh."),
    ),
    ActionSpec(
        Action.ASK_INFO,
        _("Đề nghị bổ sung thông tin"),
        frozenset({Party.OFFICER}),
        frozenset({S.ACCEPTED}),
        requires=(Require.NOT_ASKED,),
        fields=(Field("question", _("Thông tin cần bổ sung")),),
        done=_("Đã gửi đề nghị bổ sung thông tin cho người gửi."),
    ),
    ActionSpec(
        Action.REPLY_INFO,
        _("Bổ sung thông tin"),
        frozenset({Party.AUTHOR}),
        frozenset({S.AWAITING_INFO}),
        fields=(Field("reply", _("Thông tin bổ sung")),),
        done=_("Đã gửi thông tin bổ sung."),
    ),
    ActionSpec(
        Action.ANSWER,
        _("Trả lời"),
        frozenset({Party.OFFICER}),
        frozenset({S.ACCEPTED}),
        fields=(Field("answer", _("Nội dung trả lời")),),
        done=_("Đã gửi trả lời cho người gửi."),
    ),
    ActionSpec(
        Action.PUBLISH,
        _("Duyệt công khai trả lời"),
        frozenset({Party.LEADER}),
        frozenset({S.ANSWERED}),
        requires=(Require.CONSENT,),
        done=_("Đã công khai trả lời trên Cổng."),
    ),
    ActionSpec(
        Action.LINK,
        _("Liên kết với phản ánh trùng"),
        frozenset({Party.OFFICER}),
        frozenset({S.RECEIVED, S.ACCEPTED, S.AWAITING_INFO, S.ANSWERED, S.PUBLISHED, S.REFUSED}),
        requires=(Require.NOT_LINKED,),
        fields=(Field("target", _("Mã phản ánh trước"), kind="code", max_length=24),),
        done=_("Đã liên kết với phản ánh trước."),
    ),
    ActionSpec(
        Action.RATE,
        _("Đánh giá trả lời"),
        frozenset({Party.AUTHOR}),
        frozenset({S.ANSWERED, S.PUBLISHED}),
        requires=(Require.NOT_RATED,),
        fields=(
            Field("score", _("Mức độ hài lòng"), kind="score"),
            Field("comment", _("Góp ý"), max_length=2000),
        ),
        done=_("Cảm ơn bạn đã đánh giá trả lời."),
    ),
)
ACTIONS: dict[Action, ActionSpec] = {spec.action: spec for spec in TABLE}
