"""Counted guesses at staff passwords, per account name (never per address: no reader's or
staff member's IP is kept).

A login attempt claims a password check *before* the password is looked at, atomically (a
Redis transaction where instances share the count, a file lock on one machine), so however
many requests arrive at once, no more than ``FREE_CHECKS`` passwords are checked in a row.
After that a name waits before its next check, a minute and then twice as long after each
further failure, never more than a quarter of an hour: a guesser gets a few guesses an hour,
and nobody can lock an account for longer than that.

The owner is not locked out by a flood of guesses at their name: a browser where the name
logged in before carries a proof — a signed cookie naming the account, set at a successful
login — and its attempts are counted apart from everyone else's. A success ends that
browser's count; in the count of browsers without a proof it only takes back its own check,
so a right password among a flood of guesses does not give the flood five more."""

from __future__ import annotations

import asyncio
import base64
import fcntl
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import anyio
from litestar import Request, Response
from litestar.datastructures import Cookie

FREE_CHECKS = 5  # password checks in a row for a name …
FIRST_WAIT = 60  # … then seconds before the next one, doubling with each failure …
LONGEST_WAIT = 15 * 60  # … up to a quarter of an hour
FORGET = 15 * 60  # a name's count is forgotten this long after its wait has passed
PROOF_DAYS = 180  # how long a browser's proof of an earlier login lasts


@dataclass(frozen=True)
class Count:
    checks: int = 0  # password checks since the last success
    next_at: float = 0.0  # no check before this time (seconds since the epoch)

    def claim(self, now: float) -> Count | None:
        """The count after one more check, or None if the check must wait."""
        if now < self.next_at:
            return None
        checks = self.checks + 1
        wait = 0 if checks < FREE_CHECKS else min(FIRST_WAIT * 2 ** (checks - FREE_CHECKS), LONGEST_WAIT)
        return Count(checks, now + wait)

    def refund(self) -> Count:
        """The count as if a check that succeeded had not been made (a login counts no failure)."""
        checks = max(self.checks - 1, 0)
        return Count(checks, self.next_at if checks >= FREE_CHECKS else 0.0)

    def expires(self, now: float) -> float:
        return max(self.next_at, now) + FORGET

    def dumps(self) -> str:
        return json.dumps([self.checks, self.next_at])

    @classmethod
    def loads(cls, raw: str | bytes | None) -> Count:
        if not raw:
            return cls()
        checks, next_at = json.loads(raw)
        return cls(int(checks), float(next_at))


class FileCounts:
    """One machine: a file per name under ``var/logins``, changed under a lock every process of
    the machine takes; a file's modification time is when it may be forgotten."""

    SWEEP_EVERY = 60.0

    def __init__(self, directory: Path):
        self.directory = directory
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._swept = 0.0

    async def claim(self, key: str) -> float:
        return await anyio.to_thread.run_sync(self._change, key, _claim)

    async def refund(self, key: str) -> None:
        await anyio.to_thread.run_sync(self._change, key, _refund)

    async def forget(self, key: str) -> None:
        await anyio.to_thread.run_sync(self._change, key, _forget)

    def _change(self, key: str, change) -> float:
        """``change`` applied to the count under the lock of every process of the machine."""
        handle = os.open(self.directory / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            now = time.time()
            path = self.directory / key
            try:
                count = Count.loads(path.read_text()) if path.stat().st_mtime > now else Count()
            except FileNotFoundError:
                count = Count()
            after, answer = change(count, now)
            if after is not None and after != count:
                temporary = path.with_name(path.name + ".new")
                with open(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
                    f.write(after.dumps())
                os.utime(temporary, (now, after.expires(now)))
                os.replace(temporary, path)
            elif after is None:
                path.unlink(missing_ok=True)
            if now - self._swept > self.SWEEP_EVERY:
                self._sweep(now)
            return answer
        finally:
            os.close(handle)  # releases the lock

    def _sweep(self, now: float) -> None:
        """Counts past their time are removed (a flood of names leaves nothing behind)."""
        self._swept = now
        with os.scandir(self.directory) as entries:
            for entry in entries:
                if entry.name.startswith("login-") and entry.stat().st_mtime <= now:
                    Path(entry.path).unlink(missing_ok=True)


class RedisCounts:
    """Several instances: the count in Redis, changed in a transaction (WATCH/MULTI) that is
    retried when another instance changed it meanwhile; Redis forgets it by itself (EXPIRE)."""

    def __init__(self, redis, namespace: str):
        self.redis = redis
        self.namespace = namespace

    async def claim(self, key: str) -> float:
        return await self._change(key, _claim)

    async def refund(self, key: str) -> None:
        await self._change(key, _refund)

    async def forget(self, key: str) -> None:
        await self.redis.delete(f"{self.namespace}:{key}")

    async def _change(self, key: str, change) -> float:
        from redis.exceptions import WatchError

        full = f"{self.namespace}:{key}"
        async with self.redis.pipeline(transaction=True) as pipe:
            while True:
                try:
                    await pipe.watch(full)
                    count = Count.loads(await pipe.get(full))
                    now = time.time()
                    after, answer = change(count, now)
                    if after is None or after == count:
                        await pipe.unwatch()
                        return answer
                    pipe.multi()
                    pipe.set(full, after.dumps(), exat=int(after.expires(now)) + 1)
                    await pipe.execute()
                    return answer
                except WatchError:
                    await asyncio.sleep(0)


def _claim(count: Count, now: float) -> tuple[Count, float]:
    """A check counted (answer 0), or the count as it was and the seconds to wait."""
    after = count.claim(now)
    return (count, count.next_at - now) if after is None else (after, 0.0)


def _refund(count: Count, now: float) -> tuple[Count, float]:
    return count.refund(), 0.0


def _forget(count: Count, now: float) -> tuple[None, float]:
    return None, 0.0


class Guesses:
    def __init__(self, counts: FileCounts | RedisCounts, secret: str, secure: bool):
        self.counts = counts
        self._secret = hashlib.sha256(b"login proof\0" + secret.encode()).digest()
        self.secure = secure
        self.cookie_name = "__Host-infogen-known" if secure else "infogen-known"

    async def claim(self, request: Request, name: str) -> float:
        """0 when the password may be checked now (counted already), else seconds to wait."""
        return await self.counts.claim(self._key(name, self._proof(request, name)))

    async def succeeded(self, request: Request, response: Response, name: str) -> None:
        """The browser's count ends, and it gets (or keeps) its proof of this login."""
        proof = self._proof(request, name)
        if proof:
            await self.counts.forget(self._key(name, proof))
        else:  # the strangers' count keeps their failures: a success among their guesses opens nothing
            await self.counts.refund(self._key(name, proof))
        nonce = proof or secrets.token_urlsafe(12)
        issued = str(int(time.time()))
        value = f"{nonce}.{issued}.{self._sign(name, nonce, issued)}"
        response.set_cookie(Cookie(key=self.cookie_name, value=value, max_age=PROOF_DAYS * 86400, path="/",
                                   secure=self.secure, httponly=True, samesite="strict"))

    async def refund(self, request: Request, name: str) -> None:
        """A claimed check whose password was right, though the request failed for another reason."""
        await self.counts.refund(self._key(name, self._proof(request, name)))

    def _proof(self, request: Request, name: str) -> str | None:
        """The browser's nonce if it proves an earlier login with this name (signed, not too old)."""
        parts = (request.cookies.get(self.cookie_name) or "").split(".")
        if len(parts) != 3 or not parts[1].isdigit():
            return None
        nonce, issued, signature = parts
        if time.time() - int(issued) > PROOF_DAYS * 86400:
            return None
        return nonce if hmac.compare_digest(signature, self._sign(name, nonce, issued)) else None

    def _sign(self, name: str, nonce: str, issued: str) -> str:
        digest = hmac.new(self._secret, f"{name}\0{nonce}\0{issued}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:24]).decode()

    @staticmethod
    def _key(name: str, proof: str | None) -> str:
        digest = hashlib.sha256(f"{name}\0{proof or ''}".encode()).hexdigest()
        return f"login-{digest}"
