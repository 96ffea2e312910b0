"""What the API lets in: a bound on request bodies, a token for writes, security headers on every response.

- Bodies: a request body over ``MAX_BODY`` bytes is refused with 413 before it is read whole (declared
  length or counted while streaming).
- Writes: every route that changes something (POST, PUT, PATCH, DELETE, except the read-only
  ``POST /v1/analyze``) needs ``Authorization: Bearer TOKEN`` when a token is set (``CHRONICLER_API_TOKEN``)
  and is refused outright when the server is bound beyond loopback without one. The token is compared in
  constant time and never written to a log or a response.
- CORS stays closed: no ``Access-Control-Allow-*`` header is ever sent, so browsers keep other origins out.
- Every response carries the headers in ``SECURITY_HEADERS``; the web page sets its own, looser CSP.
"""
from __future__ import annotations

import hmac
import ipaddress
import json
import os
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

MAX_BODY = 16 * 1024 * 1024  # bytes: the longest article (1,000,000 characters) as escaped JSON fits
TOKEN_ENV = "CHRONICLER_API_TOKEN"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
READ_ONLY_POSTS = frozenset({"/v1/analyze"})  # computes a result, stores nothing
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
}

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]


def is_loopback(host: str | None) -> bool:
    """Whether a bind address only reaches this machine (None: not served, e.g. in-process tests)."""
    if host is None or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve beyond this machine


def token_matches(expected: str, given: str | None) -> bool:
    """Constant-time comparison (the time taken does not tell how much of the token was right)."""
    return given is not None and hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


def write_denial(method: str, path: str, authorization: str | None, token: str | None,
                 host: str | None) -> tuple[int, str] | None:
    """Why this request may not write (status, message), or None when it may."""
    if method not in WRITE_METHODS or path in READ_ONLY_POSTS:
        return None
    if token is None:
        if is_loopback(host):
            return None
        return 403, f"writes are disabled on a server bound beyond loopback without a token: set {TOKEN_ENV}"
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token_matches(token, given.strip() or None):
        return 401, "this route writes: send Authorization: Bearer <token>"
    return None


class Guard:
    """ASGI middleware: body bound, write token, security headers (see the module docstring)."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], *, host: str | None = None,
                 token: str | None = None, max_body: int = MAX_BODY) -> None:
        self.app, self.host, self.max_body = app, host, max_body
        self.token = token if token is not None else (os.environ.get(TOKEN_ENV) or None)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}

        async def send_secured(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                present = {k.decode("latin-1").lower() for k, _ in message.get("headers", [])}
                extra = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()
                         if k.lower() not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        denial = write_denial(scope["method"], scope["path"], headers.get("authorization"), self.token, self.host)
        if denial is None:
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_body:
                denial = 413, f"request body over {self.max_body:,} bytes"
        if denial is not None:
            await _reply(send_secured, *denial)
            return

        received = 0
        too_large = False

        async def bounded_receive() -> MutableMapping[str, Any]:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    too_large = True
                    raise BodyTooLarge
            return message

        replied = False

        async def bounded_send(message: MutableMapping[str, Any]) -> None:
            nonlocal replied
            if too_large:  # whatever the app answered to a cut-off body, the client learns why
                if not replied:
                    replied = True
                    await _reply(send_secured, 413, f"request body over {self.max_body:,} bytes")
                return
            replied = replied or message["type"] == "http.response.start"
            await send_secured(message)

        try:
            await self.app(scope, bounded_receive, bounded_send)
        except Exception:  # BodyTooLarge, or what the app made of it
            if not too_large:
                raise
        if too_large and not replied:
            await _reply(send_secured, 413, f"request body over {self.max_body:,} bytes")


class BodyTooLarge(Exception):
    """A streamed body passed the bound."""


async def _reply(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
