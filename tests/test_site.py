"""The static export, as a host would serve it: the same pages at the same addresses,
incremental, and never half-written."""

from __future__ import annotations

import re

import pytest
from litestar.testing import TestClient

from service.render.qr import qr_svg
from service.runtime import Runtime
from service.settings import Settings
from service.site import export_site
from service.web.app import create_app
from tests.test_store import _with_number

CODES = ["0127", "0136"]
NUMBER = "08-530 618 18"  # typed by the test; never shipped


@pytest.fixture(scope="module")
def runtime(tmp_path_factory) -> Runtime:
    var = tmp_path_factory.mktemp("var")
    return Runtime.load(Settings.from_env({"INFOGEN_BASE_URL": "https://infogen.example", "INFOGEN_VAR_DIR": str(var)}))


def test_the_export_serves_the_same_pages_and_renders_only_what_changed(runtime, tmp_path, monkeypatch):
    monkeypatch.setenv("INFOGEN_BASE_URL", "https://infogen.example")  # the workers read the settings too
    monkeypatch.setenv("INFOGEN_VAR_DIR", str(runtime.settings.var_dir))
    site = tmp_path / "site"
    seen = []
    first = export_site(runtime, site, workers=2, progress=lambda done, total: seen.append((done, total)),
                        municipalities=CODES)
    offered = runtime.content.offered()
    assert first["leaflets"] == first["rendered"] == len(CODES) * 5 * len(offered)
    assert seen[-1] == (first["leaflets"], first["leaflets"]) and len(seen) > 10  # the progress bar moved
    assert site.is_symlink()

    app = TestClient(create_app(runtime))
    for path in ("/l/0127/victim/ar", "/l/0136/child/ti", "/l/0127/perpetrator/th"):
        exported = (site / path.lstrip("/") / "index.html").read_bytes()
        assert exported == app.get(path).content  # the same page at the same address
        pdf = (site / (path.lstrip("/") + ".pdf")).read_bytes()
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
        url = runtime.leaflet(*path.split("/")[2:]).qr_url
        assert (site / (path.lstrip("/") + ".svg")).read_text() == qr_svg(url)
    for path in ("index.html", "ar/index.html", "safe/ar/index.html", "l/0127/index.html", "static/leaflet.css"):
        assert (site / path).stat().st_size > 100, path
    # the cut fonts a page names are there, at the addresses it names
    page = (site / "l/0136/child/ti/index.html").read_text()
    stylesheet = re.search(r'href="/(assets/fonts/ti\.[0-9a-f]{12}\.css)"', page)[1]
    faces = re.findall(r'url\("/([^"]+)"\)', (site / stylesheet).read_text())
    assert faces and all((site / face).read_bytes()[:4] == b"wOF2" for face in faces)
    assert any((site / "fonts").glob("NotoSansArabic-*.ttf"))

    again = export_site(runtime, site, workers=2, municipalities=CODES)
    assert again["rendered"] == 0
    page = "l/0136/child/ti/index.html"
    assert (site / page).stat().st_ino == (tmp_path / ".site-versions" / first["version"] / page).stat().st_ino

    admin = runtime.store.users.add("site.admin", "a long pass phrase", "municipal_admin", "0127")
    base = runtime.store.contacts.current("0127").number
    runtime.store.contacts.publish("0127", _with_number(runtime.store, "0127", NUMBER), admin.id, base=base)
    changed = export_site(runtime, site, workers=2, municipalities=CODES)
    assert changed["rendered"] == 5 * len(offered)  # Botkyrka's leaflets, and only those
    assert NUMBER in (site / "l/0127/victim/sv/index.html").read_text()
    assert NUMBER not in (site / "l/0136/victim/sv/index.html").read_text()


def test_a_failed_export_leaves_the_previous_site_in_place(runtime, tmp_path, monkeypatch):
    monkeypatch.setenv("INFOGEN_BASE_URL", "https://infogen.example")
    monkeypatch.setenv("INFOGEN_VAR_DIR", str(runtime.settings.var_dir))
    site = tmp_path / "site"
    export_site(runtime, site, workers=1, municipalities=["0127"])
    before = site.resolve()
    page = (site / "l/0127/victim/sv/index.html").read_bytes()
    admin = runtime.store.users.add("site.admin2", "a long pass phrase", "municipal_admin", "0127")
    runtime.store.contacts.publish("0127", _with_number(runtime.store, "0127", "08-530 619 19"), admin.id,
                                   base=runtime.store.contacts.current("0127").number)

    def fail_halfway(done: int, total: int) -> None:
        if done > total // 2:
            raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        export_site(runtime, site, workers=1, progress=fail_halfway, municipalities=["0127"])
    assert site.resolve() == before and (site / "l/0127/victim/sv/index.html").read_bytes() == page
    assert [p.name for p in (tmp_path / ".site-versions").iterdir()] == [before.name]  # nothing half-written left
