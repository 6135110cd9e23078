"""The news pages, the comment form and the contact page: thin, over `services` and `selectors`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from motcua.core.errors import DomainError
from motcua.core.net import client_address

from . import selectors, services
from .forms import TRAP_FIELD, CommentForm, ContactForm
from .models import ArticlePage, NewsCategory, NewsIndexPage

PAGE_SIZE = 10


def news_index(
    request: HttpRequest, page: NewsIndexPage, *, category: NewsCategory | None = None
) -> HttpResponse:
    query = (request.GET.get("q") or "")[:200].strip()
    articles = selectors.search_articles(query, category=category)
    listing = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {
        "page": page,
        "self": page,
        "category": category,
        "categories": selectors.categories(),
        "query": query,
        "listing": listing,
    }
    return render(request, "news/index.html", context)


def _article_context(
    request: HttpRequest, page: ArticlePage, form: CommentForm | None = None
) -> dict[str, Any]:
    signed_in = request.user.is_authenticated
    return {
        "page": page,
        "self": page,
        "related": selectors.related_articles(page),
        "comments": selectors.approved_comments(page),
        "comment_count": selectors.approved_count(page),
        "form": form or CommentForm(signed_in=signed_in),
        "index": NewsIndexPage.objects.live().first(),
    }


def article(request: HttpRequest, page: ArticlePage) -> HttpResponse:
    return render(request, "news/article.html", _article_context(request, page))


@require_http_methods(["POST"])
def post_comment(request: HttpRequest, page: ArticlePage) -> HttpResponse:
    if not page.live:
        raise Http404
    user = request.user if request.user.is_authenticated else None
    form = CommentForm(request.POST, signed_in=user is not None)
    status, retry = 400, None
    if form.is_valid():
        data = form.cleaned_data
        sender = services.Sender(
            address=client_address(request), user=user, name=data.get("name", ""), email=data.get("email", "")
        )
        try:
            services.post_comment(
                article_id=page.pk, sender=sender, body=data["body"], trap=data.get(TRAP_FIELD, "")
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
            status, retry = exc.http_status, exc.details.get("wait_seconds")
        else:
            messages.success(request, _("Cảm ơn bạn. Bình luận đã được gửi và đang chờ ban biên tập duyệt."))
            return HttpResponseRedirect(page.url + "#binh-luan")
    elif request.POST.get(TRAP_FIELD):
        return HttpResponseRedirect(page.url + "#binh-luan")
    response = render(request, "news/article.html", _article_context(request, page, form), status=status)
    return _retry_after(response, retry)


@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    form = ContactForm(request.POST or None)
    status, retry = 200, None
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            sender = services.Sender(address=client_address(request), name=data["name"], email=data["email"])
            try:
                services.send_site_feedback(
                    sender=sender,
                    topic=data["topic"],
                    message=data["message"],
                    phone=data["phone"],
                    trap=data.get(TRAP_FIELD, ""),
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
                status, retry = exc.http_status, exc.details.get("wait_seconds")
            else:
                messages.success(
                    request, _("Cảm ơn bạn đã góp ý. Chúng tôi sẽ xem xét và phản hồi qua thư điện tử.")
                )
                return HttpResponseRedirect(request.path)
    response = render(request, "news/contact.html", {"form": form}, status=status)
    return _retry_after(response, retry)


def _retry_after(response: HttpResponse, wait: Any) -> HttpResponse:
    if wait:
        response["Retry-After"] = str(wait)
    return response
