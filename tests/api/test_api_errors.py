"""The one error shape, {"error": {"status", "field", "message"}}, for every error the API gives."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient


def assert_error(response: Any, status: int, field: str | None) -> str:
    """The response is the one error shape with this status and field; returns its message."""
    assert response.status_code == status, response.text
    body = response.json()
    assert list(body) == ["error"] and list(body["error"]) == ["status", "field", "message"]
    assert body["error"]["status"] == status and body["error"]["field"] == field
    message: str = body["error"]["message"]
    assert message and "\n" not in message
    return message


@pytest.mark.parametrize(
    ("path", "field", "says"),
    [
        ("/events?start=yesterday-ish", "start", "unknown date"),
        ("/events?start=2008-05-01&end=2008-04-01", "end", "before start"),
        ("/events?root=21", "root", "01-20"),
        ("/events?quad_class=5", "quad_class", "1, 2, 3 or 4"),
        ("/events?quad_class=1|", "quad_class", "empty value"),
        ("/events?code=abc", "code", "2-4 digits"),
        ("/events?country=IRAQ", "country", "3-letter"),
        ("/events?plover=DANCE", "plover", "PLOVER event type"),
        ("/events?bbox=1,2,3", "bbox", "west,south,east,north"),
        ("/events?bbox=10,50,20,40", "bbox", "south <= north"),
        ("/events?min_mentions=0", "min_mentions", "greater than or equal to 1"),
        ("/events?limit=0", "limit", "greater than or equal to 1"),
        ("/events?limit=many", "limit", "valid integer"),
        ("/events?sort=random", "sort", "'date' or '-date'"),
        ("/events?format=xml", "format", "'json'"),
        ("/events?cursor=not-a-cursor", "cursor", "next_cursor"),
        ("/events?actor=" + "x" * 400, "actor", "at most 300 characters"),
        ("/events?colour=red", "colour", "unknown parameter"),
        ("/events?root=18&root=19", "root", "a|b"),
        ("/timeline?interval=year", "interval", "'day', 'week' or 'month'"),
        ("/timeline?group_by=outlet", "group_by", "quad_class"),
        ("/geo?level=city", "level", "'place' or 'country'"),
        ("/dyads?level=agent", "level", "'country', 'sector' or 'full'"),
        ("/actors", "q", "required"),
        ("/actors?q=", "q", "at least 1 character"),
        ("/meta?verbose=1", "verbose", "no parameters"),
    ],
)
def test_api_bad_parameters_are_422_naming_the_field(client: TestClient, path: str, field: str, says: str) -> None:
    message = assert_error(client.get("/api/v1" + path), 422, field)
    assert says in message and message.startswith(field)


def test_api_cursor_of_another_sort_is_refused(client: TestClient) -> None:
    cursor = client.get("/api/v1/events", params={"limit": 2}).json()["next_cursor"]
    message = assert_error(client.get("/api/v1/events", params={"cursor": cursor, "sort": "-date"}), 422, "cursor")
    assert "sort=date" in message


@pytest.mark.parametrize(
    ("path", "field"),
    [("/api/v1/events/0123456789abcdef", "event_id"), ("/api/v1/articles/no-such-story", "article_id")],
)
def test_api_unknown_ids_are_404(client: TestClient, path: str, field: str) -> None:
    assert "no " in assert_error(client.get(path), 404, field)


def test_api_unknown_path_and_method(client: TestClient) -> None:
    assert "/api/v1" in assert_error(client.get("/api/v1/nothing-here"), 404, None)
    assert "use GET" in assert_error(client.post("/api/v1/events"), 405, None)


def test_api_filter_values_are_data_not_sql(client: TestClient) -> None:
    """Quotes, wildcards and SQL in a value match nothing and break nothing (parameterised SQL)."""
    for value in ("'; DROP TABLE events; --", "%", "_", "\\", "' OR 1=1 --"):
        for name in ("actor", "place", "q", "outlet", "source"):
            response = client.get("/api/v1/events", params={name: value})
            assert response.status_code == 200, (name, value)
            assert response.json()["results"] == []
    assert client.get("/api/v1/meta").json()["coverage"]["counts"]["events"] > 0
