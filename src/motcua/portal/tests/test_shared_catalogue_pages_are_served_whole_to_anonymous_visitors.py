"""The public catalogue's pages and API answers are served whole from memory to anonymous visitors
(motcua.web.pagecache; issue 12, item 4): the same headers and body as when the view answers, a
change of the catalogue shown at once, never to somebody logged in, a key that ignores only what the
page does not depend on, and the API's rate limit still counted on every hit."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from motcua.accounts.models import User
from motcua.api.tokens import issue_token
from motcua.api.views.catalog import ProcedureDetailView, ProcedureListView
from motcua.catalog.models import Procedure
from motcua.web import pagecache

from .support import JUDICIAL_RECORD

PAGES = [
    "/",
    "/?q=ly+lich+tu+phap",
    f"/thu-tuc/{JUDICIAL_RECORD}/",
    "/api/v1/procedures/",
    "/api/v1/procedures/?q=ly+lich",
    f"/api/v1/procedures/{JUDICIAL_RECORD}/",
]
SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


@pytest.fixture(autouse=True)
def _empty_store():  # type: ignore[no-untyped-def]
    pagecache.STORE.clear()
    yield
    pagecache.STORE.clear()


@pytest.fixture
def answered(monkeypatch):  # type: ignore[no-untyped-def]
    """The paths whose view ran (a hit never reaches a view)."""
    calls: list[str] = []
    from motcua.portal.views import catalogue

    original_render = catalogue.render

    def render(request, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(request.get_full_path())
        return original_render(request, *args, **kwargs)

    monkeypatch.setattr(catalogue, "render", render)
    for view in (ProcedureListView, ProcedureDetailView):
        original = view.initial

        def initial(self, request, *args, _original=original, **kwargs):  # type: ignore[no-untyped-def]
            calls.append(request.get_full_path())
            return _original(self, request, *args, **kwargs)

        monkeypatch.setattr(view, "initial", initial)
    return calls


@pytest.mark.parametrize("path", PAGES)
def test_a_hit_has_the_headers_and_body_of_the_views_own_answer(judicial, answered, path):
    first = Client().get(path)  # the view answers, the answer is kept
    hit = Client().get(path)
    pagecache.STORE.clear()
    again = Client().get(path)  # the view answers once more

    assert answered == [path, path]  # the second request never reached the view
    assert first.status_code == hit.status_code == again.status_code == 200
    assert dict(hit.headers) == dict(first.headers) == dict(again.headers)
    assert hit.content == first.content == again.content
    for name in SECURITY_HEADERS:
        assert hit.headers.get(name), name
    assert not hit.cookies  # no CSRF cookie, no session: nothing of anybody's
    assert b"csrfmiddlewaretoken" not in hit.content
    assert b"X-CSRFToken" not in hit.content


def test_a_head_request_gets_the_headers_without_the_body(judicial):
    page = Client().get("/")
    head = Client().head("/")

    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == page["Content-Type"]


def test_a_change_of_the_catalogue_shows_at_once(judicial, answered):
    for path in PAGES:
        Client().get(path)
        Client().get(path)
    assert len(answered) == len(PAGES)  # every page kept

    procedure = Procedure.objects.get(code=JUDICIAL_RECORD)
    procedure.name = procedure.current_version.name = "Cấp Phiếu lý lịch tư pháp (sửa đổi)"
    procedure.save()
    procedure.current_version.save()

    changed = (
        "/",
        f"/thu-tuc/{JUDICIAL_RECORD}/",
        "/api/v1/procedures/",
        f"/api/v1/procedures/{JUDICIAL_RECORD}/",
    )
    for path in changed:
        assert "(sửa đổi)" in Client().get(path).content.decode(), path


def test_somebody_logged_in_never_gets_the_shared_page_nor_fills_it(judicial, answered):
    Client().get("/")
    Client().get(f"/thu-tuc/{JUDICIAL_RECORD}/")
    mai = User.objects.create_user("mai", password="x", full_name="Phạm Thị Mai", email="mai@example.vn")
    logged_in = Client()
    logged_in.force_login(mai)

    for path in ("/", f"/thu-tuc/{JUDICIAL_RECORD}/"):
        page = logged_in.get(path).content.decode()
        assert "Phạm Thị Mai" in page
        assert "Đăng xuất" in page
        assert "X-CSRFToken" in page  # her own token, as on any page rendered for her
    anonymous = Client().get("/").content.decode()
    assert "Phạm Thị Mai" not in anonymous
    assert "Đăng nhập" in anonymous
    assert answered == ["/", f"/thu-tuc/{JUDICIAL_RECORD}/", "/", f"/thu-tuc/{JUDICIAL_RECORD}/"]


def test_an_api_token_or_a_session_bypasses_the_shared_answers(judicial, answered):
    APIClient().get("/api/v1/procedures/")
    mai = User.objects.create_user("mai", password="x", full_name="Phạm Thị Mai", email="mai@example.vn")
    token, _ = issue_token(user=mai, name="thu")

    assert APIClient(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/procedures/").status_code == 200
    with_session = Client()
    with_session.cookies["sessionid"] = "anything"
    with_session.get("/api/v1/procedures/")
    with_messages = Client()
    with_messages.cookies["messages"] = "anything"
    with_messages.get("/")

    assert answered == ["/api/v1/procedures/", "/api/v1/procedures/", "/api/v1/procedures/", "/"]


def test_the_key_holds_the_query_normalised_the_language_and_the_htmx_headers():
    factory = RequestFactory()

    def key(path: str, **extra: str) -> str | None:
        return pagecache.page_key(factory.get(path, **extra))

    assert key("/?q=ly+lich&trang=2") == key("/?trang=2&q=ly%20lich")
    assert key("/?q=l%C3%BD") == key("/?q=lý")
    assert key("/?q=ly") != key("/?q=lý") != key("/")
    assert key("/?q=") != key("/")  # a blank parameter is kept: the page shows what was asked
    assert key("/thu-tuc/1/") != key("/thu-tuc/2/")
    english = factory.get("/")
    english.COOKIES["django_language"] = "en"
    unknown = factory.get("/")
    unknown.COOKIES["django_language"] = "fr"  # not offered: Vietnamese, as the locale middleware does
    assert pagecache.page_key(english) != key("/") == pagecache.page_key(unknown)
    assert key("/", HTTP_HX_REQUEST="true") != key("/")
    assert key("/api/v1/procedures/", HTTP_ACCEPT="text/html") != key("/api/v1/procedures/")
    assert key("/", HTTP_ACCEPT_LANGUAGE="en") == key("/")  # ignored: Vietnamese first
    assert key("/", HTTP_HOST="localhost") != key("/")  # absolute links in the API's answers
    assert key("/", HTTP_HOST="evil.example") is None  # not allowed: the chain answers 400


def test_each_language_gets_its_own_page(judicial):
    vietnamese = Client().get(f"/thu-tuc/{JUDICIAL_RECORD}/").content.decode()
    english_client = Client()
    english_client.cookies["django_language"] = "en"
    english = english_client.get(f"/thu-tuc/{JUDICIAL_RECORD}/").content.decode()

    assert '<html lang="vi">' in vietnamese
    assert '<html lang="en">' in english
    assert '<html lang="vi">' in Client().get(f"/thu-tuc/{JUDICIAL_RECORD}/").content.decode()


def test_the_language_switch_works_from_a_shared_page(judicial):
    visitor = Client(enforce_csrf_checks=True)
    visitor.get("/")
    switched = visitor.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert switched.status_code == 302
    assert '<html lang="en">' in visitor.get("/").content.decode()


def test_the_api_rate_limit_counts_every_hit(judicial, settings):
    settings.MOTCUA_TRUSTED_PROXIES = 0
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"catalogue": "5/min"}}
    client = APIClient(REMOTE_ADDR="198.51.100.7")

    statuses = [client.get("/api/v1/procedures/").status_code for _ in range(5)]
    blocked = client.get("/api/v1/procedures/")

    assert statuses == [200] * 5  # one answered by the view, four from memory
    assert blocked.status_code == 429
    assert blocked.json()["error"]["code"] == "throttled"
    assert int(blocked["Retry-After"]) > 0
    assert APIClient(REMOTE_ADDR="198.51.100.8").get("/api/v1/procedures/").status_code == 200
