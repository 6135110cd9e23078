"""The news site's frame, made again wherever it is missing: the news index as the Wagtail site's root,
the editors' and moderators' groups with their page permissions, and the approval workflow.

Migration 0002 makes the same on a new database; this keeps it true on one that lost it (a test
database flushed between tests, an installation whose administrator deleted a group) and is what the
demo calls.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import NewsIndexPage
from .permissions import EDITORS_GROUP, MODERATE_COMMENTS, MODERATORS_GROUP

INDEX_TITLE = "Tin tức"
INDEX_INTRO = "Tin về cải cách hành chính, chuyển đổi số và dịch vụ công của tỉnh."
WORKFLOW_NAME = "Duyệt tin trước khi đăng"
# What each group may do with pages under the news index (Wagtail's page permission names).
PAGE_PERMISSIONS = {
    EDITORS_GROUP: ("add_page", "change_page"),
    MODERATORS_GROUP: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}
# What each group may do with pictures and attachments (Wagtail's collection permissions, on the root).
COLLECTION_PERMISSIONS = {
    EDITORS_GROUP: (
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ),
    MODERATORS_GROUP: (
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ),
}
MODEL_PERMISSIONS = {
    EDITORS_GROUP: (
        "wagtailadmin.access_admin",
        "news.add_newscategory",
        "news.change_newscategory",
        "news.view_newscategory",
    ),
    MODERATORS_GROUP: (
        "wagtailadmin.access_admin",
        "news.add_newscategory",
        "news.change_newscategory",
        "news.delete_newscategory",
        "news.view_newscategory",
        MODERATE_COMMENTS,
    ),
}


def _permission(dotted: str) -> Permission | None:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


@transaction.atomic
def ensure_news_site() -> NewsIndexPage:
    """The news index (created under the tree's root if missing) as the default site's root page."""
    index = NewsIndexPage.objects.first()
    if index is None:
        root = Page.get_first_root_node()
        if root is None:
            locale = Locale.objects.first() or Locale.objects.create(language_code="vi")
            root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
        index = root.add_child(instance=NewsIndexPage(title=INDEX_TITLE, slug="tin-tuc", intro=INDEX_INTRO))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=index, is_default_site=True, site_name=INDEX_TITLE
        )
    elif site.root_page_id != index.pk:
        site.root_page = index
        site.save(update_fields=["root_page"])
    ensure_news_groups(index)
    return index


def ensure_news_groups(index: NewsIndexPage) -> dict[str, Group]:
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in PAGE_PERMISSIONS}
    collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for name, group in groups.items():
        wanted = [p for p in (_permission(d) for d in MODEL_PERMISSIONS[name]) if p is not None]
        group.permissions.add(*wanted)
        covered = set(
            GroupPagePermission.objects.filter(
                group=group, page__path__in=_ancestor_paths(index)
            ).values_list("permission__codename", flat=True)
        )
        for dotted in COLLECTION_PERMISSIONS[name]:
            permission = _permission(dotted)
            if permission is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )
        for codename in PAGE_PERMISSIONS[name]:
            if codename not in covered:
                permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
                GroupPagePermission.objects.get_or_create(group=group, page=index, permission=permission)
    if index.get_workflow() is None:
        workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
        task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
            task.groups.set([groups[MODERATORS_GROUP]])
        WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return groups


def _ancestor_paths(page: Page) -> list[str]:
    return [page.path[:i] for i in range(Page.steplen, len(page.path) + 1, Page.steplen)]
