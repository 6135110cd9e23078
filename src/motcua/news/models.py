# mypy: disable-error-code="var-annotated,django-manager-missing"
# (Wagtail ships no type information: the django-stubs plugin cannot read fields of Page subclasses.)
"""The portal's news (Wagtail pages), readers' comments on them, and messages sent from the contact page.

Wagtail keeps the pages' revisions, the editors' workflow (draft, moderation, publish, schedule,
unpublish) and the image renditions; what is ours is here: categories, the article's fields, the
folded text the accent-free search reads, the comments with their moderation trail, and site feedback.
Pages are served under /tin-tuc/ (the site's root page is the news index); see docs/news.md.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from motcua.core.text import fold

RICH_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


@register_snippet
class NewsCategory(models.Model):
    """A section of the news (chuyên mục): "Cải cách hành chính", "Chuyển đổi số"…"""

    name = models.CharField(_("tên chuyên mục"), max_length=120, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=120, unique=True, allow_unicode=False)
    description = models.TextField(_("mô tả"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("chuyên mục tin")
        verbose_name_plural = _("chuyên mục tin")

    def __str__(self) -> str:
        return self.name


class NewsIndexPage(RoutablePageMixin, Page):
    """/tin-tuc/: the latest articles, a category's, or those matching a search; its RSS feed."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["news.ArticlePage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("trang tin tức")

    @path("")
    def listing(self, request: HttpRequest) -> HttpResponse:
        from .views import news_index

        return news_index(request, self)

    @path("chuyen-muc/<slug:slug>/")
    def category(self, request: HttpRequest, slug: str) -> HttpResponse:
        from .views import news_index

        found = NewsCategory.objects.filter(slug=slug).first()
        if found is None:
            raise Http404
        return news_index(request, self, category=found)

    @path("rss/")
    def rss(self, request: HttpRequest) -> HttpResponse:
        from .feeds import LatestNewsFeed

        return LatestNewsFeed(self)(request)


class ArticlePage(RoutablePageMixin, Page):
    """One article: title, lead, body with pictures and attachments, author, category, related news.

    Its publication time is Wagtail's `first_published_at` (or the scheduled `go_live_at`), its last
    update `last_published_at`; drafts and revisions are Wagtail's own.
    """

    lead = models.TextField(_("sa-pô (tóm tắt)"), max_length=600)
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_caption = models.CharField(_("chú thích ảnh"), max_length=250, blank=True)
    body = StreamField(
        [
            ("paragraph", blocks.RichTextBlock(features=RICH_FEATURES, label=_("Đoạn văn"))),
            ("image", ImageBlock(label=_("Ảnh"))),
            ("quote", blocks.BlockQuoteBlock(label=_("Trích dẫn"))),
            ("attachment", DocumentChooserBlock(label=_("Tệp đính kèm"))),
        ],
        verbose_name=_("nội dung"),
        blank=True,
    )
    author = models.CharField(_("tác giả"), max_length=150)
    source = models.CharField(_("nguồn tin"), max_length=200, blank=True)
    category = models.ForeignKey(
        NewsCategory,
        verbose_name=_("chuyên mục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    related = ParentalManyToManyField(
        "self", verbose_name=_("tin liên quan"), blank=True, symmetrical=False, related_name="+"
    )
    comments_open = models.BooleanField(_("cho phép bình luận"), default=True)
    # Title, lead, author and body without accents, lower case: what the portal's search compares.
    search_folded = models.TextField(editable=False, default="")

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_caption")], heading=_("Ảnh đại diện")
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("author"), FieldPanel("source"), FieldPanel("category"), FieldPanel("related")],
            heading=_("Thông tin bài viết"),
        ),
        FieldPanel("comments_open"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("category"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("bài viết")
        verbose_name_plural = _("bài viết")

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Derived data, not a rule: the folded text follows the fields whatever door saved them
        # (the editor, a revision being published on schedule, the demo).
        self.search_folded = folded_text(self)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_folded" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "search_folded"]
        super().save(*args, **kwargs)

    @path("")
    def read(self, request: HttpRequest) -> HttpResponse:
        from .views import article

        return article(request, self)

    @path("binh-luan/")
    def comment(self, request: HttpRequest) -> HttpResponse:
        from .views import post_comment

        return post_comment(request, self)


def folded_text(page: ArticlePage) -> str:
    parts = [page.title, page.lead, page.author]
    for block in page.body or []:
        if block.block_type in {"paragraph", "quote"}:
            value = block.value
            parts.append(value.source if hasattr(value, "source") else str(value))
    return fold(strip_tags(" ".join(p for p in parts if p)))


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Chờ duyệt")
    APPROVED = "approved", _("Đã duyệt")
    REJECTED = "rejected", _("Bị từ chối")
    HIDDEN = "hidden", _("Đã ẩn")


class Comment(models.Model):
    """A reader's comment: shown only once a moderator approved it."""

    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="comments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("họ và tên"), max_length=100)
    email = models.EmailField(_("thư điện tử"), max_length=254)
    body = models.TextField(_("nội dung"), max_length=2000)
    status = models.CharField(max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING)
    created_at = models.DateTimeField()
    client = models.CharField(max_length=64, blank=True)  # limit key of the sender's address
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("bình luận")
        verbose_name_plural = _("bình luận")
        permissions = [("moderate_comment", _("Duyệt, từ chối, ẩn bình luận"))]
        indexes = [
            models.Index(fields=["article", "status", "created_at"]),
            models.Index(fields=["status", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.body[:40]}"


class CommentModeration(models.Model):
    """The audit trail: who moved which comment from what to what, when and why. Never edited."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="moderations")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(max_length=10, choices=CommentStatus.choices)
    to_status = models.CharField(max_length=10, choices=CommentStatus.choices)
    reason = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class SiteFeedback(models.Model):
    """A message sent from the contact page (góp ý về cổng thông tin)."""

    class Topic(models.TextChoices):
        SITE = "site", _("Góp ý về cổng thông tin")
        CONTENT = "content", _("Nội dung tin, bài")
        TECHNICAL = "technical", _("Lỗi kỹ thuật")
        OTHER = "other", _("Khác")

    topic = models.CharField(_("chủ đề"), max_length=12, choices=Topic.choices, default=Topic.SITE)
    name = models.CharField(_("họ và tên"), max_length=100)
    email = models.EmailField(_("thư điện tử"), max_length=254)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    message = models.TextField(_("nội dung"), max_length=3000)
    created_at = models.DateTimeField()
    client = models.CharField(max_length=64, blank=True)
    handled = models.BooleanField(_("đã xử lý"), default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("góp ý về cổng thông tin")
        verbose_name_plural = _("góp ý về cổng thông tin")

    def __str__(self) -> str:
        return f"{self.name}: {self.message[:40]}"
