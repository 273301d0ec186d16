"""Geometry only a browser can check: every trigger point lies inside a shape of its zone, on the drawn side, and
inside its own muscle's outline; every muscle's outline lies inside the body."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from bodymap.data import Dataset

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
  for (const shape of svg.querySelectorAll(".muscle")) {
    const length = shape.getTotalLength();
    for (let i = 0; i < 120; i++) {
      const at = shape.getPointAtLength((length * i) / 120);
      point.x = at.x;
      point.y = at.y;
      if (!body.isPointInFill(point) && !body.isPointInStroke(point)) {
        const id = shape.getAttribute("data-muscle");
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
def test_every_muscle_lies_inside_the_body(browser: Browser, view: str) -> None:
    page = browser.new_page()
    page.set_content((ASSETS / f"body_{view}.svg").read_text(encoding="utf-8"))
    outside = page.evaluate(OUTSIDE_BODY)
    page.close()
    assert outside == {}, "muscle outlines crossing the body's outline (points of 120 per outline)"
