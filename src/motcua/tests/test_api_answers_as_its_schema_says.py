"""Schemathesis over API v1, as an anonymous caller, a citizen and each officer role: generated
requests (valid and not) never cause a server error, and every answer is what the OpenAPI document
says it is (status code, content type, headers, body schema), with at least 2,000 requests per caller.

One test per caller builds the province once and walks every operation through schemathesis's own
phases (the schema's examples, the deterministic coverage cases, then generated valid and invalid
requests), in-process through the WSGI application: about 20 s of CPU per caller on this machine
(docs/operations.md). The deterministic phases give most of the requests (2,400-2,800 per caller
with 5 generated per operation, the default); `MOTCUA_FUZZ_EXAMPLES` raises the generated budget
(`make reliability` runs 30).
"""

from __future__ import annotations

import os
import traceback
from collections import Counter
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode, checks
from schemathesis.core.failures import FailureGroup

# Schemathesis's pytest plugin builds each operation's test this way; calling it here lets one test
# hold one world for all operations (schemathesis is pinned exactly in pyproject.toml).
from schemathesis.generation.feedback import FeedbackSources
from schemathesis.pytest._test_builder import build_operation_test

from motcua.agencies.models import Role
from motcua.api.tests.factories import Province, build_province, staff_member
from motcua.api.tokens import issue_token

EXAMPLES = int(os.environ.get("MOTCUA_FUZZ_EXAMPLES", "5"))
CASES_PER_CALLER = 2_000
CALLERS = ("anonymous", "citizen", "intake", "specialist", "leader", "director", "clerk", "admin")
# Each caller once per `make test`: these three in the PostgreSQL pass, the others in the SQLite pass,
# so that the two passes, side by side, end together (docs/benchmarks.md, "The suite's seventh round").
# The marks choose the pass, as for every other test (Makefile); run alone, every caller runs.
IN_THE_POSTGRESQL_PASS = {"director", "clerk", "admin"}
CALLERS_IN_THEIR_PASS = [
    pytest.param(
        caller,
        marks=pytest.mark.postgres_pass if caller in IN_THE_POSTGRESQL_PASS else pytest.mark.sqlite_pass,
    )
    for caller in CALLERS
]
# 30-70 s per caller in CI: started before the short tests (src/conftest.py).
pytestmark = pytest.mark.long
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
    checks.negative_data_rejection,  # what the schema forbids is refused (4xx)
]
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,  # the same requests on every run, so a failure in CI reproduces locally
    database=None,
)


def _schema() -> schemathesis.BaseSchema:
    document = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(document)
    loaded.app = get_wsgi_application()
    # Valid and invalid requests alike; the caller's credentials are ours, not generated.
    loaded.config.generation.update(modes=list(GenerationMode), with_security_parameters=False)
    # Only the API; the schema and docs endpoints serve the document itself.
    return loaded.include(path_regex=r"^/api/v1/")


schema = _schema()


def _caller(province: Province, caller: str) -> Any:
    if caller == "admin":
        return staff_member(province.department, Role.ADMINISTRATOR, full_name="Nguyễn Văn Quản Trị")
    return getattr(province, caller)


def _calls(label: str, headers: dict[str, str], cases: Counter[str]) -> Any:
    """The body run for each generated case of one operation: send it, check the answer, count it."""

    @SETTINGS
    def call(case: schemathesis.Case) -> None:
        cases[label] += 1
        case.call_and_validate(headers=headers, checks=CHECKS)

    return call


@pytest.fixture
def connection_kept_across_requests() -> Any:
    """As Django's test client does: the WSGI handler would close the test's connection at each
    request (inside the test's transaction, which PostgreSQL's connection then loses)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.parametrize("caller", CALLERS_IN_THEIR_PASS)
def test_no_server_error_and_answers_match_the_schema(
    caller: str, db: None, connection_kept_across_requests: None
) -> None:
    province = build_province()
    user = None if caller == "anonymous" else _caller(province, caller)

    cases: Counter[str] = Counter()
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        headers: dict[str, str] = {}
        if user is not None:
            # A fresh token for each operation: DELETE /auth/tokens/{id} may revoke the last one.
            raw, _token = issue_token(user=user, name="schemathesis")
            headers = {"Authorization": f"Bearer {raw}"}

        test = build_operation_test(
            config=schema.config,
            operation=operation,
            test_func=_calls(operation.label, headers, cases),
            given_kwargs={},
            feedback=FeedbackSources(),
            explicit_settings=SETTINGS,
        )
        try:
            test()
        except (Exception, FailureGroup):  # every operation runs; the report lists each that failed
            failures.append(f"{operation.label}:\n{traceback.format_exc(limit=-3)}")

    assert not failures, f"{len(failures)} operation(s) failed as {caller}:\n\n" + "\n\n".join(failures)
    total = cases.total()
    assert total >= CASES_PER_CALLER, f"only {total} requests as {caller}: raise MOTCUA_FUZZ_EXAMPLES"
