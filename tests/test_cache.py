"""The render cache: a leaflet is rendered once and then served from memory with an ETag; a
published change renews exactly its municipality's leaflets."""

from __future__ import annotations

import pytest
from litestar.testing import TestClient

from service.runtime import Runtime
from service.settings import Settings
from service.web.app import create_app
from tests.test_store import _with_number

NUMBER = "08-530 617 17"  # typed by the test; never shipped


@pytest.fixture(scope="module")
def runtime(tmp_path_factory) -> Runtime:
    var = tmp_path_factory.mktemp("var")
    return Runtime.load(Settings.from_env({"INFOGEN_BASE_URL": "https://infogen.example", "INFOGEN_VAR_DIR": str(var)}))


@pytest.fixture(scope="module")
def client(runtime):
    return TestClient(app=create_app(runtime))


def test_a_leaflet_is_rendered_once_and_revalidated_by_its_etag(runtime, client):
    misses = runtime.cache.misses
    first = client.get("/l/0180/victim/ar.pdf")
    again = client.get("/l/0180/victim/ar.pdf")
    assert first.status_code == again.status_code == 200
    assert first.content == again.content and first.headers["etag"] == again.headers["etag"]
    assert runtime.cache.misses == misses + 1  # the second came from memory
    unchanged = client.get("/l/0180/victim/ar.pdf", headers={"If-None-Match": first.headers["etag"]})
    assert unchanged.status_code == 304 and unchanged.content == b""
    assert unchanged.headers["cache-control"] == "no-store"  # still never kept on the reader's device
    assert "default-src 'none'" in unchanged.headers["content-security-policy"]
    other_order = client.get("/l/0180/victim/ar?topics=honour,close")  # the same leaflet, the same page
    assert other_order.headers["etag"] == client.get("/l/0180/victim/ar?topics=close,honour").headers["etag"]
    assert other_order.headers["etag"] != client.get("/l/0180/victim/ar").headers["etag"]


def test_a_publish_renews_exactly_the_affected_leaflets(runtime, client):
    pages = {path: client.get(path) for path in ("/l/0127/victim/sv", "/l/0127/youth/ar.pdf", "/l/0180/victim/sv")}
    admin = runtime.store.users.add("cache.admin", "a long pass phrase", "municipal_admin", "0127")
    base = runtime.store.contacts.current("0127").number
    runtime.store.contacts.publish("0127", _with_number(runtime.store, "0127", NUMBER), admin.id, base=base)
    after = {path: client.get(path) for path in pages}
    assert after["/l/0127/victim/sv"].headers["etag"] != pages["/l/0127/victim/sv"].headers["etag"]
    assert NUMBER in after["/l/0127/victim/sv"].text
    assert after["/l/0127/youth/ar.pdf"].headers["etag"] != pages["/l/0127/youth/ar.pdf"].headers["etag"]
    # Stockholm's data did not change: its cached leaflet stays valid
    assert after["/l/0180/victim/sv"].headers["etag"] == pages["/l/0180/victim/sv"].headers["etag"]
    assert after["/l/0180/victim/sv"].content == pages["/l/0180/victim/sv"].content
