"""The demo province's day as locust sees it: citizens on the portal and the public API, officers on the
API. Each simulated user comes from its own address (X-Forwarded-For behind one trusted proxy, as
behind the reverse proxy of `deploy/`), so the per-address limits treat them as different people.

Run through `bench/load.py`, which prepares the server and passes the codes and tokens below.
"""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import HttpUser, between, task

PROCEDURES: list[str] = json.loads(os.environ.get("LOAD_PROCEDURES", "[]"))
TOKENS: list[str] = json.loads(os.environ.get("LOAD_TOKENS", "[]"))
SEARCHES = ("khai sinh", "chung thuc", "lý lịch tư pháp", "đăng ký kết hôn", "giấy phép xây dựng", "hộ tịch")
_addresses = itertools.count(1)


class Visitor(HttpUser):
    """Gives up as a person would: a request that is not served in time counts as an error (without
    a timeout, a request the server never takes up shows nowhere in the figures)."""

    abstract = True
    connection_timeout = 10.0
    network_timeout = 30.0


def _address() -> str:
    n = next(_addresses)
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


class Citizen(Visitor):
    """Reads the catalogue, a procedure, the public figures; searches; asks the public API."""

    weight = 9
    wait_time = between(1, 5)

    def on_start(self) -> None:
        self.client.headers["X-Forwarded-For"] = _address()
        self.client.headers["Accept-Language"] = "vi"

    @task(20)
    def home(self) -> None:
        self.client.get("/", name="/ (danh mục)")

    @task(20)
    def procedure(self) -> None:
        self.client.get(f"/thu-tuc/{random.choice(PROCEDURES)}/", name="/thu-tuc/[mã]/")

    @task(10)
    def search(self) -> None:
        self.client.get("/", params={"q": random.choice(SEARCHES)}, name="/?q= (tìm kiếm)")

    @task(4)
    def transparency(self) -> None:
        self.client.get("/cong-khai/", name="/cong-khai/")

    @task(4)
    def news(self) -> None:
        self.client.get("/tin-tuc/", name="/tin-tuc/")

    @task(3)
    def feedback(self) -> None:
        self.client.get("/phan-anh-kien-nghi/", name="/phan-anh-kien-nghi/")

    @task(3)
    def track_form(self) -> None:
        self.client.get("/tra-cuu/", name="/tra-cuu/")

    @task(10)
    def api_catalogue(self) -> None:
        self.client.get("/api/v1/procedures/", name="/api/v1/procedures/")

    @task(5)
    def api_procedure(self) -> None:
        self.client.get(f"/api/v1/procedures/{random.choice(PROCEDURES)}/", name="/api/v1/procedures/[mã]/")


class Officer(Visitor):
    """An officer's client on the API: the dossier list, and dossiers by code from it."""

    weight = 1
    wait_time = between(1, 5)

    def on_start(self) -> None:
        self.client.headers["X-Forwarded-For"] = _address()
        self.client.headers["Authorization"] = f"Bearer {random.choice(TOKENS)}"
        self.codes: list[str] = []
        self.dossier_list()

    @task(1)
    def dossier_list(self) -> None:
        response = self.client.get("/api/v1/dossiers/", name="/api/v1/dossiers/")
        if response.ok:
            self.codes = [row["code"] for row in response.json()["results"]] or self.codes

    @task(2)
    def dossier(self) -> None:
        if self.codes:
            self.client.get(f"/api/v1/dossiers/{random.choice(self.codes)}/", name="/api/v1/dossiers/[mã]/")
