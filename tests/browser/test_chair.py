"""The therapist's chair script on a 1024x768 touch tablet: one tap answers a question and says what a yes means."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from bodymap.data import Dataset
from bodymap.lookup import region_details
from bodymap.panel import CHAIR_STEPS
from bodymap.ui.page import SKIP_LINK_WORDS
from tests.browser.harness import CHAIR_STEP_BUTTON, open_app, open_chair_step, wait_for_app

STEP_BUTTON = CHAIR_STEP_BUTTON
TICK_ROW = "label.tick"

# One step of the chair script as it sits on the screen once scrolled to its top: the room it needs (from the step
# buttons to the first folded section), the room under the sticky disclaimer bar, the map's box, and its tick rows.
STEP_LAYOUT = """() => {
  const main = document.querySelector('[data-testid=stMain]');
  const panel = [...document.querySelectorAll('*')].find((el) => el.shadowRoot && el.shadowRoot.querySelector('.chair'))
    .shadowRoot;
  const steps = panel.querySelector('.chair-steps');
  const bar = document.querySelector('.st-key-disclaimer').getBoundingClientRect();
  main.scrollTop += steps.getBoundingClientRect().top - bar.bottom - 4;
  const top = steps.getBoundingClientRect().top;
  const end = panel.querySelector('details.fold').getBoundingClientRect().top;
  const map = document.querySelector('.st-key-map_column').getBoundingClientRect();
  return {
    needs: end - top,
    room: window.innerHeight - bar.bottom,
    mapTop: map.top,
    mapBottom: Math.min(map.bottom, window.innerHeight),
    rows: [...panel.querySelectorAll('label.tick')].map((l) => l.getBoundingClientRect().height),
  };
}"""


@pytest.mark.parametrize("lang", ["en", "es"])  # the Spanish questions run to three lines
@pytest.mark.parametrize("region_id", ["head_jaw", "neck"])  # the most red flags and the most talking points
def test_each_step_of_the_chair_script_fits_one_screen_beside_the_map_with_44px_rows(
    tablet: Page, app_url: str, dataset: Dataset, region_id: str, lang: str
) -> None:
    details = region_details(dataset, region_id, "therapist")
    questions = {"Ask first": details.before_needling, "Red flags": details.red_flag_questions}
    open_app(tablet, f"{app_url}/?region={region_id}&audience=therapist&lang={lang}")
    for index, step in enumerate(CHAIR_STEPS):  # by place: the steps' labels are in the page's language
        tablet.locator(STEP_BUTTON).nth(index).tap()
        expect(tablet.locator(STEP_BUTTON).nth(index)).to_have_attribute("aria-pressed", "true")
        expect(tablet.locator(TICK_ROW)).to_have_count(len(questions.get(step, ())), timeout=10_000)
        layout = tablet.evaluate(STEP_LAYOUT)
        assert layout["needs"] <= layout["room"], f"{step}: {layout['needs']:.0f} px for {layout['room']:.0f}"
        assert layout["mapBottom"] - max(layout["mapTop"], 0) >= 560, f"{step}: the map left the screen"
        if step in questions:
            assert len(layout["rows"]) >= 6 and min(layout["rows"]) >= 44


def test_one_tap_on_a_question_shows_what_a_yes_means_and_the_step_counts_it(tablet: Page, app_url: str) -> None:
    open_app(tablet, f"{app_url}/?region=low_back&audience=therapist")
    open_chair_step(tablet, "Ask first")
    blood_thinners = tablet.locator(TICK_ROW, has_text="Do you take blood thinners")
    blood_thinners.tap()
    expect(tablet.get_by_text("Precaution: Blood-thinning medicines", exact=False)).to_be_visible()
    expect(tablet.locator(STEP_BUTTON, has_text="Ask first (1 yes)")).to_be_visible()
    open_chair_step(tablet, "Red flags")
    cauda_equina = tablet.locator(TICK_ROW, has_text="Numb skin between the legs")
    cauda_equina.tap()
    refer = tablet.locator(".box-error", has_text="Emergency: Numbness between the legs")
    expect(refer).to_be_visible()
    expect(tablet.locator(STEP_BUTTON, has_text="Red flags (1 yes)")).to_be_visible()
    open_chair_step(tablet, "Afterwards")
    open_chair_step(tablet, "Ask first")
    expect(tablet.locator("label.tick input").first).to_be_checked()  # the tick survived its step being closed
    expect(tablet.get_by_text("Precaution: Blood-thinning medicines", exact=False)).to_be_visible()


def test_the_chair_s_ticks_and_step_are_kept_when_the_therapist_taps_another_region(tablet: Page, app_url: str) -> None:
    """The ticks belong to the patient in the chair, not to a region: the general questions keep their answer."""
    open_app(tablet, f"{app_url}/?region=low_back&audience=therapist")
    open_chair_step(tablet, "Ask first")
    tablet.locator(TICK_ROW, has_text="Do you take blood thinners").tap()
    tablet.locator("[data-region='neck'] .zone").first.tap()
    expect(tablet.get_by_role("heading", name="Neck", exact=True)).to_be_visible()
    expect(tablet.locator(STEP_BUTTON, has_text="Ask first (1 yes)")).to_be_visible()
    expect(tablet.locator(TICK_ROW, has_text="Do you take blood thinners").locator("input")).to_be_checked()


ACTIVE = """() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el) return {};
  // A tick box is named by the row it sits in (its label).
  const label = el.labels && el.labels[0];
  const name = el.getAttribute("aria-label") || (label ? label.textContent : el.textContent) || "";
  return { region: el.getAttribute("data-region") || "", text: name.trim() };
}"""


def test_by_keyboard_alone_a_therapist_opens_the_low_back_and_ticks_the_blood_thinner_question(
    tablet: Page, app_url: str
) -> None:
    """The chair script's walk-through without touch: Tab to the map, arrows to the region, Enter, then the skip link
    to the panel and Tab to the first question; Space ticks it and says what a yes means."""
    open_app(tablet, f"{app_url}/?audience=therapist")
    for _ in range(40):  # Tab through the controls until the map (one stop) has the focus
        tablet.keyboard.press("Tab")
        if tablet.evaluate(ACTIVE).get("region"):
            break
    for _ in range(30):  # arrow along the map to the low back
        if tablet.evaluate(ACTIVE)["region"] == "low_back":
            break
        tablet.keyboard.press("ArrowDown")
    assert tablet.evaluate(ACTIVE)["region"] == "low_back"
    tablet.keyboard.press("Enter")
    heading = tablet.get_by_role("heading", name="Low back", exact=True)
    expect(heading).to_be_visible(timeout=10_000)
    wait_for_app(tablet)  # the server's run over too
    tablet.get_by_role("link", name=SKIP_LINK_WORDS).focus()
    tablet.keyboard.press("Enter")
    expect(heading).to_be_focused(timeout=5_000)
    tablet.keyboard.press("Tab")  # the chair script's steps are one stop (the chosen step); arrows move between them
    assert tablet.evaluate(ACTIVE)["text"] == "Explain"
    tablet.keyboard.press("ArrowRight")
    assert tablet.evaluate(ACTIVE)["text"] == "Ask first"
    tablet.keyboard.press("Enter")
    first_question = tablet.locator(TICK_ROW, has_text="Do you take blood thinners")
    expect(first_question).to_be_visible(timeout=10_000)
    stops = []
    for _ in range(15):  # from the step to the first question of the tick-list
        tablet.keyboard.press("Tab")
        stops.append(tablet.evaluate(ACTIVE)["text"][:30])
        if stops[-1].startswith("Do you take blood thinners"):
            break
    assert stops[-1].startswith("Do you take blood thinners"), stops
    tablet.keyboard.press("Space")
    expect(tablet.get_by_text("Precaution: Blood-thinning medicines", exact=False)).to_be_visible(timeout=10_000)
