"""Pages that fit the moment: at the chair the map is large, whole and stays in view while the details scroll."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from bodymap.data import PACKAGED_DATA_DIR, Dataset, load_dataset
from tests.browser.harness import PHONE, open_app, touch_page, wait_for_app
from tests.colour import contrast

# Both views' boxes on screen, in CSS px, and the viewport: the map lives in a shadow root.
MAP_BOXES = """() => {
  const hosts = [...document.querySelectorAll('*')].filter((node) => node.shadowRoot);
  const svgs = hosts.flatMap((host) => [...host.shadowRoot.querySelectorAll('svg.bodymap')]);
  return { boxes: svgs.map((svg) => { const r = svg.getBoundingClientRect(); return [r.top, r.bottom, r.height]; }),
           bar: document.querySelector('.st-key-disclaimer').getBoundingClientRect().bottom,
           height: innerHeight };
}"""
MIN_MAP_HEIGHT = 560  # px on a 1024x768 tablet: large enough to point at while explaining


def _scroll_details(page: Page, pixels: int) -> None:
    page.mouse.move(800, 500)  # over the details column
    page.mouse.wheel(0, pixels)
    page.wait_for_timeout(600)


def test_therapist_map_is_560_px_and_whole_on_a_tablet(tablet: Page, app_url: str) -> None:
    open_app(tablet, f"{app_url}/?region=low_back&audience=therapist")
    seen = tablet.evaluate(MAP_BOXES)
    assert len(seen["boxes"]) == 2
    for top, bottom, height in seen["boxes"]:
        assert height >= MIN_MAP_HEIGHT
        assert top >= seen["bar"] and bottom <= seen["height"], "both views whole on screen, below the bar"


def test_the_map_and_the_disclaimer_stay_in_view_while_the_details_scroll(tablet: Page, app_url: str) -> None:
    open_app(tablet, f"{app_url}/?region=low_back&audience=therapist")
    _scroll_details(tablet, 2500)
    seen = tablet.evaluate(MAP_BOXES)
    assert 0 <= seen["bar"] <= 80, "the one-line disclaimer bar is still at the top"
    for top, bottom, _ in seen["boxes"]:
        assert top >= seen["bar"] and bottom <= seen["height"], "the map is still whole on screen"


MAP_TOP = """() => {
  const hosts = [...document.querySelectorAll('*')].filter((node) => node.shadowRoot);
  const wrap = hosts.map((host) => host.shadowRoot.querySelector('.bodymap-wrap')).find(Boolean);
  return wrap.getBoundingClientRect().top;
}"""


SUPINATOR_PLAIN_NAME = load_dataset(PACKAGED_DATA_DIR).muscles["supinator"].plain_name


def test_on_a_phone_a_pattern_opened_from_the_text_brings_the_map_into_view(browser: Browser, app_url: str) -> None:
    phone = touch_page(browser, PHONE)
    open_app(phone, f"{app_url}/?region=elbow&audience=patient")
    folded = phone.locator("details.fold summary", has_text="Muscles that may send pain here")
    folded.scroll_into_view_if_needed()
    folded.tap()  # the patient's list of muscles is folded; it opens in the browser
    muscle = phone.locator("button.action", has_text=f"Show on the map: {SUPINATOR_PLAIN_NAME}")
    muscle.scroll_into_view_if_needed()
    assert phone.evaluate(MAP_TOP) < 0, "the map is above the screen before the tap"
    muscle.tap()
    phone.locator(".muscle.is-pattern-muscle").first.wait_for(state="attached", timeout=10_000)
    phone.wait_for_function(f"() => {{ const top = ({MAP_TOP})(); return top >= 0 && top < innerHeight / 2; }}")
    phone.context.close()


SIDE_WORDS = """() => {
  const hosts = [...document.querySelectorAll('*')].filter((node) => node.shadowRoot);
  const words = hosts.flatMap((host) => [...host.shadowRoot.querySelectorAll('.side-word')]);
  return words.map((word) => [word.textContent, word.getBoundingClientRect().height]);
}"""


def test_the_figure_says_your_right_and_your_left_large_enough_to_read(tablet: Page, app_url: str) -> None:
    open_app(tablet, f"{app_url}/?region=neck&audience=therapist")
    words = tablet.evaluate(SIDE_WORDS)
    assert sorted(text for text, _ in words) == ["Your left", "Your left", "Your right", "Your right"]
    assert min(height for _, height in words) >= 12  # px: the text's box, at least the size of the label text


LABEL_HEIGHTS = """() => {
  const hosts = [...document.querySelectorAll('*')].filter((node) => node.shadowRoot);
  const selector = '.side-label, .inset-label, .selection-label text';
  const labels = hosts.flatMap((host) => [...host.shadowRoot.querySelectorAll(selector)]);
  return labels.map((label) => [label.textContent, label.getBoundingClientRect().height]);
}"""


def test_on_a_phone_the_words_on_the_figure_are_still_12_px(browser: Browser, app_url: str) -> None:
    """The figure is about 175 px wide on a 390 px phone; its words grow so they stay readable (12 px or more)."""
    phone = touch_page(browser, PHONE)
    open_app(phone, f"{app_url}/?region=foot&audience=patient")
    phone.locator(".selection-label").first.wait_for(state="attached", timeout=10_000)
    labels = phone.evaluate(LABEL_HEIGHTS)
    assert {text for text, _ in labels} >= {"Your right", "Your left", "Soles", "L", "R", "Foot and heel"}
    small = [(text, round(height, 1)) for text, height in labels if height < 12]
    assert small == []
    phone.context.close()


SHOWN_SIDE_WORDS = """() => {
  const hosts = [...document.querySelectorAll('*')].filter((node) => node.shadowRoot);
  const words = hosts.flatMap((host) => [...host.shadowRoot.querySelectorAll('.side-word, .close-up-side')]);
  return words.filter((word) => word.getBoundingClientRect().height > 0).map((word) => word.textContent);
}"""


def test_a_close_up_names_its_side_once_and_never_in_cut_off_words(tablet: Page, app_url: str) -> None:
    """The close-up of a shin pattern reaches the feet, whose words it would enlarge and cut ("our right")."""
    open_app(tablet, f"{app_url}/?muscle=tibialis_anterior&audience=therapist")
    tablet.locator(".close-up-side").first.wait_for(state="attached", timeout=10_000)
    assert tablet.evaluate(SHOWN_SIDE_WORDS) == ["Your right"]


PATTERN_SIDES = """() => {
  const hosts = [...document.querySelectorAll('*')].filter((node) => node.shadowRoot);
  const root = hosts.map((host) => host.shadowRoot).find((shadow) => shadow.querySelector('.bodymap-wrap'));
  const zones = root.querySelectorAll('svg.bodymap .zone.is-essential');
  const sides = [...zones].map((zone) => zone.getAttribute('data-side'));
  const muscle = root.querySelector('.muscle.is-pattern-muscle');
  const box = muscle.getBoundingClientRect(), back = root.querySelector('svg.bodymap-back').getBoundingClientRect();
  return { sides: [...new Set(sides)].sort(), muscleCentre: (box.left + box.right) / 2 - (back.left + back.right) / 2 };
}"""


def test_a_pattern_can_be_drawn_on_the_patients_left(tablet: Page, app_url: str) -> None:
    """The data places trigger points on the right, as Travell & Simons draw them; mirrored, the whole pattern moves."""
    open_app(tablet, f"{app_url}/?muscle=infraspinatus&audience=therapist")
    tablet.locator(".st-key-pattern_view button").filter(has_text="Whole body").tap()
    expect(tablet.get_by_role("radio", name="Whole body")).to_be_checked()
    tablet.wait_for_function(f"() => ({PATTERN_SIDES})().muscleCentre !== undefined")
    wait_for_app(tablet)
    right = tablet.evaluate(PATTERN_SIDES)
    assert right["sides"] == ["right"] and right["muscleCentre"] > 0  # back view: the person's right is on the right
    tablet.locator(".st-key-pattern_side button").filter(has_text="Your left").tap()
    expect(tablet.get_by_text("Infraspinatus, drawn on the left side", exact=False)).to_be_visible(timeout=10_000)
    left = tablet.evaluate(PATTERN_SIDES)
    assert left["sides"] == ["left"] and left["muscleCentre"] < 0


SPILLOVER_FILLS = """() => {
  const hosts = [...document.querySelectorAll('*')].filter((node) => node.shadowRoot);
  const root = hosts.map((host) => host.shadowRoot).find((shadow) => shadow.querySelector('.bodymap-wrap'));
  return [...root.querySelectorAll('svg.bodymap .zone.is-spillover')].map((zone) => {
    const fill = getComputedStyle(zone).fill;
    const id = (fill.match(/#([\\w-]+)/) || [])[1];
    // url(#id) takes the first element with that id in the shadow root: it must be in a figure that is shown.
    const pattern = id ? root.getElementById(id) : null;
    return [zone.getAttribute('data-zone'), Boolean(pattern) && !pattern.closest('figure').hidden];
  });
}"""


def test_spillover_zones_are_hatched_from_their_own_view_when_the_other_is_hidden(tablet: Page, app_url: str) -> None:
    """Biceps femoris is all on the back: its close-up hides the front view, which must not take the hatching along."""
    open_app(tablet, f"{app_url}/?muscle=biceps_femoris&audience=therapist")
    tablet.wait_for_function(f"() => ({SPILLOVER_FILLS})().length > 0")
    fills = tablet.evaluate(SPILLOVER_FILLS)
    assert all(found for _, found in fills), fills


PROJECTOR = {"width": 1280, "height": 800}
MATRIX_TEXT = """() => [...document.querySelectorAll("table.matrix th, table.matrix td")]
  .filter((cell) => cell.textContent.trim())
  .map((cell) => {
    const style = getComputedStyle(cell);
    const box = cell.getBoundingClientRect();
    return [cell.textContent.trim().slice(0, 30), parseFloat(style.fontSize), style.color, style.backgroundColor,
            box.width, box.height];
  })"""


@pytest.mark.parametrize("query", ["region=elbow", "region=low_back", ""], ids=["elbow", "low back", "whole body"])
def test_the_matrix_reads_on_a_projector(browser: Browser, app_url: str, query: str) -> None:
    """At 1280x800: every label and letter horizontal text of 14 px or more at 4.5:1 on its own cell, cells large
    enough to read E and S, and the header still in view when the table is scrolled down."""
    page = browser.new_page(viewport=PROJECTOR)
    try:
        open_app(page, f"{app_url}/?{query}&mode=matrix&audience=educator")
        table = page.locator("table.matrix")
        expect(table).to_be_visible()
        cells = page.evaluate(MATRIX_TEXT)
        assert len(cells) > 10
        for text, size, colour, ground, width, height in cells:
            assert size >= 14, (text, size)
            assert contrast(colour, ground) >= 4.5, (text, colour, ground)
            assert width >= 28 and height >= 28, (text, width, height)
        header = page.locator("table.matrix thead th").first
        top = header.bounding_box()
        page.locator(".matrix-scroll").evaluate("(box) => { box.scrollTop = 400; }")
        page.wait_for_timeout(200)
        assert header.bounding_box() == top  # sticky: the header stays where it was
    finally:
        page.close()


LATERAL_ELBOW = ("supinator", "extensor_carpi_radialis", "brachioradialis")


@pytest.mark.parametrize("viewport", [PROJECTOR, {"width": 1024, "height": 768}], ids=["projector", "tablet"])
def test_three_muscles_of_lateral_elbow_pain_are_drawn_together_each_in_its_own_line(
    browser: Browser, app_url: str, dataset: Dataset, viewport: dict[str, int]
) -> None:
    """Each pattern's essential and spillover zones (on the person's right) carry its own classes, each trigger point
    its own X, and the legend names the two compared muscles; all three fit the close-up."""
    page = browser.new_page(viewport=viewport)
    try:
        open_app(page, f"{app_url}/?audience=educator&muscle={','.join(LATERAL_ELBOW)}")
        expect(page.locator(".bodymap-compare-legend")).to_have_text(
            "".join(dataset.muscles[m].name for m in LATERAL_ELBOW[1:])
        )
        for index, muscle_id in enumerate(LATERAL_ELBOW):
            kinds = {r.zone_id: r.kind for r in dataset.referrals if r.muscle_id == muscle_id}
            essential = "is-essential" if index == 0 else f"is-compare-{index}"
            spillover = "is-spillover" if index == 0 else f"is-compare-{index}-spillover"
            drawn = page.locator("[data-zone]").evaluate_all(
                """(zones, [essential, spillover]) => zones
                  .filter((zone) => zone.getAttribute('data-side') !== 'left')
                  .map((zone) => [zone.getAttribute('data-zone'), zone.classList.contains(essential),
                                  zone.classList.contains(spillover)])""",
                [essential, spillover],
            )
            assert {zone for zone, e, _ in drawn if e} == {z for z, k in kinds.items() if k == "essential"}, muscle_id
            assert {zone for zone, _, s in drawn if s} == {z for z, k in kinds.items() if k == "spillover"}, muscle_id
            marks = page.locator(".trigger-point" + (f".compare-{index}" if index else ":not([class*=compare])"))
            assert marks.count() == sum(1 for point in dataset.trigger_points if point.muscle_id == muscle_id)
            for mark in marks.all():  # inside the figure as framed: the close-up holds all three patterns
                box, frame = (
                    mark.bounding_box(),
                    mark.locator("xpath=ancestor::*[local-name()='svg'][1]").bounding_box(),
                )
                assert (
                    box and frame and frame["x"] <= box["x"] and box["x"] + box["width"] <= frame["x"] + frame["width"]
                )
                assert frame["y"] <= box["y"] and box["y"] + box["height"] <= frame["y"] + frame["height"]
    finally:
        page.close()


def test_the_presenter_view_gives_the_map_the_wide_column_and_the_text_20_px(browser: Browser, app_url: str) -> None:
    page = browser.new_page(viewport=PROJECTOR)
    try:
        open_app(page, f"{app_url}/?region=elbow&audience=educator&present=1")
        paragraph = page.locator(".st-key-presenter_panel [data-testid=stMarkdownContainer] p").first
        expect(paragraph).to_be_visible()
        assert float(paragraph.evaluate("(p) => getComputedStyle(p).fontSize").removesuffix("px")) >= 20
        map_box = page.locator(".st-key-map_column").bounding_box()
        panel_box = page.locator(".st-key-presenter_panel").bounding_box()
        assert map_box and panel_box and map_box["width"] > panel_box["width"]
        for figure in page.locator(".bodymap-view svg").all():  # both views whole on the screen, feet included
            box = figure.bounding_box()
            assert box and box["y"] + box["height"] <= PROJECTOR["height"], box
    finally:
        page.close()
