"""create_app(): wires the routes, templates, static files and safety headers together."""

from __future__ import annotations

from litestar import Litestar
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.di import Provide
from litestar.exceptions import NotFoundException
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

from ..render.html import isolates
from ..runtime import Runtime
from .headers import add_safety_headers
from .public import healthz, index, leaflet, not_found_handler


def create_app(runtime: Runtime | None = None) -> Litestar:
    runtime = runtime or Runtime.load()
    settings = runtime.settings

    def engine_callback(engine: JinjaTemplateEngine) -> None:
        engine.engine.filters["isolates"] = isolates

    return Litestar(
        route_handlers=[
            index,
            leaflet,
            healthz,
            create_static_files_router(path="/static", directories=[settings.static_dir],
                                       cache_control=None, include_in_schema=False),
            create_static_files_router(path="/fonts", directories=[settings.fonts_dir],
                                       name="fonts", include_in_schema=False),
        ],
        dependencies={"runtime": Provide(lambda: runtime, use_cache=True, sync_to_thread=False)},
        template_config=TemplateConfig(
            directory=settings.templates_dir, engine=JinjaTemplateEngine, engine_callback=engine_callback
        ),
        exception_handlers={NotFoundException: not_found_handler},
        before_send=[add_safety_headers],
        openapi_config=None,
    )
