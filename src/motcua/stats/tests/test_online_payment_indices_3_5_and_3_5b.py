"""Indices 3.5 (fee-bearing procedures payable online) and 3.5b (fee-bearing procedures that had an
online payment in the period), worked out by hand."""

from datetime import date

from motcua.dossiers.tests.factories import AgencyFactory, vn
from motcua.payments import conf as payment_conf
from motcua.payments.models import Payment
from motcua.stats.coverage import catalogue_figures, procedures_behind
from motcua.stats.scorecard import indices, score

from .factories import dossier, procedure


def _pay(d, channel, status, at):
    return Payment.objects.create(
        dossier=d,
        channel=channel,
        status=status,
        order_id=f"O-{d.pk}-{channel}-{status}",
        amount=100_000,
        created_at=at,
        paid_at=at if status == Payment.Status.PAID else None,
        receipt_number=f"BL-{d.pk}" if status == Payment.Status.PAID else None,
    )


def test_payable_online_and_paid_online(db):
    dept = AgencyFactory()
    fee_bearing = [procedure(dept, online="partial", fee=100_000) for _ in range(4)]
    fee_bearing.append(procedure(dept, online="none", fee=50_000))  # fee-bearing, not online
    procedure(dept, online="partial", fee=0)  # a fee of 0 đồng: not fee-bearing
    procedure(dept, online="partial")  # no fee

    # One fee-bearing procedure paid online in March; another paid at the counter; a third paid online
    # but in April (outside the period); a failed online payment counts for nothing.
    paid = dossier(fee_bearing[0], received=vn(2025, 3, 3, 8, 0))
    _pay(paid, Payment.Channel.ONLINE, Payment.Status.PAID, vn(2025, 3, 5, 10, 0))
    counter = dossier(fee_bearing[1], received=vn(2025, 3, 3, 8, 0))
    _pay(counter, Payment.Channel.COUNTER, Payment.Status.PAID, vn(2025, 3, 5, 10, 0))
    late = dossier(fee_bearing[2], received=vn(2025, 3, 3, 8, 0))
    _pay(late, Payment.Channel.ONLINE, Payment.Status.PAID, vn(2025, 4, 1, 9, 0))
    failed = dossier(fee_bearing[3], received=vn(2025, 3, 3, 8, 0))
    _pay(failed, Payment.Channel.ONLINE, Payment.Status.FAILED, vn(2025, 3, 6, 9, 0))

    march = (date(2025, 3, 1), date(2025, 3, 31))
    config = {i.id: i for i in indices()}
    payment_conf.override(gateway_url="http://127.0.0.1:9", secret="k")
    try:
        figures = catalogue_figures(*march)
        # 3.5: 4 of the 5 fee-bearing procedures are online with the gateway on = 80 %: full 2 points.
        assert figures["3.5"][dept.pk] == (4, 5)
        assert score(config["3.5"], 4, 5).points == 2
        behind = procedures_behind("3.5", dept.pk, *march)
        assert [line.counted for line in behind] == [False, True, True, True, True]
    finally:
        payment_conf.override(gateway_url=None, secret=None)
    # Without a payment gateway nothing is payable online: 0 of 5.
    assert catalogue_figures(*march)["3.5"][dept.pk] == (0, 5)
    # 3.5b: 1 of 5 fee-bearing procedures had an online payment in March = 20 % → 20 / 80 × 2 = 0.5.
    assert catalogue_figures(*march)["3.5b"][dept.pk] == (1, 5)
    line = score(config["3.5b"], 1, 5)
    assert (line.rate, line.points) == (20.0, 0.5)
