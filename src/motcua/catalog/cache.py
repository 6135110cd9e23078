"""The public catalogue's reads, cached under a version stamp that every change of the catalogue bumps.

What the portal's catalogue and procedure pages, the search and the API's catalogue read is the same
for everybody and changes seldom: it is kept in Django's cache under a key that carries the current
*stamp*. Any write to the catalogue's or the agencies' rows bumps the stamp (model signals, which
the admin, the services and `update_or_create` all send; the services that write in bulk call
`catalogue_changed()` themselves), so the next read misses and reads the database again: a change
is visible at once. The stamp is bumped when the change is made and again when its transaction
commits, so a read between the two cannot keep the old rows under the new stamp.

With the cache on Redis (MOTCUA_CACHE_URL) every process sees a bump at once: each reads the stamp
as Redis pushes it (`motcua.core.shared_redis.KeyWatch`), or from Redis while it cannot vouch for
that. With each process's own memory (the default), other processes keep their entries until they
expire: after MOTCUA_CATALOGUE_CACHE_SECONDS (30 s by default then, 300 s on Redis).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from motcua.core.shared_redis import forget_written, redis_key, redis_value, shared_redis, watch_for

T = TypeVar("T")
STAMP_KEY = "catalog:stamp"
# The rows the public catalogue shows: every model of the catalogue (procedures and their versions,
# documents, fees, steps, sectors), and agencies and units (names, addresses of receiving agencies).
# Not staff roles nor counters: they change daily and no catalogue page shows them.
WATCHED_APPS = ("catalog",)
WATCHED_MODELS = ("agencies.Agency", "agencies.Unit")
_MISSING = object()
_REVISION_MARKER = "_motcua_catalogue_revision_marker"


def stamp() -> str:
    client = shared_redis()
    if client is not None:  # as Redis last pushed it to this process, when the watch vouches for it
        watched = watch_for(client).values((redis_key(STAMP_KEY),))
        if watched is not None and watched[0] is not None:
            return str(redis_value(watched[0]))
    value = cache.get(STAMP_KEY)
    if value is None:
        value = uuid.uuid4().hex[:16]
        if not cache.add(STAMP_KEY, value, None):
            value = cache.get(STAMP_KEY) or value
    return str(value)


def new_stamp() -> None:
    cache.set(STAMP_KEY, uuid.uuid4().hex[:16], None)
    forget_written(STAMP_KEY)


def catalogue_changed(**_signal: Any) -> None:
    """Every cached read of the catalogue is stale: now, and again once the change commits.

    The database's revision token changes in the change's own transaction, for what processes keep
    under it (`selectors.current_version`): it commits, or rolls back, with the change.
    """
    new_stamp()
    transaction.on_commit(new_stamp, robust=True)
    new_revision()


def changed_in_this_transaction() -> bool:
    """This connection's open transaction has changed the catalogue (and written a new token, which
    other processes see only once it commits): what it reads of the catalogue must not be kept."""
    connection = transaction.get_connection()
    marker = connection.__dict__.get(_REVISION_MARKER)
    return (
        connection.in_atomic_block
        and marker is not None
        and any(entry[1] is marker for entry in connection.run_on_commit)
    )


def new_revision() -> None:
    """A new revision token, once per transaction that changes the catalogue (an import saves
    thousands of rows in one).

    Whether this transaction already wrote one is asked of Django's own list of what runs on commit:
    a marker put there with the token stays while the token does, and goes when the savepoint that
    wrote it is rolled back (then the token is written again).
    """
    from .models import CatalogueRevision

    connection = transaction.get_connection()
    if connection.in_atomic_block:
        if changed_in_this_transaction():
            return

        def written() -> None:  # a new function each time: the marker of this token
            pass

        connection.__dict__[_REVISION_MARKER] = written
        transaction.on_commit(written)
    token = uuid.uuid4().hex
    if not CatalogueRevision.objects.filter(pk=1).update(token=token):
        CatalogueRevision.objects.update_or_create(pk=1, defaults={"token": token})


def timeout() -> int:
    return int(getattr(settings, "MOTCUA_CATALOGUE_CACHE_SECONDS", 300))


def cached(kind: str, parts: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """compute() once per stamp and set of parts (a search's words and filters, a page, a code…);
    a None result is not kept."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    key = f"catalog:{kind}:{stamp()}:{digest}"
    found = cache.get(key, _MISSING)
    if found is not _MISSING:
        return found  # type: ignore[return-value]
    value = compute()
    if value is not None:  # an unknown code is no reason to fill the cache
        cache.set(key, value, timeout())
    return value


def connect_signals() -> None:
    """Called by CatalogConfig.ready(): any saved, deleted or re-linked row of the watched models."""
    models = [
        model
        for label in WATCHED_APPS
        for model in apps.get_app_config(label).get_models()
        if model._meta.model_name != "cataloguerevision"  # the token itself
    ]
    models += [apps.get_model(label) for label in WATCHED_MODELS]
    for model in models:
        label = model._meta.label
        post_save.connect(catalogue_changed, sender=model, dispatch_uid=f"catalog-stamp-save-{label}")
        post_delete.connect(catalogue_changed, sender=model, dispatch_uid=f"catalog-stamp-delete-{label}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                catalogue_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"catalog-stamp-m2m-{label}-{field.name}",
            )
