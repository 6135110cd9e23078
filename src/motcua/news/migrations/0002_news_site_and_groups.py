"""The news index as the Wagtail site's root (/tin-tuc/), and the editors' and moderators' groups.

Wagtail's first migration makes a placeholder home page, a default site on it, and two groups
("Editors", "Moderators") whose page permissions and default approval workflow sit on the root page.
Here the placeholder gives way to the news index, and the groups get Vietnamese names, the right to
edit the categories and (moderators) to moderate readers' comments.
"""

import uuid

from django.db import migrations
from django.utils import timezone

EDITORS = "Biên tập viên tin tức"
MODERATORS = "Duyệt tin tức"
_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _next_path(paths, parent):
    if not paths:
        return parent + "0001"
    last = max(paths)[len(parent) :]
    value = 0
    for ch in last:
        value = value * 36 + _DIGITS.index(ch)
    value += 1
    out = ""
    for _ in range(4):
        out = _DIGITS[value % 36] + out
        value //= 36
    return parent + out


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    ct, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(content_type=ct, codename=codename, defaults={"name": name})
    return perm


def forwards(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    NewsIndexPage = apps.get_model("news", "NewsIndexPage")

    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is None or NewsIndexPage.objects.exists():
        return
    page_ct = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")[0]
    placeholder = Page.objects.filter(depth=2, slug="home", content_type=page_ct, numchild=0).first()
    if placeholder is not None:
        Site.objects.filter(root_page=placeholder).delete()
        placeholder.delete()
    locale = Locale.objects.order_by("pk").first()
    if locale is None:
        locale = Locale.objects.create(language_code="vi")
    index_ct = ContentType.objects.get_or_create(app_label="news", model="newsindexpage")[0]
    paths = list(Page.objects.filter(depth=2).values_list("path", flat=True))
    now = timezone.now()
    index = NewsIndexPage.objects.create(
        title="Tin tức",
        draft_title="Tin tức",
        slug="tin-tuc",
        intro="Tin về cải cách hành chính, chuyển đổi số và dịch vụ công của tỉnh.",
        content_type=index_ct,
        path=_next_path(paths, root.path),
        depth=2,
        numchild=0,
        url_path="/tin-tuc/",
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        locale=locale,
        translation_key=uuid.uuid4(),
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(
            hostname="localhost", port=80, root_page=index, is_default_site=True, site_name="Tin tức"
        )
    else:
        Site.objects.filter(is_default_site=True).update(root_page=index)

    Group.objects.filter(name="Editors").update(name=EDITORS)
    Group.objects.filter(name="Moderators").update(name=MODERATORS)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    categories = [
        _permission(apps, "news", "newscategory", f"{verb}_newscategory", f"Can {verb} chuyên mục tin")
        for verb in ("add", "change", "delete", "view")
    ]
    access = _permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    moderate = _permission(apps, "news", "comment", "moderate_comment", "Duyệt, từ chối, ẩn bình luận")
    editors.permissions.add(access, *categories)
    moderators.permissions.add(access, moderate, *categories)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
