"""The details panel drawn in the browser (bodymap/ui/static/panel.js): a tap shows its region with no round trip, the
folds open in place and stay open, and its buttons reach the server."""

from __future__ import annotations

import io
import re

from PIL import Image
from playwright.sync_api import Locator, Page, WebSocketRoute, expect

from bodymap.data import Dataset
from tests.browser.harness import open_app, wait_for_app


def _region_heading(page: Page, name: str) -> Locator:
    return page.get_by_role("heading", level=2, name=name, exact=True)


def test_a_tap_shows_its_region_while_the_server_hears_nothing(tablet: Page, app_url: str, dataset: Dataset) -> None:
    """Every panel is in the page already: with the page's messages to the server held back, a tap still draws the
    region's details in full (the server's run that follows only keeps the URL and the state)."""
    held: list[str | bytes] = []
    cut_off = {"on": False}

    def relay(browser_side: WebSocketRoute) -> None:
        server_side = browser_side.connect_to_server()
        browser_side.on_message(lambda message: held.append(message) if cut_off["on"] else server_side.send(message))
        server_side.on_message(browser_side.send)

    tablet.route_web_socket(re.compile(r"_stcore/stream"), relay)
    open_app(tablet, f"{app_url}/?region=neck")
    cut_off["on"] = True
    tablet.locator("[data-region='elbow'] .zone").first.tap()
    expect(_region_heading(tablet, dataset.regions["elbow"].name)).to_be_visible(timeout=2_000)
    expect(tablet.get_by_role("heading", name="When to get help", exact=True)).to_be_attached()
    assert held, "the tap was sent to the server, and held back here"
    assert "region=neck" in tablet.url, "the server, which writes the URL, has not heard of the tap"


def test_a_fold_opened_on_one_region_is_open_on_the_next(tablet: Page, app_url: str) -> None:
    open_app(tablet, f"{app_url}/?region=neck")
    fold = tablet.locator("details.fold", has=tablet.locator("summary", has_text="What the studies found"))
    expect(fold).not_to_have_attribute("open", "")
    fold.locator("summary").tap()
    expect(fold).to_have_attribute("open", "")
    tablet.locator("[data-region='elbow'] .zone").first.tap()
    expect(_region_heading(tablet, "Elbow")).to_be_visible()
    wait_for_app(tablet)
    expect(fold).to_have_attribute("open", "")


def test_the_start_panel_and_a_region_lead_to_the_claims(tablet: Page, app_url: str) -> None:
    open_app(tablet, app_url)
    tablet.locator("button.action", has_text="What you may have read: clinic claims checked").tap()
    expect(tablet.get_by_role("heading", name="What you may have read", exact=True)).to_be_visible(timeout=10_000)
    expect(tablet).to_have_url(re.compile(r"mode=claims"))
    open_app(tablet, f"{app_url}/?region=neck")
    tablet.locator("summary", has_text="What you may have read (").tap()
    tablet.locator("button.action", has_text="Check other claims about dry needling").tap()
    expect(tablet).to_have_url(re.compile(r"mode=claims"), timeout=10_000)


def test_a_condition_s_muscle_opens_its_pattern_on_the_map(tablet: Page, app_url: str, dataset: Dataset) -> None:
    open_app(tablet, f"{app_url}/?region=elbow&audience=educator")
    condition = dataset.conditions["lateral_epicondylalgia"]
    first = dataset.muscles[condition.muscle_ids[0]]
    choices = tablet.get_by_role("group", name=re.compile("^Muscles whose trigger points"))
    choices.get_by_role("button", name=first.name, exact=True).first.tap()
    expect(tablet.get_by_role("heading", level=2, name=first.name, exact=True)).to_be_visible(timeout=10_000)
    expect(tablet.locator(".muscle.is-pattern-muscle").first).to_be_attached()
    expect(tablet).to_have_url(re.compile(rf"muscle={first.id}\b"))


def test_a_fold_s_title_reached_by_the_keyboard_shows_its_whole_focus_ring(tablet: Page, app_url: str) -> None:
    """The panel lays out only the blocks near the screen, which clips what each block paints to its box: the ring
    around a control at a block's edge must still be drawn on all four sides (page.css's 3 px, 2 px outside)."""
    open_app(tablet, f"{app_url}/?region=neck")
    tablet.get_by_role("link", name="When to get help", exact=True).focus()
    tablet.keyboard.press("Tab")
    summary = tablet.locator("summary", has_text="What the studies found")
    expect(summary).to_be_focused()
    box = summary.bounding_box()
    assert box is not None
    picture = Image.open(io.BytesIO(tablet.screenshot()))
    ink = (0x0B, 0x2F, 0x40)
    lines = {  # one line of pixels 3 px outside each side of the title
        "top": [(int(box["x"] + dx), int(box["y"] - 3)) for dx in range(10, int(box["width"]) - 10, 7)],
        "left": [(int(box["x"] - 3), int(box["y"] + dy)) for dy in range(5, int(box["height"]) - 5, 5)],
    }
    for side, points in lines.items():
        dark = [point for point in points if _close(picture.getpixel(point)[:3], ink)]
        assert len(dark) >= 0.9 * len(points), f"the ring's {side} side is missing"


def _close(colour: tuple[int, ...], wanted: tuple[int, int, int]) -> bool:
    return all(abs(a - b) <= 40 for a, b in zip(colour, wanted, strict=True))
