"""People using the staff pages in tests: each with their own browser-like cookie jar."""

from __future__ import annotations

import re

from litestar.testing import TestClient

BASE = "https://infogen.example"
CSRF_COOKIE = "__Host-infogen-csrf"
SESSION_COOKIE = "__Host-infogen-staff"


class Person:
    """A TestClient with its own cookies that fills in the CSRF token like the forms do."""

    def __init__(self, app):
        # not entered as a context: several people share one app, whose lifespan the module's
        # first client runs (the app has no startup work of its own)
        self.client = TestClient(app, base_url=BASE)

    def close(self) -> None:
        self.client.cookies.clear()

    def token(self) -> str:
        if not self.client.cookies.get(CSRF_COOKIE):
            self.client.get("/staff/login")
        return self.client.cookies.get(CSRF_COOKIE)

    def get(self, path: str, **kwargs):
        return self.client.get(path, follow_redirects=False, **kwargs)

    def post(self, path: str, data: dict | None = None, csrf: bool = True):
        data = dict(data or {})
        if csrf:
            data["_csrf_token"] = self.token()
        return self.client.post(path, data=data, follow_redirects=False)

    def login(self, username: str, password: str):
        return self.post("/staff/login", {"username": username, "password": password, "next": "/staff/"})


def form_values(html: str) -> dict[str, list[str]]:
    """The values a browser would submit from the contact form as it is shown."""
    values: dict[str, list[str]] = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or name.group(1) == "_csrf_token":
            continue
        kind = re.search(r'type="([^"]+)"', tag)
        if kind and kind.group(1) == "checkbox" and " checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        values.setdefault(name.group(1), []).append(_unescape(value.group(1)) if value else "on")
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        values.setdefault(name, []).append(_unescape(body))
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', body) or re.search(r'<option value="([^"]*)"', body)
        values.setdefault(name, []).append(_unescape(chosen.group(1)))
    return values


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"').replace("&#39;", "'")
            .replace("&quot;", '"').replace("&amp;", "&"))


# What every response must carry, written out here rather than imported, so that weakening the
# app's own list fails the audit.
SAFETY_HEADERS = {
    "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; font-src 'self'; "
                               "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "referrer-policy": "no-referrer",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def audit_headers(response, path: str) -> None:
    """The response headers of any route: the safety headers exactly; pages and PDFs never kept
    in the browser's cache; no cookie outside the staff pages, and there only locked-down
    ``__Host-`` cookies a script cannot read and another site cannot send."""
    for name, value in SAFETY_HEADERS.items():
        assert response.headers.get(name) == value, f"{path}: {name} is {response.headers.get(name)!r}"
    if not path.startswith(("/static/", "/fonts/")):
        assert response.headers.get("cache-control") == "no-store", path
    assert "server" not in response.headers and "x-powered-by" not in response.headers, path
    for cookie in response.headers.get_list("set-cookie"):
        assert path.startswith(("/staff", "/admin", "/translate")), f"{path} sets a cookie: {cookie}"
        attributes = [part.strip().lower() for part in cookie.split(";")]
        assert cookie.startswith("__Host-"), cookie
        assert {"httponly", "secure", "samesite=strict", "path=/"} <= set(attributes), cookie
        assert not any(a.startswith("domain=") for a in attributes), cookie
