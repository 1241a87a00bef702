"""schemathesis against /openapi.json: generated requests to every endpoint, a bounded number of
examples each, and not one answers 500 (every bad input is a 4xx in the one error shape)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from eventwire.api import ApiSettings, create_app
from eventwire.api.served import ServedStore

EXAMPLES = 30  # per endpoint: bounded, so the suite stays fast


@pytest.fixture(scope="module")
def api_schema(api_db: str) -> Any:
    app = create_app(ApiSettings(db=api_db), served=ServedStore(api_db))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_api_fuzz_no_server_errors(api_schema: Any) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/v1/events", "/api/v1/events/{event_id}", "/api/v1/geo", "/api/v1/meta"}
    statuses: dict[int, int] = {}
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
        def check(case: Any) -> None:
            response = case.call_and_validate(checks=[not_a_server_error])
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            if response.status_code >= 400:
                body = response.json()
                assert list(body) == ["error"] and body["error"]["status"] == response.status_code

        check()
    # both kinds of request were made: valid ones (200) and refused ones (422 in the error shape)
    assert statuses.get(200, 0) > 0 and statuses.get(422, 0) > 0, statuses
    print("statuses:", statuses)
