"""The web UI in a real headless browser (Debian's chromium) against a real server.

Skips where no chromium is installed (`.ci/run` installs it); the page's routes are checked
without a browser too.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.api import Sitrep
from sitrep.server import HttpApi, make_server

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# The flags Chromium needs on a machine with no internet and no screen, run as root.
HEADLESS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Lets the page's fetches finish before the DOM is dumped.
    "--virtual-time-budget=15000",
)


@pytest.fixture
def api(db: Path) -> Iterator[HttpApi]:
    with Sitrep(db=db, create=False) as sitrep:
        yield HttpApi(sitrep)


@pytest.fixture
def base_url(api: HttpApi) -> Iterator[str]:
    server = make_server(api, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def rendered(url: str) -> str:
    """The page's DOM after its scripts ran, as headless Chromium serialises it."""
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [CHROMIUM, *HEADLESS, f"--user-data-dir={profile}", "--dump-dom", url],
            capture_output=True,
            text=True,
            timeout=180,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def section_count(dom: str, section: str) -> int:
    found = re.search(rf'<section id="{section}"[^>]*data-count="(\d+)"', dom)
    assert found, f"section {section} was not drawn"
    return int(found.group(1))


def test_every_view_is_drawn_from_the_api(base_url: str) -> None:
    dom = rendered(base_url + "/")
    assert 'data-ready="1"' in dom
    assert re.search(r'id="error"[^>]*hidden', dom), "the page reported an error"
    assert "2 articles · 4 events" in dom
    assert section_count(dom, "timeline") == 4
    assert "Volodymyr Zelensky [UKR GOV]" in dom and "CAMEO 112" in dom
    # Kharkiv is one point, mentioned once in each article.
    assert section_count(dom, "map") == 1
    assert 'data-place="Kharkiv"' in dom and "2 mentions" in dom
    # The accusation joins Zelensky and Russia; the denial has no target.
    assert section_count(dom, "network") == 2
    assert 'data-actor="Russia [RUS]"' in dom
    assert section_count(dom, "claims") == 2
    assert "Russian forces attacked civilians" in dom
    assert section_count(dom, "quotes") == 2
    assert "“We will not give up,”" in dom


def test_filters_in_the_address_apply_to_every_view(base_url: str) -> None:
    dom = rendered(base_url + "/?actor=Kremlin#timeline")
    assert 'data-ready="1"' in dom
    # The Kremlin's denial, once in each article; it speaks no quote; it takes one stance.
    assert section_count(dom, "timeline") == 2
    assert section_count(dom, "quotes") == 0
    assert section_count(dom, "claims") == 2
    assert "Kremlin [RUS GOV]" in dom


def test_only_the_chosen_view_is_shown(base_url: str) -> None:
    dom = rendered(base_url + "/#claims")
    shown = re.findall(r'<section id="(\w+)"(?![^>]*hidden)', dom)
    assert shown == ["claims"]


def test_page_and_assets_are_served(api: HttpApi) -> None:
    page = api.respond("/")
    assert page.status == 200 and page.content_type.startswith("text/html")
    assert b"/static/app.js" in page.body
    script = api.respond("/static/app.js")
    assert script.content_type.startswith("text/javascript") and b"textContent" in script.body
    for path in ("/static/server.py", "/static/../server.py", "/static/"):
        assert api.respond(path).status == 404
