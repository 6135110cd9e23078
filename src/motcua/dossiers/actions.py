"""The table of dossier actions: one declaration per business action, every door derived from it.

Each row says who may take the action (`Rule`: a party of the dossier, in which states and, where
it matters, at which kind of workflow step), what must hold besides (`Require`), its inputs
(`Field`), the one service that performs it, and what the officer reads on a page (label, the
printed form it issues, the message after it is done). From this table come:

- the permission check every service makes under the row lock (`permissions.authorize`);
- the actions a page offers and the API's `allowed_actions` (`permissions.allowed_actions`);
- the back office's action forms (`backoffice/action_forms.py`) and the API endpoints, their request
  serializers and OpenAPI operations (`api/views/actions.py`);
- the authorisation matrix of the tests.

Nothing here touches the database: the parties and requirements are evaluated on `Facts`
(`permissions.facts_for` reads them), so the rules are plain functions of data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .states import State

S = State

# One cap for every free-text input of an action (notes, reasons, descriptions, summaries), whatever
# the door; the services enforce it (`limits.checked_text`).
TEXT_MAX = 2000
LIST_ITEM_MAX = 500
LIST_MAX = 50


class Action(StrEnum):
    VIEW = "view"
    REGISTER = "register"
    RECEIVE = "receive"
    REFUSE = "refuse"
    REQUEST_SUPPLEMENT = "request_supplement"
    SUPPLEMENT = "supplement"
    FORWARD = "forward"
    TRANSFER = "transfer"
    SEND_BACK = "send_back"
    ASSIGN = "assign"
    REQUEST_FINANCIAL_OBLIGATION = "request_financial_obligation"
    CONFIRM_FINANCIAL_OBLIGATION = "confirm_financial_obligation"
    RECORD_PAYMENT = "record_payment"
    DECIDE_EXEMPTION = "decide_exemption"
    ATTACH_RESULT = "attach_result"
    RESOLVE = "resolve"
    ISSUE_RESULT = "issue_result"
    RETURN_RESULT = "return_result"
    REQUEST_WITHDRAWAL = "request_withdrawal"
    DECIDE_WITHDRAWAL = "decide_withdrawal"
    STOP = "stop"
    APOLOGISE = "apologise"


class Party(StrEnum):
    """Who someone is to a dossier at this moment (evaluated by `permissions.is_party`)."""

    OWNER = "owner"  # the applicant's own account
    RECEIVING_INTAKE = "receiving_intake"  # an intake officer of the receiving one-stop centre
    RECEIVING_RETURN = "receiving_return"  # an intake officer or clerk of the receiving centre
    # The officer the current step is assigned to; when it is assigned to no one, the officers of
    # the current unit (or posted agency-wide at the current agency) with the current step's role.
    STEP_HOLDER = "step_holder"
    # A leader of the current unit, or posted agency-wide at the current agency (the director).
    UNIT_HEAD = "unit_head"
    # A clerk (văn thư) of the agency holding the dossier now: the agency that approved the result.
    AGENCY_CLERK = "agency_clerk"
    # A leader of the agency holding the dossier (agency-wide or in the unit holding it) while that
    # agency has no active clerk: the head of an agency answers for its clerical work (Decree
    # 30/2020 Art. 33), so a small agency without a văn thư still issues and returns its results.
    LEADER_WITHOUT_CLERK = "leader_without_clerk"


class Phase(StrEnum):
    """Where the dossier is in its life, for rules that differ between intake and processing."""

    ANY = "any"
    INTAKE = "intake"  # not yet handed over to a processing step
    PROCESSING = "processing"  # at a processing step (not the intake step)
    SIGNING = "signing"  # at the workflow step that signs the result


class Require(StrEnum):
    """What must hold besides who and when; a failure is a conflict (409) with its own message."""

    RESULT = "result"  # a result document is attached
    NEXT_STEP = "next_step"  # the workflow has a step after the current one
    PREVIOUS_HOLDER = "previous_holder"  # someone handed the dossier to this step, and not the actor
    DUE_DATE = "due_date"  # the legal clock runs (there is a due date)
    UNISSUED_RESULT = "unissued_result"  # the latest result has no number yet
    ISSUED_RESULT = "issued_result"  # the latest result was numbered and issued by the clerk
    EXEMPTION_CLAIMED = "exemption_claimed"  # the applicant claimed a fee exemption not yet decided


REQUIREMENT_MESSAGES: dict[Require, Promise] = {
    Require.RESULT: _("Chưa có văn bản kết quả: hãy đề xuất (đính kèm) văn bản kết quả trước khi phê duyệt."),
    Require.NEXT_STEP: _("Quy trình của thủ tục không còn bước nào sau bước hiện tại."),
    Require.PREVIOUS_HOLDER: _("Không có bước trước để trả lại hồ sơ."),
    Require.DUE_DATE: _("Hồ sơ chưa có hạn giải quyết nên chưa thể xin lỗi, gia hạn."),
    Require.UNISSUED_RESULT: _("Văn bản kết quả đã được cấp số và ban hành."),
    Require.ISSUED_RESULT: _(
        "Văn bản kết quả chưa có số, ký hiệu: văn thư cơ quan phải cấp số, đóng dấu, ban hành trước khi trả."
    ),
    Require.EXEMPTION_CLAIMED: _(
        "Người nộp không đề nghị miễn, giảm phí, lệ phí, hoặc đề nghị đã được quyết định."
    ),
}


@dataclass(frozen=True)
class Rule:
    """`party` may take the action while the dossier is in one of `states`, in `phase`."""

    party: Party
    states: frozenset[str]
    phase: Phase = Phase.ANY


class Kind(StrEnum):
    """The kinds of input an action takes; each door renders and parses them its own way."""

    TEXT = "text"  # one line
    LONG_TEXT = "long_text"  # several lines
    LINES = "lines"  # a list of short texts (one per line on a page)
    INTEGER = "integer"
    BOOLEAN = "boolean"  # a yes/no decision
    CHOICE = "choice"  # one of `choices`
    DATETIME = "datetime"  # local time of Vietnam when no offset is given
    REQUIRED_DOCUMENTS = "required_documents"  # ids of the procedure's required documents
    UNIT = "unit"  # id of a unit (of any active agency)
    OFFICER = "officer"  # user id of an officer
    DOCUMENT_FILES = "document_files"  # files, each for a required document (or none)
    PDF = "pdf"  # one PDF file
    JSON = "json"  # an object (the application form's data)


@dataclass(frozen=True)
class Field:
    """One input of an action. `arg` is the service's keyword for it (default: `name`)."""

    name: str
    kind: Kind
    label: Promise
    required: bool = False
    max_length: int | None = None
    min_value: int | None = None
    max_value: int | None = None
    choices: tuple[tuple[str, Promise], ...] = ()
    default: Any = None
    help: Promise | str = ""
    arg: str = ""
    # For OFFICER fields: the UNIT field whose officers may be chosen ("" = the current unit, or
    # the next step's unit for `forward`).
    officers_of: str = ""

    @property
    def service_arg(self) -> str:
        return self.arg or self.name


NOTE = _("Ghi chú")


def note(label: Promise = NOTE) -> Field:
    return Field("note", Kind.LONG_TEXT, label, max_length=TEXT_MAX, default="")


def reason(label: Promise) -> Field:
    return Field("reason", Kind.LONG_TEXT, label, required=True, max_length=TEXT_MAX)


RETURN_METHODS: tuple[tuple[str, Promise], ...] = (
    ("counter", _("Trực tiếp tại Bộ phận Một cửa")),
    ("postal", _("Qua bưu chính")),
    ("electronic", _("Trực tuyến")),
)
DEFAULT_RESOLUTION = "Đồng ý giải quyết theo đề xuất."


@dataclass(frozen=True)
class ActionSpec:
    action: Action
    label: Promise  # what the button says
    rules: tuple[Rule, ...]
    service: str  # dotted path of the one service that performs it
    inputs: tuple[Field, ...] = ()
    requires: tuple[Require, ...] = ()
    page_slug: str = ""  # the Vietnamese path segment in the back office
    submit: Promise | None = None  # the submit button of its form, when it says more than `label`
    intro: Promise | str = ""  # a line above the form
    issues_form: str = ""  # the printed form (Circular 03/2025) the action issues
    done: Promise | str = ""  # the message after it is done; %(code)s is the dossier code
    tone: str = ""  # "primary", "danger" or "" on pages
    accesskey: str = ""
    # The state this action leads to, for the state machine (None: stays, or decided by the service).
    description: Promise | str = ""

    @property
    def states(self) -> frozenset[str]:
        found: frozenset[str] = frozenset()
        for rule in self.rules:
            found |= rule.states
        return found

    @property
    def api_slug(self) -> str:
        return "return" if self.action == Action.RETURN_RESULT else self.action.value.replace("_", "-")

    @property
    def perform(self) -> Callable[..., Any]:
        return import_string(self.service)

    @property
    def parties(self) -> frozenset[Party]:
        return frozenset(rule.party for rule in self.rules)


def _rules(party: Party, *states: str, phase: Phase = Phase.ANY) -> Rule:
    return Rule(party, frozenset(states), phase)


P = Party
ACTIVE = (S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION, S.WITHDRAWAL_REQUESTED)
WITHDRAWABLE = (S.SUBMITTED, S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION)
SVC = "motcua.dossiers.services."

TABLE: tuple[ActionSpec, ...] = (
    ActionSpec(
        Action.RECEIVE,
        _("Tiếp nhận hồ sơ"),
        rules=(_rules(P.RECEIVING_INTAKE, S.SUBMITTED),),
        service=SVC + "receive_dossier",
        inputs=(note(_("Ghi chú (không bắt buộc)")),),
        page_slug="tiep-nhan",
        submit=_("Tiếp nhận và in Mẫu 01"),
        intro=_(
            "Hồ sơ đầy đủ, hợp lệ: tiếp nhận, bắt đầu tính thời hạn và in Giấy tiếp nhận và hẹn trả kết quả."
        ),
        issues_form="01",
        done=_("Đã tiếp nhận hồ sơ %(code)s. Hãy in Giấy tiếp nhận và hẹn trả kết quả (Mẫu 01)."),
        tone="primary",
        accesskey="t",
        description=_("Tiếp nhận hồ sơ (bắt đầu tính thời hạn giải quyết)"),
    ),
    ActionSpec(
        Action.REQUEST_SUPPLEMENT,
        _("Yêu cầu bổ sung, hoàn thiện"),
        rules=(
            _rules(P.RECEIVING_INTAKE, S.SUBMITTED),
            _rules(P.STEP_HOLDER, S.RECEIVED, S.PROCESSING),
        ),
        service=SVC + "request_supplement",
        inputs=(
            Field(
                "documents",
                Kind.REQUIRED_DOCUMENTS,
                _("Giấy tờ còn thiếu hoặc chưa hợp lệ"),
                default=(),
                help=_("Mã (id) các thành phần hồ sơ của thủ tục."),
            ),
            Field(
                "missing",
                Kind.LINES,
                _("Nội dung khác cần bổ sung, hoàn thiện (mỗi dòng một mục)"),
                max_length=LIST_ITEM_MAX,
                default=(),
            ),
            Field("reason", Kind.TEXT, _("Lý do"), max_length=TEXT_MAX, default=""),
        ),
        page_slug="yeu-cau-bo-sung",
        submit=_("Gửi yêu cầu và in Mẫu 02"),
        issues_form="02",
        done=_("Đã gửi yêu cầu bổ sung, hoàn thiện hồ sơ. Hãy in Phiếu yêu cầu bổ sung (Mẫu 02)."),
        accesskey="b",
        description=_("Yêu cầu bổ sung, hoàn thiện hồ sơ (tạm dừng tính thời hạn)"),
    ),
    ActionSpec(
        Action.REFUSE,
        _("Từ chối tiếp nhận"),
        rules=(_rules(P.RECEIVING_INTAKE, S.SUBMITTED),),
        service=SVC + "refuse_dossier",
        inputs=(reason(_("Lý do từ chối (in trên Mẫu 03)")),),
        page_slug="tu-choi",
        submit=_("Từ chối và in Mẫu 03"),
        issues_form="03",
        done=_("Đã từ chối tiếp nhận hồ sơ. Hãy in Phiếu từ chối (Mẫu 03)."),
        tone="danger",
        accesskey="x",
        description=_("Từ chối tiếp nhận hồ sơ"),
    ),
    ActionSpec(
        Action.SUPPLEMENT,
        _("Nhận giấy tờ bổ sung"),
        rules=(_rules(P.OWNER, S.SUPPLEMENT_REQUESTED), _rules(P.RECEIVING_INTAKE, S.SUPPLEMENT_REQUESTED)),
        service=SVC + "supplement_dossier",
        inputs=(
            Field("documents", Kind.DOCUMENT_FILES, _("Giấy tờ bổ sung"), default=()),
            Field(
                "form_data",
                Kind.JSON,
                _("Dữ liệu tờ khai sửa đổi"),
                default=None,
                help=_("Chỉ các trường cần sửa, theo form_schema của thủ tục."),
            ),
            note(),
        ),
        page_slug="nhan-bo-sung",
        submit=_("Nhận bổ sung, tiếp tục giải quyết"),
        done=_("Đã nhận giấy tờ bổ sung; thời hạn giải quyết tiếp tục được tính."),
        tone="primary",
        accesskey="n",
        description=_("Bổ sung hồ sơ (JSON, hoặc multipart kèm tệp)"),
    ),
    ActionSpec(
        Action.FORWARD,
        _("Chuyển bước tiếp theo"),
        rules=(_rules(P.STEP_HOLDER, S.RECEIVED, S.PROCESSING),),
        service=SVC + "forward_dossier",
        inputs=(
            Field(
                "to_assignee",
                Kind.OFFICER,
                _("Cán bộ nhận (không bắt buộc)"),
                arg="to_assignee_id",
                officers_of="next_step",
            ),
            note(_("Ý kiến xử lý")),
        ),
        requires=(Require.NEXT_STEP,),
        page_slug="chuyen-buoc",
        submit=_("Chuyển"),
        done=_("Đã chuyển hồ sơ sang bước %(step)s: %(step_name)s (%(unit)s)."),
        tone="primary",
        accesskey="c",
        description=_("Chuyển hồ sơ sang bước tiếp theo của quy trình nội bộ"),
    ),
    ActionSpec(
        Action.ATTACH_RESULT,
        _("Đề xuất kết quả"),
        rules=(_rules(P.STEP_HOLDER, S.PROCESSING, S.FINANCIAL_OBLIGATION, phase=Phase.PROCESSING),),
        service=SVC + "propose_result",
        inputs=(
            Field("file", Kind.PDF, _("Tệp PDF văn bản kết quả"), required=True),
            Field(
                "forward",
                Kind.BOOLEAN,
                _("Trình ngay bước tiếp theo"),
                default=False,
                help=_("Chuyển hồ sơ sang bước tiếp theo (thường là lãnh đạo phê duyệt) cùng lúc."),
            ),
        ),
        page_slug="de-xuat-ket-qua",
        submit=_("Lập văn bản kết quả"),
        done=_("Đã lập văn bản kết quả. Hồ sơ đang ở bước %(step)s: %(step_name)s (%(unit)s)."),
        accesskey="k",
        description=_("Đính kèm văn bản kết quả (PDF) đề xuất phê duyệt"),
    ),
    ActionSpec(
        Action.RESOLVE,
        _("Phê duyệt kết quả"),
        rules=(_rules(P.STEP_HOLDER, S.PROCESSING, S.FINANCIAL_OBLIGATION, phase=Phase.SIGNING),),
        service="motcua.signatures.approval.approve",
        inputs=(
            Field(
                "result_summary",
                Kind.LONG_TEXT,
                _("Kết quả giải quyết"),
                required=True,
                max_length=TEXT_MAX,
                default=DEFAULT_RESOLUTION,
            ),
        ),
        requires=(Require.RESULT,),
        page_slug="phe-duyet",
        submit=_("Phê duyệt"),
        done=_("Đã phê duyệt kết quả. Văn thư cơ quan cấp số, ban hành rồi Bộ phận Một cửa trả kết quả."),
        tone="primary",
        accesskey="p",
        description=_(
            "Phê duyệt kết quả giải quyết; khi hệ thống ký số được cấu hình, văn bản kết quả được ký số "
            "(lãnh đạo, rồi con dấu cơ quan) trong cùng thao tác."
        ),
    ),
    ActionSpec(
        Action.ISSUE_RESULT,
        _("Cấp số, đóng dấu và ban hành"),
        rules=(_rules(P.AGENCY_CLERK, S.RESOLVED), _rules(P.LEADER_WITHOUT_CLERK, S.RESOLVED)),
        service="motcua.documents.services.issue_result",
        inputs=(note(_("Ghi chú trong sổ văn bản đi (không bắt buộc)")),),
        requires=(Require.RESULT, Require.UNISSUED_RESULT),
        page_slug="ban-hanh",
        submit=_("Cấp số và ban hành"),
        intro=_(
            "Văn bản kết quả đã được lãnh đạo phê duyệt: hệ thống cấp số tiếp theo của sổ văn bản đi, "
            "ghi ngày ban hành, đóng dấu cơ quan rồi vào sổ."
        ),
        done=_("Đã cấp số, đóng dấu và ban hành văn bản kết quả của hồ sơ %(code)s; có thể trả kết quả."),
        tone="primary",
        accesskey="s",
        description=_("Văn thư cấp số, ghi ngày, đóng dấu cơ quan và ban hành văn bản kết quả"),
    ),
    ActionSpec(
        Action.SEND_BACK,
        _("Trả lại bước trước"),
        rules=(_rules(P.STEP_HOLDER, S.PROCESSING, phase=Phase.PROCESSING),),
        service=SVC + "send_back_dossier",
        inputs=(reason(_("Lý do, ý kiến chỉ đạo")),),
        requires=(Require.PREVIOUS_HOLDER,),
        page_slug="tra-lai",
        submit=_("Trả lại để xử lý lại"),
        done=_("Đã trả lại hồ sơ về bước %(step)s: %(step_name)s (%(unit)s) để xử lý lại."),
        accesskey="v",
        description=_("Trả hồ sơ về cán bộ và bước đã chuyển đến bước hiện tại"),
    ),
    ActionSpec(
        Action.RETURN_RESULT,
        _("Trả kết quả"),
        rules=(_rules(P.RECEIVING_RETURN, S.RESOLVED),),
        service=SVC + "return_result",
        inputs=(
            Field(
                "method",
                Kind.CHOICE,
                _("Hình thức trả kết quả"),
                required=True,
                choices=RETURN_METHODS,
                default="counter",
            ),
            note(_("Ghi chú (người nhận, số vận đơn…)")),
        ),
        requires=(Require.ISSUED_RESULT,),
        page_slug="tra-ket-qua",
        submit=_("Xác nhận đã trả kết quả"),
        done=_("Đã trả kết quả cho người nộp."),
        tone="primary",
        accesskey="r",
        description=_("Trả kết quả cho người nộp"),
    ),
    ActionSpec(
        Action.CONFIRM_FINANCIAL_OBLIGATION,
        _("Xác nhận đã nộp phí, lệ phí"),
        rules=(
            _rules(P.STEP_HOLDER, S.FINANCIAL_OBLIGATION),
            _rules(P.RECEIVING_INTAKE, S.FINANCIAL_OBLIGATION),
        ),
        service=SVC + "confirm_financial_obligation",
        inputs=(Field("receipt_number", Kind.TEXT, _("Số biên lai, chứng từ"), max_length=100, default=""),),
        page_slug="xac-nhan-nghia-vu",
        submit=_("Xác nhận"),
        done=_("Đã xác nhận người nộp hoàn thành nghĩa vụ tài chính."),
        tone="primary",
        accesskey="f",
        description=_("Xác nhận đã thực hiện nghĩa vụ tài chính"),
    ),
    ActionSpec(
        Action.RECORD_PAYMENT,
        _("Thu phí, lệ phí tại quầy"),
        # The counter takes the fees with the papers (before or at reception); later obligations go
        # through request / confirm financial obligation.
        rules=(_rules(P.RECEIVING_INTAKE, S.SUBMITTED, S.RECEIVED, phase=Phase.INTAKE),),
        service="motcua.payments.services.record_counter_payment",
        inputs=(
            Field(
                "payer_name",
                Kind.TEXT,
                _("Người nộp tiền"),
                max_length=200,
                default="",
                help=_("Để trống: người nộp hồ sơ."),
            ),
        ),
        page_slug="thu-phi",
        submit=_("Thu phí và lập biên lai"),
        intro=_("Thu số phí, lệ phí còn phải nộp theo thủ tục và lập biên lai điện tử."),
        done=_("Đã thu phí, lệ phí của hồ sơ %(code)s và lập biên lai điện tử."),
        accesskey="m",
        description=_("Ghi nhận người nộp đã nộp phí, lệ phí tại Bộ phận Một cửa (lập biên lai điện tử)"),
    ),
    ActionSpec(
        Action.DECIDE_EXEMPTION,
        _("Kiểm tra đề nghị miễn, giảm phí, lệ phí"),
        # The counter checks the proof with the papers; later, whoever holds the dossier does.
        rules=(
            _rules(P.RECEIVING_INTAKE, S.SUBMITTED),
            _rules(P.STEP_HOLDER, S.RECEIVED, S.PROCESSING, S.FINANCIAL_OBLIGATION),
        ),
        service="motcua.payments.services.decide_fee_exemption",
        inputs=(
            Field(
                "accept",
                Kind.BOOLEAN,
                _("Quyết định"),
                required=True,
                choices=(
                    ("1", _("Xác nhận: người nộp thuộc đối tượng được miễn, giảm")),
                    ("0", _("Không chấp nhận: thu mức phí, lệ phí thông thường")),
                ),
            ),
            Field(
                "reason",
                Kind.LONG_TEXT,
                _("Lý do (bắt buộc khi không chấp nhận)"),
                max_length=TEXT_MAX,
                default="",
            ),
        ),
        requires=(Require.EXEMPTION_CLAIMED,),
        page_slug="mien-giam-phi",
        submit=_("Ghi nhận quyết định"),
        intro=_(
            "Đối chiếu giấy tờ chứng minh đối tượng được miễn, giảm. Không chấp nhận thì người nộp phải "
            "nộp mức thông thường (cả phần chênh lệch nếu đã nộp mức giảm)."
        ),
        done=_("Đã ghi nhận quyết định về đề nghị miễn, giảm phí, lệ phí của hồ sơ %(code)s."),
        accesskey="e",
        description=_("Xác nhận hoặc không chấp nhận đề nghị miễn, giảm phí, lệ phí của người nộp"),
    ),
    ActionSpec(
        Action.DECIDE_WITHDRAWAL,
        _("Quyết định yêu cầu rút hồ sơ"),
        rules=(
            _rules(P.RECEIVING_INTAKE, S.WITHDRAWAL_REQUESTED, phase=Phase.INTAKE),
            _rules(P.UNIT_HEAD, S.WITHDRAWAL_REQUESTED, phase=Phase.PROCESSING),
        ),
        service=SVC + "decide_withdrawal",
        inputs=(
            Field(
                "accept",
                Kind.BOOLEAN,
                _("Quyết định"),
                required=True,
                choices=(
                    ("1", _("Chấp nhận cho rút hồ sơ (dừng giải quyết, Mẫu 05)")),
                    ("0", _("Không chấp nhận, tiếp tục giải quyết")),
                ),
            ),
            note(),
        ),
        page_slug="quyet-dinh-rut",
        submit=_("Ghi nhận quyết định"),
        done=_("Đã ghi nhận quyết định về yêu cầu rút hồ sơ."),
        tone="primary",
        accesskey="w",
        description=_("Chấp nhận hoặc không chấp nhận yêu cầu rút hồ sơ"),
    ),
    ActionSpec(
        Action.TRANSFER,
        _("Chuyển đơn vị khác / liên thông"),
        rules=(_rules(P.STEP_HOLDER, S.RECEIVED, S.PROCESSING),),
        service=SVC + "transfer_dossier",
        inputs=(
            Field("to_unit", Kind.UNIT, _("Đơn vị nhận"), required=True, arg="to_unit_id"),
            Field(
                "to_assignee",
                Kind.OFFICER,
                _("Cán bộ nhận (không bắt buộc)"),
                arg="to_assignee_id",
                officers_of="to_unit",
            ),
            Field(
                "step",
                Kind.INTEGER,
                _("Bước quy trình"),
                min_value=1,
                max_value=1000,
                help=_("Để trống: bước tiếp theo của quy trình."),
            ),
            note(_("Ý kiến xử lý")),
        ),
        page_slug="chuyen",
        submit=_("Chuyển hồ sơ"),
        done=_("Đã chuyển hồ sơ đến %(unit)s."),
        accesskey="l",
        description=_("Chuyển xử lý cho phòng ban (cùng cơ quan hoặc liên thông)"),
    ),
    ActionSpec(
        Action.ASSIGN,
        _("Phân công (giao cán bộ)"),
        rules=(_rules(P.UNIT_HEAD, S.RECEIVED, S.PROCESSING),),
        service=SVC + "assign_dossier",
        inputs=(
            Field("assignee", Kind.OFFICER, _("Giao cho"), required=True, arg="assignee_id"),
            note(),
        ),
        page_slug="phan-cong",
        submit=_("Phân công"),
        done=_("Đã phân công lại hồ sơ %(code)s."),
        accesskey="g",
        description=_("Phân công cán bộ xử lý (trưởng đơn vị hoặc lãnh đạo cơ quan)"),
    ),
    ActionSpec(
        Action.REQUEST_FINANCIAL_OBLIGATION,
        _("Yêu cầu nghĩa vụ tài chính"),
        rules=(_rules(P.STEP_HOLDER, S.RECEIVED, S.PROCESSING),),
        service=SVC + "request_financial_obligation",
        inputs=(
            Field("description", Kind.TEXT, _("Khoản phải nộp"), required=True, max_length=TEXT_MAX),
            Field("amount", Kind.INTEGER, _("Số tiền (đồng)"), required=True, min_value=1, max_value=10**13),
        ),
        page_slug="nghia-vu-tai-chinh",
        submit=_("Gửi yêu cầu"),
        done=_("Đã thông báo nghĩa vụ tài chính cho người nộp."),
        description=_("Yêu cầu thực hiện nghĩa vụ tài chính"),
    ),
    ActionSpec(
        Action.APOLOGISE,
        _("Xin lỗi và hẹn lại (Mẫu 04)"),
        rules=(_rules(P.STEP_HOLDER, *ACTIVE), _rules(P.UNIT_HEAD, *ACTIVE)),
        service=SVC + "apologise_and_extend",
        inputs=(
            Field("new_appointment", Kind.DATETIME, _("Ngày, giờ hẹn trả mới"), required=True),
            reason(_("Lý do chậm trễ")),
        ),
        requires=(Require.DUE_DATE,),
        page_slug="xin-loi",
        submit=_("Lập văn bản xin lỗi và in Mẫu 04"),
        intro=_("Ngày hẹn mới được ghi trên văn bản; thống kê đúng hạn vẫn tính theo hạn ban đầu."),
        issues_form="04",
        done=_("Đã lập văn bản xin lỗi và hẹn lại ngày trả kết quả. Hãy in Mẫu 04."),
        accesskey="h",
        description=_("Xin lỗi và hẹn lại ngày trả kết quả"),
    ),
    ActionSpec(
        Action.REQUEST_WITHDRAWAL,
        _("Ghi nhận yêu cầu rút hồ sơ"),
        rules=(_rules(P.OWNER, *WITHDRAWABLE), _rules(P.RECEIVING_INTAKE, *WITHDRAWABLE)),
        service=SVC + "request_withdrawal",
        inputs=(reason(_("Lý do người nộp nêu")),),
        page_slug="rut-ho-so",
        submit=_("Ghi nhận"),
        done=_("Đã ghi nhận yêu cầu rút hồ sơ của người nộp."),
        description=_("Yêu cầu rút hồ sơ"),
    ),
    ActionSpec(
        Action.STOP,
        _("Dừng giải quyết (Mẫu 05)"),
        rules=(_rules(P.UNIT_HEAD, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION),),
        service=SVC + "stop_dossier",
        inputs=(reason(_("Lý do dừng giải quyết")),),
        page_slug="dung",
        submit=_("Dừng giải quyết và in Mẫu 05"),
        issues_form="05",
        done=_("Đã dừng giải quyết hồ sơ. Hãy in Thông báo dừng giải quyết (Mẫu 05)."),
        tone="danger",
        accesskey="d",
        description=_("Dừng giải quyết hồ sơ (trưởng đơn vị hoặc lãnh đạo cơ quan đang giải quyết)"),
    ),
)

ACTIONS: dict[Action, ActionSpec] = {spec.action: spec for spec in TABLE}
BY_PAGE_SLUG: dict[str, ActionSpec] = {spec.page_slug: spec for spec in TABLE}
BY_API_SLUG: dict[str, ActionSpec] = {spec.api_slug: spec for spec in TABLE}
# Actions that are not rows of a dossier's action panel: reading, and creating a dossier at the counter.
REGISTER_RULE = Party.RECEIVING_INTAKE


def spec_for(action: Action) -> ActionSpec:
    return ACTIONS[action]


def action_label(action: Action) -> str:
    spec = ACTIONS.get(action)
    return str(spec.label) if spec else str(action)


@dataclass(frozen=True)
class Inputs:
    """Validated inputs of an action, by field name (what the doors hand to `perform`)."""

    values: dict[str, Any] = field(default_factory=dict)

    def kwargs(self, spec: ActionSpec) -> dict[str, Any]:
        found = {}
        for f in spec.inputs:
            if f.name in self.values:
                found[f.service_arg] = self.values[f.name]
        return found


def perform(
    action: Action,
    *,
    dossier_id: int,
    actor: Any,
    values: dict[str, Any],
    expected_version: int | None,
) -> Any:
    """Run the action's one service with the door's validated inputs."""
    spec = ACTIONS[action]
    return spec.perform(
        dossier_id=dossier_id,
        actor=actor,
        expected_version=expected_version,
        **Inputs(values).kwargs(spec),
    )
