"""Safe by default: who may come in, how much they may send, and forms that only this site can post.

* Access: on loopback nobody but the machine's own users can connect, so no token is needed
  unless one is set; on any other address a token is required (`serve` refuses to start without
  one).  A person signs in once with the token (a session cookie keeps them in); a program sends
  ``Authorization: Bearer TOKEN``.
* Size: the body of a request is counted as it arrives and refused past the limit, whatever its
  Content-Length says.
* CSRF: every form and every script request carries a per-browser token that must equal the one
  in its (SameSite=Strict, HttpOnly) cookie; a page from another site can neither read nor send it.
* Headers: a strict Content-Security-Policy (scripts only from this server), no framing, no sniffing.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets

from starlette.datastructures import MutableHeaders
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "scoring_csrf"
SESSION_COOKIE = "scoring_session"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
OPEN_PATHS = ("/login", "/static/")
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def is_loopback(host: str) -> bool:
    """Whether binding ``host`` keeps the server reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def session_value(token: str, secret: bytes) -> str:
    """What the session cookie holds after signing in: a keyed hash of the token, never the token."""
    return hmac.new(secret, token.encode("utf-8"), hashlib.sha256).hexdigest()


class BodyLimit:
    """Refuse a request whose body is (or turns out to be) larger than ``limit`` bytes: 413."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                await _too_large(self.limit)(scope, receive, send)
                return
        seen = 0
        refused = False

        async def counted() -> Message:
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    refused = True
                    raise _TooLarge()
            return message

        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not started:
                await _too_large(self.limit)(scope, receive, send)
        except Exception:
            if refused and not started:
                await _too_large(self.limit)(scope, receive, send)
            else:
                raise


class _TooLarge(Exception):
    pass


def _too_large(limit: int) -> PlainTextResponse:
    return PlainTextResponse(f"请求过大：一次最多上传 {limit // (1 << 20)} MiB。请分批上传。", status_code=413)


class Guard:
    """Sign-in (when a token is set), the CSRF cookie, and security headers on every response."""

    def __init__(self, app: ASGIApp, token: str | None, secret: bytes):
        self.app, self.token, self.secret = app, token, secret

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookies = _cookies(scope)
        path = scope.get("path", "")
        if self.token and not path.startswith(OPEN_PATHS) and not self._signed_in(scope, cookies):
            if scope["method"] == "GET" and "text/html" in _header(scope, b"accept"):
                await RedirectResponse(f"/login?next={path}", status_code=303)(scope, receive, send)
            else:
                await PlainTextResponse("需要登录：请先用访问令牌登录（或在请求头中提供 Authorization: Bearer 令牌）。", status_code=401)(scope, receive, send)
            return
        csrf = cookies.get(CSRF_COOKIE)
        fresh = None
        if not csrf or len(csrf) != 43:
            fresh = csrf = secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf"] = csrf

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = CSP
                headers["X-Content-Type-Options"] = "nosniff"
                headers["X-Frame-Options"] = "DENY"
                headers["Referrer-Policy"] = "same-origin"
                if fresh:
                    headers.append("Set-Cookie", f"{CSRF_COOKIE}={fresh}; Path=/; HttpOnly; SameSite=Strict")
            await send(message)

        await self.app(scope, receive, with_headers)

    def _signed_in(self, scope: Scope, cookies: dict) -> bool:
        auth = _header(scope, b"authorization")
        if auth.lower().startswith("bearer ") and hmac.compare_digest(auth[7:].strip().encode(), self.token.encode()):
            return True
        session = cookies.get(SESSION_COOKIE, "")
        return bool(session) and hmac.compare_digest(session, session_value(self.token, self.secret))


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return ""


def _cookies(scope: Scope) -> dict[str, str]:
    out = {}
    for part in _header(scope, b"cookie").split(";"):
        key, _, value = part.strip().partition("=")
        if key:
            out[key] = value
    return out


def csrf_ok(request, given: str | None) -> bool:
    """Whether a form field or header carries this browser's CSRF token."""
    expected = request.scope.get("state", {}).get("csrf") or ""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    return bool(given) and bool(cookie) and hmac.compare_digest(given, cookie) and hmac.compare_digest(cookie, expected)


def check_token(given: str, token: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


def login_redirect(target: str) -> str:
    """Only a path on this site (never another host) may follow a sign-in."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
