"""The patient page on a 390x844 phone: short when first opened, the help box near the top, jump links that work."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from tests.browser.harness import PHONE, open_app, touch_page

MAX_PHONE_SCREENS = 6
# The panel lays out only what is near the screen (content-visibility), so scroll to the end, until the height holds,
# before reading it: a block never drawn would count at its placeholder's height.
PAGE_HEIGHT = """async () => {
  const main = document.querySelector('[data-testid=stMain]');
  let height = -1;
  while (main.scrollHeight !== height) {
    height = main.scrollHeight;
    for (let top = 0; top <= height; top += innerHeight / 2) {
      main.scrollTop = top;
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    }
  }
  main.scrollTop = 0;
  return height;
}"""


def test_a_region_page_is_at_most_six_phone_screens_when_first_opened(browser: Browser, app_url: str) -> None:
    phone = touch_page(browser, PHONE)
    heights = {}
    for region in ("neck", "low_back", "shoulder", "forearm_hand"):
        open_app(phone, f"{app_url}/?region={region}&audience=patient")
        heights[region] = round(phone.evaluate(PAGE_HEIGHT) / PHONE["height"], 1)
    assert max(heights.values()) <= MAX_PHONE_SCREENS, heights
    phone.context.close()


def test_the_help_box_comes_before_the_sections_and_a_jump_link_reaches_its_section(
    browser: Browser, app_url: str
) -> None:
    phone = touch_page(browser, PHONE)
    open_app(phone, f"{app_url}/?region=neck&audience=patient")
    box = phone.locator(".box-help")
    expect(box).to_contain_text("Get help straight away if…")
    expect(box).to_contain_text("Call your local emergency number")
    going_on = phone.get_by_role("heading", name="What might be going on")
    assert box.bounding_box()["y"] < going_on.bounding_box()["y"]
    link = phone.get_by_role("link", name="When to get help")
    link.scroll_into_view_if_needed()
    link.tap()
    heading = phone.get_by_role("heading", name="When to get help", exact=True)
    phone.wait_for_function(
        "(el) => { const top = el.getBoundingClientRect().top; return top >= 0 && top < innerHeight / 2; }",
        arg=heading.element_handle(),
        timeout=10_000,
    )
    assert phone.get_by_role("alert").count() == 0, "the patient page announces no burst of alerts"
    phone.context.close()


ON_TOP = """(el) => {
  const box = el.getBoundingClientRect();
  const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  return { inView: box.top >= 0 && box.bottom <= innerHeight, onTop: Boolean(hit && el.contains(hit)),
           height: box.height };
}"""


def test_on_a_phone_get_help_stays_one_tap_away_at_the_foot_of_the_screen(browser: Browser, app_url: str) -> None:
    """The bar scrolls away on a phone; its "When to get help now" button floats, in view and on top, wherever the
    page is scrolled to, and opens the number to call."""
    phone = touch_page(browser, PHONE)
    open_app(phone, f"{app_url}/?region=neck&audience=patient")
    button = phone.get_by_role("button", name="When to get help now")
    for heading in ("Is needling safe for me?", "When to get help"):
        phone.get_by_role("heading", name=heading, exact=True).scroll_into_view_if_needed()
        placed = phone.evaluate(ON_TOP, button.element_handle())
        assert placed["inView"] and placed["onTop"] and placed["height"] >= 40, (heading, placed)
    button.tap()
    expect(phone.get_by_text("Call your local emergency number.")).to_be_visible(timeout=5_000)
    phone.context.close()
