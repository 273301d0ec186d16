"""What only a browser can show: the first tap on a touch tablet, keyboard selection, deep links round-tripping."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from bodymap.data import Dataset
from bodymap.lookup import region_details
from tests.browser.harness import PHONE, TABLET_LANDSCAPE, TABLET_PORTRAIT, open_app, touch_page
from tests.conftest import COMPLETE_REGIONS, REQUIRED_REGIONS


def region_heading(page: Page, name: str) -> Locator:
    return page.get_by_role("heading", level=2, name=name, exact=True)


@pytest.mark.parametrize("region_id", COMPLETE_REGIONS)
def test_first_tap_on_a_region_shows_its_heading_and_conditions(
    tablet: Page, app_url: str, dataset: Dataset, region_id: str
) -> None:
    open_app(tablet, app_url)
    tablet.locator(f"[data-region='{region_id}'] .zone").first.tap()
    expect(region_heading(tablet, dataset.regions[region_id].name)).to_be_visible(timeout=10_000)
    for condition in region_details(dataset, region_id, "patient").conditions:  # each led by its name in bold
        expect(tablet.locator("strong", has_text=condition.title).first).to_be_visible()
    selected = tablet.locator(f"[data-region='{region_id}'].is-selected")
    expect(selected.first).to_have_attribute("aria-pressed", "true")
    expect(tablet.locator(".selection-label text").first).to_have_text(dataset.regions[region_id].name)
    expect(tablet).to_have_url(re.compile(rf"region={region_id}\b"))  # written as the run ends


def test_keyboard_arrows_then_enter_or_space_selects(tablet: Page, app_url: str, dataset: Dataset) -> None:
    open_app(tablet, app_url)
    tablet.locator("[data-region]").first.focus()
    focused = ""
    for _ in range(40):  # arrow through the map's regions until a complete one has focus
        focused = tablet.evaluate(
            "() => { let el = document.activeElement; while (el && el.shadowRoot && el.shadowRoot.activeElement)"
            " el = el.shadowRoot.activeElement; return el ? (el.getAttribute('data-region') || '') : ''; }"
        )
        if focused in REQUIRED_REGIONS:
            break
        tablet.keyboard.press("ArrowDown")
    assert focused in REQUIRED_REGIONS
    tablet.keyboard.press("Enter")
    expect(region_heading(tablet, dataset.regions[focused].name)).to_be_visible(timeout=10_000)
    tablet.locator("[data-region='foot']").first.focus()
    tablet.keyboard.press(" ")
    expect(region_heading(tablet, dataset.regions["foot"].name)).to_be_visible(timeout=10_000)


def test_deep_link_round_trips(tablet: Page, app_url: str, dataset: Dataset) -> None:
    open_app(tablet, f"{app_url}/?region=foot&audience=educator")
    expect(region_heading(tablet, dataset.regions["foot"].name)).to_be_visible()
    tablet.locator("[data-region='neck'] .zone").first.tap()
    expect(region_heading(tablet, dataset.regions["neck"].name)).to_be_visible(timeout=10_000)
    expect(tablet).to_have_url(re.compile(r"region=neck.*audience=educator|audience=educator.*region=neck"))
    shared = tablet.url
    second = tablet.context.new_page()
    open_app(second, shared)
    expect(region_heading(second, dataset.regions["neck"].name)).to_be_visible()
    expect(second.get_by_role("heading", name="Caveats for teaching")).to_be_visible()


def test_strange_link_shows_a_notice_and_the_map(tablet: Page, app_url: str) -> None:
    open_app(tablet, f"{app_url}/?region=%3Cimg%20src%3Dx%3E&audience=nurse")
    expect(tablet.get_by_text("There is no region called “<img src=x>”")).to_be_visible()
    expect(tablet.get_by_role("heading", name="Start here")).to_be_visible()


SIDEWAYS_SCROLLERS = """() => {
  const found = [];
  const visit = (root) => {
    for (const el of root.querySelectorAll("*")) {
      const style = getComputedStyle(el);
      const scrolls = ["auto", "scroll"].includes(style.overflowX) || el === document.scrollingElement;
      if (scrolls && el.scrollWidth > el.clientWidth + 1) found.push(el.tagName + "." + el.className);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  if (document.documentElement.scrollWidth > window.innerWidth + 1) found.push("page");
  return found;
}"""


@pytest.mark.parametrize("viewport", [TABLET_LANDSCAPE, TABLET_PORTRAIT, PHONE], ids=["landscape", "portrait", "phone"])
def test_layouts_have_no_sideways_scrolling_and_a_readable_map(
    browser: Browser, app_url: str, dataset: Dataset, viewport: dict[str, int]
) -> None:
    page = touch_page(browser, viewport)
    open_app(page, f"{app_url}/?region=shoulder&audience=educator")
    expect(region_heading(page, dataset.regions["shoulder"].name)).to_be_visible()
    assert page.evaluate(SIDEWAYS_SCROLLERS) == []
    for view in ("front", "back"):
        box = page.locator(f"svg.bodymap-{view}").bounding_box()
        assert box and box["height"] >= 300, f"the {view} view is too small to read: {box}"
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    page.context.close()


PRESS_NOW = """(zone) => {
  // Tap and read the pressed state in the same task: no message from the server can have arrived in between.
  const target = zone.closest('[data-region]');
  zone.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  const region = [target.getAttribute('aria-pressed'), target.classList.contains('is-selected')];
  return [...region, zone.getAttribute('aria-pressed')];
}"""


def test_a_tapped_region_shows_pressed_before_the_server_answers(tablet: Page, app_url: str, dataset: Dataset) -> None:
    open_app(tablet, app_url)
    assert tablet.locator("[data-region='elbow'] .zone").first.evaluate(PRESS_NOW)[:2] == ["true", True]
    expect(region_heading(tablet, dataset.regions["elbow"].name)).to_be_visible(timeout=10_000)
    expect(tablet.locator("[data-region='elbow']").first).to_have_attribute("aria-pressed", "true")


def test_a_tapped_zone_shows_chosen_before_the_server_answers(tablet: Page, app_url: str) -> None:
    open_app(tablet, f"{app_url}/?mode=where")
    outer_elbow = tablet.locator("[data-zone='lateral_epicondyle']").first
    expect(outer_elbow).to_have_attribute("aria-pressed", "false")
    assert outer_elbow.evaluate(PRESS_NOW)[2] == "true"
    expect(tablet.get_by_text("1 area chosen.", exact=False)).to_be_visible(timeout=10_000)
    expect(outer_elbow).to_have_attribute("aria-pressed", "true")
