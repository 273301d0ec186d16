"""Start the app on a free port and drive Debian's Chromium: shared by the browser tests and scripts/screenshots.py.

Modelled on Streamlit's own e2e fixtures: start ``streamlit run`` headless, wait for ``/_stcore/health``, and after
every action wait until the script has finished running instead of sleeping.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from typing import IO

from playwright.sync_api import Browser, Locator, Page, Playwright, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from bodymap.panel import AFTERWARDS_TITLE, CHAIR_QUESTION_TITLES, TALKING_POINTS_TITLE

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps trying to reach Google, which this closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TABLET_LANDSCAPE = {"width": 1024, "height": 768}
TABLET_PORTRAIT = {"width": 768, "height": 1024}
PHONE = {"width": 390, "height": 844}
STARTUP_SECONDS = 60


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(
    script: Path, env: dict[str, str] | None = None, output: IO[str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Run ``streamlit run SCRIPT`` on a free localhost port; yield its base URL and the server process.

    Args:
        script: the Streamlit script to serve.
        env: extra environment variables (e.g. ``BODYMAP_DATA_DIR`` for a seeded dataset).
        output: where the server's output goes; by default a pipe, shown if the server dies while starting.
    """
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        # The shipped dataset unless the caller names another: a BODYMAP_DATA_DIR left in the shell does not leak in.
        env={**{k: v for k, v in os.environ.items() if k != "BODYMAP_DATA_DIR"}, **(env or {})},
        stdout=output if output is not None else subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def running_app(env: dict[str, str] | None = None) -> Iterator[str]:
    """Run bodymap's ``app.py`` on a free localhost port; yield its base URL."""
    with running_server(ROOT / "app.py", env) as (url, _):
        yield url


def _wait_healthy(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode(errors="replace") if process.stdout else ""
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{output}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"streamlit did not become healthy at {url} within {STARTUP_SECONDS} s")


def launch_chromium(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def touch_page(browser: Browser, viewport: dict[str, int]) -> Page:
    """A page that behaves like a tablet or phone: touch events, mobile viewport."""
    context = browser.new_context(viewport=viewport, has_touch=True, is_mobile=True, device_scale_factor=1)
    return context.new_page()


def wait_for_app(page: Page) -> None:
    """Wait until Streamlit has finished the current script run and the page is settled."""
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=30_000)
    page.wait_for_selector("[data-testid='stApp'] .stSpinner", state="detached", timeout=30_000)


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    page.locator("[data-region]").first.wait_for(state="attached", timeout=30_000)
    wait_for_app(page)


# A point inside a zone's shape that no other shape covers (nor 3 px around it), relative to the shape's box: the box
# centre of a crescent or a thin zone can lie on its neighbour, where a tap would choose the wrong area.
_OPEN_POINT = """(shape) => {
  // getRootNode(): the map lives in a shadow root, where document.elementFromPoint sees only the host.
  const svg = shape.ownerSVGElement, box = shape.getBBox(), rect = shape.getBoundingClientRect();
  const point = svg.createSVGPoint();
  for (let i = 0; i <= 24; i++) for (let j = 0; j <= 24; j++) {
    point.x = box.x + box.width * (0.1 + 0.8 * i / 24); point.y = box.y + box.height * (0.1 + 0.8 * j / 24);
    if (!shape.isPointInFill(point)) continue;
    const screen = point.matrixTransform(svg.getScreenCTM());
    const hits = [[0, 0], [3, 0], [-3, 0], [0, 3], [0, -3]].every(
      ([dx, dy]) => shape.getRootNode().elementFromPoint(screen.x + dx, screen.y + dy) === shape
    );
    if (hits) return { x: screen.x - rect.x, y: screen.y - rect.y };
  }
  return null;
}"""


def tap_zone(page: Page, zone_id: str, side: str | None = None) -> Locator:
    """Tap a zone of the map where the finger lands on that zone, wait for the server's answer, and return it.

    ``side`` ("left" or "right") picks the shape on that side of the person; by default the first one drawn. The zone
    shows pressed at once, in the browser; the run the tap starts is what chooses it on the server.
    """
    on_side = f"[data-side='{side}']" if side else ""
    zone = page.locator(f"[data-zone='{zone_id}']{on_side}").first
    zone.scroll_into_view_if_needed()
    position = zone.evaluate(_OPEN_POINT)
    assert position, f"no point of zone {zone_id!r} can be tapped"
    page.evaluate(_WATCH_RUNS)
    zone.tap(position=position)
    _wait_for_the_run(page)
    return zone


_WATCH_RUNS = """() => {
  const app = document.querySelector("[data-testid='stApp']");
  window.__bodymapRuns = 0;
  new MutationObserver(() => {
    if (app.getAttribute("data-test-script-state") === "running") window.__bodymapRuns += 1;
  }).observe(app, { attributes: true, attributeFilter: ["data-test-script-state"] });
}"""
_RUN_OVER = """() => window.__bodymapRuns > 0 &&
  document.querySelector("[data-testid='stApp']").getAttribute("data-test-script-state") === "notRunning" """


def tap_and_wait_for_rerun(page: Page, target: Locator) -> None:
    """Tap, then wait until the run the tap starts has started and finished.

    wait_for_app alone can return before the rerun has begun (the state is still the last run's "notRunning"), and
    the next tap then lands on a control that is about to be redrawn.
    """
    page.evaluate(_WATCH_RUNS)
    target.tap()
    _wait_for_the_run(page)


def press_and_wait_for_rerun(page: Page, key: str) -> None:
    """Press a key (Enter in a list, Space on a tick box), then wait for the run it starts, as a tap does."""
    page.evaluate(_WATCH_RUNS)
    page.keyboard.press(key)
    _wait_for_the_run(page)


def _wait_for_the_run(page: Page) -> None:
    """After a tap armed with _WATCH_RUNS: wait until a run has started and finished."""
    # Seen once in six browser runs: no "running" state was observed after a pill tap. The caller's expect() still
    # checks the control's new state, so only the extra wait is given up then, not the assertion.
    with suppress(PlaywrightTimeoutError):
        page.wait_for_function(_RUN_OVER, timeout=10_000)
    wait_for_app(page)


CHAIR_STEP_BUTTON = ".chair-steps button"  # in the details panel's shadow root: Playwright's CSS reaches into it
CHAIR_STEP_HEADINGS = {"Explain": TALKING_POINTS_TITLE, **CHAIR_QUESTION_TITLES, "Afterwards": AFTERWARDS_TITLE}


def open_chair_step(page: Page, step: str) -> None:
    """Open a step of the therapist's chair script: drawn in the browser at once, with no run on the server."""
    heading = page.get_by_role("heading", name=CHAIR_STEP_HEADINGS[step], exact=True)
    if not heading.is_visible():
        page.locator(CHAIR_STEP_BUTTON, has_text=step).tap()
    expect(heading).to_be_visible(timeout=5_000)
