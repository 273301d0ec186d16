"""scripts/serve: a class served by replicas behind nginx, each browser kept on one replica, all stopped together."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import closing
from functools import partial

import pytest
from playwright.sync_api import Browser, Response, expect

from bodymap.data import Dataset
from tests.browser.harness import ROOT, TABLET_LANDSCAPE, free_port, open_app

REPLICA_HEADER = "X-Bodymap-Replica"
COOKIE = "bodymap_replica"
UP_WITHIN_S = 90


def _replica_for(url: str, key: str | None = None) -> tuple[str, str]:
    """The replica that answers a request carrying ``key`` as its cookie (none: a new browser), and the cookie set."""
    request = urllib.request.Request(url, headers={"Cookie": f"{COOKIE}={key}"} if key else {})
    with urllib.request.urlopen(request, timeout=5) as answer:
        # Streamlit sets a cookie of its own (_streamlit_xsrf) beside the proxy's.
        (cookie,) = [c for c in answer.headers.get_all("Set-Cookie") or [] if c.startswith(f"{COOKIE}=")]
        return answer.headers[REPLICA_HEADER], cookie.split(";")[0].removeprefix(f"{COOKIE}=")


def _wait_for_proxy(url: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + UP_WITHIN_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"scripts/serve.py exited with {process.returncode}")
        try:
            _replica_for(f"{url}/_stcore/health")
            return
        except (OSError, urllib.error.URLError):
            time.sleep(0.3)
    raise RuntimeError(f"the proxy at {url} did not answer within {UP_WITHIN_S} s")


@pytest.fixture
def served() -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """Two replicas behind nginx on a free port, as `scripts/serve --replicas 2` starts them."""
    port = free_port()
    command = [sys.executable, str(ROOT / "scripts" / "serve.py"), "--replicas", "2", "--port", str(port)]
    process = subprocess.Popen([*command, "--address", "127.0.0.1"], cwd=ROOT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_proxy(url, process)
        yield url, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)


def _keys_on_two_replicas(url: str) -> dict[str, str]:
    """A cookie key for each replica: the proxy's own new keys, until both replicas have answered one."""
    keys: dict[str, str] = {}
    for _ in range(64):
        replica, key = _replica_for(f"{url}/_stcore/health")
        keys.setdefault(replica, key)
        if len(keys) == 2:
            return keys
    raise AssertionError(f"64 new browsers all reached {sorted(keys)}: the proxy does not spread sessions")


def test_each_browser_stays_on_one_replica_and_taps_through_the_proxy(
    served: tuple[str, subprocess.Popen[str]], browser: Browser, dataset: Dataset
) -> None:
    url, _ = served
    for replica, key in _keys_on_two_replicas(url).items():
        assert {_replica_for(f"{url}/_stcore/health", key)[0] for _ in range(5)} == {replica}  # the key sticks
        context = browser.new_context(viewport=TABLET_LANDSCAPE, has_touch=True, is_mobile=True)
        context.add_cookies([{"name": COOKIE, "value": key, "url": url}])
        page = context.new_page()
        answers: list[str] = []
        page.on("response", partial(_note_replica, answers))
        try:
            open_app(page, url)  # the page, its scripts and its websocket, all through nginx
            page.locator("[data-region='elbow'] .zone").first.tap()
            heading = page.get_by_role("heading", level=2, name=dataset.regions["elbow"].name, exact=True)
            expect(heading).to_be_visible(timeout=15_000)
            assert answers and set(answers) == {replica}, f"answers came from {set(answers)}, not only {replica}"
        finally:
            context.close()


def _note_replica(answers: list[str], response: Response) -> None:
    """Every answer the proxy gave (the page makes blob: URLs of its own too, which never reach a server)."""
    if response.url.startswith("http"):
        answers.append(response.headers.get(REPLICA_HEADER.lower(), f"no replica named: {response.url}"))


def _listening(address: str) -> bool:
    host, port = address.rsplit(":", 1)
    with closing(socket.socket()) as probe:
        probe.settimeout(1)
        return probe.connect_ex((host, int(port))) == 0


def test_sigterm_stops_nginx_and_every_replica(served: tuple[str, subprocess.Popen[str]]) -> None:
    url, process = served
    replicas = set(_keys_on_two_replicas(url))
    assert all(_listening(replica) for replica in replicas)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0
    proxy = url.removeprefix("http://")
    assert not _listening(proxy), "nginx still listens"
    assert not any(_listening(replica) for replica in replicas), "a replica still listens"
