"""Whatever the gateway (or anyone) sends, reading a callback either gives typed fields or raises
BadCallback with a reason: never another exception, never a crash of the door."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from motcua.payments import gateway

SECRET = "k"
values = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=80), st.floats(allow_nan=False))
messages = st.one_of(
    values,
    st.lists(values, max_size=3),
    st.dictionaries(
        st.sampled_from(
            ["amount", "orderId", "transactionNo", "errorCode", "payDate", "paygate", "checksum", "x"]
        ),
        values,
    ),
)


def _read(message: object) -> gateway.Callback | str:
    try:
        return gateway.read_callback(message)
    except gateway.BadCallback as exc:
        return str(exc) or "?"


@given(messages)
def test_reading_never_crashes(message):
    read = _read(message)
    if isinstance(read, gateway.Callback):
        assert read.amount >= 0
        assert len(read.transaction_no) <= 64
    else:
        assert read  # the reason that is logged
    if isinstance(message, dict):
        assert gateway.checksum_ok(message, gateway.CALLBACK_FIELDS, SECRET) in (True, False)


@given(st.integers(0, 10**12), st.text(min_size=1, max_size=30), st.text(min_size=1, max_size=64))
def test_a_signed_callback_verifies_and_any_change_breaks_it(amount, order, tx):
    message = gateway.sign_callback(
        {
            "amount": amount,
            "orderId": order,
            "transactionNo": tx,
            "errorCode": "00",
            "payDate": "20261206093000",
        },
        SECRET,
    )
    assert gateway.checksum_ok(message, gateway.CALLBACK_FIELDS, SECRET)
    assert not gateway.checksum_ok({**message, "amount": amount + 1}, gateway.CALLBACK_FIELDS, SECRET)
    assert not gateway.checksum_ok(message, gateway.CALLBACK_FIELDS, SECRET + "x")


def test_order_ids_with_dashes_in_the_unit_code_are_matched_whole():
    order = gateway.order_id("000.00.12-H50", "H50.20-20261206-0000001", 1)
    assert order == "000.00.12-H50-H50.20-20261206-0000001-01"
