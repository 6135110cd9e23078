"""Every write of payments: starting an online payment, the gateway's callback, the bill look-up it
makes, and a payment taken at the counter.

The machine doors (callback, look-up) are authenticated by the checksum only. Every message is kept
raw (`GatewayMessage`) with what we made of it, and every refusal is logged with its reason.
"""

from __future__ import annotations

import logging
import time as _time
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from motcua.core import time as core_time
from motcua.core.errors import Conflict, NotFound, PermissionDenied
from motcua.core.jsonlimits import JSONRefused, loads
from motcua.dossiers import services as dossier_services
from motcua.dossiers.actions import Action
from motcua.dossiers.models import Dossier, ExemptionStatus
from motcua.dossiers.permissions import is_owner
from motcua.dossiers.states import TERMINAL

from . import conf, gateway
from .fees import Quote, money
from .models import GatewayMessage, Payment
from .selectors import dossier_quote, paid_total

log = logging.getLogger("motcua.payments")

MAX_DEPTH = 4
RETURN_PATH = "/thanh-toan/ket-qua/"
SUCCESSFUL = "SUCCESSFUL"
FAILED = "FAILED"


class OnlinePaymentUnavailable(Conflict):
    code = "payment_unavailable"


def _owed(dossier: Dossier) -> tuple[Quote, int]:
    q = dossier_quote(dossier)
    return q, max(0, q.total - paid_total(dossier))


def _receipt_number(payment: Payment) -> str:
    return f"BL{core_time.local(payment.paid_at or core_time.now()):%Y%m%d}-{payment.pk:07d}"


def _settle(payment: Payment, dossier: Dossier, *, actor: Any, at: datetime, extra: dict[str, Any]) -> None:
    """Mark the payment paid, give it its receipt number and write its one `fee_paid` event."""
    payment.status = Payment.Status.PAID
    payment.paid_at = at
    payment.receipt_number = _receipt_number(payment)
    # Stored with the event, in Vietnamese whatever the officer's language (it is the record, not the page).
    how = (
        f"Thanh toán trực tuyến qua Nền tảng thanh toán, mã giao dịch {payment.transaction_no}"
        if payment.channel == Payment.Channel.ONLINE
        else "Nộp tại Bộ phận Một cửa"
    )
    event = dossier_services.record_fee_paid(
        dossier,
        actor=actor,
        at=at,
        note=f"{how}; biên lai {payment.receipt_number}; {money(payment.amount)}",
        payload={
            "payment_id": payment.pk,
            "amount": payment.amount,
            "channel": payment.channel,
            "receipt_number": payment.receipt_number,
            **extra,
        },
    )
    payment.event = event
    payment.save()


# --- online -------------------------------------------------------------------------------------


@transaction.atomic
def start_online_payment(
    *, dossier_id: int, user: Any, client_ip: str, return_url: str = "", at: datetime | None = None
) -> str:
    """A pending payment of what the dossier still owes; returns the gateway URL to send the payer to.

    The gateway sends the payer back to MOTCUA_PAYMENT_PUBLIC_URL's return page, or to `return_url`
    (the page's own absolute URL) when that setting is not made.
    """
    at = at or core_time.now()
    dossier = dossier_services.lock_for_payment(dossier_id)
    if not is_owner(user, dossier):
        raise PermissionDenied(
            gettext("Chỉ người nộp hồ sơ mới thanh toán trực tuyến được phí, lệ phí của hồ sơ.")
        )
    if not conf.online_enabled():
        raise OnlinePaymentUnavailable(
            gettext("Thanh toán trực tuyến chưa được cấu hình; vui lòng nộp tại quầy.")
        )
    if dossier.state in TERMINAL:
        raise Conflict(gettext("Hồ sơ đã kết thúc xử lý, không thể thanh toán."))
    q, owed = _owed(dossier)
    if owed <= 0:
        raise Conflict(gettext("Hồ sơ không còn khoản phí, lệ phí nào phải nộp."))
    attempt = Payment.objects.filter(dossier=dossier).count() + 1
    payment = Payment.objects.create(
        dossier=dossier,
        channel=Payment.Channel.ONLINE,
        order_id=gateway.order_id(dossier.receiving_agency.code, dossier.code, attempt),
        request_code=f"{dossier.pk}{int(_time.time() * 1000)}",
        amount=owed,
        lines=[line.as_dict() for line in q.lines],
        created_at=at,
        payer_name=dossier.applicant_name,
    )
    message = gateway.redirect_request(
        partner_code=conf.partner_code(),
        order=payment.order_id,
        amount=payment.amount,
        info=gateway.order_info(dossier.code, dossier.procedure_version.name),
        request_code=payment.request_code,
        return_url=f"{conf.public_url()}{RETURN_PATH}" if conf.public_url() else return_url,
        ip_address=client_ip,
        secret=conf.secret(),
    )
    return gateway.redirect_url(conf.gateway_url(), message)


def _keep(kind: str, body: bytes, client: str, **fields: Any) -> GatewayMessage:
    return GatewayMessage.objects.create(
        kind=kind,
        received_at=core_time.now(),
        client_address=client[:64],
        body=body.decode("utf-8", errors="replace"),
        **fields,
    )


def _refuse(kind: str, body: bytes, client: str, reason: str, **fields: Any) -> None:
    log.warning("payment %s refused from %s: %s", kind, client, reason)
    _keep(kind, body, client, outcome=GatewayMessage.Outcome.REJECTED, reason=reason[:300], **fields)


def handle_callback(*, body: bytes, client_address: str) -> dict[str, str]:
    """The gateway tells us a payment's result. Verified by checksum and amount; idempotent by transactionNo.

    Returns the reply: status SUCCESSFUL (recorded now or before) or FAILED, with a message.
    """
    try:
        message = loads(body, max_depth=MAX_DEPTH)
    except (JSONRefused, ValueError, UnicodeDecodeError):
        _refuse(GatewayMessage.Kind.CALLBACK, body, client_address, "body is not valid JSON")
        return {"status": FAILED, "message": "invalid body"}
    try:
        callback = gateway.read_callback(message)
    except gateway.BadCallback as exc:
        _refuse(GatewayMessage.Kind.CALLBACK, body, client_address, str(exc))
        return {"status": FAILED, "message": str(exc)}
    if not gateway.checksum_ok(message, gateway.CALLBACK_FIELDS, conf.secret()):
        _refuse(
            GatewayMessage.Kind.CALLBACK,
            body,
            client_address,
            "checksum does not match",
            transaction_no=callback.transaction_no,
        )
        return {"status": FAILED, "message": "checksum does not match"}
    try:
        return _apply_callback(callback, body, client_address)
    except IntegrityError:
        # Two deliveries of one transaction at once: the other one recorded it.
        _keep(
            GatewayMessage.Kind.CALLBACK,
            body,
            client_address,
            outcome=GatewayMessage.Outcome.DUPLICATE,
            reason="transactionNo recorded concurrently",
            transaction_no=callback.transaction_no,
        )
        return {"status": SUCCESSFUL, "message": "already recorded"}


@transaction.atomic
def _apply_callback(callback: gateway.Callback, body: bytes, client: str) -> dict[str, str]:
    kind = GatewayMessage.Kind.CALLBACK
    tx = callback.transaction_no
    known = Payment.objects.filter(order_id=callback.order_id).values_list("pk", "dossier_id").first()
    if known is None:
        _refuse(kind, body, client, f"unknown orderId {callback.order_id}", transaction_no=tx)
        return {"status": FAILED, "message": "unknown order"}
    payment_id, dossier_id = known
    dossier = dossier_services.lock_for_payment(dossier_id)  # dossier first, then payment: one lock order
    payment = Payment.objects.select_for_update().get(pk=payment_id)
    earlier = Payment.objects.filter(transaction_no=tx).first()
    if earlier is not None:
        if earlier.pk == payment.pk and earlier.status in (Payment.Status.PAID, Payment.Status.FAILED):
            log.info("payment callback replayed: transactionNo %s already recorded", tx)
            _keep(
                kind,
                body,
                client,
                outcome=GatewayMessage.Outcome.DUPLICATE,
                reason="transactionNo already recorded",
                transaction_no=tx,
                payment=payment,
            )
            return {"status": SUCCESSFUL, "message": "already recorded"}
        _refuse(
            kind, body, client, f"transactionNo {tx} belongs to order {earlier.order_id}", transaction_no=tx
        )
        return {"status": FAILED, "message": "transaction belongs to another order"}
    if payment.status != Payment.Status.PENDING:
        _refuse(
            kind,
            body,
            client,
            f"order {payment.order_id} already {payment.status}",
            transaction_no=tx,
            payment=payment,
        )
        return {"status": FAILED, "message": "order already settled"}
    if callback.amount != payment.amount:
        _refuse(
            kind,
            body,
            client,
            f"amount {callback.amount} differs from the bill {payment.amount}",
            transaction_no=tx,
            payment=payment,
        )
        return {"status": FAILED, "message": "amount does not match"}
    payment.transaction_no = tx
    payment.gateway = callback.paygate
    at = core_time.now()
    if callback.paid and _owed(dossier)[1] < payment.amount:
        # Paid meanwhile at the counter (or by another order): the money was taken all the same, so it
        # is recorded; the overpayment is for the officers to refund (the reconciliation lists it).
        log.warning(
            "payment %s of dossier %s: paid online after the fees were settled; %s đồng to refund",
            payment.order_id,
            dossier.code,
            payment.amount - _owed(dossier)[1],
        )
    if not callback.paid:
        payment.status = Payment.Status.FAILED
        payment.save()
        _keep(
            kind,
            body,
            client,
            outcome=GatewayMessage.Outcome.ACCEPTED,
            reason=f"not paid (errorCode {callback.error_code})",
            transaction_no=tx,
            payment=payment,
        )
        return {"status": SUCCESSFUL, "message": "recorded"}
    _settle(
        payment,
        dossier,
        actor=None,
        at=at,
        extra={"transaction_no": tx, "paygate": callback.paygate},
    )
    _keep(kind, body, client, outcome=GatewayMessage.Outcome.ACCEPTED, transaction_no=tx, payment=payment)
    return {"status": SUCCESSFUL, "message": "recorded"}


def bill_lookup(*, body: bytes, client_address: str) -> dict[str, Any]:
    """The national platform asks what a dossier owes: error_code -1 not found, 0 nothing due, 1 the bill."""
    kind = GatewayMessage.Kind.LOOKUP
    try:
        message = loads(body, max_depth=MAX_DEPTH)
    except (JSONRefused, ValueError, UnicodeDecodeError):
        _refuse(kind, body, client_address, "body is not valid JSON")
        return {"error_code": -1, "message": "Yêu cầu không hợp lệ"}
    if not isinstance(message, dict) or not isinstance(message.get("MaHoSo"), str):
        _refuse(kind, body, client_address, "missing MaHoSo")
        return {"error_code": -1, "message": "Thiếu mã hồ sơ"}
    if not gateway.checksum_ok(message, gateway.LOOKUP_FIELDS, conf.secret()):
        _refuse(kind, body, client_address, "checksum does not match")
        return {"error_code": -1, "message": "Sai mã xác thực"}
    code = message["MaHoSo"][:40]
    dossier = (
        Dossier.objects.select_related("procedure_version__procedure", "receiving_agency")
        .filter(code=code)
        .first()
    )
    if dossier is None:
        _keep(kind, body, client_address, outcome=GatewayMessage.Outcome.ANSWERED, reason="-1 not found")
        return {"error_code": -1, "message": "Không tìm thấy hồ sơ"}
    q, owed = _owed(dossier)
    if owed <= 0 or dossier.state in TERMINAL:
        _keep(kind, body, client_address, outcome=GatewayMessage.Outcome.ANSWERED, reason="0 nothing due")
        return {"error_code": 0, "message": "Hồ sơ không có khoản phải thanh toán"}
    _keep(kind, body, client_address, outcome=GatewayMessage.Outcome.ANSWERED, reason=f"1 bill {owed}")
    version = dossier.procedure_version
    return {
        "error_code": 1,
        "message": {
            "MaTraCuuTT": f"{dossier.code}{core_time.local(core_time.now()):%Y%m%d%H%M%S}",
            "MaDichVu": 2,
            "MaDonVi": dossier.receiving_agency.code,
            "TenDonVi": dossier.receiving_agency.name,
            "MaHoSo": dossier.code,
            "MaTTHC": version.procedure.code,
            "TenTTHC": version.name,
            "HoTenNguoiNop": dossier.applicant_name,
            "DiaChiNguoiNop": dossier.applicant_address,
            "SoTien": owed,
            "PhiLePhi": [
                {
                    "LoaiPhiLePhi": 2 if line.kind == "charge" else 1,
                    "TenPhiLePhi": line.name,
                    "SoTien": line.amount,
                }
                for line in q.lines
            ],
        },
    }


# --- at the counter -----------------------------------------------------------------------------


@transaction.atomic
def record_counter_payment(
    *,
    dossier_id: int,
    actor: Any,
    payer_name: str = "",
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """The counter takes what the dossier owes: a paid payment, its e-receipt, its event."""
    payer_name = dossier_services.checked_text(payer_name, label=gettext("người nộp tiền"), limit=200)
    dossier = dossier_services.lock_for(
        Action.RECORD_PAYMENT, dossier_id=dossier_id, actor=actor, expected_version=expected_version
    )
    q, owed = _owed(dossier)
    if owed <= 0:
        raise Conflict(gettext("Hồ sơ không còn khoản phí, lệ phí nào phải nộp."))
    at = at or core_time.now()
    attempt = Payment.objects.filter(dossier=dossier).count() + 1
    payment = Payment.objects.create(
        dossier=dossier,
        channel=Payment.Channel.COUNTER,
        order_id=f"QUAY-{dossier.code}-{attempt:02d}",
        amount=owed,
        lines=[line.as_dict() for line in q.lines],
        created_at=at,
        payer_name=payer_name or dossier.applicant_name,
        officer=actor,
    )
    _settle(payment, dossier, actor=actor, at=at, extra={})
    return dossier


# --- the applicant's claim of an exemption ---------------------------------------------------------


@transaction.atomic
def decide_fee_exemption(
    *,
    dossier_id: int,
    actor: Any,
    accept: bool,
    reason: str = "",
    at: datetime | None = None,
    expected_version: int | None = None,
) -> Dossier:
    """An officer confirms the applicant's claimed exemption on its proof, or rejects it with a reason.

    Rejected, the standard fees are owed again: what was paid at the reduced rate counts, the
    difference is due (`selectors.outstanding`). Either way one event goes into the history.
    """
    reason = dossier_services.checked_text(reason, label=gettext("lý do"), required=not accept)
    dossier = dossier_services.lock_for(
        Action.DECIDE_EXEMPTION, dossier_id=dossier_id, actor=actor, expected_version=expected_version
    )
    dossier.fee_exemption_status = ExemptionStatus.CONFIRMED if accept else ExemptionStatus.REJECTED
    q, owed = _owed(dossier)
    description = dossier.fee_exemption.description if dossier.fee_exemption is not None else ""
    dossier_services.record_exemption_decision(
        dossier,
        actor=actor,
        accepted=accept,
        at=at,
        note=reason,
        payload={
            "exemption_id": dossier.fee_exemption_id,
            "exemption": description,
            "total": q.total,
            "paid": paid_total(dossier),
            "outstanding": owed,
        },
    )
    return dossier


def payment_for_return(order_id: str) -> Payment | None:
    """The payment a browser comes back from the gateway with (its state is what the callback made it)."""
    if not order_id or len(order_id) > 80:
        return None
    return Payment.objects.filter(order_id=order_id).select_related("dossier").first()


def require_receipt_reader(user: Any, payment: Payment) -> None:
    from motcua.dossiers.permissions import can_view

    if not can_view(user, payment.dossier):
        raise NotFound(gettext("Không tìm thấy biên lai."))
