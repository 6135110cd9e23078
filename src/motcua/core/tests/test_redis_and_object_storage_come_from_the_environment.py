"""Scaling out is configuration only: the environment moves the task queue and the cache (with the
sessions) to Redis and the stored files to an S3-compatible bucket; without it, nothing but Python
is needed (SQLite, the database queue, each process's memory, the local disk)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

import motcua.settings.base

BASE = Path(motcua.settings.base.__file__)
VARIABLES = (
    "MOTCUA_S3_BUCKET",
    "MOTCUA_S3_PREFIX",
    "MOTCUA_S3_ENDPOINT_URL",
    "MOTCUA_S3_ACCESS_KEY",
    "MOTCUA_S3_SECRET_KEY",
    "MOTCUA_CACHE_URL",
    "MOTCUA_REDIS_URL",
    "MOTCUA_TASKS_BACKEND",
    "MOTCUA_DATABASE_URL",
)


def settings_with(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **env: str) -> dict:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MOTCUA_DATA_DIR", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(BASE))


def test_by_default_nothing_but_python_is_needed(monkeypatch, tmp_path):
    found = settings_with(monkeypatch, tmp_path)

    assert found["STORAGES"]["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert found["TASKS"]["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert found["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert "SESSION_ENGINE" not in found  # Django's default: sessions in the database
    assert "django_rq" not in found["INSTALLED_APPS"]
    assert found["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"


def test_the_environment_moves_queue_cache_sessions_and_files(monkeypatch, tmp_path):
    found = settings_with(
        monkeypatch,
        tmp_path,
        MOTCUA_S3_BUCKET="motcua-tep",
        MOTCUA_S3_PREFIX="quang-tri",
        MOTCUA_S3_ENDPOINT_URL="http://objects:9000",
        MOTCUA_S3_ACCESS_KEY="khoa",
        MOTCUA_S3_SECRET_KEY="bi-mat",
        MOTCUA_CACHE_URL="redis://redis:6379/1",
        MOTCUA_REDIS_URL="redis://redis:6379/0",
        MOTCUA_TASKS_BACKEND="rq",
    )

    storage = found["STORAGES"]["default"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert (options["bucket_name"], options["location"], options["endpoint_url"]) == (
        "motcua-tep",
        "quang-tri",
        "http://objects:9000",
    )
    assert (options["access_key"], options["secret_key"]) == ("khoa", "bi-mat")
    assert options["file_overwrite"] is False  # a taken name gets another, as on a local disk
    assert options["default_acl"] is None  # private objects, served by motcua's own views
    assert found["STORAGES"]["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedStaticFilesStorage"

    assert found["TASKS"]["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
    assert found["RQ_QUEUES"] == {"default": {"URL": "redis://redis:6379/0"}}
    assert {"django_rq", "django_tasks_rq"} <= set(found["INSTALLED_APPS"])

    assert found["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert found["CACHES"]["default"]["LOCATION"] == "redis://redis:6379/1"
    assert found["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


def test_the_full_backend_path_still_works(monkeypatch, tmp_path):
    found = settings_with(monkeypatch, tmp_path, MOTCUA_TASKS_BACKEND="django_tasks_rq.RQBackend")

    assert found["TASKS"]["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
    assert found["RQ_QUEUES"] == {"default": {"URL": "redis://127.0.0.1:6379/0"}}
