"""Measure bodymap against Streamlit's own floor, in headless Chromium on a 1024x768 touch tablet, on localhost.

One run measures:
- tap to details: from the touch on a region to its heading being in the page (p50, p95 over --taps taps), and the
  same for ``bench/minimal_app.py`` (one component button, one line written per tap), with the ratio;
- the server's script run time per selection, timed inside the server by a wrapper around the script;
- cold start: from launching ``streamlit run`` to the map visible in a fresh browser page;
- memory added per session: the server's resident memory before and after --sessions more sessions.

Usage: ``.venv/bin/python bench/benchmark.py [--taps 60] [--sessions 20] [--only taps|work|cold|memory]
[--audience patient|therapist|educator] [--json results.json]``. It prints a Markdown report (the figures in
docs/benchmarks.md come from it). ``--only work`` adds the browser's main-thread work per tap, from a Chromium trace:
the steadier figure for comparing two versions. ``--audience`` says whose page bodymap's taps are timed on.
Timings belong here, never in pass/fail tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402

from bodymap.data import load_dataset  # noqa: E402
from bodymap.lookup import selectable_regions  # noqa: E402
from tests.browser.harness import (  # noqa: E402
    TABLET_LANDSCAPE,
    launch_chromium,
    open_app,
    running_server,
    touch_page,
    wait_for_app,
)

APP = ROOT / "app.py"
MINIMAL_APP = ROOT / "bench" / "minimal_app.py"
RUN_MARK = "BENCH_SCRIPT_RUN_MS"
# Runs the real script and prints how long each run took, so the time is measured inside the server. runpy compiles
# the script on every run (Streamlit caches its main script's bytecode), which adds well under a millisecond here.
TIMING_WRAPPER = """import runpy, sys, time
sys.path.insert(0, {root!r})
started = time.perf_counter()
try:
    runpy.run_path({script!r}, run_name="__main__")
finally:
    sys.stderr.write(f"{mark} {{(time.perf_counter() - started) * 1000:.3f}}\\n")  # one write: runs are concurrent
"""

# Before each tap: note when the touch starts, and when an element with the expected text first appears (a
# MutationObserver fires in the same task as the change, so no polling interval is added to the figure).
ARM = """([selector, text, pressed]) => {
  const bench = (window.__bench ??= { listening: false });
  if (!bench.listening) {
    const touched = () => { if (bench.tapped === null) bench.tapped = performance.now(); };
    addEventListener("touchstart", touched, true);
    addEventListener("pointerdown", touched, true);
    bench.listening = true;
  }
  bench.tapped = null;
  bench.shown = null;
  bench.pressed = null;
  // The map and the details panel live in shadow roots: watch them too, for the tapped region showing pressed
  // before the server answers, and for the heading drawn in the panel's own tree.
  const shadows = [...document.querySelectorAll("*")].filter((el) => el.shadowRoot).map((el) => el.shadowRoot);
  const map = shadows.find((root) => root.querySelector("[data-region]"));
  const isPressed = () => pressed !== null && map && map.querySelector(pressed) !== null;
  const found = () => [document, ...shadows].some((root) => [...root.querySelectorAll(selector)]
    .some((el) => el.textContent.trim() === text && el.getClientRects().length > 0));
  const observer = new MutationObserver(() => {
    if (bench.tapped !== null && bench.pressed === null && isPressed()) bench.pressed = performance.now();
    if (bench.tapped !== null && found()) {
      bench.shown = performance.now();
      observer.disconnect();
    }
  });
  const watch = { childList: true, subtree: true, characterData: true, attributes: true };
  observer.observe(document.body, watch);
  shadows.forEach((root) => observer.observe(root, watch));
}"""
SHOWN = "() => window.__bench.shown !== null"
ELAPSED = "() => window.__bench.shown - window.__bench.tapped"
PRESSED = "() => window.__bench.pressed === null ? null : window.__bench.pressed - window.__bench.tapped"
Tap = tuple[Callable[[], None], str, str, str | None]  # do it, selector and text to wait for, pressed selector


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "n": len(values),
        "p50": statistics.median(values),
        "p95": percentile(values, 0.95),
        "max": max(values),
    }


@contextmanager
def serve(script: Path, log: Path, timed: bool = True) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Run ``streamlit run`` on a free localhost port (with the timing wrapper if ``timed``); yield URL and process."""
    main = script
    if timed:
        main = log.parent / f"timed_{script.stem}.py"
        main.write_text(TIMING_WRAPPER.format(root=str(ROOT), script=str(script), mark=RUN_MARK), encoding="utf-8")
    with log.open("w", encoding="utf-8") as output, running_server(main, output=output) as served:
        yield served


def script_runs(log: Path) -> list[float]:
    """Every script run time the wrapper printed so far, in milliseconds."""
    text = log.read_text(encoding="utf-8", errors="replace")
    return [float(value) for value in re.findall(rf"{RUN_MARK} (\d+\.\d{{3}})", text)]


def timed_taps(page: Page, taps: list[Tap], pressed: list[float] | None = None) -> list[float]:
    """Milliseconds from each touch to the expected text in the page; tap-to-pressed times go to ``pressed``."""
    elapsed = []
    for tap, selector, text, pressed_selector in taps:
        page.evaluate(ARM, [selector, text, pressed_selector])
        tap()
        page.wait_for_function(SHOWN, timeout=15_000)
        elapsed.append(page.evaluate(ELAPSED))
        if pressed is not None and pressed_selector is not None:
            pressed.append(page.evaluate(PRESSED))
        wait_for_app(page)
    return elapsed


# The centre of a piece of the region that a finger would really hit there (the previous region's name tag may lie
# over part of it), in page coordinates.
OPEN_POINT = """(regionId) => {
  const host = [...document.querySelectorAll("*")].find((el) => el.shadowRoot && el.shadowRoot.querySelector(
    "[data-region]"));
  const root = host ? host.shadowRoot : document;
  for (const zone of root.querySelectorAll(`[data-region="${regionId}"] .zone`)) {
    const box = zone.getBoundingClientRect();
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    const hit = root.elementFromPoint(x, y);
    if (hit && hit.closest("[data-region]") && hit.closest("[data-region]").getAttribute("data-region") === regionId) {
      return [x, y];
    }
  }
  return null;
}"""


def tap_region(page: Page, region_id: str) -> None:
    point = page.evaluate(OPEN_POINT, region_id)
    if point is None:
        raise RuntimeError(f"no part of {region_id} can be tapped")
    page.touchscreen.tap(*point)


def bodymap_taps(page: Page, count: int) -> list[Tap]:
    regions = selectable_regions(load_dataset())
    chosen = [regions[index % len(regions)] for index in range(count)]
    pressed = '[data-region="{}"].is-selected'
    return [
        (lambda region_id=region.id: tap_region(page, region_id), "h2", region.name, pressed.format(region.id))
        for region in chosen
    ]


def minimal_taps(page: Page, count: int, start: int) -> list[Tap]:
    button = page.locator("button.tap")
    text = "[data-testid='stMarkdownContainer'] p"
    return [(button.tap, text, f"Tap {n}", None) for n in range(start, start + count)]


def warmed_up_page(
    browser: Browser, name: str, url: str, taps: int, warmup: int, audience: str = "patient"
) -> tuple[Page, list[tuple[Callable[[], None], str, str]]]:
    """A tablet page on the app (``bodymap``, opened for ``audience``, or the ``minimal`` floor), ``warmup`` taps
    made; and its next ``taps``."""
    page = touch_page(browser, TABLET_LANDSCAPE)
    page.goto(url)
    if name == "bodymap":
        open_app(page, f"{url}/?audience={audience}")
        plan = bodymap_taps(page, warmup + taps)
    else:
        page.locator("button.tap").wait_for(timeout=30_000)
        wait_for_app(page)
        plan = minimal_taps(page, warmup + taps, start=1)
    timed_taps(page, plan[:warmup])
    return page, plan[warmup:]


def measure_taps(
    browser: Browser, workdir: Path, taps: int, warmup: int = 5, audience: str = "patient"
) -> dict[str, object]:
    results: dict[str, object] = {}
    for name, script in (("bodymap", APP), ("minimal", MINIMAL_APP)):
        log = workdir / f"{name}-taps.log"
        with serve(script, log) as (url, _):
            page, plan = warmed_up_page(browser, name, url, taps, warmup, audience)
            runs_before = len(script_runs(log))
            pressed: list[float] = []
            latencies = timed_taps(page, plan, pressed)
            time.sleep(0.5)  # the wrapper's last line is flushed as the run ends; give the log a moment
            runs = script_runs(log)[runs_before:]
            page.context.close()
        results[name] = {"tap_to_details_ms": summary(latencies), "script_run_ms": summary(runs)}
        if pressed:
            results[name]["tap_to_pressed_ms"] = summary(pressed)  # type: ignore[index]
    bodymap, minimal = results["bodymap"], results["minimal"]
    results["p95_ratio"] = bodymap["tap_to_details_ms"]["p95"] / minimal["tap_to_details_ms"]["p95"]  # type: ignore[index]
    results["p50_ratio"] = bodymap["tap_to_details_ms"]["p50"] / minimal["tap_to_details_ms"]["p50"]  # type: ignore[index]
    return results


# The renderer's main thread: every task it ran while tapping, summed. Steadier than latency for comparing two
# versions, because it does not depend on whether the heading arrived before or after a redraw (docs/benchmarks.md).
TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "toplevel"]


def main_thread_ms(trace: bytes) -> float:
    """Milliseconds of top-level tasks on the page's renderer main thread in a Chromium trace."""
    events = json.loads(trace)["traceEvents"]
    threads = {
        (e["pid"], e["tid"]) for e in events if e.get("name") == "thread_name" and e["args"]["name"] == "CrRendererMain"
    }
    return (
        sum(e["dur"] for e in events if e.get("name") == "RunTask" and "dur" in e and (e["pid"], e["tid"]) in threads)
        / 1000
    )


def measure_main_thread_work(browser: Browser, workdir: Path, taps: int, warmup: int = 5) -> dict[str, float]:
    """Browser main-thread work per tap, traced (tracing slows the page, so no latency is taken from this pass)."""
    results = {}
    for name, script in (("bodymap", APP), ("minimal", MINIMAL_APP)):
        with serve(script, workdir / f"{name}-work.log", timed=False) as (url, _):
            page, plan = warmed_up_page(browser, name, url, taps, warmup)
            browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
            timed_taps(page, plan)
            results[name] = main_thread_ms(browser.stop_tracing()) / taps
            page.context.close()
    return results


def measure_cold_start(browser: Browser, workdir: Path, repeats: int = 3) -> dict[str, object]:
    """From launching the server to the map drawn in a fresh page: a new process each time."""
    healthy, visible = [], []
    for attempt in range(repeats):
        started = time.perf_counter()
        with serve(APP, workdir / f"cold-{attempt}.log", timed=False) as (url, _):
            healthy.append((time.perf_counter() - started) * 1000)
            page = touch_page(browser, TABLET_LANDSCAPE)
            page.goto(url)
            page.locator("[data-region]").first.wait_for(state="visible", timeout=60_000)
            visible.append((time.perf_counter() - started) * 1000)
            page.context.close()
    return {"server_healthy_ms": summary(healthy), "map_visible_ms": summary(visible)}


def rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:"))


def open_session(browser: Browser, url: str, region_id: str) -> Page:
    page = touch_page(browser, TABLET_LANDSCAPE)
    open_app(page, url)
    tap_region(page, region_id)
    page.get_by_role("heading", level=2).first.wait_for()
    wait_for_app(page)
    return page


def measure_memory(browser: Browser, workdir: Path, sessions: int) -> dict[str, float]:
    """The server's RSS with one warm session, then with ``sessions`` more (all kept open while measured)."""
    regions = [region.id for region in selectable_regions(load_dataset())]
    with serve(APP, workdir / "memory.log", timed=False) as (url, process):
        warm = [open_session(browser, url, regions[0]) for _ in range(2)]
        time.sleep(1)
        before = rss_kib(process.pid)
        pages = [open_session(browser, url, regions[index % len(regions)]) for index in range(sessions)]
        time.sleep(1)
        after = rss_kib(process.pid)
        for page in [*warm, *pages]:
            page.context.close()
    return {
        "sessions": sessions,
        "rss_before_mib": before / 1024,
        "rss_after_mib": after / 1024,
        "per_session_mib": (after - before) / 1024 / sessions,
    }


def machine(browser: Browser) -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    total = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal:"))
    return {
        "cpus (nproc)": str(os.cpu_count()),
        "cpu": cpu,
        "ram": f"{total / 1024 / 1024:.1f} GiB",
        "os": platform.platform(),
        "python": platform.python_version(),
        "streamlit": version("streamlit"),
        "playwright": version("playwright"),
        "chromium": browser.version,
    }


def report(results: dict[str, object]) -> str:
    lines = ["| measure | bodymap | minimal app (floor) |", "|---|---|---|"]
    if "taps" in results:
        taps = results["taps"]
        for label, key in (
            ("tap to details, ms", "tap_to_details_ms"),
            ("script run per selection, ms", "script_run_ms"),
        ):
            row = []
            for name in ("bodymap", "minimal"):
                figures = taps[name][key]
                row.append(
                    f"p50 {figures['p50']:.1f}, p95 {figures['p95']:.1f}, max {figures['max']:.1f} (n={figures['n']})"
                )
            lines.append(f"| {label} | {row[0]} | {row[1]} |")
        lines.append(f"| ratio bodymap / floor | p50 {taps['p50_ratio']:.2f}x, p95 {taps['p95_ratio']:.2f}x | |")
        if "tap_to_pressed_ms" in taps["bodymap"]:
            figures = taps["bodymap"]["tap_to_pressed_ms"]
            lines.append(
                f"| tap to region shown pressed, ms (goal: one frame, 16 ms) | p50 {figures['p50']:.1f}, "
                f"p95 {figures['p95']:.1f}, max {figures['max']:.1f} (n={figures['n']}) | (no pressed state) |"
            )
    if "main_thread_ms_per_tap" in results:
        work = results["main_thread_ms_per_tap"]
        lines.append(
            f"| browser main-thread work per tap (traced) | {work['bodymap']:.0f} ms | {work['minimal']:.0f} ms |"
        )
    if "cold_start" in results:
        cold = results["cold_start"]
        lines.append(
            f"| cold start | server healthy p50 {cold['server_healthy_ms']['p50']:.0f} ms; map visible p50 "
            f"{cold['map_visible_ms']['p50']:.0f} ms, max {cold['map_visible_ms']['max']:.0f} ms "
            f"(n={cold['map_visible_ms']['n']}) | |"
        )
    if "memory" in results:
        memory = results["memory"]
        lines.append(
            f"| memory per session | {memory['per_session_mib']:.2f} MiB ({memory['rss_before_mib']:.0f} -> "
            f"{memory['rss_after_mib']:.0f} MiB RSS with {memory['sessions']} more sessions) | |"
        )
    lines += ["", "| machine | |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in results["machine"].items()]
    return "\n".join(lines)


PARTS = ("taps", "work", "cold", "memory")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taps", type=int, default=60, help="timed taps per app (after 5 untimed)")
    parser.add_argument("--sessions", type=int, default=20, help="extra sessions for the memory figure")
    parser.add_argument("--only", choices=PARTS, action="append", help="measure only this part (repeatable)")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument(
        "--audience",
        choices=("patient", "therapist", "educator"),
        default="patient",
        help="whose page bodymap's taps are timed on",
    )
    args = parser.parse_args()
    parts = args.only or PARTS
    with tempfile.TemporaryDirectory(prefix="bodymap-bench-") as folder, sync_playwright() as playwright:
        workdir = Path(folder)
        browser = launch_chromium(playwright)
        results: dict[str, object] = {"machine": machine(browser)}
        if "taps" in parts:
            results["taps"] = measure_taps(browser, workdir, args.taps, audience=args.audience)
        if "work" in parts:
            results["main_thread_ms_per_tap"] = measure_main_thread_work(browser, workdir, args.taps)
        if "cold" in parts:
            results["cold_start"] = measure_cold_start(browser, workdir)
        if "memory" in parts:
            results["memory"] = measure_memory(browser, workdir, args.sessions)
        browser.close()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(report(results))


if __name__ == "__main__":
    main()
