"""create_app(): wires the routes, templates, static files, sessions and safety headers together."""

from __future__ import annotations

from litestar import Litestar, Router
from litestar.config.compression import CompressionConfig
from litestar.config.csrf import CSRFConfig
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.middleware import DefineMiddleware
from litestar.middleware.csrf import CSRFMiddleware
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.stores.base import Store
from litestar.stores.file import FileStore
from litestar.template.config import TemplateConfig
from sqlalchemy.exc import InterfaceError, OperationalError

from ..render.html import isolates
from ..runtime import Runtime
from . import account, admin, coverage, handover, staff, stats, translate, users
from .assets import font_asset
from .counting import start_counting, stop_counting
from .failures import internal_error_handler
from .guesses import FileCounts, Guesses, RedisCounts
from .head import PublicHead
from .headers import add_safety_headers
from .limits import FORM_LIMIT, GuardedPosts
from .not_found import not_found_handler
from .public import canonical_slash, healthz, index, landing, leaflet, municipalities, readyz, safe
from .sessions import Sessions
from .staff_ui import forbidden_handler, load_user, unavailable_handler


def create_app(runtime: Runtime | None = None) -> Litestar:
    runtime = runtime or Runtime.load()
    settings = runtime.settings

    def engine_callback(engine: JinjaTemplateEngine) -> None:
        engine.engine.filters["isolates"] = isolates
        engine.engine.globals["font_stylesheet"] = runtime.font_stylesheet

    # Staff pages only: public pages never pass through sessions or CSRF, so they set no cookie.
    csrf = CSRFConfig(
        secret=settings.secret(),
        cookie_name="__Host-infogen-csrf" if settings.secure_cookies else "infogen-csrf",
        cookie_secure=settings.secure_cookies,
        cookie_httponly=True,
        cookie_samesite="strict",
    )
    protected = {
        "middleware": [GuardedPosts(), DefineMiddleware(CSRFMiddleware, config=csrf)],
        "exception_handlers": {PermissionDeniedException: forbidden_handler, OperationalError: unavailable_handler,
                               InterfaceError: unavailable_handler},
    }
    staff_router = Router(path="/staff", route_handlers=staff.HANDLERS + handover.HANDLERS + stats.HANDLERS
                          + account.HANDLERS, before_request=load_user, **protected)
    admin_router = Router(path="/admin", route_handlers=admin.HANDLERS + users.HANDLERS + coverage.HANDLERS,
                          before_request=admin.load_admin, **protected)
    translate_router = Router(path="/translate", route_handlers=translate.HANDLERS,
                              before_request=translate.load_translator, **protected)

    app = PublicHead(
        route_handlers=[
            index,
            landing,
            leaflet,
            safe,
            font_asset,
            municipalities,
            healthz,
            readyz,
            staff_router,
            admin_router,
            translate_router,
            create_static_files_router(path="/static", directories=[settings.static_dir],
                                       cache_control=None, include_in_schema=False),
            create_static_files_router(path="/fonts", directories=[settings.fonts_dir],
                                       name="fonts", include_in_schema=False),
        ],
        template_config=TemplateConfig(
            directory=settings.templates_dir, engine=JinjaTemplateEngine, engine_callback=engine_callback
        ),
        exception_handlers={NotFoundException: not_found_handler, 500: internal_error_handler},
        before_request=canonical_slash,
        # a reader's pages compressed (a fifth of the bytes on prepaid data); not the staff pages,
        # whose tokens beside reflected input must not be guessable from compressed sizes (BREACH),
        # and not what is compressed already (leaflets are compressed once, when rendered)
        compression_config=CompressionConfig(backend="brotli", brotli_gzip_fallback=True, exclude_opt_key="precompressed",
                                             exclude=["^/staff", "^/admin", "^/translate", r"\.woff2$"]),
        before_send=[add_safety_headers],
        on_startup=[start_counting],
        on_shutdown=[stop_counting],
        openapi_config=None,
        request_max_body_size=FORM_LIMIT,
    )
    app.state.runtime = runtime
    store = _session_store(settings)
    app.state.sessions = Sessions(store, secure=settings.secure_cookies, csrf=csrf)
    counts = RedisCounts(store._redis, f"{settings.redis_namespace}:logins") if settings.redis_url \
        else FileCounts(settings.var_dir / "logins")
    app.state.guesses = Guesses(counts, settings.secret(), secure=settings.secure_cookies)
    return app


def _session_store(settings) -> Store:
    """Redis when several instances share the sessions and login counts, else files in var/."""
    if settings.redis_url:
        from litestar.stores.redis import RedisStore

        return RedisStore.with_client(url=settings.redis_url, namespace=settings.redis_namespace)
    folder = settings.var_dir / "sessions"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # files 0600 in a folder only the service reads
    return FileStore(folder)
