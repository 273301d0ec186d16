"""The therapist's chair script on a 1024x768 touch tablet: one tap answers a question and says what a yes means."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from bodymap.ui.page import SKIP_LINK_WORDS
from tests.browser.harness import open_app, tap_and_wait_for_rerun, wait_for_app

# The chair script's parts, top to bottom, and where the folded reference starts (CSS px from the page's top).
SCRIPT_LAYOUT = """() => {
  const top = (el) => el.getBoundingClientRect().top + document.querySelector('[data-testid=stMain]').scrollTop;
  const heading = (text) => [...document.querySelectorAll('h3, h4')].find((h) => h.textContent.trim() === text);
  return {
    headings: ['Talking points', 'Before needling', 'What it feels like', 'Afterwards'].map((t) => top(heading(t))),
    folded: top(document.querySelector('[data-testid=stExpander]')),
    rows: [...document.querySelectorAll('[data-testid=stCheckbox] label')].map((l) => l.getBoundingClientRect().height),
  };
}"""


def test_the_chair_script_comes_before_the_folded_reference_and_each_question_is_a_44px_row(
    tablet: Page, app_url: str
) -> None:
    open_app(tablet, f"{app_url}/?region=low_back&audience=therapist")
    layout = tablet.evaluate(SCRIPT_LAYOUT)
    assert layout["headings"] == sorted(layout["headings"]), "talking points, before needling, feel, afterwards"
    assert layout["headings"][-1] < layout["folded"], "the reference is folded below the script"
    assert len(layout["rows"]) >= 11 + 3 and min(layout["rows"]) >= 44


def test_one_tap_on_a_question_shows_what_a_yes_means(tablet: Page, app_url: str) -> None:
    open_app(tablet, f"{app_url}/?region=low_back&audience=therapist")
    blood_thinners = tablet.locator("[data-testid=stCheckbox] label", has_text="Do you take blood thinners")
    tap_and_wait_for_rerun(tablet, blood_thinners)
    expect(tablet.get_by_text("Precaution: Blood-thinning medicines", exact=False)).to_be_visible()
    cauda_equina = tablet.locator("[data-testid=stCheckbox] label", has_text="Numb skin between the legs")
    tap_and_wait_for_rerun(tablet, cauda_equina)
    refer = tablet.locator("[data-testid=stAlertContentError]", has_text="Emergency: Numbness between the legs")
    expect(refer).to_be_visible()
    expect(tablet.locator("[data-testid=stCheckbox] input").first).to_be_checked()


ACTIVE = """() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el) return {};
  const name = el.getAttribute("aria-label") || el.textContent || "";  // a tick box is named by its aria-label
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
    wait_for_app(tablet)  # the whole panel drawn, not only its heading
    tablet.get_by_role("link", name=SKIP_LINK_WORDS).focus()
    tablet.keyboard.press("Enter")
    expect(heading).to_be_focused(timeout=5_000)
    stops = []
    for _ in range(15):  # from the panel's heading to the first question of the tick-list
        tablet.keyboard.press("Tab")
        stops.append(tablet.evaluate(ACTIVE)["text"][:30])
        if stops[-1].startswith("Do you take blood thinners"):
            break
    assert stops[-1].startswith("Do you take blood thinners"), stops
    tablet.keyboard.press("Space")
    expect(tablet.get_by_text("Precaution: Blood-thinning medicines", exact=False)).to_be_visible(timeout=10_000)
