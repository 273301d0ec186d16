"""Spanish in the browser: the page says it is Spanish to screen readers, fits the tablet and the phone although
Spanish runs longer, and goes back to English in one tap."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from bodymap.data import Dataset
from tests.browser.harness import PHONE, TABLET_LANDSCAPE, TABLET_PORTRAIT, open_app, tap_and_wait_for_rerun, touch_page
from tests.browser.test_map import SIDEWAYS_SCROLLERS

SIDE_WORDS = """(svg) => [...svg.querySelectorAll('.side-word')].map((word) => {
  const box = word.getBoundingClientRect();
  return { text: word.textContent, left: box.left, right: box.right };
})"""


@pytest.mark.parametrize("viewport", [TABLET_LANDSCAPE, TABLET_PORTRAIT, PHONE], ids=["landscape", "portrait", "phone"])
def test_a_spanish_page_is_marked_spanish_and_fits_with_its_longer_words(
    browser: Browser, app_url: str, dataset: Dataset, viewport: dict[str, int]
) -> None:
    page = touch_page(browser, viewport)
    try:
        open_app(page, f"{app_url}/?region=neck&lang=es")
        heading = page.get_by_role("heading", level=2, name=dataset.in_language("es").regions["neck"].name)
        expect(heading).to_be_visible()
        assert page.evaluate("document.documentElement.lang") == "es"  # read out with Spanish pronunciation
        assert page.evaluate(SIDEWAYS_SCROLLERS) == []
        for view in ("front", "back"):
            left, right = sorted(page.locator(f"svg.bodymap-{view}").evaluate(SIDE_WORDS), key=lambda w: w["left"])
            assert {left["text"], right["text"]} == {"Su derecha", "Su izquierda"}
            assert left["right"] <= right["left"], f"the side words overlap on the {view} view: {left} {right}"
    finally:
        page.context.close()


def test_one_tap_goes_back_to_english(browser: Browser, app_url: str, dataset: Dataset) -> None:
    page = touch_page(browser, TABLET_LANDSCAPE)
    try:
        open_app(page, f"{app_url}/?region=neck&audience=therapist&lang=es")
        switch = page.locator(".st-key-disclaimer [data-testid=stButtonGroup] button", has_text="English")
        tap_and_wait_for_rerun(page, switch)
        expect(page.get_by_role("heading", level=2, name=dataset.regions["neck"].name)).to_be_visible()
        assert page.evaluate("document.documentElement.lang") == "en"
        assert "lang=" not in page.url
    finally:
        page.context.close()


def test_a_browser_set_to_spanish_opens_in_spanish_and_a_tap_on_the_map_answers_in_spanish(
    browser: Browser, app_url: str, dataset: Dataset
) -> None:
    context = browser.new_context(viewport=TABLET_LANDSCAPE, has_touch=True, is_mobile=True, locale="es-MX")
    page = context.new_page()
    try:
        open_app(page, app_url)  # no lang= in the link: the browser's language decides
        page.locator("[data-region='knee'] .zone").first.tap()
        heading = page.get_by_role("heading", level=2, name=dataset.in_language("es").regions["knee"].name)
        expect(heading).to_be_visible(timeout=10_000)
        assert page.evaluate("document.documentElement.lang") == "es"
    finally:
        context.close()
