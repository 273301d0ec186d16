"""Render every muscle's pattern as the app draws it, for review: docs/gallery/<muscle_id>.png and one contact sheet
per region (docs/gallery/region-<region_id>.png).

Each picture is the map of the app's pattern view in its default close-up (the muscle outlined, its trigger points as
X marks, essential zones solid, spillover hatched; a view without any of the pattern is left out), taken in Debian's
Chromium on a 1024x768 touch tablet, with the muscle's name above it. It is how a clinician reviewing the dataset
looks at all of it at once.

Run with: .venv/bin/python scripts/gallery.py [MUSCLE_ID ...]
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image, ImageDraw, ImageFont  # noqa: E402 - after the path set-up above
from playwright.sync_api import sync_playwright  # noqa: E402

from bodymap.data import load_dataset  # noqa: E402
from tests.browser.harness import TABLET_LANDSCAPE, launch_chromium, open_app, running_app, touch_page  # noqa: E402

OUT = ROOT / "docs" / "gallery"
SHEET_COLUMNS = 4
TILE_WIDTH = 420  # px of each picture on a contact sheet
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def _label(picture: bytes, text: str) -> Image.Image:
    """The map's screenshot with the muscle's name in a band above it."""
    image = Image.open(io.BytesIO(picture)).convert("RGB")
    font = ImageFont.truetype(str(FONT), 22) if FONT.exists() else ImageFont.load_default()
    labelled = Image.new("RGB", (image.width, image.height + 40), "white")
    labelled.paste(image, (0, 40))
    ImageDraw.Draw(labelled).text((12, 8), text, fill="#111827", font=font)
    return labelled


def _sheet(tiles: list[Image.Image]) -> Image.Image:
    scaled = [tile.resize((TILE_WIDTH, round(tile.height * TILE_WIDTH / tile.width))) for tile in tiles]
    rows = -(-len(scaled) // SHEET_COLUMNS)
    height = max(tile.height for tile in scaled)
    sheet = Image.new("RGB", (SHEET_COLUMNS * TILE_WIDTH, rows * height), "white")
    for index, tile in enumerate(scaled):
        sheet.paste(tile, ((index % SHEET_COLUMNS) * TILE_WIDTH, (index // SHEET_COLUMNS) * height))
    return sheet


def main(only: list[str]) -> None:
    dataset = load_dataset()
    OUT.mkdir(parents=True, exist_ok=True)
    tiles: dict[str, list[Image.Image]] = {}
    with running_app() as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = touch_page(browser, TABLET_LANDSCAPE)
        for muscle in sorted(dataset.muscles.values(), key=lambda m: (m.region_id, m.name)):
            if only and muscle.id not in only:
                continue
            open_app(page, f"{url}/?muscle={muscle.id}&audience=therapist")
            page.locator(".muscle.is-pattern-muscle").first.wait_for(state="attached", timeout=30_000)
            picture = page.locator(".bodymap-wrap").screenshot()
            tile = _label(picture, f"{muscle.name} ({muscle.id})")
            tile.convert("P", palette=Image.Palette.ADAPTIVE, colors=96).save(OUT / f"{muscle.id}.png", optimize=True)
            tiles.setdefault(muscle.region_id, []).append(tile)
            print(f"{muscle.id}: docs/gallery/{muscle.id}.png")
        browser.close()
    if not only:
        for region_id, region_tiles in tiles.items():
            sheet = _sheet(region_tiles).convert("P", palette=Image.Palette.ADAPTIVE, colors=96)
            sheet.save(OUT / f"region-{region_id}.png", optimize=True)
            print(f"docs/gallery/region-{region_id}.png")


if __name__ == "__main__":
    main(sys.argv[1:])
