"""Take the README's screenshots: three layouts and each audience, in Debian's Chromium with touch emulation.

Run with: .venv/bin/python scripts/screenshots.py   (writes docs/screenshots/*.png)
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import Page, sync_playwright

from bodymap.data import Dataset, load_dataset
from bodymap.handout import handout_content, render_pdf, where_handout_content
from bodymap.sides import parse_choice
from tests.browser.harness import (
    CHAIR_STEP_BUTTON,
    PHONE,
    TABLET_LANDSCAPE,
    TABLET_PORTRAIT,
    launch_chromium,
    open_app,
    running_app,
    touch_page,
    wait_for_app,
)

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
SHOTS = (
    ("tablet-landscape-patient-neck", TABLET_LANDSCAPE, "neck", "patient"),
    ("tablet-landscape-therapist-low-back", TABLET_LANDSCAPE, "low_back", "therapist"),
    ("tablet-landscape-educator-elbow", TABLET_LANDSCAPE, "elbow", "educator"),
    ("tablet-portrait-patient-foot", TABLET_PORTRAIT, "foot", "patient"),
    ("phone-patient-shoulder", PHONE, "shoulder", "patient"),
)
# Views opened from a deep link: (file name, viewport, query, heading to wait for, button to tap first or "").
LOW_BACK_ES = "Parte baja de la espalda (zona lumbar)"
LINKED_SHOTS = (
    (
        "tablet-where-it-hurts-elbow-hand",
        TABLET_LANDSCAPE,
        "mode=where&zones=lateral_epicondyle,back_of_hand&audience=therapist",
        "Where does it hurt?",
        "",
    ),
    ("tablet-pattern-supinator", TABLET_LANDSCAPE, "region=elbow&muscle=supinator&audience=therapist", "Supinator", ""),
    ("tablet-spanish-patient-neck", TABLET_LANDSCAPE, "region=neck&audience=patient&lang=es", "Cuello", ""),
    ("phone-spanish-therapist-low-back", PHONE, "region=low_back&audience=therapist&lang=es", LOW_BACK_ES, ""),
    (
        "tablet-pattern-upper-trapezius",
        TABLET_LANDSCAPE,
        "region=neck&muscle=upper_trapezius&audience=educator",
        "Upper trapezius",
        "",
    ),
    (
        "tablet-matrix-low-back",
        TABLET_LANDSCAPE,
        "mode=matrix&region=low_back&audience=educator",
        "Referral matrix",
        "",
    ),
    (
        "tablet-self-test",
        TABLET_LANDSCAPE,
        "mode=quiz&audience=educator&seed=7&quiz_region=elbow&n=10",
        "Self-test",
        "",
    ),
    ("phone-claims-checked", PHONE, "mode=claims", "What you may have read", ""),
    (
        "tablet-compare-lateral-elbow",
        TABLET_LANDSCAPE,
        "audience=educator&muscle=supinator,extensor_carpi_radialis,brachioradialis",
        "Supinator",
        "",
    ),
    (
        "tablet-where-it-hurts-temple-eye",
        TABLET_LANDSCAPE,
        "mode=where&zones=temple,eye_area",
        "Where does it hurt?",
        "",
    ),
    ("tablet-share-or-print", TABLET_LANDSCAPE, "region=neck&audience=therapist", "Neck", "Share or print"),
)

# Views shown part-way down: (file name, viewport, query, what to tap first, heading to bring to the top). The taps
# are chair-script steps and question rows, by the locator they are found with and their text.
STEP, ROW = CHAIR_STEP_BUTTON, "label.tick"  # in the details panel, drawn in the browser
SCROLLED_SHOTS = (
    (
        "tablet-therapist-chair-script",
        TABLET_LANDSCAPE,
        "region=low_back&audience=therapist",
        (
            (STEP, "Red flags"),
            (ROW, "Numb skin between the legs"),
            (STEP, "Ask first"),
            (ROW, "Do you take blood thinners"),
        ),
        "Before needling: tick each yes",
    ),
    ("phone-patient-when-to-get-help", PHONE, "region=neck&audience=patient", (), "When to get help"),
)


def shoot(page: Page, url: str, region: str, name: str, audience: str, path: Path) -> None:
    open_app(page, f"{url}/?audience={audience}")
    page.locator(f"[data-region='{region}'] .zone").first.tap()
    page.get_by_role("heading", level=2, name=name, exact=True).wait_for()
    wait_for_app(page)
    page.wait_for_timeout(800)  # let a phone's smooth scroll to the details finish before the picture
    page.screenshot(path=str(path))


# Handout pages shown as pictures: (file name, region, "where it hurts" areas, page number from 1).
HANDOUT_PAGES = (
    ("handout-neck-page-1", "neck", (), 1),
    ("handout-neck-page-3", "neck", (), 3),
    ("handout-where-temple-elbow-page-3", None, ("temple:right", "lateral_epicondyle:left"), 3),
)


def handout_pages(dataset: Dataset) -> None:
    """The app's handouts (sources as a QR code), pages drawn at 100 dpi, read back with pdfplumber."""
    import pdfplumber  # a test-only package (requirements-dev.txt), like Playwright here

    for name, region_id, areas, number in HANDOUT_PAGES:
        url = "http://tablet.local:8501/?audience=patient"
        if areas:
            choices = [choice for area in areas if (choice := parse_choice(area))]
            pdf = render_pdf(where_handout_content(dataset, choices, url))
        else:
            pdf = render_pdf(handout_content(dataset, region_id, sources_url=url))
        with pdfplumber.open(io.BytesIO(pdf)) as document:
            document.pages[number - 1].to_image(resolution=100).save(OUT / f"{name}.png")
        print(f"wrote docs/screenshots/{name}.png")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    handout_pages(load_dataset())
    names = {region.id: region.name for region in load_dataset().regions.values()}
    with running_app() as url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for name, viewport, region, audience in SHOTS:
            page = touch_page(browser, viewport)
            shoot(page, url, region, names[region], audience, OUT / f"{name}.png")
            page.context.close()
            print(f"wrote docs/screenshots/{name}.png")
        for name, viewport, query, heading, button in LINKED_SHOTS:
            page = touch_page(browser, viewport)
            open_app(page, f"{url}/?{query}")
            page.get_by_role("heading", level=2, name=heading, exact=True).wait_for()
            if button:
                page.get_by_role("button", name=button).tap()
            wait_for_app(page)
            page.wait_for_timeout(500)
            page.screenshot(path=str(OUT / f"{name}.png"))
            page.context.close()
            print(f"wrote docs/screenshots/{name}.png")
        for name, viewport, query, taps, heading in SCROLLED_SHOTS:
            page = touch_page(browser, viewport)
            open_app(page, f"{url}/?{query}")
            for selector, text in taps:
                page.locator(selector, has_text=text).first.tap()
                wait_for_app(page)
                page.wait_for_timeout(500)
            page.get_by_role("heading", name=heading, exact=True).evaluate("(el) => el.scrollIntoView()")
            page.wait_for_timeout(500)
            page.screenshot(path=str(OUT / f"{name}.png"))
            page.context.close()
            print(f"wrote docs/screenshots/{name}.png")
        browser.close()


if __name__ == "__main__":
    main()
