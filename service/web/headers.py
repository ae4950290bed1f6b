"""Response headers that keep a reader safe: nothing loads from elsewhere, nothing leaks."""

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "font-src 'self'",
        "img-src 'self' data:",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)

SAFETY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


_OURS = {name.lower().encode() for name in SAFETY_HEADERS}
_ENCODED = [(name.lower().encode(), value.encode()) for name, value in SAFETY_HEADERS.items()]


async def add_safety_headers(message, scope) -> None:
    """Litestar ``before_send`` hook: the safety headers on every response — error pages,
    unknown paths and refused methods included, since a mistyped QR address is how many
    readers arrive. Pages and PDFs are never stored by the browser (``no-store``): someone
    checking the device must not find them. Fonts and the stylesheet may be cached (the cut
    fonts under /assets/ say themselves for how long)."""
    if message["type"] != "http.response.start":
        return
    static = scope.get("path", "").startswith(("/static/", "/fonts/", "/assets/"))
    headers = [(k, v) for k, v in message.get("headers", [])
               if k.lower() not in _OURS and (static or k.lower() != b"cache-control")]
    headers += _ENCODED
    if not static or (scope["path"].startswith("/assets/") and not any(k.lower() == b"cache-control" for k, _ in headers)):
        headers.append((b"cache-control", b"no-store"))
    message["headers"] = headers
