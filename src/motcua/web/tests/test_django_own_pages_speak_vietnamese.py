"""Messages Django leaves untranslated in Vietnamese (admin chrome, form and validator errors) are ours."""

from pathlib import Path

import pytest
from django.utils import translation

from motcua.accounts.models import User
from motcua.backoffice.tests.support import staff_login

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "vi" / "LC_MESSAGES" / "django.po"
ENGLISH_ADMIN_CHROME = ("Skip to main content", "Show counts", "Toggle theme", "Toggle navigation", "Sidebar")
ENGLISH_APP_NAMES = (">Images<", ">Tags<", "TOTP devices", "Task Results", "Tasks Database Backend", "Taggit")


def _singular_messages() -> list[str]:
    """The plain msgids of our catalogue (no context, no plural), read without a .po library."""
    messages, current = [], None
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgctxt") or line.startswith("msgid_plural"):
            current = None
        elif line.startswith('msgid "') and line != 'msgid ""':
            current = line[7:-1].replace('\\"', '"')
        elif line.startswith("msgstr ") and current:
            messages.append(current)
            current = None
    return messages


def test_our_catalogue_wins_over_the_untranslated_django_messages():
    messages = _singular_messages()
    assert len(messages) > 80
    with translation.override("vi"):
        untranslated = [m for m in messages if translation.gettext(m) == m]
    assert untranslated == []


def test_counted_messages_are_translated():
    with translation.override("vi"):
        assert translation.ngettext("%(num)d day", "%(num)d days", 3) % {"num": 3} == "3 ngày"


@pytest.mark.django_db
def test_the_admin_shows_no_english_chrome(client):
    administrator = User.objects.create_superuser("quantri-test", "qt@example.vn", "mot-mat-khau-dai-2025")
    staff_login(client, administrator)
    page = client.get("/admin/agencies/agency/").content.decode()
    assert "Chuyển đến nội dung chính" in page
    assert [text for text in ENGLISH_ADMIN_CHROME if text in page] == []
    index = client.get("/admin/").content.decode()
    assert [text for text in ENGLISH_APP_NAMES if text in index] == []
