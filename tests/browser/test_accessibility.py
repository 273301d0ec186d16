"""Accessibility in the browser: axe-core on every view, keyboard and focus, target sizes, contrast, reduced motion.

axe-core comes bundled with ``axe-playwright-python`` and is injected into the page, so nothing is fetched. Targets
are measured on a 1024x768 touch tablet, the clinic's device.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from bodymap.data import AUDIENCES, Dataset, Zone
from bodymap.lookup import selectable_regions
from bodymap.panel import DETAILS_ANCHOR
from bodymap.ui.atlas import AREA_LIST_TITLE
from bodymap.ui.page import AREA_LIST_LABEL, SKIP_LINK_WORDS
from tests.browser.harness import (
    TABLET_LANDSCAPE,
    open_app,
    press_and_wait_for_rerun,
    tap_and_wait_for_rerun,
    wait_for_app,
)
from tests.colour import contrast

AXE = Axe()
SERIOUS = ("serious", "critical")
MIN_TARGET = 44  # CSS pixels: WCAG 2.5.5 target size, and Apple's and Google's touch guidance

# Every audience's layout, on the region with the most content and on one spread over both views; regions differ only
# in their data, which the security tests render in full.
REGIONS = ("neck", "foot")
AUDIT_VIEWS = {
    **{f"{region}-{audience}": f"?region={region}&audience={audience}" for region in REGIONS for audience in AUDIENCES},
    "start": "",
    "where-it-hurts": "?mode=where&zones=lateral_epicondyle,back_of_hand_lower_thumb_side",
    "pattern": "?muscle=supinator",
    "matrix": "?mode=matrix&region=low_back&audience=educator",
}


def full_height(page: Page) -> None:
    """Make the viewport as tall as the page, so axe checks the contrast of text below the fold too.

    axe-core only judges the colour contrast of text inside the viewport (the rest is "incomplete"), and Streamlit
    scrolls its main block rather than the document, so the page has to be made as tall as its content.
    """
    height = page.evaluate(
        "() => Math.max(...[document.scrollingElement, ...document.querySelectorAll('[data-testid=stMain],"
        " [data-testid=stMainBlockContainer]')].map((el) => el ? el.scrollHeight : 0))"
    )
    page.set_viewport_size({"width": TABLET_LANDSCAPE["width"], "height": min(int(height) + 200, 20_000)})
    wait_for_app(page)


def serious_violations(page: Page) -> list[str]:
    results = AXE.run(page, options={"resultTypes": ["violations"]}).response["violations"]
    found = []
    for violation in results:
        if violation["impact"] not in SERIOUS:
            continue
        for node in violation["nodes"]:
            message = "; ".join(check["message"] for check in node["any"] + node["all"] + node["none"])
            found.append(f"{violation['id']} ({violation['impact']}) at {node['target']}: {message}")
    return found


@pytest.mark.parametrize("query", AUDIT_VIEWS.values(), ids=AUDIT_VIEWS.keys())
def test_no_serious_or_critical_axe_violations(tablet: Page, app_url: str, query: str) -> None:
    open_app(tablet, f"{app_url}/{query}")
    full_height(tablet)
    assert serious_violations(tablet) == []


# Every control outside the map (which has its own tests below) and its size. Left out: links inside running text
# (WCAG's inline exception), the skip link (1x1 until focused) and the hidden radio inputs whose rows are the target.
UNDERSIZED_CONTROLS = """(minimum) => {
  const controls = document.querySelectorAll(
    "button, summary, input, [role=combobox], [role=button], [data-testid=stRadio] [role=radiogroup] label, a[href], " +
    "[data-testid=stCheckbox] label");
  return [...controls]
    .filter((el) => !el.closest("[data-region], [data-zone]"))
    .filter((el) => !(el.matches("a") && el.closest("[data-testid=stMarkdownContainer]")))
    .filter((el) => !el.matches("input[type=radio], input[type=checkbox]"))
    .filter((el) => el.textContent.trim() !== "Skip to main content")
    .map((el) => {
      const box = el.getBoundingClientRect();
      const name = (el.getAttribute("aria-label") || el.textContent || el.tagName).trim().slice(0, 40);
      return [name, Math.round(box.width), Math.round(box.height)];
    })
    .filter(([, w, h]) => w > 0 && h > 0 && (w < minimum || h < minimum));
}"""


@pytest.mark.parametrize(
    "query", [*AUDIT_VIEWS.values(), "?mode=quiz&audience=educator&seed=3"], ids=[*AUDIT_VIEWS, "self-test"]
)
def test_every_control_is_a_44px_target(tablet: Page, app_url: str, query: str) -> None:
    """Buttons, section headers, inputs and answer rows: one tap each on a tablet, none hover-only."""
    open_app(tablet, f"{app_url}/{query}")
    assert tablet.evaluate(UNDERSIZED_CONTROLS, MIN_TARGET) == []


ACTIVE_ELEMENT = """() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el || !el.matches("[data-region], [data-zone]")) return null;
  const attribute = el.hasAttribute("data-zone") && el.getAttribute("role") === "button" ? "data-zone" : "data-region";
  const shape = el.matches(".zone") ? el : el.querySelector(".zone");
  const style = getComputedStyle(shape);
  return {
    attribute,
    id: el.getAttribute(attribute),
    view: el.ownerSVGElement.classList.contains("bodymap-front") ? "front" : "back",
    ring: [style.stroke, style.strokeWidth, style.outlineStyle, style.outlineWidth],
  };
}"""

# How each region's first zone looks with no focus on it, keyed "region view".
RESTING_LOOK = """(attribute) => {
  const looks = {};
  const visit = (root) => {
    for (const el of root.querySelectorAll("*")) {
      if (el.hasAttribute(attribute)) {
        const shape = el.matches(".zone") ? el : el.querySelector(".zone");
        const style = getComputedStyle(shape);
        const view = el.ownerSVGElement.classList.contains("bodymap-front") ? "front" : "back";
        looks[`${el.getAttribute(attribute)} ${view}`] = [style.stroke, style.strokeWidth, style.outlineStyle,
          style.outlineWidth];
      }
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  return looks;
}"""


def focus_map(page: Page, attribute: str) -> None:
    """Press Tab from the top of the page until the map has the keyboard focus."""
    for _ in range(40):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE_ELEMENT)
        if active and active["attribute"] == attribute:
            return
    raise AssertionError(f"Tab never reached the map's [{attribute}] areas")


def arrow_through(page: Page, resting: dict[str, list[str]], presses: int) -> dict[str, list[str]]:
    """From the focused area, press the down arrow; return how each map shape looked while it had the focus, checking
    it against its ``resting`` look (``RESTING_LOOK``, taken with nothing focused)."""
    focused: dict[str, list[str]] = {}
    for _ in range(presses):
        active = page.evaluate(ACTIVE_ELEMENT)
        assert active, "the arrow keys moved the focus off the map"
        key = f"{active['id']} {active['view']}"
        focused[key] = active["ring"]
        assert active["ring"] != resting[key], f"{key} shows no focus ring: {active['ring']}"
        page.keyboard.press("ArrowDown")
    return focused


def tab_stops_on_the_map(page: Page, attribute: str) -> int:
    """How many Tab presses the map takes, from its first stop until the focus leaves it."""
    focus_map(page, attribute)
    for stops in range(1, 200):
        page.keyboard.press("Tab")
        if not page.evaluate(ACTIVE_ELEMENT):
            return stops
    raise AssertionError("Tab never left the map")


def test_the_map_is_one_tab_stop_and_the_arrow_keys_reach_every_complete_region(
    tablet: Page, app_url: str, dataset: Dataset
) -> None:
    open_app(tablet, app_url)
    resting = tablet.evaluate(RESTING_LOOK, "data-region")
    assert tab_stops_on_the_map(tablet, "data-region") == 1
    tablet.keyboard.press("Shift+Tab")  # back onto the map, where it was left
    focused = arrow_through(tablet, resting, presses=30)
    reached = {key.split()[0] for key in focused}
    assert {region.id for region in selectable_regions(dataset)} <= reached
    assert {key.split()[1] for key in focused} == {"front", "back"}, "the arrows go on from the front to the back"
    tablet.keyboard.press("End")
    last = tablet.evaluate(ACTIVE_ELEMENT)
    tablet.keyboard.press("Home")
    first = tablet.evaluate(ACTIVE_ELEMENT)
    assert (first["view"], last["view"]) == ("front", "back")


def test_where_it_hurts_is_one_tab_stop_and_the_arrow_keys_reach_the_zones_with_a_focus_ring(
    tablet: Page, app_url: str, dataset: Dataset
) -> None:
    open_app(tablet, f"{app_url}/?mode=where")
    resting = tablet.evaluate(RESTING_LOOK, "data-zone")
    assert tab_stops_on_the_map(tablet, "data-zone") == 1
    tablet.keyboard.press("Shift+Tab")
    focused = arrow_through(tablet, resting, presses=40)
    assert len(focused) >= 20, f"only {len(focused)} zones took the focus: {sorted(focused)}"
    tablet.keyboard.press("Enter")
    key = tablet.evaluate(ACTIVE_ELEMENT)
    zone = tablet.locator(f"[data-zone='{key['id']}'][aria-pressed='true']")
    expect(zone).to_have_count(1, timeout=10_000)


# Each region's tappable pieces on the map: its zones' boxes, merged where they touch or overlap (both elbows are two
# pieces, the neck's zones one). Sizes in CSS pixels.
REGION_PIECES = """(ids) => {
  const out = [];
  const visit = (root) => {
    for (const el of root.querySelectorAll("*")) {
      if (el.matches("[data-region]") && ids.includes(el.getAttribute("data-region"))) out.push(el);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  const touch = (a, b) => a.x <= b.x + b.w + 1 && b.x <= a.x + a.w + 1 && a.y <= b.y + b.h + 1 && b.y <= a.y + a.h + 1;
  const join = (a, b) => {
    const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
    return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
  };
  return out.map((group) => {
    let pieces = [...group.querySelectorAll(".zone")].map((zone) => zone.getBoundingClientRect())
      .filter((r) => r.width > 0).map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height }));
    for (let merged = true; merged;) {
      merged = false;
      for (let i = 0; i < pieces.length && !merged; i++) {
        for (let j = i + 1; j < pieces.length && !merged; j++) {
          if (touch(pieces[i], pieces[j])) {
            pieces = [...pieces.filter((_, k) => k !== i && k !== j), join(pieces[i], pieces[j])];
            merged = true;
          }
        }
      }
    }
    const view = group.ownerSVGElement.classList.contains("bodymap-front") ? "front" : "back";
    const sizes = pieces.map((p) => [Math.round(p.w), Math.round(p.h)]);
    return { id: group.getAttribute("data-region"), view, pieces: sizes };
  });
}"""


def choice(page: Page, group: str, name: str) -> Locator:
    """One option of a Streamlit pills or segmented control, found by the control's label and the option's name."""
    return page.get_by_role("radiogroup", name=group, exact=True).get_by_role("radio", name=name, exact=True)


def pick(page: Page, group: str, name: str) -> None:
    """Tap an option and wait for the run it starts, so the next tap is not lost to a control being redrawn."""
    option = choice(page, group, name)
    tap_and_wait_for_rerun(page, option)
    expect(option).to_have_attribute("aria-checked", "true", timeout=10_000)


def too_small(size: list[int]) -> bool:
    return size[0] < MIN_TARGET or size[1] < MIN_TARGET


def test_every_selectable_region_has_a_44px_target(tablet: Page, app_url: str, dataset: Dataset) -> None:
    """Each piece of a region on the map, or else its button in the region list, is at least 44x44 CSS pixels."""
    open_app(tablet, app_url)
    regions = selectable_regions(dataset)
    measured = tablet.evaluate(REGION_PIECES, [region.id for region in regions])
    small = []
    for region in regions:
        pieces = [
            f"{shape['view']} {w}x{h}" for shape in measured if shape["id"] == region.id for w, h in shape["pieces"]
        ]
        if not any(too_small(size) for shape in measured if shape["id"] == region.id for size in shape["pieces"]):
            continue
        box = choice(tablet, "Or choose a region", region.name).bounding_box()
        if box is None or too_small([round(box["width"]), round(box["height"])]):
            size = f"{round(box['width'])}x{round(box['height'])}" if box else "missing"
            small.append(f"{region.id}: map pieces {', '.join(pieces)}; list button {size}")
    assert small == [], "targets under 44x44 CSS px:\n" + "\n".join(small)


# Pieces of other regions whose centre a finger cannot reach because the selected region's name tag lies on top.
COVERED_BY_NAME_TAG = """() => {
  const host = [...document.querySelectorAll("*")].find((el) => el.shadowRoot &&
    el.shadowRoot.querySelector("[data-region]"));
  const root = host.shadowRoot;
  const covered = [];
  for (const zone of root.querySelectorAll("[data-region] .zone")) {
    const box = zone.getBoundingClientRect();
    const hit = root.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    if (hit && hit.closest(".selection-label")) covered.push(zone.closest("[data-region]").getAttribute("data-region"));
  }
  return [...new Set(covered)];
}"""


def test_the_name_tag_never_takes_a_tap_meant_for_a_region(tablet: Page, app_url: str, dataset: Dataset) -> None:
    open_app(tablet, app_url)
    covered = {}
    for region in selectable_regions(dataset):
        pick(tablet, "Or choose a region", region.name)
        expect(tablet.locator(".selection-label text").first).to_have_text(region.name)
        hidden = tablet.evaluate(COVERED_BY_NAME_TAG)
        if hidden:
            covered[region.id] = hidden
    assert covered == {}, f"selected region: regions whose pieces its name tag covers: {covered}"


ZONE_SIZES = """() => {
  const out = [];
  const visit = (root) => {
    for (const el of root.querySelectorAll("*")) {
      if (el.matches(".zone[data-zone]")) {
        const r = el.getBoundingClientRect();
        if (r.width > 0) out.push([el.getAttribute("data-zone"), Math.round(r.width), Math.round(r.height)]);
      }
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  return out;
}"""


def test_where_it_hurts_offers_the_zoom_for_every_region_with_small_zones(
    tablet: Page, app_url: str, dataset: Dataset
) -> None:
    """On the full-body figure most zones are far under 44x44 CSS px (the smallest about 5x20): the zoom under the
    map is their equivalent larger target, so every region with such a zone must be offered there. The next test
    measures the zoomed targets."""
    open_app(tablet, f"{app_url}/?mode=where")
    small = {zone for zone, w, h in tablet.evaluate(ZONE_SIZES) if too_small([w, h])}
    assert small, "the full-body zones are expected to be small; if not, this test no longer says anything"
    needing_zoom = {dataset.regions[dataset.zones[zone].region_id].name for zone in small}
    zoom = tablet.get_by_role("radiogroup", name="Zoom in on small areas", exact=True)
    offered = {name.strip() for name in zoom.get_by_role("radio").all_inner_texts()}
    assert needing_zoom <= offered, f"regions with small zones but no zoom: {sorted(needing_zoom - offered)}"


# The zoomed view's visible pieces of the given zones, clipped to the figure, once the zoom shows all of them on a
# viewBox other than the one before (the component redraws after the script run ends); null until then.
ZOOMED_ZONE_SIZES = """([ids, view, before]) => {
  let figure = null;
  const visit = (root) => {
    for (const el of root.querySelectorAll("*")) {
      if (!figure && el.matches(`figure.bodymap-view-${view}.is-zoomed`)) figure = el;
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  if (!figure || figure.hidden) return null;
  const svg = figure.querySelector("svg");
  const frame = svg.getBoundingClientRect();
  const pieces = [];
  for (const zone of figure.querySelectorAll(".zone[data-zone]")) {
    const id = zone.getAttribute("data-zone");
    const r = zone.getBoundingClientRect();
    const [cx, cy] = [r.x + r.width / 2, r.y + r.height / 2];
    if (!ids.includes(id) || cx < frame.left || cx > frame.right || cy < frame.top || cy > frame.bottom) continue;
    const w = Math.min(r.right, frame.right) - Math.max(r.left, frame.left);
    const h = Math.min(r.bottom, frame.bottom) - Math.max(r.top, frame.top);
    pieces.push([id, Math.round(w), Math.round(h)]);
  }
  const viewBox = svg.getAttribute("viewBox");
  const ready = viewBox !== before && ids.every((id) => pieces.some(([seen]) => seen === id));
  return ready ? { viewBox, pieces } : null;
}"""


def test_where_it_hurts_zones_are_44px_when_zoomed(tablet: Page, app_url: str, dataset: Dataset) -> None:
    """The zoom under the map shows one region close up: there every zone of that region is a 44x44 target, or else
    a hand's close-up (data/close_ups.csv), offered in the same list, shows it that large."""
    open_app(tablet, f"{app_url}/?mode=where")
    in_close_up = {zone_id for close_up in dataset.close_ups.values() for zone_id in close_up.zone_ids}
    small, before = [], "0 0 400 900"
    for region in dataset.regions.values():
        # Zooming opens the region's own view; its other view (if it has zones there) is one tap on "View" away. The
        # first view is awaited before that tap, or the zoom's run could reset the view chosen meanwhile.
        drawn = {zone.view for zone in _zones_of(dataset, region.id)}
        views = [region.view, *(view for view in ("front", "back") if view in drawn and view != region.view)]
        pick(tablet, "Zoom in on small areas", region.name)
        for view in views:
            wanted = [zone.id for zone in _zones_of(dataset, region.id) if zone.view == view]
            zoomed = None
            # A tap on "View" is occasionally undone by the run still finishing the zoom (seen about once in three
            # full runs on 2 cores); a second tap is what a person would do, so the test allows one.
            for _attempt in range(2 if view != region.view else 1):
                if view != region.view:
                    pick(tablet, "View", view.title())
                try:
                    zoomed = tablet.wait_for_function(ZOOMED_ZONE_SIZES, arg=[wanted, view, before], timeout=5_000)
                    break
                except PlaywrightTimeoutError:
                    continue
            if zoomed is None:
                pytest.fail(f"{region.id} {view}: the zoom never showed all of {wanted}")
            shown = zoomed.json_value()
            before = shown["viewBox"]
            small += [
                f"{region.id} {view} {zone} {w}x{h}"
                for zone, w, h in shown["pieces"]
                if too_small([w, h]) and zone not in in_close_up
            ]
    for close_up in dataset.close_ups.values():
        pick(tablet, "Zoom in on small areas", close_up.name)
        zoomed = tablet.wait_for_function(
            ZOOMED_ZONE_SIZES, arg=[list(close_up.zone_ids), close_up.view, before], timeout=10_000
        )
        shown = zoomed.json_value()
        before = shown["viewBox"]
        small += [f"{close_up.id} {zone} {w}x{h}" for zone, w, h in shown["pieces"] if too_small([w, h])]
    assert small == [], f"{len(small)} zoomed zone shapes under 44x44 CSS px:\n" + "\n".join(small)


def _zones_of(dataset: Dataset, region_id: str) -> list[Zone]:
    return [zone for zone in dataset.zones.values() if zone.region_id == region_id]


def test_reduced_motion_turns_off_map_transitions(browser: Browser, app_url: str) -> None:
    context = browser.new_context(viewport=TABLET_LANDSCAPE, has_touch=True, reduced_motion="reduce")
    page = context.new_page()
    open_app(page, f"{app_url}/?region=neck")
    moving = page.evaluate(
        """() => {
          const found = [];
          const visit = (root) => {
            for (const el of root.querySelectorAll("*")) {
              if (el.closest(".bodymap-wrap, .bodymap-legend")) {
                const style = getComputedStyle(el);
                const longest = (value) => Math.max(...value.split(",").map((part) => parseFloat(part) || 0));
                if (longest(style.transitionDuration) > 0 || longest(style.animationDuration) > 0) {
                  found.push(`${el.tagName}.${el.getAttribute("class")}: ${style.transitionDuration}`);
                }
              }
              if (el.shadowRoot) visit(el.shadowRoot);
            }
          };
          visit(document);
          return found;
        }"""
    )
    assert moving == []
    context.close()


FILL = """async (selector) => {
  const find = (root) => {
    const el = root.querySelector(selector);
    if (el) return el;
    for (const host of root.querySelectorAll("*")) {
      const found = host.shadowRoot ? find(host.shadowRoot) : null;
      if (found) return found;
    }
    return null;
  };
  const el = find(document);
  if (!el) return null;
  await Promise.all(el.getAnimations().map((animation) => animation.finished));  // the fill's transition, if any
  return getComputedStyle(el).fill;
}"""


@pytest.mark.parametrize(
    ("query", "marked", "around"),
    [
        ("?region=neck", "[data-region='neck'] .zone", "[data-region='shoulder'] .zone"),
        ("?muscle=supinator", ".zone.is-essential", ".zone:not(.is-essential):not(.is-spillover)"),
        ("?mode=where&zones=lateral_epicondyle", ".zone.is-chosen", ".zone:not(.is-chosen)"),
    ],
    ids=["selected-vs-neighbour", "essential-vs-plain", "chosen-vs-plain"],
)
def test_what_is_marked_stands_out_without_colour(
    tablet: Page, app_url: str, query: str, marked: str, around: str
) -> None:
    """A selected, chosen or essential area differs from its neighbours in lightness (3:1, WCAG 1.4.11), so it reads
    in greyscale and for colour-blind users; spillover zones are hatched, and the selection is also named in a tag."""
    open_app(tablet, f"{app_url}/{query}")
    fills = [tablet.evaluate(FILL, selector) for selector in (marked, around)]
    assert None not in fills, fills
    assert contrast(*fills) >= 3, f"{marked} {fills[0]} vs {around} {fills[1]}: {contrast(*fills):.2f}:1"


ACTIVE_TAG = """() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el) return null;
  const inMap = Boolean(el.closest("[data-region], [data-zone]"));
  return { tag: el.tagName, text: (el.textContent || "").trim(), inMap, top: el.getBoundingClientRect().top };
}"""


@pytest.mark.parametrize("query", ["?region=low_back&audience=therapist", "?mode=where"], ids=["region", "where"])
def test_the_first_tab_stop_skips_past_the_map_to_the_panel_heading(tablet: Page, app_url: str, query: str) -> None:
    open_app(tablet, f"{app_url}/{query}")
    for _ in range(3):  # Streamlit's own "skip to content" link may come first
        tablet.keyboard.press("Tab")
        active = tablet.evaluate(ACTIVE_TAG)
        if active and active["text"] == SKIP_LINK_WORDS:
            break
    else:
        raise AssertionError(f"the skip link is not among the first Tab stops: {active}")
    link = tablet.get_by_role("link", name=SKIP_LINK_WORDS)
    box = link.bounding_box()
    assert box and box["x"] >= 0 and box["height"] >= MIN_TARGET, f"the focused skip link is not shown: {box}"
    tablet.keyboard.press("Enter")
    heading = tablet.locator(f"h2#{DETAILS_ANCHOR}")
    expect(heading).to_be_in_viewport(timeout=5_000)
    expect(heading).to_be_focused(timeout=5_000)  # so the next Tab goes on from the panel, not from the map


def _choose_from_the_list(page: Page, typed: str, option_name: str, chosen: Locator) -> None:
    """Type into the area list and take the option with Enter, as a keyboard user does, until ``chosen`` is pressed.

    Once in ten browser runs (and about one in two right after the skip-link tests) the list was drawn again while it
    was being typed into: Enter then took nothing, or (once in 15 runs, 2026-12-04) the typing was wiped before the
    option showed. Then it is typed again, once; the caller still checks the map.
    """
    box = page.get_by_label(AREA_LIST_LABEL)
    for _attempt in range(2):
        box.click()
        page.keyboard.type(typed)
        # Enter takes the highlighted option: pressed before the list has filtered down to it, it takes nothing.
        try:
            expect(page.get_by_role("option", name=option_name)).to_be_visible()
        except AssertionError:
            box.fill("")
            continue
        press_and_wait_for_rerun(page, "Enter")
        if chosen.get_attribute("aria-pressed") == "true":
            return
        box.fill("")


def test_where_it_hurts_takes_an_area_typed_into_its_list_and_fills_it_on_the_map(tablet: Page, app_url: str) -> None:
    """The list is the keyboard's and the screen reader's way to choose, and an area too small to tap."""
    open_app(tablet, f"{app_url}/?mode=where")
    tap_and_wait_for_rerun(tablet, tablet.get_by_text(AREA_LIST_TITLE))
    zone = tablet.locator("[data-zone='calf_upper_inner'][data-side='right']").first
    _choose_from_the_list(tablet, "upper calf, inner side (your right)", "Upper calf, inner side (your right)", zone)
    expect(zone).to_have_attribute("aria-pressed", "true", timeout=10_000)
    expect(tablet.locator("[data-zone='calf_upper_inner'][data-side='left']").first).to_have_attribute(
        "aria-pressed", "false"
    )
    expect(tablet.get_by_text("You chose: Upper calf, inner side (your right)")).to_be_visible()


FOCUS_RING = """() => {
  let el = document.activeElement;
  while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
  if (!el || el === document.body) return null;
  // A tick box's input is hidden under its row: the row is what shows the focus.
  if (el.matches("input[type=checkbox], input[type=radio]")) el = el.closest("label") || el;
  const style = getComputedStyle(el);
  return { name: (el.getAttribute("aria-label") || el.textContent || el.tagName).trim().slice(0, 40),
           colour: style.outlineColor, width: parseFloat(style.outlineWidth), line: style.outlineStyle };
}"""


def _rgb_hex(css: str) -> str:
    red, green, blue = (int(part) for part in css[css.index("(") + 1 : css.index(")")].split(",")[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


def test_every_control_reached_by_tab_shows_a_2px_focus_ring_at_3_to_1(tablet: Page, app_url: str) -> None:
    """The page's controls (not the map, which rings its own shapes): at least 2 px, 3:1 against the page."""
    open_app(tablet, f"{app_url}/?region=low_back&audience=therapist")  # buttons, pills, tick boxes, expanders
    seen = {}
    for _ in range(30):
        tablet.keyboard.press("Tab")
        ring = tablet.evaluate(FOCUS_RING)
        if ring and ring["name"] not in seen and not tablet.evaluate(ACTIVE_ELEMENT):
            seen[ring["name"]] = ring
    assert len(seen) >= 8, f"only {len(seen)} controls reached: {sorted(seen)}"
    weak = {
        name: ring
        for name, ring in seen.items()
        if ring["line"] == "none" or ring["width"] < 2 or contrast(_rgb_hex(ring["colour"]), "#fbfaf7") < 3
    }
    assert weak == {}, f"focus rings under 2 px or 3:1: {weak}"


LIVE_REGIONS = """() => {
  const out = [];
  const visit = (root) => {
    for (const el of root.querySelectorAll("[aria-live], [role=alert], [role=status], [role=log]")) {
      out.push([el.getAttribute("aria-live") || el.getAttribute("role"), (el.textContent || "").trim()]);
    }
    for (const el of root.querySelectorAll("*")) if (el.shadowRoot) visit(el.shadowRoot);
  };
  visit(document);
  return out;
}"""


@pytest.mark.parametrize("audience", AUDIENCES)
def test_a_region_change_is_announced_once_and_politely(tablet: Page, app_url: str, audience: str) -> None:
    """A screen reader hears one short line when the region changes, never a burst of alerts (red flags are notes)."""
    open_app(tablet, f"{app_url}/?region=neck&audience={audience}")
    assert tablet.evaluate(LIVE_REGIONS) == [["polite", "Showing: Neck. Choose another region to change."]]
    pick(tablet, "Or choose a region", "Low back")
    expect(tablet.locator("p.bodymap-caption")).to_have_text("Showing: Low back. Choose another region to change.")
    assert [kind for kind, _ in tablet.evaluate(LIVE_REGIONS)] == ["polite"]
