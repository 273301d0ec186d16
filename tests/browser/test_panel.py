"""The details panel drawn in the browser (bodymap/ui/static/panel.js): a tap shows its region with no round trip, the
folds open in place and stay open, and its buttons reach the server."""

from __future__ import annotations

import re

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
