"""Background work of a running app: public view counts written every few seconds (and at
shutdown), expired staff sessions removed every ten minutes, raw staff events past the
retention period folded away once an hour."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from litestar import Litestar
from litestar.concurrency import sync_to_thread

from .state import runtime_of_app

log = logging.getLogger("infogen.usage")

FLUSH_SECONDS = 10
FOLD_SECONDS = 3600


async def _keep_counting(app: Litestar) -> None:
    runtime = runtime_of_app(app)
    folded_at = float("-inf")
    while True:
        await asyncio.sleep(FLUSH_SECONDS)
        await sync_to_thread(runtime.views.flush)
        try:
            await app.state.sessions.sweep()  # expired staff sessions (every ten minutes)
        except OSError as error:
            log.error("expired sessions not removed: %s", type(error).__name__)
        months = runtime.settings.retention_months
        if months and time.monotonic() - folded_at >= FOLD_SECONDS:
            folded_at = time.monotonic()
            try:
                deleted = await sync_to_thread(runtime.store.usage.fold, months)
            except Exception as error:  # noqa: BLE001 - the next hour tries again
                log.error("raw staff events not folded: %s", type(error).__name__)
            else:
                if deleted:
                    log.info("folded %d raw staff events older than %d months into the aggregates", deleted, months)


async def start_counting(app: Litestar) -> None:
    app.state.counting = asyncio.get_running_loop().create_task(_keep_counting(app))


async def stop_counting(app: Litestar) -> None:
    task = getattr(app.state, "counting", None)
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    await sync_to_thread(runtime_of_app(app).views.flush)
