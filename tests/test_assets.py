"""The artwork and the dataset agree: every zone and region is drawn, on the right view, as the map code expects."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from bodymap.data import Dataset
from bodymap.handout import _polygons
from bodymap.lookup import selectable_regions

ASSETS = Path(__file__).resolve().parent.parent / "assets"
SVG = "{http://www.w3.org/2000/svg}"
VIEWS = ("front", "back")
FORBIDDEN_TAGS = {"script", "style", "image", "foreignObject", "use", "a"}
FORBIDDEN_ATTRIBUTES = {"style", "href", "{http://www.w3.org/1999/xlink}href", "fill", "stroke", "onclick", "onload"}


def _svg(view: str) -> ET.Element:
    return ET.parse(ASSETS / f"body_{view}.svg").getroot()


def _zones_drawn(view: str) -> dict[str, set[str]]:
    """Zone id -> the region groups it is drawn in, for one view."""
    drawn: dict[str, set[str]] = {}
    for group in _svg(view).iter(f"{SVG}g"):
        for shape in group.iter():
            if "data-zone" in shape.attrib:
                drawn.setdefault(shape.attrib["data-zone"], set()).add(group.attrib.get("data-region", ""))
    return drawn


@pytest.mark.parametrize("view", VIEWS)
def test_every_zone_is_drawn_on_its_view_inside_its_region(dataset: Dataset, view: str) -> None:
    drawn = _zones_drawn(view)
    expected = {zone.id: {zone.region_id} for zone in dataset.zones.values() if zone.view == view}
    assert drawn == expected


@pytest.mark.parametrize("view", VIEWS)
def test_region_groups_are_focusable_named_buttons(dataset: Dataset, view: str) -> None:
    groups = [g for g in _svg(view).iter(f"{SVG}g") if "data-region" in g.attrib]
    assert groups
    for group in groups:
        region = dataset.regions[group.attrib["data-region"]]
        assert group.attrib["aria-label"] == region.name
        assert group.attrib["tabindex"] == "0" and group.attrib["role"] == "button"


def test_every_selectable_region_is_drawn(dataset: Dataset) -> None:
    drawn = {g.attrib["data-region"] for view in VIEWS for g in _svg(view).iter(f"{SVG}g") if "data-region" in g.attrib}
    assert {region.id for region in selectable_regions(dataset)} <= drawn
    assert drawn <= set(dataset.regions)


@pytest.mark.parametrize("view", VIEWS)
def test_artwork_is_inert_and_self_contained(view: str) -> None:
    root = _svg(view)
    assert root.attrib["viewBox"] == "0 0 400 900"
    for element in root.iter():
        assert element.tag.removeprefix(SVG) not in FORBIDDEN_TAGS
        assert not FORBIDDEN_ATTRIBUTES & set(element.attrib), element.attrib


def _side_from_geometry(d: str, view: str) -> str:
    """The side of the person a shape is on, from its outline: the rule the ``data-side`` attributes were set by.

    The figure is centred on x = 200 and seen from the front (person's right on the left) or the back; a shape that
    crosses x = 200 is on the midline. The soles inset (back view, lower right) is centred on x = 342, right sole on
    the right.
    """
    points = [point for polygon in _polygons(d) for point in polygon]
    left, right = min(x for x, _ in points), max(x for x, _ in points)
    top = min(y for _, y in points)
    centre = (left + right) / 2
    if view == "back" and left >= 285 and top >= 640:
        return "right" if centre > 342 else "left"
    if left < 199 and right > 201:
        return "midline"
    return "right" if (centre < 200) == (view == "front") else "left"


@pytest.mark.parametrize("view", VIEWS)
def test_every_zone_shape_says_which_side_of_the_person_it_is_on(view: str) -> None:
    """Patterns are drawn on one side from ``data-side``: each zone is one midline shape or a right and left pair."""
    sides: dict[str, list[str]] = {}
    for shape in _svg(view).iter(f"{SVG}path"):
        if "data-zone" in shape.attrib:
            assert shape.attrib.get("data-side") == _side_from_geometry(shape.attrib["d"], view), shape.attrib
            sides.setdefault(shape.attrib["data-zone"], []).append(shape.attrib["data-side"])
    assert sides
    assert all(sorted(found) in (["midline"], ["left", "right"]) for found in sides.values()), sides


def _muscle_shapes(view: str) -> list[ET.Element]:
    return [element for element in _svg(view).iter() if element.attrib.get("class") == "muscle"]


def test_every_muscle_is_drawn_on_each_view_where_it_has_trigger_points(dataset: Dataset) -> None:
    """The pattern view outlines the muscle wherever its X marks are; a muscle the artwork lacks would show bare Xs."""
    for view in VIEWS:
        drawn = {shape.attrib["data-muscle"] for shape in _muscle_shapes(view)}
        needed = {point.muscle_id for point in dataset.trigger_points if dataset.zones[point.zone_id].view == view}
        assert needed - drawn == set(), f"{view}: muscles with trigger points here but no outline"
        assert drawn <= set(dataset.muscles), f"{view}: outlines of muscles not in the dataset"


@pytest.mark.parametrize("view", VIEWS)
def test_muscle_outlines_are_inert_closed_paths_with_a_depth(view: str) -> None:
    shapes = _muscle_shapes(view)
    assert shapes
    for shape in shapes:
        assert shape.tag == f"{SVG}path"
        assert shape.attrib["data-depth"] in ("superficial", "deep"), shape.attrib
        assert shape.attrib["d"].rstrip().endswith("Z"), shape.attrib["data-muscle"]
    group = next(g for g in _svg(view).iter(f"{SVG}g") if g.attrib.get("class") == "muscles")
    assert group.attrib["aria-hidden"] == "true"  # drawn for the eye; the pattern is told in words beside the map


# The bones and creases each view draws (see assets/README.md): a muscle is read against the skeleton it attaches to.
LANDMARKS = {
    "front": {"eyebrow", "eye", "nose", "mouth", "collarbone", "lower edge of the ribs", "navel"},
    "back": {
        "scapula",
        "spine of the scapula and acromion",
        "iliac crest",
        "crease behind the knee",
        "spinous processes",
    },
}


@pytest.mark.parametrize("view", VIEWS)
def test_landmarks_are_hidden_untappable_lines_drawn_on_both_sides(view: str) -> None:
    root = _svg(view)
    (group,) = [g for g in root.iter(f"{SVG}g") if g.attrib.get("class") == "landmarks"]
    assert group.attrib["aria-hidden"] == "true"  # for the eye only: no name, no role, no place in the tab order
    shapes = list(group)
    assert {shape.attrib["data-landmark"] for shape in shapes} == LANDMARKS[view]
    for shape in shapes:
        assert shape.tag == f"{SVG}path" and "landmark" in shape.attrib["class"].split()
        assert not {"data-zone", "data-region", "role", "tabindex"} & set(shape.attrib), shape.attrib
    sides = {(shape.attrib["data-landmark"], shape.attrib["data-side"]) for shape in shapes}
    for name in LANDMARKS[view]:  # a paired bone on both sides, a midline one once
        assert {side for landmark, side in sides if landmark == name} in ({"left", "right"}, {"midline"}), name
    # Drawn over the areas (or the fills would hide them) and under the muscles (or they would cross a pattern's tint).
    order = [child.attrib.get("class") for child in root]
    assert order.index("landmarks") > max(i for i, css in enumerate(order) if css == "region")
    assert order.index("landmarks") < order.index("muscles")
