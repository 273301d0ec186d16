"""A class on one server: --sessions concurrent sessions on localhost, each making --selections region selections.

Two drivers:
- ``websocket`` (the default): each session is a light client speaking Streamlit's own websocket protocol, as the
  browser does. The messages are learnt from a real browser first: one headless Chromium page taps a region, and the
  load sessions send the same ``rerun_script`` message with that tap's trigger (the component's ``region_tapped``
  event) naming another region. Latency is from sending the tap to the server's answer (the details panel told to
  show that region: the page itself drew it at once, from the panels it holds); the session then waits for the run
  to finish. This measures the server, which is what 30 students share.
- ``browser``: each session is a real page in headless Chromium (one context per session), touch to heading in the
  page. On a 2-core machine 30 Chromium pages starve the server of CPU, so these figures mostly measure the browsers.

An error is a selection whose heading did not arrive in time, an exception shown by the app, a console error (browser
driver) or a lost connection. Bounded by --time-limit.

Usage: ``.venv/bin/python bench/load_test.py [--sessions 30] [--selections 20] [--driver websocket|browser] [--url U]``;
``--url`` runs the same load against a server already running, such as ``scripts/serve``'s proxy.
Exits 1 if any selection failed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

import websockets  # noqa: E402
from benchmark import APP, ARM, ELAPSED, OPEN_POINT, SHOWN, script_runs, serve, summary  # noqa: E402
from playwright.async_api import Browser, Page, async_playwright  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.Element_pb2 import Element  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

from bodymap.data import load_dataset  # noqa: E402
from bodymap.lookup import selectable_regions  # noqa: E402
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, TABLET_LANDSCAPE  # noqa: E402

SELECTION_TIMEOUT_MS = 30_000
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


@dataclass
class Session:
    """What one student's session saw."""

    number: int
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class Bell:
    """Rings when every session has opened its page (or given up), so the whole class starts tapping at once."""

    def __init__(self, sessions: int) -> None:
        self.waiting = sessions
        self.rung = asyncio.Event()

    def arrived(self) -> None:
        self.waiting -= 1
        if self.waiting == 0:
            self.rung.set()


async def run_session(browser: Browser, url: str, session: Session, selections: int, bell: Bell) -> None:
    regions = selectable_regions(load_dataset())
    context = await browser.new_context(viewport=TABLET_LANDSCAPE, has_touch=True, is_mobile=True)
    page = await context.new_page()
    page.on("console", lambda message: message.type == "error" and session.errors.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: session.errors.append(f"page error: {error}"))
    try:
        try:
            await page.goto(url, timeout=120_000)
            await page.locator("[data-region]").first.wait_for(timeout=120_000)
            await page.wait_for_selector(IDLE, timeout=120_000)
        finally:
            bell.arrived()
        await bell.rung.wait()
        for index in range(selections):
            region = regions[(session.number + index) % len(regions)]
            try:
                await select(page, region.id, region.name)
                session.latencies.append(await page.evaluate(ELAPSED))
            except Exception as error:  # a timeout is a failed selection: count it and carry on
                session.errors.append(f"{region.id}: {type(error).__name__}: {str(error).splitlines()[0]}")
        if await page.locator("[data-testid='stException']").count():
            session.errors.append("a Streamlit exception is shown")
    except Exception as error:
        session.errors.append(f"session: {type(error).__name__}: {str(error).splitlines()[0]}")
    finally:
        await context.close()


async def select(page: Page, region_id: str, name: str) -> None:
    await page.evaluate(ARM, ["h2", name])
    point = await page.evaluate(OPEN_POINT, region_id)
    if point is None:
        raise RuntimeError(f"no part of {region_id} can be tapped")
    await page.touchscreen.tap(*point)
    await page.wait_for_function(SHOWN, timeout=SELECTION_TIMEOUT_MS)
    await page.wait_for_selector(IDLE, timeout=SELECTION_TIMEOUT_MS)


async def load(url: str, sessions: int, selections: int, think: float = 0) -> tuple[list[Session], float]:
    """Open every session, then let them all tap; return the sessions and the seconds from first tap to last."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        class_ = [Session(number) for number in range(sessions)]
        bell = Bell(sessions)
        tasks = [asyncio.create_task(run_session(browser, url, s, selections, bell)) for s in class_]
        await bell.rung.wait()
        began = time.perf_counter()
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - began
        await browser.close()
    return class_, elapsed


async def learn_tap(url: str, region_id: str) -> BackMsg:
    """The message a real browser sends when a region is tapped: its widget ids and trigger, learnt, not guessed."""
    sent: list[bytes] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        context = await browser.new_context(viewport=TABLET_LANDSCAPE, has_touch=True, is_mobile=True)
        page = await context.new_page()
        page.on("websocket", lambda ws: ws.on("framesent", lambda data: isinstance(data, bytes) and sent.append(data)))
        await page.goto(url)
        await page.locator("[data-region]").first.wait_for(timeout=60_000)
        await page.wait_for_selector(IDLE)
        point = await page.evaluate(OPEN_POINT, region_id)
        await page.touchscreen.tap(*point)
        await page.get_by_role("heading", level=2).first.wait_for()
        await page.wait_for_selector(IDLE)
        await browser.close()
    for data in reversed(sent):
        message = BackMsg()
        message.ParseFromString(data)
        if any("region_tapped" in widget.json_trigger_value for widget in message.rerun_script.widget_states.widgets):
            return message
    raise RuntimeError("the browser sent no region tap")


def tap_message(template: BackMsg, region_id: str, cache: set[str]) -> bytes:
    """The learnt tap, naming another region; only the trigger is sent, the other widgets keep their server state."""
    widgets = template.rerun_script.widget_states.widgets
    trigger = next(widget for widget in widgets if "region_tapped" in widget.json_trigger_value)
    message = BackMsg()
    message.CopyFrom(template)
    del message.rerun_script.widget_states.widgets[:]
    sent = message.rerun_script.widget_states.widgets.add()
    sent.CopyFrom(trigger)
    sent.json_trigger_value = json.dumps([{"event": "region_tapped", "value": region_id}])
    del message.rerun_script.cached_message_hashes[:]
    message.rerun_script.cached_message_hashes.extend(sorted(cache))
    return message.SerializeToString()


def first_run_message(template: BackMsg) -> bytes:
    message = BackMsg()
    message.rerun_script.context_info.CopyFrom(template.rerun_script.context_info)
    message.rerun_script.widget_states.SetInParent()
    return message.SerializeToString()


def _panel_shows(element: Element, region_id: str) -> bool:
    """The server's answer to a tap: the details panel (bodymap/ui/details.py) given the region as the one shown.

    The page has drawn the region already, from the panels it holds; this is the run confirming it, which a class
    shares the server for.
    """
    if not element.HasField("bidi_component") or element.bidi_component.component_name != "bodymap.panel":
        return False
    return bool(json.loads(element.bidi_component.json).get("selected") == region_id)


async def until_finished(
    connection: websockets.ClientConnection, cache: set[str], region_id: str | None = None
) -> float | None:
    """Read until the run ends; return when the panel was told to show ``region_id`` (perf_counter seconds), if
    one was asked for.

    Like the browser, remember the hashes of cacheable messages (the map component's 86 kB of SVG is one), so the
    next request can say they are cached and the server sends a reference instead of the message again.
    """
    seen = None
    while True:
        message = ForwardMsg.FromString(await connection.recv())
        if message.metadata.cacheable and message.hash:
            cache.add(message.hash)
        if message.HasField("delta") and message.delta.HasField("new_element"):
            element = message.delta.new_element
            if element.HasField("exception"):
                raise RuntimeError(f"the app raised {element.exception.type}: {element.exception.message}")
            if region_id and seen is None and _panel_shows(element, region_id):
                seen = time.perf_counter()
        if message.HasField("script_finished"):
            return seen


async def websocket_session(
    url: str, template: BackMsg, session: Session, selections: int, bell: Bell, think: float
) -> None:
    regions = selectable_regions(load_dataset())
    address = url.replace("http://", "ws://") + "/_stcore/stream"
    cache: set[str] = set()
    try:
        async with websockets.connect(address, subprotocols=["streamlit"], origin=url, max_size=None) as connection:
            try:
                await connection.send(first_run_message(template))
                await asyncio.wait_for(until_finished(connection, cache), SELECTION_TIMEOUT_MS / 1000)
            finally:
                bell.arrived()
            await bell.rung.wait()
            for index in range(selections):
                region = regions[(session.number + index) % len(regions)]
                await asyncio.sleep(think * random.uniform(0.5, 1.5))  # a student reads before tapping again
                sent = time.perf_counter()
                await connection.send(tap_message(template, region.id, cache))
                try:
                    seen = await asyncio.wait_for(
                        until_finished(connection, cache, region.id), SELECTION_TIMEOUT_MS / 1000
                    )
                except (TimeoutError, RuntimeError) as error:
                    session.errors.append(f"{region.id}: {type(error).__name__}: {error}")
                    continue
                if seen is None:
                    session.errors.append(f"{region.id}: the run ended without showing the region")
                else:
                    session.latencies.append((seen - sent) * 1000)
    except Exception as error:
        session.errors.append(f"session: {type(error).__name__}: {error}")


async def websocket_load(url: str, sessions: int, selections: int, think: float) -> tuple[list[Session], float]:
    regions = selectable_regions(load_dataset())
    template = await learn_tap(url, regions[0].id)
    class_ = [Session(number) for number in range(sessions)]
    bell = Bell(sessions)
    tasks = [asyncio.create_task(websocket_session(url, template, s, selections, bell, think)) for s in class_]
    await bell.rung.wait()
    began = time.perf_counter()
    await asyncio.gather(*tasks)
    return class_, time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--selections", type=int, default=20)
    parser.add_argument("--driver", choices=("websocket", "browser"), default="websocket")
    parser.add_argument(
        "--think", type=float, default=0, help="mean seconds between a session's selections (websocket driver)"
    )
    parser.add_argument("--time-limit", type=float, default=600, help="seconds for the whole run")
    parser.add_argument(
        "--url", help="a server already running (e.g. scripts/serve's proxy); by default one app is started here"
    )
    args = parser.parse_args()
    driver = websocket_load if args.driver == "websocket" else load

    def run_class(url: str) -> tuple[list[Session], float]:
        return asyncio.run(
            asyncio.wait_for(driver(url, args.sessions, args.selections, args.think), timeout=args.time_limit)
        )

    runs: list[float] = []  # the server's own script-run times: known only for a server started here
    if args.url:
        class_, elapsed = run_class(args.url.rstrip("/"))
    else:
        with tempfile.TemporaryDirectory(prefix="bodymap-load-") as folder:
            log = Path(folder) / "server.log"
            with serve(APP, log) as (url, _):
                class_, elapsed = run_class(url)
                runs = script_runs(log)
    latencies = [value for session in class_ for value in session.latencies]
    errors = [f"session {session.number}: {error}" for session in class_ for error in session.errors]
    wanted = args.sessions * args.selections
    print(f"driver: {args.driver}, think time {args.think} s")
    print(f"{args.sessions} sessions x {args.selections} selections = {wanted} wanted, {len(latencies)} done")
    print(f"errors: {len(errors)}")
    for error in errors[:20]:
        print(f"  {error}")
    if latencies:
        figures = summary(latencies)
        print(
            f"selection -> updated content: p50 {figures['p50']:.0f} ms, p95 {figures['p95']:.0f} ms, "
            f"max {figures['max']:.0f} ms"
        )
        print(f"throughput: {len(latencies) / elapsed:.1f} selections/s over {elapsed:.1f} s")
    if runs:
        figures = summary(runs)
        print(f"server script runs: n={figures['n']}, p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms")
    sys.exit(1 if errors or len(latencies) < wanted else 0)


if __name__ == "__main__":
    main()
