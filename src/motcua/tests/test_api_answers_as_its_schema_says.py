"""Schemathesis over API v1, as a citizen and as each officer: generated requests (valid and not)
never cause a server error, and every answer is what the OpenAPI document says it is.

Bounded for CI (a few dozen cases per operation and caller); `MOTCUA_FUZZ_EXAMPLES` raises it.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from django.db import connection
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode, checks

from motcua.api.tests.factories import Province, build_province
from motcua.api.tokens import issue_token

EXAMPLES = int(os.environ.get("MOTCUA_FUZZ_EXAMPLES", "20"))
CALLERS = ("anonymous", "citizen", "intake", "specialist", "leader", "director", "clerk")
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
    checks.negative_data_rejection,  # what the schema forbids is refused (4xx)
]


def _schema() -> schemathesis.BaseSchema:
    document = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = get_wsgi_application()
    # Valid and invalid requests alike; the caller's credentials are ours, not generated.
    loaded.config.generation.update(modes=list(GenerationMode), with_security_parameters=False)
    # Only the API; the schema and docs endpoints serve the document itself.
    return loaded.include(path_regex=r"^/api/v1/")


schema = _schema()
_tokens: dict[str, str] = {}


@pytest.fixture
def world(db: Any) -> Province:
    if connection.vendor != "sqlite":
        # The contract does not depend on the database; once per CI run (the SQLite pass) is enough.
        pytest.skip("API contract fuzzing runs in the SQLite pass")
    province = build_province()
    _tokens.clear()
    for caller in CALLERS[1:]:
        raw, _token = issue_token(user=getattr(province, caller), name="schemathesis")
        _tokens[caller] = raw
    return province


@pytest.mark.parametrize("caller", CALLERS)
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_no_server_error_and_answers_match_the_schema(case: schemathesis.Case, caller: str, world: Province):
    headers = {"Authorization": f"Bearer {_tokens[caller]}"} if caller in _tokens else {}
    case.call_and_validate(headers=headers, checks=CHECKS)
