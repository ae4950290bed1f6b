"""Bar charts drawn on the server as SVG: no script, nothing loaded from elsewhere, and each
bar's number written beside it so the chart reads without colour or hovering."""

from __future__ import annotations

from markupsafe import Markup, escape

BAR = 22  # px per bar in a horizontal chart
LABEL = 150  # px for the labels of a horizontal chart
WIDTH = 640


def columns(items: list[tuple[str, int]], title: str) -> Markup:
    """Vertical bars, e.g. one per month."""
    if not items:
        return Markup("")
    height, top, bottom = 220, 24, 36
    peak = max(n for _, n in items) or 1
    step = (WIDTH - 20) / len(items)
    width = max(4.0, step * 0.7)
    parts = []
    for i, (label, n) in enumerate(items):
        x = 10 + i * step + (step - width) / 2
        h = (height - top - bottom) * n / peak
        y = height - bottom - h
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{h:.1f}"/>'
            f'<text class="value" x="{x + width / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">{n}</text>'
            f'<text class="label" x="{x + width / 2:.1f}" y="{height - bottom + 16}" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    return _svg(title, WIDTH, height, parts)


def bars(items: list[tuple[str, int]], title: str, limit: int = 15) -> Markup:
    """Horizontal bars, the largest first, e.g. one per language."""
    if not items:
        return Markup("")
    items = items[:limit]
    height = BAR * len(items) + 8
    peak = max(n for _, n in items) or 1
    room = WIDTH - LABEL - 60
    parts = []
    for i, (label, n) in enumerate(items):
        y = 4 + i * BAR
        w = room * n / peak
        parts.append(
            f'<text class="label" x="{LABEL - 8}" y="{y + BAR * 0.65:.1f}" text-anchor="end">{escape(label)}</text>'
            f'<rect class="bar" x="{LABEL}" y="{y + 3}" width="{w:.1f}" height="{BAR - 6}"/>'
            f'<text class="value" x="{LABEL + w + 6:.1f}" y="{y + BAR * 0.65:.1f}">{n}</text>'
        )
    return _svg(title, WIDTH, height, parts)


def _svg(title: str, width: int, height: int, parts: list[str]) -> Markup:
    return Markup(
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{"".join(parts)}</svg>'
    )
