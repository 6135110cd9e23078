"""Decision 766 scorecard: indices, their ceilings and thresholds (configuration), and the points (pure).

Scoring (integration reference B2): the maximum when the rate reaches the threshold, otherwise
rate / threshold × maximum; rate × maximum when there is no threshold; two decimals; N/A (None)
when the denominator is 0. The official annex is not fully confirmed, so every ceiling and
threshold can be overridden by the setting ``MOTCUA_SCORECARD`` ({id: {"max": .., "threshold": ..}}).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class Index:
    id: str
    name: str
    max: float  # 0: tracked, not scored
    threshold: float | None = None  # percent at which the index earns its maximum
    note: str = ""
    unit: str = "%"
    # Why the platform holds no data for this index ("" when it does): the index is shown N/A with it.
    missing: str = ""
    # What the drill-down lists: the dossiers behind the number, or the procedures (catalogue indices).
    behind: str = "dossiers"


DEFAULT_INDICES: tuple[Index, ...] = (
    Index(
        "1.4",
        "Tỷ lệ hồ sơ đồng bộ lên Cổng DVC quốc gia",
        6,
        None,
        "Hồ sơ tiếp nhận trong kỳ đã được Cổng DVC quốc gia nhận / hồ sơ tiếp nhận trong kỳ "
        "(N/A khi chưa kết nối Cổng).",
    ),
    Index("2.1", "Tỷ lệ hồ sơ giải quyết đúng hạn, trước hạn", 20),
    Index("2.2", "Thời gian giải quyết trung bình (phút)", 0, None, "Theo dõi, không tính điểm.", "phút"),
    Index(
        "3.1",
        "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến",
        0,
        80,
        "TTHC đang áp dụng có mức trực tuyến toàn trình hoặc một phần / TTHC đang áp dụng của cơ quan. "
        "Theo dõi: 12 điểm nhóm trực tuyến đang tính ở chỉ số 3.3 (trần điểm cấu hình được).",
        behind="procedures",
    ),
    Index(
        "3.2",
        "Tỷ lệ dịch vụ công trực tuyến phát sinh hồ sơ",
        0,
        None,
        "TTHC trực tuyến có ít nhất một hồ sơ trực tuyến tiếp nhận trong kỳ / TTHC trực tuyến. "
        "Theo dõi: trần điểm cấu hình được.",
        behind="procedures",
    ),
    Index(
        "3.3", "Tỷ lệ hồ sơ trực tuyến", 12, 50, "Nhân với tỷ lệ đồng bộ (chỉ số 1.4) khi đã kết nối Cổng."
    ),
    Index(
        "3.5",
        "Tỷ lệ TTHC có phí, lệ phí được thanh toán trực tuyến",
        2,
        80,
        "TTHC có phí, lệ phí (mức thu khác 0 trong danh mục) cung cấp trực tuyến và đã bật thanh toán "
        "trực tuyến / TTHC có phí, lệ phí.",
        behind="procedures",
    ),
    Index(
        "3.5b",
        "Tỷ lệ TTHC có phí, lệ phí phát sinh thanh toán trực tuyến",
        2,
        80,
        "TTHC có phí, lệ phí có ít nhất một khoản thanh toán trực tuyến thành công trong kỳ / "
        "TTHC có phí, lệ phí.",
        behind="procedures",
    ),
    Index("3.6", "Tỷ lệ hồ sơ thanh toán trực tuyến", 6),
    Index(
        "4.1",
        "Tỷ lệ cấp kết quả giải quyết điện tử",
        6,
        None,
        "Hồ sơ giải quyết xong trong kỳ có tệp kết quả điện tử / hồ sơ giải quyết xong trong kỳ.",
    ),
    Index(
        "4.2",
        "Tỷ lệ số hóa hồ sơ, kết quả giải quyết",
        4,
        80,
        "Hồ sơ giải quyết xong trong kỳ có tệp thành phần hồ sơ và tệp kết quả / "
        "hồ sơ giải quyết xong trong kỳ.",
    ),
    Index(
        "4.3",
        "Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa",
        2,
        80,
        missing="Hệ thống chưa có kho dữ liệu số hóa để người nộp dùng lại thành phần hồ sơ: mọi tệp "
        "đều được nộp mới (đồng bộ DuocTaiSuDung = 0), nên chưa có số liệu để tính.",
    ),
    Index(
        "4.4",
        "Tỷ lệ hồ sơ kết nối Kho quản lý dữ liệu điện tử của tổ chức, cá nhân",
        4,
        None,
        missing="Hệ thống chưa lấy giấy tờ từ kho dữ liệu của công dân trên Cổng Dịch vụ công quốc gia và "
        "chưa đẩy kết quả vào kho đó (đồng bộ DuocLayTuKhoDMQG = 0), nên chưa có số liệu để tính.",
    ),
    Index(
        "4.5a",
        "Tỷ lệ TTHC có hồ sơ sử dụng dữ liệu dân cư",
        2,
        None,
        "TTHC cho công dân có hồ sơ tiếp nhận trong kỳ được xác thực qua VNeID hoặc dùng Cơ sở dữ liệu "
        "quốc gia về dân cư / TTHC cho công dân của cơ quan.",
        behind="procedures",
    ),
    Index(
        "4.5b",
        "Tỷ lệ hồ sơ sử dụng dữ liệu dân cư",
        2,
        None,
        "Hồ sơ tiếp nhận trong kỳ được xác thực qua VNeID hoặc dùng Cơ sở dữ liệu quốc gia về dân cư / "
        "hồ sơ tiếp nhận trong kỳ.",
    ),
    Index("5.2", "Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn", 6),
    Index("5.3", "Mức độ hài lòng về xử lý phản ánh, kiến nghị", 6),
    Index("5.4", "Mức độ hài lòng trong giải quyết TTHC", 6, 90),
)


def indices(overrides: Mapping[str, Mapping[str, Any]] | None = None) -> tuple[Index, ...]:
    """The indices with the configured ceilings and thresholds."""
    overrides = overrides or {}
    return tuple(replace(i, **dict(overrides.get(i.id, {}))) for i in DEFAULT_INDICES)


def rate(numerator: float, denominator: float) -> float | None:
    return round(numerator * 100 / denominator, 2) if denominator else None


def points(value: float | None, index: Index) -> float | None:
    """The points an index earns at `value` percent."""
    if value is None or not index.max:
        return None
    if index.threshold:
        earned = index.max if value >= index.threshold else value / index.threshold * index.max
    else:
        earned = value / 100 * index.max
    return round(earned, 2)


@dataclass(frozen=True)
class Score:
    index: Index
    numerator: float | None
    denominator: float | None
    rate: float | None
    points: float | None


def score(
    index: Index, numerator: float | None, denominator: float | None, value: float | None = None
) -> Score:
    """One index's line: the rate (given, or numerator / denominator) and the points."""
    if value is None and numerator is not None and denominator is not None:
        value = rate(numerator, denominator)
    return Score(index, numerator, denominator, value, points(value, index))


def satisfaction_5_4(late: int, complained: int, resolved: int) -> float | None:
    """100 % − (late rate + rate with a complaint or a dislike), never below 0."""
    if not resolved:
        return None
    return round(max(0.0, 100 - (late * 100 / resolved + complained * 100 / resolved)), 2)
