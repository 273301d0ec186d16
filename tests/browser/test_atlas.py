"""The referred pain atlas on a touch tablet: zones toggle on one tap, a muscle's pattern is drawn on the map."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from bodymap.data import Dataset
from bodymap.lookup import muscle_pattern, muscles_referring_to
from tests.browser.harness import PHONE, open_app, tap_and_wait_for_rerun, tap_zone, touch_page


def expect_ranking(page: Page, names: list[str]) -> None:
    """The ranked list shows exactly these muscles in this order (waiting for the rerun to land)."""
    ranked = page.locator("[class*='st-key-match_'] strong")
    expect(ranked).to_have_text([f"{rank}. {name}" for rank, name in enumerate(names, start=1)], timeout=10_000)


def test_tapping_zones_lists_muscles_and_a_second_tap_deselects(tablet: Page, app_url: str, dataset: Dataset) -> None:
    open_app(tablet, f"{app_url}/?mode=where")
    elbow = tablet.locator("[data-zone='lateral_epicondyle']").first
    elbow.tap()
    expect(elbow).to_have_attribute("aria-pressed", "true")
    hand = tablet.locator("[data-zone='back_of_hand_lower_thumb_side']").first
    hand.tap()
    expect_ranking(
        tablet,
        [m.muscle.name for m in muscles_referring_to(dataset, ["lateral_epicondyle", "back_of_hand_lower_thumb_side"])],
    )
    sides = (elbow.get_attribute("data-side"), hand.get_attribute("data-side"))  # each area on the side tapped
    expected = f"zones=lateral_epicondyle%3A{sides[0]}%2Cback_of_hand_lower_thumb_side%3A{sides[1]}"
    expect(tablet).to_have_url(re.compile(expected))  # written as the run ends

    elbow.tap()  # a second tap removes the zone
    expect(elbow).to_have_attribute("aria-pressed", "false")
    expect_ranking(tablet, [m.muscle.name for m in muscles_referring_to(dataset, ["back_of_hand_lower_thumb_side"])])


def test_opening_a_muscle_draws_its_trigger_points_and_zones(tablet: Page, app_url: str, dataset: Dataset) -> None:
    open_app(tablet, f"{app_url}/?mode=where&zones=lateral_epicondyle")
    first = muscles_referring_to(dataset, ["lateral_epicondyle"])[0].muscle
    tablet.locator(f".st-key-open_{first.id} button").tap()
    expect(tablet.get_by_role("heading", level=2, name=first.name, exact=True)).to_be_visible(timeout=10_000)
    pattern = muscle_pattern(dataset, first.id)
    for zone in pattern.essential_zones:
        expect(tablet.locator(f"[data-zone='{zone.id}']:not([data-side='left'])").first).to_have_class(
            re.compile(r"\bis-essential\b")
        )
    for zone in pattern.spillover_zones:
        expect(tablet.locator(f"[data-zone='{zone.id}']:not([data-side='left'])").first).to_have_class(
            re.compile(r"\bis-spillover\b")
        )
    drawn = {
        zone.get_attribute("data-zone")
        for zone in tablet.locator("[data-zone].is-essential, [data-zone].is-spillover").all()
    }
    assert drawn == {zone.id for zone in (*pattern.essential_zones, *pattern.spillover_zones)}
    # One side, as in Travell & Simons: the person's right (and the midline), where the trigger points are.
    assert tablet.locator("[data-side='left'].is-essential, [data-side='left'].is-spillover").count() == 0
    marks = tablet.locator("[data-trigger-point]")
    expect(marks).to_have_count(len(pattern.trigger_points))
    assert {mark.get_attribute("data-trigger-point") for mark in marks.all()} == {p.id for p in pattern.trigger_points}
    expect(tablet.locator(".bodymap-legend")).to_be_visible()
    expect(tablet).to_have_url(re.compile(rf"muscle={first.id}\b"))  # written as the run ends


def test_finding_a_muscle_by_typing_draws_its_pattern(tablet: Page, app_url: str, dataset: Dataset) -> None:
    """The search is built when its popover opens; choosing a muscle draws it and closes the search."""
    muscle = dataset.muscles["levator_scapulae"]
    open_app(tablet, f"{app_url}/?region=neck")
    tablet.get_by_role("button", name="Find a muscle").tap()
    search = tablet.get_by_role("combobox", name="Find a muscle and show its pattern")
    search.tap()
    search.press_sequentially("levator")
    tablet.get_by_role("option", name=re.compile(re.escape(muscle.name))).tap()
    expect(tablet.get_by_role("heading", level=2, name=muscle.name, exact=True)).to_be_visible(timeout=10_000)
    expect(search).to_have_count(0)
    drawn = {zone.get_attribute("data-zone") for zone in tablet.locator("[data-zone].is-essential").all()}
    assert drawn == {zone.id for zone in muscle_pattern(dataset, muscle.id).essential_zones}


ZONES_ON_PERSONS_RIGHT = """(zones, view) => zones.flatMap((zone) => {
  const centre = zone.getBBox().x + zone.getBBox().width / 2;
  if (Math.abs(centre - 200) >= 15 && (view === "front" ? centre > 200 : centre < 200)) return [];
  const box = zone.getBoundingClientRect();
  return [[zone.getAttribute("data-zone"), Math.round(box.width), Math.round(box.height)]];
})"""


def test_zooming_in_makes_small_zones_finger_sized(tablet: Page, app_url: str, dataset: Dataset) -> None:
    open_app(tablet, f"{app_url}/?mode=where&audience=therapist")
    in_close_up = {zone_id for close_up in dataset.close_ups.values() for zone_id in close_up.zone_ids}
    zoomed = ""
    for region_id, view in (("elbow", "back"), ("elbow", "front"), ("forearm_hand", "back")):
        if region_id != zoomed:  # tapping the zoomed region's pill again would zoom out
            pill = tablet.locator(".st-key-zoom button", has_text=dataset.regions[region_id].name).first
            tap_and_wait_for_rerun(tablet, pill)
            zoomed = region_id
        side = tablet.locator(".st-key-zoom_view button", has_text=view.title()).first
        if side.get_attribute("aria-checked") != "true":  # the chosen view is a no-op tap: no run to wait for
            tap_and_wait_for_rerun(tablet, side)
        other = "front" if view == "back" else "back"
        expect(tablet.locator(f"figure.bodymap-view-{other}")).to_be_hidden()
        zones = tablet.locator(f"svg.bodymap-{view} [data-region='{region_id}'] .zone")
        expect(tablet.locator(f"svg.bodymap-{view}")).not_to_have_attribute("viewBox", "0 0 400 900")
        sizes = zones.evaluate_all(ZONES_ON_PERSONS_RIGHT, view)
        # Single fingers are finger-sized in their hand's close-up (checked below), not in the whole forearm's zoom.
        sizes = [size for size in sizes if size[0] not in in_close_up]
        assert sizes and all(min(width, height) >= 44 for _, width, height in sizes), sizes
    close_up = dataset.close_ups["hand_back"]
    tap_and_wait_for_rerun(tablet, tablet.locator(".st-key-zoom button", has_text=close_up.name).first)
    expect(tablet.locator("figure.bodymap-view-front")).to_be_hidden()
    zones = tablet.locator("svg.bodymap-back .zone[data-zone]")
    sizes = [size for size in zones.evaluate_all(ZONES_ON_PERSONS_RIGHT, "back") if size[0] in close_up.zone_ids]
    assert {size[0] for size in sizes} == set(close_up.zone_ids), sizes
    assert all(min(width, height) >= 44 for _, width, height in sizes), sizes
    outer_elbow = tablet.locator("svg.bodymap-back [data-zone='lateral_epicondyle']").last
    tap_and_wait_for_rerun(tablet, tablet.locator(".st-key-zoom button", has_text=dataset.regions["elbow"].name).first)
    outer_elbow.tap()
    expect(outer_elbow).to_have_attribute("aria-pressed", "true")


# Whether the zoomed figure's top edge is what a person sees there: the point just inside it is the figure's own,
# not the controls above it or a column that has scrolled it away.
ZOOMED_TOP_SHOWN = """() => {
  let figure = null;
  const visit = (root) => {
    for (const el of root.querySelectorAll("*")) {
      if (!figure && el.matches("figure.bodymap-view.is-zoomed")) figure = el;
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  if (!figure) return null;
  const svg = figure.querySelector("svg");
  const box = svg.getBoundingClientRect();
  const [x, y] = [box.left + box.width / 2, box.top + 4];
  if (y < 0 || y > window.innerHeight) return false;
  return svg.contains(svg.getRootNode().elementFromPoint(x, y));
}"""


@pytest.mark.parametrize("screen", ["tablet", "phone"])
def test_a_close_up_chosen_under_the_map_shows_its_top_edge(
    browser: Browser, tablet: Page, app_url: str, dataset: Dataset, screen: str
) -> None:
    """The zoom list sits under the map, so choosing from it scrolls the map's column (or the page) down; the close-up
    is then brought back into view, or the crown of the head or the fingertips would be hidden."""
    page = tablet if screen == "tablet" else touch_page(browser, PHONE)
    open_app(page, f"{app_url}/?mode=where")
    for close_up_id in ("face", "hand_palm"):
        pill = page.locator(".st-key-zoom button", has_text=dataset.close_ups[close_up_id].name).first
        tap_and_wait_for_rerun(page, pill)
        page.wait_for_function(ZOOMED_TOP_SHOWN, timeout=5_000)
    if page is not tablet:
        page.context.close()


def test_a_close_up_turns_to_the_left_side_for_pain_there(tablet: Page, app_url: str, dataset: Dataset) -> None:
    """A zoom shows the person's right side first; "Your left" shows the left one, finger-sized, and a tap there
    chooses the left finger."""
    open_app(tablet, f"{app_url}/?mode=where")
    close_up = dataset.close_ups["hand_palm"]
    tap_and_wait_for_rerun(tablet, tablet.locator(".st-key-zoom button", has_text=close_up.name).first)
    tap_and_wait_for_rerun(tablet, tablet.locator(".st-key-zoom_side button", has_text="Your left").first)
    finger = tablet.locator("svg.bodymap-front [data-zone='ring_finger_palm_side'][data-side='left']")
    expect(finger).to_be_in_viewport()
    box = finger.bounding_box()
    assert box and min(box["width"], box["height"]) >= 44, box
    right = tablet.locator("svg.bodymap-front [data-zone='ring_finger_palm_side'][data-side='right']")
    expect(right).not_to_be_in_viewport()
    finger.tap()
    expect(finger).to_have_attribute("aria-pressed", "true")
    expect(tablet).to_have_url(re.compile("zones=ring_finger_palm_side%3Aleft"))


def test_tapping_painful_areas_shows_their_warning_signs_above_the_muscles(
    tablet: Page, app_url: str, dataset: Dataset
) -> None:
    """A 60-year-old taps the temple and the eye: giant cell arteritis is named before any muscle, one tap opens it."""
    open_app(tablet, f"{app_url}/?mode=where")
    for zone_id in ("temple", "eye_and_behind_eye"):
        expect(tap_zone(tablet, zone_id)).to_have_attribute("aria-pressed", "true")
    gca = next(f for f in dataset.red_flags if f.scope == "head_jaw" and "giant cell" in f.name.casefold())
    warning = tablet.locator(".st-key-where_red_flags").get_by_text(gca.plain_name, exact=False)
    expect(warning).to_be_visible(timeout=10_000)
    first_muscle = tablet.locator("[class*='st-key-match_']").first
    expect(first_muscle).to_be_visible()
    warnings_box = tablet.locator(".st-key-where_red_flags").bounding_box()
    muscle_box = first_muscle.bounding_box()
    assert warnings_box and muscle_box and warnings_box["y"] + warnings_box["height"] <= muscle_box["y"]
    warning.tap()  # the detail is one tap away
    expect(tablet.locator(".st-key-where_red_flags").get_by_text(gca.plain_text[:40], exact=False)).to_be_visible()


def test_an_area_is_chosen_on_the_side_tapped_and_its_pattern_drawn_there(tablet: Page, app_url: str) -> None:
    """A patient with pain at the left heel cord taps it there: only that side fills, the list says so, and the
    muscle opened from the list is drawn on the left (mirrored), as the patient feels it."""
    open_app(tablet, f"{app_url}/?mode=where")
    left = tap_zone(tablet, "achilles_lower", side="left")
    right = tablet.locator("[data-zone='achilles_lower'][data-side='right']").first
    expect(left).to_have_attribute("aria-pressed", "true")
    expect(left).to_have_attribute("aria-label", "Achilles tendon, just above the heel, your left")
    expect(right).to_have_attribute("aria-pressed", "false")
    expect(tablet.get_by_text("You chose: Achilles tendon, just above the heel (your left)")).to_be_visible()
    assert parse_qs(urlparse(tablet.url).query)["zones"] == ["achilles_lower:left"]
    tap_and_wait_for_rerun(tablet, tablet.locator(".st-key-open_soleus button"))
    switch = tablet.get_by_role("radio", name="Your left")
    expect(switch).to_be_checked()
    essential_sides = tablet.locator("svg.bodymap-back .zone.is-essential").evaluate_all(
        "zones => [...new Set(zones.map((zone) => zone.getAttribute('data-side')))]"
    )
    assert essential_sides == ["left"], essential_sides
