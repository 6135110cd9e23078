"""The demo's news: a few articles with pictures, approved comments and some waiting for moderation,
and two staff accounts (an editor and a moderator) who enter the editors' admin with a TOTP code."""

from __future__ import annotations

import io
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images.models import Image

from motcua.accounts.backends import DEMO_PASSWORD
from motcua.accounts.models import User
from motcua.core.time import now
from motcua.news.models import ArticlePage, Comment, CommentStatus, NewsCategory
from motcua.news.permissions import EDITORS_GROUP, MODERATORS_GROUP
from motcua.news.setup import ensure_news_site

# (username, full name, group)
NEWS_ACCOUNTS = [
    ("bientap", "Nguyễn Thị Thanh Tâm", EDITORS_GROUP),
    ("duyettin", "Trần Minh Quang", MODERATORS_GROUP),
]
CATEGORIES = [
    ("cai-cach-hanh-chinh", "Cải cách hành chính"),
    ("chuyen-doi-so", "Chuyển đổi số"),
    ("thong-bao", "Thông báo"),
]
# (slug, category, title, lead, paragraphs, picture colour, days ago)
ARTICLES = [
    (
        "tinh-day-manh-dich-vu-cong-truc-tuyen-toan-trinh",
        "cai-cach-hanh-chinh",
        "Tỉnh đẩy mạnh dịch vụ công trực tuyến toàn trình",
        "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành và Ủy ban nhân dân cấp xã tiếp tục rà soát, "
        "cung cấp dịch vụ công trực tuyến toàn trình cho mọi thủ tục đủ điều kiện.",
        [
            "Theo kế hoạch, đến cuối năm, 100% thủ tục hành chính đủ điều kiện được cung cấp dưới dạng "
            "dịch vụ công trực tuyến toàn trình; tỷ lệ hồ sơ trực tuyến đạt trên 80%.",
            "Các cơ quan được giao số hóa hồ sơ, kết quả giải quyết ngay khi tiếp nhận, để người dân "
            "không phải nộp lại giấy tờ đã có trong cơ sở dữ liệu.",
        ],
        (10, 83, 140),
        1,
    ),
    (
        "cap-phieu-ly-lich-tu-phap-tai-cong-an-tinh",
        "cai-cach-hanh-chinh",
        "Cấp Phiếu lý lịch tư pháp tại Công an tỉnh từ ngày 1/3/2025",
        "Từ ngày 1/3/2025, Công an tỉnh tiếp nhận và giải quyết thủ tục cấp Phiếu lý lịch tư pháp; "
        "người dân có thể nộp hồ sơ trực tuyến trên Cổng Dịch vụ công.",
        [
            "Hồ sơ được tiếp nhận tại Trung tâm Phục vụ hành chính công tỉnh hoặc trực tuyến; kết quả "
            "được ký số và trả qua Cổng Dịch vụ công hoặc qua bưu chính.",
        ],
        (140, 40, 30),
        3,
    ),
    (
        "ky-so-ket-qua-giai-quyet-thu-tuc-hanh-chinh",
        "chuyen-doi-so",
        "Ký số kết quả giải quyết thủ tục hành chính",
        "Kết quả giải quyết thủ tục được lãnh đạo ký số và đóng dấu số của cơ quan; người dân kiểm tra "
        "chữ ký ngay trên Cổng Dịch vụ công.",
        ["Trang Xác minh chữ ký số cho biết văn bản còn nguyên vẹn và do ai ký, vào lúc nào."],
        (20, 110, 70),
        5,
    ),
    (
        "lich-tiep-cong-dan-thang-12",
        "thong-bao",
        "Lịch tiếp công dân tháng 12",
        "Văn phòng Ủy ban nhân dân tỉnh thông báo lịch tiếp công dân định kỳ trong tháng 12.",
        ["Lãnh đạo tỉnh tiếp công dân vào ngày 15 hằng tháng tại Trụ sở Tiếp công dân tỉnh."],
        (90, 90, 90),
        7,
    ),
]
COMMENTS = [
    # (article slug, name, body, status)
    (0, "Lê Thị Thu Hà", "Tôi đã nộp hồ sơ trực tuyến, nhận kết quả sau 3 ngày. Rất thuận tiện.", "approved"),
    (0, "Phạm Minh Tuấn", "Mong tỉnh hướng dẫn thêm cách thanh toán phí trực tuyến.", "approved"),
    (0, "Hoàng Văn Nghĩa", "Xã tôi vẫn chưa có điểm hỗ trợ nộp hồ sơ, đề nghị bổ sung.", "pending"),
    (1, "Võ Thị Kim Chi", "Phiếu lý lịch tư pháp số 2 có nộp trực tuyến được không?", "pending"),
    (2, "Khách <b>lạ</b>", "<script>alert('thử')</script> Bình luận thử chèn mã.", "pending"),
]


def _picture(title: str, colour: tuple[int, int, int]) -> Image:
    from PIL import Image as Pil
    from PIL import ImageDraw

    canvas = Pil.new("RGB", (1600, 900), colour)
    draw = ImageDraw.Draw(canvas)
    for step in range(0, 900, 60):
        shade = tuple(min(255, c + step // 8) for c in colour)
        draw.rectangle((0, step, 1600, step + 30), fill=shade)
    draw.ellipse((1150, 150, 1450, 450), fill=(250, 204, 21))
    buffer = io.BytesIO()
    canvas.save(buffer, "JPEG", quality=80)
    return Image.objects.create(title=title, file=ImageFile(buffer, name="tin-tuc.jpg"))


@transaction.atomic
def seed_news() -> int:
    """The demo's news (once; returns the articles made) and its two staff accounts (demo mode only)."""
    if not settings.DEMO_MODE:
        raise RuntimeError("Demo news exists only in demo mode (MOTCUA_DEMO=1).")
    index = ensure_news_site()
    for username, full_name, group in NEWS_ACCOUNTS:
        user, _ = User.objects.get_or_create(
            username=username, defaults={"full_name": full_name, "email": f"{username}@demo.motcua.vn"}
        )
        user.set_password(DEMO_PASSWORD)
        user.is_staff = True  # staff without a post at an agency: the second factor applies
        user.save()
        user.groups.add(Group.objects.get(name=group))
        from motcua.backoffice.enrolment import provision

        provision(user)
    if ArticlePage.objects.exists():
        return 0
    categories = {
        slug: NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in CATEGORIES
    }
    pages = []
    for slug, category, title, lead, paragraphs, colour, _days in ARTICLES:
        page = ArticlePage(
            title=title,
            slug=slug,
            lead=lead,
            author="Văn phòng Ủy ban nhân dân tỉnh",
            category=categories[category],
            lead_image=_picture(title, colour),
            lead_image_caption=title,
            body=[("paragraph", f"<p>{text}</p>") for text in paragraphs],
            live=False,
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page)
    pages[0].related = [pages[2]]
    pages[0].save_revision().publish()
    for page, (*_rest, days) in zip(pages, ARTICLES, strict=True):
        moment = now() - timedelta(days=days)
        ArticlePage.objects.filter(pk=page.pk).update(first_published_at=moment, last_published_at=moment)
    for position, name, body, status in COMMENTS:
        Comment.objects.create(
            article=pages[position],
            name=name,
            email="ban-doc@example.vn",
            body=body,
            status=CommentStatus(status),
            created_at=now() - timedelta(hours=position + 1),
        )
    return len(pages)


def news_instructions(base_url: str = "http://127.0.0.1:8000") -> list[str]:
    """What `motcua demo` prints about the news: the pages and the editors' two accounts."""
    if not settings.DEMO_MODE:
        return []
    command = f"DJANGO_SETTINGS_MODULE={settings.SETTINGS_MODULE} motcua"
    base = base_url.rstrip("/")
    return [
        f"Tin tức: {base}/tin-tuc/ (RSS: /tin-tuc/rss/), liên hệ: {base}/lien-he/.",
        f"Biên tập tin và duyệt bình luận: {base}/can-bo/bien-tap/ — mật khẩu và mã xác thực 6 số:",
        *(
            f"  {u:<11} {name:<22} {group}: {command} staff_totp {u} --code"
            for u, name, group in NEWS_ACCOUNTS
        ),
    ]
