"""`{% translate %}` and `{% url %}` (motcua.web.template_engine) keep what they compute per process,
and render exactly what Django's own tags render: per catalogue and per language, with translations
off, with `as`, under a script prefix, in a namespace, and for arguments they do not keep."""

from __future__ import annotations

import pytest
from django.template import engines
from django.test import RequestFactory, override_settings
from django.urls import NoReverseMatch, clear_script_prefix, reverse, set_script_prefix
from django.utils import translation

from motcua.core.urls import kept_reverse

pytestmark = pytest.mark.no_database


def render(source: str, **context: object) -> str:
    return engines["django"].from_string(source).render(context)


def test_a_literal_is_translated_by_the_catalogue_active_at_each_render():
    template = engines["django"].from_string('{% load i18n %}{% translate "Close" %}')
    with translation.override("vi"):
        assert template.render({}) == "Đóng"
    with translation.override("en"):
        assert template.render({}) == "Close"
    # Off, as `migrate` runs: nothing is translated, and nothing kept under Vietnamese is given.
    with translation.override(None):
        assert template.render({}) == "Close"
    with translation.override("vi"):
        assert template.render({}) == "Đóng"


def test_as_sets_the_variable_on_every_render():
    template = engines["django"].from_string('{% load i18n %}{% translate "Close" as word %}[{{ word }}]')
    with translation.override("vi"):
        assert template.render({}) == "[Đóng]"
        assert template.render({}) == "[Đóng]"
    with translation.override("en"):
        assert template.render({}) == "[Close]"


def test_variables_filters_and_contexts_render_as_django_renders_them():
    source = (
        '{% load i18n %}{% translate word %}|{% translate "close"|upper %}'
        '|{% translate "May" context "month name" %}'
    )
    with translation.override("en"):
        assert render(source, word="Close") == "Close|CLOSE|May"
        assert render(source, word="Open") == "Open|CLOSE|May"
    with translation.override("vi"):
        assert render(source, word="Close").startswith("Đóng|")


def test_the_kept_url_is_the_one_django_reverses():
    code = "000.00.01.H50-261207-0001"
    assert render('{% url "backoffice:dossier" code=c %}', c=code) == reverse(
        "backoffice:dossier", kwargs={"code": code}
    )
    assert render('{% url "backoffice:dossier" code=c %}', c="X-2") == reverse(
        "backoffice:dossier", kwargs={"code": "X-2"}
    )
    assert render('{% url "backoffice:home" as home %}<{{ home }}>') == f"<{reverse('backoffice:home')}>"
    assert render('{% url "no-such-page" as missing %}<{{ missing }}>') == "<>"
    with pytest.raises(NoReverseMatch):
        render('{% url "no-such-page" %}')


def test_a_script_prefix_is_part_of_what_is_kept():
    home = render('{% url "backoffice:home" %}')
    set_script_prefix("/tinh/")
    try:
        assert render('{% url "backoffice:home" %}') == "/tinh" + home
        assert kept_reverse("backoffice:home") == reverse("backoffice:home")
    finally:
        clear_script_prefix()
    assert render('{% url "backoffice:home" %}') == home


def test_the_request_namespace_and_other_arguments_go_as_django_sends_them():
    request = RequestFactory().get("/")
    request.current_app = "backoffice"
    source = '{% url "backoffice:home" %}'
    assert engines["django"].from_string(source).render({}, request) == reverse("backoffice:home")

    class Code:  # not plain text: reverse() itself turns it into text, every time
        def __str__(self) -> str:
            return "ABC-1"

    assert kept_reverse("backoffice:dossier", kwargs={"code": Code()}) == reverse(
        "backoffice:dossier", kwargs={"code": "ABC-1"}
    )
    # Equal as keys, not as text: each its own address.
    assert kept_reverse("backoffice:dossier", kwargs={"code": 1}).endswith("/1/")
    assert kept_reverse("backoffice:dossier", kwargs={"code": True}).endswith("/True/")


@override_settings(ROOT_URLCONF="motcua.web.tests.urls_elsewhere")
def test_another_url_configuration_is_not_given_the_kept_addresses():
    assert kept_reverse("elsewhere") == "/elsewhere/"
