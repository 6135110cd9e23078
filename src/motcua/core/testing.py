"""Real Redis and a real S3-compatible server for the tests of the scale-out configuration.

`object_storage` points Django's default storage at a fresh bucket of a moto server (server mode,
started once per test process on a free loopback port: real HTTP, real boto3 and django-storages, no
internet). `redis_url` is the Redis on the machine (db 5 unless MOTCUA_TEST_REDIS_URL says), or a
skip that says what to start. Neither flushes anything: each test uses its own bucket, key prefix or
queue name, and removes what it wrote.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest

REDIS_TEST_URL = os.environ.get("MOTCUA_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
S3_TEST_ENV = {
    "MOTCUA_S3_REGION": "us-east-1",
    "MOTCUA_S3_ACCESS_KEY": "motcua-test",
    "MOTCUA_S3_SECRET_KEY": "motcua-test-secret",
    "MOTCUA_S3_ADDRESSING_STYLE": "path",
}


def operator_environment(**overrides: str) -> dict[str, str]:
    """The environment a server process starts with on a host: this one's, without the variables
    the test run itself sets (its settings module, database, and Django's async override for
    Playwright), so a child process sees only the configuration a test names."""
    kept = {key: value for key, value in os.environ.items() if not key.startswith(("MOTCUA_", "DJANGO_"))}
    return kept | overrides


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(port: int, process: subprocess.Popen, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto server exited with code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"moto server did not answer on port {port} within {timeout} s")


@pytest.fixture(scope="session")
def s3_server() -> Iterator[str]:
    """The endpoint URL of a moto server (S3 API) on loopback, for this test process."""
    try:
        import boto3  # noqa: F401
        import moto.server  # noqa: F401
        import storages  # noqa: F401
    except ImportError:
        pytest.fail("django-storages, boto3 and moto[server] are not installed: pip install -e '.[dev]'")
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603  (our own interpreter and arguments)
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def s3_client(endpoint: str) -> Any:
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=S3_TEST_ENV["MOTCUA_S3_REGION"],
        aws_access_key_id=S3_TEST_ENV["MOTCUA_S3_ACCESS_KEY"],
        aws_secret_access_key=S3_TEST_ENV["MOTCUA_S3_SECRET_KEY"],
    )


def bucket_keys(endpoint: str, bucket: str) -> list[str]:
    """Every object key in the bucket, read straight from the server (not through Django)."""
    pages = s3_client(endpoint).get_paginator("list_objects_v2").paginate(Bucket=bucket)
    return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


class ObjectStore:
    """The bucket the default storage writes to during one test."""

    def __init__(self, endpoint: str, bucket: str) -> None:
        self.endpoint, self.bucket = endpoint, bucket

    def names(self) -> list[str]:
        return bucket_keys(self.endpoint, self.bucket)

    def read(self, key: str) -> bytes:
        return bytes(s3_client(self.endpoint).get_object(Bucket=self.bucket, Key=key)["Body"].read())


@pytest.fixture
def object_storage(s3_server: str, settings: Any, monkeypatch: pytest.MonkeyPatch) -> ObjectStore:
    """Django's default storage on a fresh bucket, configured as production configures it
    (MOTCUA_S3_* through settings.base.s3_storage)."""
    from motcua.settings.base import s3_storage

    for name, value in {**S3_TEST_ENV, "MOTCUA_S3_ENDPOINT_URL": s3_server}.items():
        monkeypatch.setenv(name, value)
    bucket = f"motcua-test-{uuid.uuid4().hex[:16]}"
    s3_client(s3_server).create_bucket(Bucket=bucket)
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage(bucket)}
    return ObjectStore(s3_server, bucket)


@pytest.fixture
def redis_url() -> str:
    """The machine's Redis (a database of its own for the tests); a failure saying what to start: a
    skip would let CI pass without testing the Redis configuration."""
    try:
        import redis
    except ImportError:
        pytest.fail("the redis client is not installed: pip install -e '.[dev]'")
    try:
        redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=1).ping()
    except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
        pytest.fail(
            f"Redis at {REDIS_TEST_URL} is not reachable ({exc}): start redis-server (Debian package "
            "redis-server) or set MOTCUA_TEST_REDIS_URL to test the Redis configuration."
        )
    return REDIS_TEST_URL


def cache_on_redis(settings: Any, url: str) -> str:
    """Point the default cache at Redis, as production does with MOTCUA_CACHE_URL, under a key prefix
    of the calling test's own (other test processes share the database); returns the prefix."""
    prefix = f"motcua-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    return prefix


def forget_keys(url: str, pattern: str) -> None:
    """Delete this test's keys (never FLUSHDB: other test processes share the database)."""
    import redis

    connection = redis.Redis.from_url(url)
    keys = list(connection.scan_iter(match=pattern, count=500))
    if keys:
        connection.delete(*keys)


def in_process_rq_worker_class() -> type:
    """RQ's SimpleWorker (the job runs in the test's process), whose pub/sub thread wakes every half
    second instead of every minute.

    RQ's worker reads its command channel in a thread that blocks up to 60 s per read, and at the
    end of a burst closes that connection after waiting a second for the thread. On a loaded
    machine the thread can miss that second and hold the connection for the rest of its minute, so
    the test waited 60 s (seen in the suite's durations, in both passes).
    """
    from rq.worker import SimpleWorker

    class InProcessWorker(SimpleWorker):
        def subscribe(self) -> None:
            self.pubsub = self.connection.pubsub()
            self.pubsub.subscribe(**{self.pubsub_channel_name: self.handle_payload})
            # RQ's own subscribe(), with 0.5 for its 60; RQ types the attribute as its initial None.
            self.pubsub_thread = self.pubsub.run_in_thread(  # type: ignore[assignment]
                sleep_time=0.5, daemon=True, exception_handler=self._pubsub_exception_handler
            )

    return InProcessWorker
