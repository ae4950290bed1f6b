"""The ASGI application object for servers: ``uvicorn service.web.asgi:app``."""

from .app import create_app

app = create_app()
