"""Staff sessions: a random token in an HttpOnly, SameSite=Strict cookie, its hash as the key
in a store (a file store under ``var/`` on one machine; Redis where many share them).

Only staff and administration pages read or set it; public pages never see a cookie. Each
login starts a new token, so a token planted before login is worth nothing (fixation)."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

from litestar import Request, Response
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import Cookie
from litestar.middleware.csrf import generate_csrf_token
from litestar.stores.base import Store
from litestar.stores.file import FileStore

SESSION_HOURS = 8


@dataclass(frozen=True)
class Session:
    user_id: int
    lang: str
    started: float = 0.0  # seconds since the epoch: a password changed after it ends the session
    csrf: str = ""  # digest of the CSRF cookie set with the session: forms must carry that token


def _digest(token: str) -> str:
    return hashlib.sha256(b"csrf\0" + token.encode()).hexdigest()


def _key(token: str) -> str:
    return "session:" + hashlib.sha256(token.encode()).hexdigest()


class Sessions:
    SWEEP_EVERY = 600.0  # seconds between removals of expired sessions (Redis expires them itself)

    def __init__(self, store: Store, secure: bool, csrf: CSRFConfig | None = None):
        self.store = store
        self.secure = secure
        self.csrf = csrf
        self._swept = 0.0
        # "__Host-" makes the browser refuse the cookie unless Secure, host-only and Path=/
        self.cookie_name = "__Host-infogen-staff" if secure else "infogen-staff"

    async def get(self, request: Request) -> Session | None:
        token = request.cookies.get(self.cookie_name)
        if not token:
            return None
        raw = await self.store.get(_key(token))
        if raw is None:
            return None
        data = json.loads(raw)
        return Session(data["user_id"], data.get("lang", "sv"), float(data.get("started", 0)), data.get("csrf", ""))

    async def start(self, request: Request, response: Response, user_id: int, lang: str) -> None:
        await self.end(request, response)
        token = secrets.token_urlsafe(32)
        data = {"user_id": user_id, "lang": lang, "started": time.time()}
        if self.csrf is not None:  # a new CSRF token with every session, bound to it
            csrf_token = generate_csrf_token(self.csrf.secret)
            response.set_cookie(Cookie(key=self.csrf.cookie_name, value=csrf_token, path=self.csrf.cookie_path,
                                       secure=self.csrf.cookie_secure, httponly=self.csrf.cookie_httponly,
                                       samesite=self.csrf.cookie_samesite))
            data["csrf"] = _digest(csrf_token)
        await self.store.set(_key(token), json.dumps(data), expires_in=SESSION_HOURS * 3600)
        response.set_cookie(self._cookie(token, SESSION_HOURS * 3600))
        await self.sweep()

    async def sweep(self) -> None:
        """Expired sessions removed from the file store, at most every ``SWEEP_EVERY`` seconds
        (on a login, and on the counting timer), so that nothing piles up."""
        if isinstance(self.store, FileStore) and time.time() - self._swept > self.SWEEP_EVERY:
            self._swept = time.time()
            await self.store.delete_expired()

    def bound(self, request: Request, session: Session) -> bool:
        """Whether the request's CSRF cookie is the one set with this session (a token planted
        in the browser from elsewhere, or taken from another session, is not)."""
        if self.csrf is None:
            return True
        cookie = request.cookies.get(self.csrf.cookie_name) or ""
        return bool(session.csrf) and hmac.compare_digest(session.csrf, _digest(cookie))

    async def update(self, request: Request, **values) -> None:
        token = request.cookies.get(self.cookie_name)
        raw = await self.store.get(_key(token)) if token else None
        if raw is not None:
            data = json.loads(raw) | values
            await self.store.set(_key(token), json.dumps(data), expires_in=SESSION_HOURS * 3600)

    async def value(self, request: Request, key: str):
        """Something kept in the session besides who and the language (None if not there)."""
        token = request.cookies.get(self.cookie_name)
        raw = await self.store.get(_key(token)) if token else None
        return json.loads(raw).get(key) if raw is not None else None

    async def end(self, request: Request, response: Response) -> None:
        token = request.cookies.get(self.cookie_name)
        if token:
            await self.store.delete(_key(token))
            response.set_cookie(self._cookie("", 0))

    def _cookie(self, value: str, max_age: int) -> Cookie:
        return Cookie(key=self.cookie_name, value=value, max_age=max_age, path="/", secure=self.secure,
                      httponly=True, samesite="strict")
