"""One error shape for every 4xx and 5xx, and the guard that limits what a request may carry.

    {"error": {"status": 400, "code": "bad_parameter", "message": "since: expected YYYY-MM-DD, got '2018-13-01'"}}

Bad query or path parameters are 400, bad bodies 422; nothing a client sends
should reach a 500 (those are logged, and say nothing of the cause).
"""
from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("marsad.api")

CODES = {400: "bad_parameter", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
         413: "too_large", 414: "too_large", 422: "bad_parameter", 500: "internal"}


class ApiError(HTTPException):
    """An error to send in the common shape: ``raise ApiError(404, "no incident 'x'")``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)


def error_body(status: int, message: str) -> dict[str, Any]:
    """The JSON of an error response."""
    code = CODES.get(status) or ("bad_parameter" if status < 500 else "internal")
    return {"error": {"status": status, "code": code, "message": message}}


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(status, message), status_code=status, headers=headers)


def _clip(value: Any, n: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= n else text[: n - 3] + "..."


async def _http_error(request: Request, exc: HTTPException) -> JSONResponse:
    status = exc.status_code
    message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(status).phrase
    if status == 404 and message == "Not Found":  # the router's: no such path
        message = f"no such path: {request.url.path}"
    elif status == 405 and message == "Method Not Allowed":
        message = f"{request.method} is not allowed on {request.url.path}"
    return error_response(status, message, exc.headers)


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    err = exc.errors()[0]
    loc = [str(p) for p in err.get("loc", ())]
    where, name = (loc[0] if loc else "body"), ".".join(loc[1:])
    status = 422 if where == "body" else 400
    if where == "body" and isinstance(err.get("input"), bytes):  # a body sent as something other than JSON
        message = "body: expected JSON (send Content-Type: application/json)"
    elif err.get("type") == "json_invalid":
        message = f"body: not valid JSON ({(err.get('ctx') or {}).get('error', 'decode error')})"
    else:
        message = f"{name or where}: {err.get('msg', 'invalid')}"
        value = err.get("input")
        if err.get("type") != "missing" and value is not None and not isinstance(value, (dict, list)):
            message += f", got {_clip(value)}"
    return error_response(status, message)


async def _internal_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("internal error on %s %s", request.method, request.url.path)
    return error_response(500, "internal error")


def install_error_handlers(app: FastAPI) -> None:
    """Send every error raised in ``app`` in the common shape."""
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _internal_error)


class Guard:
    """ASGI middleware: refuse over-long query strings (414) and parameters (400) and
    bodies over ``max_body`` bytes (413), whether or not they say their length; add
    security headers to every response.

    A body announced too large is read and dropped (up to a bound) before the answer,
    so a client still writing its upload reads the 413 instead of a reset connection.
    """

    def __init__(self, app: ASGIApp, *, max_body: int, max_query: int, max_param: int,
                 headers: dict[str, str]) -> None:
        self.app = app
        self.max_body, self.max_query, self.max_param = max_body, max_query, max_param
        self.headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]

    def _problem(self, scope: Scope) -> tuple[int, str] | None:
        qs = scope.get("query_string") or b""
        if len(qs) > self.max_query:
            return 414, f"query string too long ({len(qs)} bytes; at most {self.max_query})"
        for name, value in parse_qsl(qs.decode("latin-1"), keep_blank_values=True):
            if len(name) > self.max_param or len(value) > self.max_param:
                return 400, f"{_clip(name, 40)[1:-1]}: too long ({len(value)} characters; at most {self.max_param})"
        for key, value in scope.get("headers") or ():
            if key == b"content-length":
                try:
                    size = int(value)
                except ValueError:
                    return 400, "Content-Length is not a number"
                if size > self.max_body:
                    return 413, f"request body too large ({size} bytes; at most {self.max_body})"
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers") or ()}
                message = {**message, "headers": [*(message.get("headers") or ()),
                                                  *((k, v) for k, v in self.headers if k not in present)]}
            await send(message)

        problem = self._problem(scope)
        if problem is not None:
            status, text = problem
            if status == 413:
                await self._drain(receive)
            body = json.dumps(error_body(status, text), ensure_ascii=False).encode("utf-8")
            await send_with_headers({"type": "http.response.start", "status": status, "headers": [
                (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                (b"connection", b"close")]})
            await send({"type": "http.response.body", "body": body})
            return

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise ApiError(413, f"request body too large (more than {self.max_body} bytes)")
            return message

        await self.app(scope, limited_receive, send_with_headers)

    async def _drain(self, receive: Receive) -> None:
        read = 0
        while read <= 4 * self.max_body:
            message = await receive()
            if message["type"] != "http.request":
                return
            read += len(message.get("body", b""))
            if not message.get("more_body"):
                return
