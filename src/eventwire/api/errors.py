"""The API's one error shape, for every error it returns:

    {"error": {"status": 422, "field": "start", "message": "start: not a date ..."}}

`field` names the request parameter at fault (null when none is). FastAPI's own validation errors,
unknown parameters, unknown paths (404), wrong methods (405), eventwire's errors (an OptionError
names its field) and a query stopped by the time budget all come out in this shape; `install`
registers the handlers on an app.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire.errors import EventwireError, InputError, OptionError

__all__ = ["FIELD_NAMES", "ApiError", "error_body", "install"]

LOG = logging.getLogger("eventwire.api")

#: EventFilter and option fields -> the API parameter that sets them
FIELD_NAMES: Mapping[str, str] = {"date_from": "start", "date_to": "end", "quad": "quad_class", "text": "q"}

_REASONS = {400: "bad request", 401: "unauthorized", 403: "forbidden", 404: "not found", 405: "method not allowed"}


class ApiError(Exception):
    """An error the API answers with `status` and the one error shape."""

    def __init__(self, status: int, message: str, field: str | None = None, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field
        self.headers = dict(headers or {})


def error_body(status: int, message: str, field: str | None = None) -> dict[str, Any]:
    return {"error": {"status": status, "field": field, "message": message}}


def _response(status: int, message: str, field: str | None = None, headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message, field), status_code=status, headers=dict(headers or {}))


def _validation_field(error: Mapping[str, Any]) -> str | None:
    loc = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body", "header")]
    return loc[0] if loc else None


async def _on_validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    first = errors[0] if errors else {}
    field = _validation_field(first)
    message = str(first.get("msg", "invalid request"))
    if field:
        message = f"{field}: {message[0].lower() + message[1:] if message else message}"
        value = first.get("input")
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            message += f", not {value!r}"
    return _response(422, message, field)


async def _on_api_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return _response(exc.status, exc.message, exc.field, exc.headers)


async def _on_option_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, OptionError)
    field = FIELD_NAMES.get(exc.field, exc.field)
    return _response(422, exc.render(FIELD_NAMES), field)


async def _on_eventwire_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, EventwireError)
    status = 422 if isinstance(exc, InputError) else 500
    if status == 500:
        LOG.error("eventwire error answering %s: %s", request.url.path, exc)
    return _response(status, str(exc))


async def _on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) and exc.detail else _REASONS.get(exc.status_code, "error")
    if exc.status_code == 404 and message == "Not Found":
        message = f"no such path {request.url.path!r}; the API is under /api/v1 (see /docs)"
    elif exc.status_code == 405 and message == "Method Not Allowed":
        message = f"{request.method} is not allowed on {request.url.path}; use GET"
    return _response(exc.status_code, message, None, exc.headers)


def install(app: FastAPI) -> None:
    """Register the handlers that give every error the one shape."""
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(ApiError, _on_api_error)
    app.add_exception_handler(OptionError, _on_option_error)
    app.add_exception_handler(EventwireError, _on_eventwire_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
