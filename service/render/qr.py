"""QR codes for leaflet URLs: a module matrix, drawn as vectors (PDF) or SVG (web)."""

from __future__ import annotations

from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_M

QUIET_ZONE = 4  # modules of white around the code, as the standard asks


@lru_cache(maxsize=256)  # every address with its topics has its own: bounded (bench/flood.py)
def qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """The modules of the code for ``url``, quiet zone included.

    Error correction M: a leaflet URL fits in a small version, and a printed code that
    gets a crease or a pen mark still scans.
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(url)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


def draw_qr(canvas, url: str, x: float, y: float, size: float) -> None:
    """Draw the code with its quiet zone as a square of ``size`` points, lower left at x, y."""
    matrix = qr_matrix(url)
    module = size / len(matrix)
    path = canvas.beginPath()
    for row, cells in enumerate(matrix):
        top = y + size - (row + 1) * module
        col = 0
        while col < len(cells):
            if cells[col]:
                start = col
                while col < len(cells) and cells[col]:
                    col += 1
                path.rect(x + start * module, top, (col - start) * module, module)
            else:
                col += 1
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


@lru_cache(maxsize=256)
def qr_svg(url: str) -> str:
    """An SVG image of the code, one path, scaling to any size."""
    matrix = qr_matrix(url)
    n = len(matrix)
    parts = []
    for row, cells in enumerate(matrix):
        col = 0
        while col < n:
            if cells[col]:
                start = col
                while col < n and cells[col]:
                    col += 1
                parts.append(f"M{start} {row}h{col - start}v1h-{col - start}z")
            else:
                col += 1
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n} {n}" shape-rendering="crispEdges">'
        f'<rect width="{n}" height="{n}" fill="#fff"/><path d="{"".join(parts)}" fill="#000"/></svg>'
    )
