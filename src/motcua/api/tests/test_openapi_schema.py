"""The OpenAPI document is valid and complete, and the Swagger UI loads nothing from other hosts."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.validation import validate_schema
from rest_framework.test import APIClient


def _v1_paths() -> set[str]:
    """Every route under /api/v1/, written the OpenAPI way (/api/v1/dossiers/{code}/)."""
    found: set[str] = set()

    def walk(patterns: list, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif (
                isinstance(pattern, URLPattern)
                and route.startswith("api/v1/")
                and hasattr(pattern.callback, "cls")
            ):
                found.add("/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route))

    walk(get_resolver().url_patterns, "")
    return found


@pytest.fixture(scope="module")
def schema(django_db_blocker) -> dict:  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        response = APIClient().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def test_the_schema_is_valid_openapi_3(schema: dict):
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)


def test_every_v1_route_is_documented_with_a_unique_operation(schema: dict):
    routes = _v1_paths()
    assert len(routes) >= 24
    assert routes <= set(schema["paths"])
    operations = [
        operation
        for path, item in schema["paths"].items()
        if path.startswith("/api/v1/")
        for method, operation in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]
    ids = [operation.get("operationId") for operation in operations]
    assert all(ids)
    assert len(ids) == len(set(ids))
    for operation in operations:
        assert operation.get("tags"), operation["operationId"]
        assert operation.get("summary"), operation["operationId"]
        assert (
            "200" in operation["responses"]
            or "201" in operation["responses"]
            or "204" in operation["responses"]
        )


def test_actions_and_submission_document_their_bodies(schema: dict):
    submit = schema["paths"]["/api/v1/dossiers/"]["post"]["requestBody"]["content"]
    assert set(submit) == {"application/json", "multipart/form-data"}
    transfer = schema["paths"]["/api/v1/dossiers/{code}/transfer"]["post"]
    assert transfer["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "TransferRequest"
    )
    assert {p["name"] for p in transfer["parameters"]} == {"code", "If-Match"}
    assert "bearerAuth" in schema["components"]["securitySchemes"]


def test_the_swagger_ui_uses_only_local_static_files(db):
    response = APIClient().get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets
    # The initializer is a script of its own under /api/docs/ (the CSP allows no inline script).
    assert all(asset.startswith("/static/") or asset == "/api/docs/?script=" for asset in assets), assets
    assert "://" not in html
