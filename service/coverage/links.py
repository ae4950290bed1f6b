"""Checking the links of the contact data, politely: a few at a time, one request at a time
per host with a pause between them, a timeout per request and for the whole run, a bounded
number of links, and a user agent that says who asks and where to find out more."""

from __future__ import annotations

import asyncio
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from .. import __version__
from ..i18n.markers import S_

# what went wrong, as stored (a code) and as shown (a Swedish message of the staff catalog)
PROBLEMS = {
    "status": S_("svarade med felkod {status}"),
    "timeout": S_("svarade inte i tid"),
    "unreachable": S_("gick inte att nå"),
    "tls": S_("har ett certifikat som inte godtas"),
    "redirects": S_("skickar vidare för många gånger"),
    "skipped": S_("hann inte kontrolleras"),
}


@dataclass(frozen=True)
class LinkResult:
    url: str
    status: int | None  # the HTTP status of the last answer, if one came
    problem: str  # "" when the page answered with a status below 400, else a key of PROBLEMS

    @property
    def failed(self) -> bool:
        return bool(self.problem) and self.problem != "skipped"


@dataclass(frozen=True)
class Politeness:
    concurrency: int = 4  # requests at once, over all hosts
    timeout: float = 10.0  # seconds for one request
    pause: float = 1.0  # seconds between two requests to the same host
    time_limit: float = 120.0  # seconds for the whole check; what is left is not checked
    limit: int = 300  # links at most


def user_agent(base_url: str) -> str:
    return f"infogen-linkcheck/{__version__} (+{base_url}; checks that the links on its leaflets still work)"


class _Hosts:
    """One request at a time per host, ``pause`` seconds apart."""

    def __init__(self, pause: float):
        self.pause = pause
        self.locks: dict[str, asyncio.Lock] = {}
        self.last: dict[str, float] = {}

    def lock(self, host: str) -> asyncio.Lock:
        return self.locks.setdefault(host, asyncio.Lock())

    async def wait(self, host: str) -> None:
        since = time.monotonic() - self.last.get(host, float("-inf"))
        if since < self.pause:
            await asyncio.sleep(self.pause - since)

    def done(self, host: str) -> None:
        self.last[host] = time.monotonic()


async def _one(client: httpx.AsyncClient, url: str) -> LinkResult:
    """HEAD first; a server that refuses HEAD (or answers it with an error) is asked with GET,
    whose body is not read."""
    try:
        response = await client.head(url)
        if response.status_code >= 400:
            async with client.stream("GET", url) as streamed:
                response = streamed
        status = response.status_code
        return LinkResult(url, status, "status" if status >= 400 else "")
    except httpx.TooManyRedirects:
        return LinkResult(url, None, "redirects")
    except httpx.TimeoutException:
        return LinkResult(url, None, "timeout")
    except httpx.ConnectError as error:
        tls = isinstance(error.__cause__, ssl.SSLError) or "CERTIFICATE" in str(error).upper()
        return LinkResult(url, None, "tls" if tls else "unreachable")
    except (httpx.HTTPError, ValueError):
        return LinkResult(url, None, "unreachable")


async def check(urls: list[str], base_url: str, rules: Politeness = Politeness()) -> list[LinkResult]:
    """The result for each distinct link (at most ``rules.limit``), in the order given."""
    wanted = list(dict.fromkeys(urls))[:rules.limit]
    hosts = _Hosts(rules.pause)
    gate = asyncio.Semaphore(rules.concurrency)
    end = time.monotonic() + rules.time_limit
    results: dict[str, LinkResult] = {}

    async def visit(client: httpx.AsyncClient, url: str) -> None:
        host = urlsplit(url).hostname or ""
        async with hosts.lock(host):
            await hosts.wait(host)
            async with gate:
                left = end - time.monotonic()
                if left <= 0:
                    results[url] = LinkResult(url, None, "skipped")
                    return
                try:
                    results[url] = await asyncio.wait_for(_one(client, url), timeout=min(left, rules.timeout * 2))
                except asyncio.TimeoutError:
                    results[url] = LinkResult(url, None, "timeout" if left > rules.timeout else "skipped")
                finally:
                    hosts.done(host)

    timeout = httpx.Timeout(rules.timeout)
    async with httpx.AsyncClient(timeout=timeout, follow_redirects=True, max_redirects=5,
                                 headers={"User-Agent": user_agent(base_url)}, trust_env=False) as client:
        await asyncio.gather(*(visit(client, url) for url in wanted))
    return [results[url] for url in wanted]


def check_now(urls: list[str], base_url: str, rules: Politeness = Politeness()) -> list[LinkResult]:
    return asyncio.run(check(urls, base_url, rules))
