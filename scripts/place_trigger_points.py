"""Fill empty x/y cells of data/trigger_points.csv with a point inside the trigger point's zone, on the right side.

Run after adding trigger points: .venv/bin/python scripts/place_trigger_points.py
The point is the one inside the zone's shape (the shape on the person's right side: the left one in the front view,
the right one in the back view) nearest the middle of that shape, at least 4 units from its edge and at least
SPACING units from every trigger point already placed on that view, so two marks never sit on top of each other.
Adjust by hand in the CSV when the label says more (e.g. "lower fibres"); the browser tests check every point lies
inside its zone.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402 - after the path set-up above

from tests.browser.harness import launch_chromium  # noqa: E402

# Closest two trigger points may sit to each other (viewBox units): far enough apart for two X marks to read as two.
SPACING = 9

INSIDE_POINT = """([zone, personsRightIsViewerRight, taken, spacing]) => {
  const shapes = [...document.querySelectorAll(`[data-zone="${zone}"]`)]
    .map((shape) => ({ shape, box: shape.getBBox() }))
    .sort((a, b) => (a.box.x + a.box.width / 2) - (b.box.x + b.box.width / 2));
  const { shape, box } = personsRightIsViewerRight ? shapes[shapes.length - 1] : shapes[0];
  const svg = shape.ownerSVGElement;
  const inside = (x, y) => { const p = svg.createSVGPoint(); p.x = x; p.y = y; return shape.isPointInFill(p); };
  const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
  let best = null, bestDistance = Infinity;
  for (let i = 0; i <= 60; i++) for (let j = 0; j <= 60; j++) {
    const x = box.x + box.width * i / 60, y = box.y + box.height * j / 60;
    const margin = [[4, 0], [-4, 0], [0, 4], [0, -4]].every(([dx, dy]) => inside(x + dx, y + dy));
    const apart = taken.every(([tx, ty]) => Math.hypot(x - tx, y - ty) >= spacing);
    if (!inside(x, y) || !margin || !apart) continue;
    const distance = Math.hypot(x - cx, y - cy);
    if (distance < bestDistance) { bestDistance = distance; best = [x, y]; }
  }
  return best;
}"""


def _placed(points: pd.DataFrame, views: pd.Series, view: str) -> list[list[float]]:
    """The trigger points that already have a position on this view."""
    on_view = points[(points["zone_id"].map(views) == view) & (points["x"].str.strip() != "")]
    return [[float(x), float(y)] for x, y in zip(on_view["x"], on_view["y"], strict=True)]


def main() -> None:
    points = pd.read_csv(ROOT / "data" / "trigger_points.csv", dtype=str, keep_default_na=False)
    views = pd.read_csv(ROOT / "data" / "zones.csv", dtype=str).set_index("id")["view"]
    empty = points[(points["x"].str.strip() == "") | (points["y"].str.strip() == "")]
    if empty.empty:
        print("every trigger point already has x and y")
        return
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        pages = {}
        for view in ("front", "back"):
            pages[view] = browser.new_page()
            pages[view].set_content((ROOT / "assets" / f"body_{view}.svg").read_text(encoding="utf-8"))
        for index, row in empty.iterrows():
            view = views[row["zone_id"]]
            taken = _placed(points, views, view)
            found = pages[view].evaluate(INSIDE_POINT, [row["zone_id"], view == "back", taken, SPACING])
            if found is None:
                print(f"{row['id']}: no point with a margin inside {row['zone_id']}; place it by hand")
                continue
            points.loc[index, ["x", "y"]] = [f"{found[0]:.1f}", f"{found[1]:.1f}"]
            print(f"{row['id']}: {view} view, x={found[0]:.1f}, y={found[1]:.1f}")
        browser.close()
    points.to_csv(ROOT / "data" / "trigger_points.csv", index=False)


if __name__ == "__main__":
    main()
