"""The JSON API fuzzed from its own OpenAPI document (Schemathesis, in process over WSGI): no 5xx, and
every answer is one the document lists, with the content type, headers and shape it gives.

Schemathesis's pytest plugin (`schema.parametrize()`, `from_fixture`) reads a private attribute that
pytest 9 no longer has, so each operation's Hypothesis strategy is driven here directly.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
MAX_EXAMPLES = 60  # per operation and mode


@pytest.fixture
def api_schema(make_app):
    # Small limits keep each example cheap; with the rate limit on, most examples would be 429s.
    app = make_app(API_RATE_LIMIT="off", MAX_DOCUMENTS=5, MAX_DOCUMENT_CHARS=2000, MAX_TOTAL_CHARS=5000)
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("label", "mode"),
    [
        ("POST /api/summarize", GenerationMode.POSITIVE),
        ("POST /api/summarize", GenerationMode.NEGATIVE),  # bodies the document says are invalid
        ("GET /api/openapi.json", GenerationMode.POSITIVE),  # it has no parameters to make invalid
    ],
    ids=["summarize-valid", "summarize-invalid", "openapi"],
)
def test_api_answers_as_its_openapi_document_says(api_schema, label, mode):
    operation = api_schema.find_operation_by_label(label)
    assert operation is not None, f"{label} is not in the OpenAPI document"

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case):
        case.call_and_validate(checks=CHECKS)

    check()


def test_the_checks_can_fail(make_app):
    """A 5xx and an undocumented shape are caught: the fuzz test above is not vacuous."""
    app = make_app(API_RATE_LIMIT="off")
    operation = schemathesis.openapi.from_wsgi("/api/openapi.json", app).find_operation_by_label("POST /api/summarize")
    body = {"documents": [{"text": "One sentence is here for sure."}]}
    case = operation.Case(body=body, media_type="application/json")
    response = case.call()
    case.validate_response(response, checks=CHECKS)  # the real answer passes
    wrong = [(500, response.content, not_a_server_error), (200, b'{"summary": 1}', response_schema_conformance)]
    for status, content, check in wrong:
        bad = schemathesis.Response(
            status, response.headers, content, response.request, response.elapsed, response.verify
        )
        try:
            case.validate_response(bad, checks=[check])
        except BaseExceptionGroup as failures:  # schemathesis's FailureGroup
            assert "Schemathesis found" in str(failures)
        else:
            raise AssertionError(f"{check.__name__} let {status} {content[:20]!r} pass")


def test_a_rate_limited_answer_matches_the_document(make_app):
    """The fuzzing above runs without the rate limit; its 429 (status, Retry-After, body) is checked here."""
    app = make_app(API_RATE_LIMIT="1/minute")
    operation = schemathesis.openapi.from_wsgi("/api/openapi.json", app).find_operation_by_label("POST /api/summarize")
    case = operation.Case(body={"documents": []}, media_type="application/json")
    assert case.call().status_code == 422
    response = case.call()
    assert response.status_code == 429
    case.validate_response(response, checks=CHECKS)
