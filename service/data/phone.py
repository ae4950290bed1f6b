"""Swedish phone numbers as printed on a leaflet, and their tel: links."""

from __future__ import annotations

import re

# Digits in groups separated by single spaces or one hyphen after the area code:
# 112 · 114 14 · 1177 · 116 111 · 020-50 50 50 · 08-508 00 508 · 010-223 10 00
_PATTERN = re.compile(r"^(0[0-9]{1,3}-)?[0-9]{1,4}( [0-9]{1,4})*$")


def phone_problem(value: str) -> str | None:
    """Why ``value`` is not a Swedish phone number as it should be printed, or None."""
    if not _PATTERN.fullmatch(value):
        return (
            f"phone number {value!r} is not in Swedish written form "
            "(digits, an area code ending in '-', groups separated by single spaces, e.g. 020-50 50 50)"
        )
    digits = re.sub(r"[^0-9]", "", value)
    if not digits.startswith("0") and not (digits.startswith("1") and len(digits) <= 6):
        # only the national short numbers (112, 1177, 114 14, 116 111…) go without area code
        return f"phone number {value!r} has no area code"
    if not 3 <= len(digits) <= 12:
        return f"phone number {value!r} has {len(digits)} digits; expected 3 to 12"
    return None


def tel_uri(value: str) -> str:
    """The tel: link of a Swedish number; short numbers (112, 1177) stay as they are."""
    digits = re.sub(r"[^0-9]", "", value)
    if digits.startswith("0"):
        return "tel:+46" + digits[1:]
    return "tel:" + digits
