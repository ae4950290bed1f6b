"""uvicorn's HTTP/1.1 protocol (h11) with clear answers at the edges of what it accepts.

- A request line longer than ``HEAD_LIMIT`` is answered 414, headers larger than that 431
  (h11 stops reading there; uvicorn would say 400 and reset a client still sending).
- A request whose line and headers have not all arrived within ``HEAD_TIMEOUT`` seconds is
  answered 408 and closed (a client dripping headers holds no connection for long); an idle
  keep-alive connection is closed by uvicorn after ``timeout_keep_alive``.
- After such an answer the connection is half-closed and what the client still sends is read
  and dropped for a moment (a lingering close), so the answer reaches it instead of a reset.
"""

from __future__ import annotations

import asyncio

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEAD_LIMIT = 16 * 1024  # bytes of request line and headers (nginx allows 4 × 8 kB)
HEAD_TIMEOUT = 10.0  # seconds for a request's line and headers to arrive
KEEP_ALIVE = 5  # seconds an idle connection is kept open between requests
LINGER = 2.0  # seconds to keep reading after refusing, so the answer is not lost in a reset

_REASONS = {408: b"Request Timeout", 414: b"URI Too Long", 431: b"Request Header Fields Too Large",
            400: b"Bad Request"}
_TEXTS = {408: b"The request's headers did not arrive in time.\n",
          414: b"The address (request line) is too long.\n",
          431: b"The request's headers are too large.\n",
          400: b"Invalid HTTP request.\n"}


class BoundedH11Protocol(H11Protocol):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._head_timer: asyncio.TimerHandle | None = None
        self._refused = False

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._watch_head()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._refused:  # lingering: read and drop
            return
        super().data_received(data)
        self._watch_head()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._watch_head()

    def send_400_response(self, msg: str) -> None:
        """h11 refused what it read: too long before the end of the headers, or malformed."""
        buffered, _ = self.conn.trailing_data
        status = 400
        if len(buffered) > (self.config.h11_max_incomplete_event_size or HEAD_LIMIT):
            status = 414 if b"\r\n" not in buffered else 431
        self._refuse(status)

    # the time a request's head may take

    def _watch_head(self) -> None:
        waiting = self.conn.their_state is h11.IDLE and not self._refused and not self.transport.is_closing()
        if waiting and self._head_timer is None:
            self._head_timer = self.loop.call_later(HEAD_TIMEOUT, self._head_timed_out)
        elif not waiting:
            self._cancel_head_timer()

    def _cancel_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if self.conn.trailing_data[0]:
            self._refuse(408)  # a request begun and not finished
        else:
            self.transport.close()  # idle, nothing sent

    def _refuse(self, status: int) -> None:
        self._cancel_head_timer()
        self._refused = True
        body = _TEXTS[status]
        head = (b"HTTP/1.1 %d %s\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: %d\r\n"
                b"connection: close\r\n\r\n" % (status, _REASONS[status], len(body)))
        self.transport.write(head + body)
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.loop.call_later(LINGER, self.transport.close)
