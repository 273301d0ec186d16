"""Cut zones of the body map into horizontal bands, for finer referral patterns (issue 14).

Usage: .venv/bin/python scripts/split_zones.py CUTS_CSV [--referrals REFERRALS_CSV]

CUTS_CSV has the columns old_zone_id,new_zone_id,name,y_from,y_to and, optionally, x_from,x_to (the SVG's units, in
the coordinates of the person's right side: the figure is mirror-symmetric, so the left side's box is mirrored about
x = 200). Limbs hang in anatomical position, so a band without x limits is everything of the zone between two
heights; with them (single fingers, inner and outer halves) it is the part inside the box. The script:
- replaces each old zone's shapes in assets/body_*.svg with one shape per band (the old shape clipped by shapely;
  shapely is a tool of this script only: `.venv/bin/pip install shapely`);
- replaces its row in data/zones.csv with the bands' rows, each with ``replaces`` = the old id (and the ids the old
  zone replaced), so saved links and commands that name an old id keep working;
- moves each trigger point in it (placed on the right side) to the band that holds its position;
- replaces the old zone's referrals with REFERRALS_CSV's rows for the bands (muscle_id,new_zone_id,kind,source_ids;
  reviewed research), or, without it, gives each band the old referral (correct, only not finer);
- gives each band the pain guide's rows of the old zone, where the muscle still refers pain to that band;
- puts the bands in every close-up (data/close_ups.csv) that framed the old zone.
Run the validator and the tests afterwards; look at every changed pattern in the gallery (scripts/gallery.py).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from pathlib import Path

from shapely.geometry import Polygon, box
from shapely.geometry.polygon import orient
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bodymap.handout import _polygons  # noqa: E402  (the one SVG path reader: the handout's)

DATA = ROOT / "data"
ZONE_PATH = re.compile(
    r'^(?P<indent>\s*)<path class="zone" data-zone="(?P<zone>[a-z0-9_]+)" data-side="(?P<side>[a-z]+)" '
    r'd="(?P<d>[^"]*)"><title>(?P<title>[^<]*)</title></path>$'
)


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


MIRROR_X = 200.0  # the figure's midline
# The soles inset (back view, lower right) mirrors about its own centre line, as body_map.js's SOLES does.
SOLES_MIRROR_X, SOLES_LEFT, SOLES_TOP = 342.0, 285.0, 640.0
FAR = 5000.0  # a box edge past every drawing


Box = tuple[float, float, float, float]  # x_from, y_from, x_to, y_to


def band_boxes(bands: list[dict[str, str]]) -> list[Box]:
    """Each band's box on the right side, its outermost edges pushed past the zone so nothing of the shape is lost
    (the left side's shape is not exactly the mirror of the right's)."""

    def limits(band: dict[str, str]) -> Box:
        x_from = float(band["x_from"]) if band.get("x_from") else -FAR
        x_to = float(band["x_to"]) if band.get("x_to") else FAR
        return x_from, float(band["y_from"]), x_to, float(band["y_to"])

    raw = [limits(band) for band in bands]
    low = [min(box[i] for box in raw) for i in (0, 1)]
    high = [max(box[i] for box in raw) for i in (2, 3)]
    return [
        (
            -FAR if x0 == low[0] else x0,
            -FAR if y0 == low[1] else y0,
            FAR if x1 == high[0] else x1,
            FAR if y1 == high[1] else y1,
        )
        for x0, y0, x1, y1 in raw
    ]


def mirrored(limits: Box, axis: float) -> Box:
    x_from, y_from, x_to, y_to = limits
    return 2 * axis - x_to, y_from, 2 * axis - x_from, y_to


def mirror_axes(view: str, lines: list[str]) -> dict[str, float]:
    """Each zone's mirror line: the body's midline, or the soles inset's centre for a zone drawn in the inset."""
    axes = {}
    for line in lines:
        match = ZONE_PATH.match(line)
        if match and match["side"] == "right":
            points = [point for outline in _polygons(match["d"]) for point in outline]
            in_soles = min(x for x, _ in points) >= SOLES_LEFT and min(y for _, y in points) >= SOLES_TOP
            axes[match["zone"]] = SOLES_MIRROR_X if view == "back" and in_soles else MIRROR_X
    return axes


def band_path(d: str, limits: Box) -> str:
    """The part of a zone's shape inside a box, as an SVG path of straight segments (0.1 unit precision)."""
    outlines = unary_union([Polygon(outline).buffer(0) for outline in _polygons(d) if len(outline) > 2])
    shape = outlines.intersection(box(*limits))
    parts = [shape] if shape.geom_type == "Polygon" else [part for part in shape.geoms if part.geom_type == "Polygon"]
    paths = []
    for part in parts:
        if part.area < 1:
            continue
        points = list(orient(part).exterior.coords)[:-1]
        paths.append("M" + " L".join(f"{x:.1f} {y:.1f}" for x, y in points) + " Z")
    return " ".join(paths)


def split_artwork(cuts: dict[str, list[dict[str, str]]]) -> None:
    for view in ("front", "back"):
        path = ROOT / "assets" / f"body_{view}.svg"
        lines = path.read_text(encoding="utf-8").splitlines()
        out = []
        axes = mirror_axes(view, lines)
        for line in lines:
            match = ZONE_PATH.match(line)
            if not match or match["zone"] not in cuts:
                out.append(line)
                continue
            bands = cuts[match["zone"]]
            for band, limits in zip(bands, band_boxes(bands), strict=True):
                left = match["side"] == "left"  # a midline zone is cut as drawn
                d = band_path(match["d"], mirrored(limits, axes[match["zone"]]) if left else limits)
                if d:
                    out.append(
                        f'{match["indent"]}<path class="zone" data-zone="{band["new_zone_id"]}" '
                        f'data-side="{match["side"]}" d="{d}"><title>{band["name"]}</title></path>'
                    )
        path.write_text("\n".join(out) + "\n", encoding="utf-8")


def split_zones_table(cuts: dict[str, list[dict[str, str]]]) -> None:
    columns, rows = read_rows(DATA / "zones.csv")
    out = []
    for row in rows:
        if row["id"] not in cuts:
            out.append(row)
            continue
        for band in cuts[row["id"]]:
            # A part of a part names every coarser zone, nearest first, so old links to any of them still open it.
            replaces = ";".join(filter(None, (row["id"], row["replaces"])))
            out.append({**row, "id": band["new_zone_id"], "name": band["name"], "replaces": replaces})
    write_rows(DATA / "zones.csv", columns, out)


def band_at(bands: list[dict[str, str]], x: float, y: float) -> str:
    """The band whose box holds a point of the right side (the outer boxes reach past the zone's ends)."""
    for band, (x0, y0, x1, y1) in zip(bands, band_boxes(bands), strict=True):
        if x0 <= x <= x1 and y0 <= y <= y1:
            return band["new_zone_id"]
    raise ValueError(f"no band of {bands[0]['old_zone_id']} holds the point ({x}, {y})")


def move_trigger_points(cuts: dict[str, list[dict[str, str]]]) -> None:
    columns, rows = read_rows(DATA / "trigger_points.csv")
    for row in rows:
        if row["zone_id"] in cuts:
            row["zone_id"] = band_at(cuts[row["zone_id"]], float(row["x"]), float(row["y"]))
    write_rows(DATA / "trigger_points.csv", columns, rows)


def split_referrals(cuts: dict[str, list[dict[str, str]]], reviewed: Path | None) -> None:
    columns, rows = read_rows(DATA / "referrals.csv")
    kept = [row for row in rows if row["zone_id"] not in cuts]
    if reviewed is None:
        new = [
            {**row, "zone_id": band["new_zone_id"]}
            for row in rows
            if row["zone_id"] in cuts
            for band in cuts[row["zone_id"]]
        ]
    else:
        _, research = read_rows(reviewed)
        new = [
            {"muscle_id": r["muscle_id"], "zone_id": r["new_zone_id"], "kind": r["kind"], "source_ids": r["source_ids"]}
            for r in research
        ]
    write_rows(DATA / "referrals.csv", columns, kept + new)


def split_pain_guide(cuts: dict[str, list[dict[str, str]]]) -> None:
    _, referrals = read_rows(DATA / "referrals.csv")
    refers = {(row["muscle_id"], row["zone_id"]) for row in referrals}
    columns, rows = read_rows(DATA / "pain_guide.csv")
    out = []
    for row in rows:
        if row["zone_id"] not in cuts:
            out.append(row)
            continue
        for band in cuts[row["zone_id"]]:
            if (row["muscle_id"], band["new_zone_id"]) in refers:
                out.append({**row, "zone_id": band["new_zone_id"]})
    write_rows(DATA / "pain_guide.csv", columns, out)


def split_close_ups(cuts: dict[str, list[dict[str, str]]]) -> None:
    """A close-up that framed a cut zone frames all its bands."""
    columns, rows = read_rows(DATA / "close_ups.csv")
    for row in rows:
        zone_ids = row["zone_ids"].split(";")
        parts = [band["new_zone_id"] for zone_id in zone_ids for band in cuts.get(zone_id, [{"new_zone_id": zone_id}])]
        row["zone_ids"] = ";".join(parts)
    write_rows(DATA / "close_ups.csv", columns, rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cuts", type=Path)
    parser.add_argument("--referrals", type=Path, help="reviewed referrals for the bands (else inherited)")
    args = parser.parse_args()
    _, rows = read_rows(args.cuts)
    cuts: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        cuts[row["old_zone_id"]].append(row)
    split_artwork(cuts)
    split_zones_table(cuts)
    move_trigger_points(cuts)
    split_referrals(cuts, args.referrals)
    split_pain_guide(cuts)
    split_close_ups(cuts)
    print(f"cut {len(cuts)} zones into {len(rows)} bands")


if __name__ == "__main__":
    main()
