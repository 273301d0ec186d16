"""Geometry only a browser can check: every trigger point lies inside a shape of its zone, on the drawn side."""

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
