"""The tappable body map: the SVG artwork from assets/ inside an ``st.components.v2`` component.

Why a v2 component and not ``st.plotly_chart(on_select=...)``: measured on a touch device, Plotly's selection misses the
first tap and then runs one tap behind, and filled shapes cannot be selected at all. An inline SVG in a v2 component
answers the first tap (about 0.1 s to updated text on localhost).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import streamlit as st

from bodymap.data import VIEWS, Dataset, View
from bodymap.i18n import N_, _, current_language, ngettext
from bodymap.lookup import MusclePattern, selectable_regions
from bodymap.panel import DETAILS_ANCHOR
from bodymap.ui.widgets import component_event
from bodymap.wording import SIDE_WORDS

ASSETS_DIR = Path(__file__).resolve().parents[2] / "assets"
STATIC_DIR = Path(__file__).resolve().parent / "static"
COMPONENT_KEY = "body_map"
TAP_REGION = "region_tapped"
TAP_ZONE = "zone_tapped"
MAP_LABEL = N_("Body map: the arrow keys move between areas, Enter chooses one")
# The figure's own words (body_map.js puts them in the page's language, keyed by their English).
FIGURE_WORDS = (
    N_("Front"),
    N_("Back"),
    N_("Your right"),
    N_("Your left"),
    N_("Soles"),
    N_("L"),
    N_("R"),
    N_("Muscle (dashed: deep)"),
    N_("Trigger point"),
    N_("Main zone"),
    N_("Spillover zone"),
)


@cache
def _component() -> Callable[..., object]:
    """Register the component once per process; its HTML, CSS and JS are trusted files shipped with bodymap."""
    figures = "".join(
        f'<figure class="bodymap-view bodymap-view-{view}"><figcaption>{view.title()}</figcaption>'
        f"{(ASSETS_DIR / f'body_{view}.svg').read_text(encoding='utf-8')}</figure>"
        for view in VIEWS
    )
    legend = (STATIC_DIR / "legend.html").read_text(encoding="utf-8")  # shown only while a pattern is drawn
    # One Tab stop for the whole map; the arrow keys move inside it (body_map.js).
    toolbar = f'role="toolbar" aria-orientation="vertical" aria-label="{MAP_LABEL}"'
    html = (
        f'<div class="bodymap-wrap" {toolbar}>{figures}</div>{legend}<p class="bodymap-compare-legend"></p>'
        '<p class="bodymap-caption" aria-live="polite"></p>'
    )
    return st.components.v2.component(
        "bodymap.body_map",
        html=html,
        css=(STATIC_DIR / "body_map.css").read_text(encoding="utf-8"),
        js=(STATIC_DIR / "body_map.js").read_text(encoding="utf-8"),
    )


@cache
def sided_zone_ids() -> frozenset[str]:
    """The zones drawn as a left and right pair (the rest lie on the midline), as the artwork marks them."""
    pattern = re.compile(r'data-zone="([a-z0-9_]+)" data-side="(?:left|right)"')
    return frozenset(
        zone_id for view in VIEWS for zone_id in pattern.findall((ASSETS_DIR / f"body_{view}.svg").read_text())
    )


MapMode = Literal["regions", "zones", "inert"]
INERT_CAPTION = N_("This question is answered beside the map; the map shows the answer once you check it.")
ANSWER_CAPTION = N_("Choose the areas the question asks for on the body map; choose an area again to remove it.")
Side = Literal["right", "left"]  # the side of the person a pattern is drawn on


@dataclass(frozen=True)
class Zoom:
    """A close-up of some zones on one view and one side of the person: a region's, or a hand's (``close``: framed
    tighter, for fingers)."""

    zone_ids: tuple[str, ...]
    view: View
    close: bool = False
    side: Side = "right"


def tapped(event: str) -> str | None:
    """The region or zone tapped in this run (call it inside the map's callback): ``event`` is a TAP_* name."""
    return component_event(COMPONENT_KEY, event)


def body_map_ui(
    dataset: Dataset,
    *,
    mode: MapMode,
    selected_region: str | None,
    chosen_zones: Sequence[str] = (),
    pattern: MusclePattern | None = None,
    compare: Sequence[MusclePattern] = (),
    zoom: Zoom | None = None,
    close_up: bool = False,
    side: Side = "right",
    answering: bool = False,
    on_region_tap: Callable[[], None],
    on_zone_tap: Callable[[], None],
) -> None:
    """Draw both views: the selected region labelled, chosen zones filled, or a muscle's referral pattern.

    Args:
        dataset: the validated dataset.
        mode: ``"regions"`` (a tap selects a region), ``"zones"`` (a tap toggles a zone, for "where does it hurt?")
            or ``"inert"`` (nothing to tap: a self-test question answered beside the map).
        selected_region: the region to highlight and label, if any.
        chosen_zones: areas to show as chosen in zones mode: zone ids, each on one side (``calf:left``) or, without a
            side, on the midline or both sides (:mod:`bodymap.sides`).
        pattern: a muscle whose trigger points and essential/spillover zones to draw.
        compare: up to two more muscles drawn beside ``pattern``, outlined in their own colours (with a pattern only).
        zoom: a region to show close up, alone on one view, so its small zones are finger-sized targets on a tablet.
        close_up: with a pattern, show each view cut to the pattern (muscle, trigger points, zones) and hide a view
            that has none of it, so a jaw or a hand pattern is large enough to point at.
        side: the person's side to draw a pattern on: the data places trigger points on the right (as Travell &
            Simons draw them); ``"left"`` mirrors the pattern, to show it where this patient's pain is.
        answering: in zones mode, the taps answer a self-test question rather than say where it hurts (the caption).
        on_region_tap: runs when a region is tapped; read it with ``tapped(TAP_REGION)``.
        on_zone_tap: runs when a zone is tapped; read it with ``tapped(TAP_ZONE)``.
    """
    _component()(
        key=COMPONENT_KEY,
        data={
            "mode": mode,
            "selected": selected_region,
            "selectable": [region.id for region in selectable_regions(dataset)],
            "names": {region.id: region.name for region in dataset.regions.values()},
            "zoneNames": {zone.id: zone.name for zone in dataset.zones.values()},
            "chosen": list(chosen_zones),
            "sideWords": {side: _(words) for side, words in SIDE_WORDS.items()},
            "muscle": pattern.muscle.id if pattern else None,
            "essential": [zone.id for zone in pattern.essential_zones] if pattern else [],
            "spillover": [zone.id for zone in pattern.spillover_zones] if pattern else [],
            "triggerPoints": _points(dataset, pattern) if pattern else [],
            "compare": [_compared(dataset, other) for other in (compare[:2] if pattern else ())],
            "zoom": (
                {"zones": list(zoom.zone_ids), "view": zoom.view, "close": zoom.close, "side": zoom.side}
                if zoom
                else None
            ),
            "closeUp": bool(pattern and close_up),
            "side": side,
            "caption": _caption(dataset, mode, selected_region, chosen_zones, pattern, side, compare[:2], answering),
            "detailsAnchor": DETAILS_ANCHOR,
            "words": {english: _(english) for english in FIGURE_WORDS},
            "mapLabel": _(MAP_LABEL),
            "lang": current_language(),  # where the page's skip link leads; the map moves the focus there
        },
        on_region_tapped_change=on_region_tap,
        on_zone_tapped_change=on_zone_tap,
    )


def _compared(dataset: Dataset, other: MusclePattern) -> dict[str, object]:
    return {
        "muscle": other.muscle.id,
        "name": other.muscle.name,
        "essential": [zone.id for zone in other.essential_zones],
        "spillover": [zone.id for zone in other.spillover_zones],
        "triggerPoints": _points(dataset, other),
    }


def _points(dataset: Dataset, pattern: MusclePattern) -> list[dict[str, object]]:
    """A pattern's trigger points as the map's script draws them: where, on which view, and the label it reads out."""
    return [
        {"id": point.id, "x": point.x, "y": point.y, "label": point.label, "view": dataset.zones[point.zone_id].view}
        for point in pattern.trigger_points
    ]


COMPARE_LINES = (N_("blue outline"), N_("purple dashed outline"))


def _caption(
    dataset: Dataset,
    mode: MapMode,
    region_id: str | None,
    zones: Sequence[str],
    pattern: MusclePattern | None,
    side: Side = "right",
    compare: Sequence[MusclePattern] = (),
    answering: bool = False,
) -> str:
    """One line under the map saying what it shows, for everyone and for screen readers (aria-live)."""
    if pattern:
        drawn_on = (
            _("{muscle}, drawn on the right side (it can occur on either side)")
            if side == "right"
            else _("{muscle}, drawn on the left side (it can occur on either side)")
        )
        caption = drawn_on.format(muscle=pattern.muscle.name) + _(
            ": X marks a trigger point; solid areas are the main (essential) referral zones, hatched areas the "
            "spillover zones."
        )
        others = [f"{other.muscle.name} ({_(line)})" for other, line in zip(compare, COMPARE_LINES, strict=False)]
        if others:
            caption += " " + _("Compared with {muscles}: thick lines main zones, dotted lines spillover.").format(
                muscles=_(" and ").join(others)
            )
        return caption
    if mode == "inert":
        return _(INERT_CAPTION)
    chosen = ngettext("{count} area chosen.", "{count} areas chosen.", len(zones)).format(count=len(zones))
    if mode == "zones" and answering:
        return f"{chosen} {_(ANSWER_CAPTION)}" if zones else _(ANSWER_CAPTION)
    if mode == "zones":
        again = _("Choose an area again to remove it.")
        return f"{chosen} {again}" if zones else _("Choose every area that hurts.")
    if region_id:
        return _("Showing: {region}. Choose another region to change.").format(region=dataset.regions[region_id].name)
    return _("Choose a region.")
