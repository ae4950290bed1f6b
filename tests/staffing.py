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
