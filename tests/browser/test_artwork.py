"""Geometry only a browser can check: every trigger point lies inside a shape of its zone, on the drawn side, and
inside its own muscle's outline; every muscle's outline and every bony landmark lies inside the body, and a
landmark never takes a tap from the area under it."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from bodymap.data import Dataset
from tests.browser.harness import open_app

VIEWS = ("front", "back")
ASSETS = Path(__file__).resolve().parents[2] / "assets"
INSIDE = """([zone, x, y]) => {
  const svg = document.querySelector("svg");
  const point = svg.createSVGPoint();
  point.x = x;
  point.y = y;
  return [...svg.querySelectorAll(`[data-zone="${zone}"]`)]
    .filter((shape) => shape.isPointInFill(point))
    .map((shape) => shape.getAttribute("data-side"));
}"""


@pytest.mark.parametrize("view", ["front", "back"])
def test_trigger_points_lie_inside_their_zone(browser: Browser, dataset: Dataset, view: str) -> None:
    page = browser.new_page()
    page.set_content((ASSETS / f"body_{view}.svg").read_text(encoding="utf-8"))
    points = [point for point in dataset.trigger_points if dataset.zones[point.zone_id].view == view]
    sides = {point.id: page.evaluate(INSIDE, [point.zone_id, point.x, point.y]) for point in points}
    page.close()
    assert points
    assert [point_id for point_id, found in sides.items() if not found] == [], "outside their zone"
    # Patterns are drawn on the person's right and the midline (data-side), so the X marks must be there too.
    assert [point_id for point_id, found in sides.items() if "left" in found] == [], "on the side not drawn"


IN_MUSCLE = """([muscle, x, y]) => {
  const svg = document.querySelector("svg");
  const point = svg.createSVGPoint();
  point.x = x;
  point.y = y;
  return [...svg.querySelectorAll(`.muscle[data-muscle="${muscle}"]`)].some((shape) => shape.isPointInFill(point));
}"""
# Points along each muscle outline that fall outside the silhouette: its fill, or the outline the app draws (1.5 units
# wide, so an edge that follows the body's edge may lie up to 0.75 units past it).
OUTSIDE_BODY = """() => {
  const svg = document.querySelector("svg");
  const body = svg.querySelector(".silhouette");
  body.setAttribute("stroke", "black");
  body.setAttribute("stroke-width", "1.5");
  const point = svg.createSVGPoint();
  const outside = {};
  for (const shape of svg.querySelectorAll(".muscle, .landmark")) {
    const length = shape.getTotalLength();
    for (let i = 0; i < 120; i++) {
      const at = shape.getPointAtLength((length * i) / 120);
      point.x = at.x;
      point.y = at.y;
      if (!body.isPointInFill(point) && !body.isPointInStroke(point)) {
        const id = shape.getAttribute("data-muscle") || shape.getAttribute("data-landmark");
        outside[id] = (outside[id] || 0) + 1;
      }
    }
  }
  return outside;
}"""


@pytest.mark.parametrize("view", ["front", "back"])
def test_every_trigger_point_lies_inside_its_muscle(browser: Browser, dataset: Dataset, view: str) -> None:
    page = browser.new_page()
    page.set_content((ASSETS / f"body_{view}.svg").read_text(encoding="utf-8"))
    points = [point for point in dataset.trigger_points if dataset.zones[point.zone_id].view == view]
    outside = [p.id for p in points if not page.evaluate(IN_MUSCLE, [p.muscle_id, p.x, p.y])]
    page.close()
    assert points
    assert outside == [], "trigger points outside their muscle's outline (or the muscle is not drawn on this view)"


@pytest.mark.parametrize("view", ["front", "back"])
def test_every_muscle_and_landmark_lies_inside_the_body(browser: Browser, view: str) -> None:
    page = browser.new_page()
    page.set_content((ASSETS / f"body_{view}.svg").read_text(encoding="utf-8"))
    outside = page.evaluate(OUTSIDE_BODY)
    page.close()
    assert outside == {}, "outlines crossing the body's outline (points of 120 per outline)"


# What a tap at the middle of each landmark's line lands on, in the page's own CSS: the area under it, never the line.
TAP_ON_LANDMARKS = """(lines) => lines.map((line) => {
  const at = line.getPointAtLength(line.getTotalLength() / 2);
  const point = line.ownerSVGElement.createSVGPoint();
  point.x = at.x;
  point.y = at.y;
  const screen = point.matrixTransform(line.ownerSVGElement.getScreenCTM());
  const hit = line.getRootNode().elementFromPoint(screen.x, screen.y);  // the map sits in a shadow root
  return [line.getAttribute("data-landmark"), hit ? hit.getAttribute("class") : ""];
})"""


def test_a_tap_on_a_landmark_line_reaches_the_area_under_it(tablet: Page, app_url: str) -> None:
    open_app(tablet, app_url)
    hits = tablet.locator(".landmark").evaluate_all(TAP_ON_LANDMARKS)
    artwork = [(ASSETS / f"body_{view}.svg").read_text(encoding="utf-8") for view in VIEWS]
    drawn = sum(svg.count('<path class="landmark') for svg in artwork)
    assert len(hits) == drawn > 0  # the map draws every landmark of both views
    assert [(name, css) for name, css in hits if css != "zone"] == []
