"""Take-home and teaching in a real browser: answer a self-test question by tapping the map; share a view."""

from __future__ import annotations

import io
import re

from playwright.sync_api import Browser, Page, expect

from bodymap.data import Dataset
from bodymap.quiz import quiz_order
from bodymap.ui.body_map import INERT_CAPTION
from tests.browser.harness import PHONE, open_app, tap_zone, touch_page, wait_for_app
from tests.conftest import dev_package


def _seed_opening_with_a_map_question(dataset: Dataset) -> int:
    """A class code whose first question is answered by tapping zones, preferring a short answer."""
    candidates = [seed for seed in range(500) if quiz_order(dataset, seed)[0].on_map]
    return min(candidates, key=lambda seed: len(quiz_order(dataset, seed)[0].answer))


def test_answering_a_question_by_tapping_the_map(tablet: Page, app_url: str, dataset: Dataset) -> None:
    seed = _seed_opening_with_a_map_question(dataset)
    question = quiz_order(dataset, seed)[0]
    open_app(tablet, f"{app_url}/?mode=quiz&audience=educator&seed={seed}")
    expect(tablet.get_by_text(question.prompt, exact=True)).to_be_visible()
    for zone_id in sorted(question.answer):
        zone = tap_zone(tablet, zone_id)
        expect(zone).to_have_attribute("aria-pressed", "true", timeout=10_000)
    tablet.get_by_role("button", name="Check the answer").tap()
    expect(tablet.get_by_text("Correct.", exact=True)).to_be_visible(timeout=10_000)
    assert question.muscle_id  # the feedback draws the muscle's pattern on the map
    drawn = tablet.locator("[data-zone].is-essential")
    expect(drawn.first).to_be_visible()
    assert {zone.get_attribute("data-zone") for zone in drawn.all()} == set(question.answer)
    wait_for_app(tablet)  # the URL is written as the run ends
    assert "muscle=" not in tablet.url, "the answer must not leak into a link students can see"
    assert f"seed={seed}" in tablet.url


def test_share_shows_the_link_and_a_qr_code(tablet: Page, app_url: str) -> None:
    open_app(tablet, f"{app_url}/?region=neck&audience=therapist")
    tablet.get_by_role("button", name="Share or print").tap()
    expect(tablet.get_by_text(re.compile(r"/\?region=neck&audience=patient$"))).to_be_visible()
    qr = tablet.locator("[data-testid='stPopoverBody'] img").first
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box and box["width"] >= 200
    expect(tablet.get_by_role("button", name="Download the patient handout (PDF)")).to_be_visible()


def test_a_therapists_share_link_opens_the_same_lookup_for_the_patient(tablet: Page, app_url: str) -> None:
    """The code a therapist shows keeps the mode and the areas on their sides, in the patient's words."""
    open_app(tablet, f"{app_url}/?mode=where&zones=achilles_lower:left,sacrum&audience=therapist")
    tablet.get_by_role("button", name="Share or print").tap()
    link = tablet.locator("[data-testid='stPopoverBody'] code")
    expect(link).to_have_text(re.compile(r"/\?audience=patient&mode=where&zones=achilles_lower:left,sacrum$"))
    tablet.get_by_role("radio", name="This view").tap()
    expect(link).to_have_text(re.compile(r"/\?audience=therapist&mode=where&zones=achilles_lower:left,sacrum$"))


def test_an_educators_share_link_opens_the_educators_view_for_the_class(tablet: Page, app_url: str) -> None:
    open_app(tablet, f"{app_url}/?region=elbow&mode=matrix&audience=educator")
    tablet.get_by_role("button", name="Share or print").tap()
    link = tablet.locator("[data-testid='stPopoverBody'] code")
    expect(link).to_have_text(re.compile(r"/\?region=elbow&audience=educator&mode=matrix$"))


def test_the_browser_s_print_gives_the_details_alone_on_whole_pages(tablet: Page, app_url: str) -> None:
    """Print from the browser: the page's text in one column, no map or controls, no page left blank or cut short."""
    pypdf = dev_package("pypdf")
    open_app(tablet, f"{app_url}/?region=low_back&audience=therapist")
    tablet.emulate_media(media="print")
    assert (
        tablet.evaluate(
            "() => getComputedStyle(document.querySelector('[data-testid=stColumn]:has(.st-key-map_column)')).display"
        )
        == "none"
    )
    reader = pypdf.PdfReader(io.BytesIO(tablet.pdf(format="A4")))
    texts = [page.extract_text() for page in reader.pages]
    assert 1 <= len(texts) <= 3 and all(len(text) > 300 for text in texts), [len(text) for text in texts]
    printed = " ".join(texts)
    assert "Low back" in printed and "Talking points" in printed and "Who is this for?" not in printed
    tablet.emulate_media(media="screen")


def test_where_it_hurts_prints_its_answer_as_a_handout(tablet: Page, app_url: str) -> None:
    """Tap two areas on their sides, then Share or print: the handout downloaded is the answer, areas and sides kept."""
    open_app(tablet, f"{app_url}/?mode=where&audience=therapist")
    for zone_id, side in (("temple", "right"), ("lateral_epicondyle", "left")):
        expect(tap_zone(tablet, zone_id, side)).to_have_attribute("aria-pressed", "true", timeout=10_000)
    wait_for_app(tablet)
    tablet.get_by_role("button", name="Share or print").tap()
    with tablet.expect_download() as download:
        tablet.get_by_role("button", name="Download the patient handout (PDF)").tap()
    assert download.value.suggested_filename == "bodymap-where-it-hurts.pdf"
    reader = dev_package("pypdf").PdfReader(io.BytesIO(download.value.path().read_bytes()))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "You chose: Temple (your right), Outer elbow (lateral epicondyle) (your left)." in text
    assert "Muscles worth checking, most likely first" in text and "Muscles that can send pain here" in text


def test_a_ten_question_elbow_class_gets_the_same_questions_in_two_browsers_through_its_qr_code(
    tablet: Page, browser: Browser, app_url: str, dataset: Dataset
) -> None:
    """The educator's class QR code holds the code, the region and the length; a student who scans it is asked the
    same first question of the same ten as the educator's screen, in another browser."""
    open_app(tablet, f"{app_url}/?mode=quiz&audience=educator&seed=42&quiz_region=elbow&n=10")
    first = quiz_order(dataset, 42, ["elbow"], 10)[0]
    expect(tablet.get_by_text(first.prompt, exact=True)).to_be_visible()
    expect(tablet.get_by_text(re.compile(r"^Question 1 of 10 "))).to_be_visible()
    tablet.get_by_role("button", name="Show the class QR code").tap()
    qr = tablet.locator("[data-testid='stPopoverBody'] img").first
    expect(qr).to_be_visible()
    tablet.wait_for_timeout(500)  # the popover's opening animation
    image = dev_package("PIL.Image").open(io.BytesIO(qr.screenshot())).convert("L")
    (found,) = dev_package("zxingcpp").read_barcodes(image)
    assert found.text.endswith("/?audience=educator&mode=quiz&seed=42&quiz_region=elbow&n=10")
    student = touch_page(browser, PHONE)
    try:
        open_app(student, found.text.replace(found.text.split("/?")[0], app_url))  # the tablet's address, here
        expect(student.get_by_text(first.prompt, exact=True)).to_be_visible()
        expect(student.get_by_text(re.compile(r"^Question 1 of 10 "))).to_be_visible()
    finally:
        student.context.close()


def test_the_map_is_inert_and_says_so_while_a_question_is_answered_beside_it(
    tablet: Page, app_url: str, dataset: Dataset
) -> None:
    seed = next(seed for seed in range(100) if not quiz_order(dataset, seed)[0].on_map)
    open_app(tablet, f"{app_url}/?mode=quiz&audience=educator&seed={seed}")
    expect(tablet.get_by_text(INERT_CAPTION, exact=True)).to_be_visible()
    figure = tablet.locator(".bodymap-wrap").first
    assert figure.locator("[role=button], [tabindex='0']").count() == 0  # nothing to tap, no Tab stop
    region = tablet.locator("[data-region='shoulder'] .zone").first
    region.tap(force=True)
    tablet.wait_for_timeout(800)
    assert tablet.locator("[data-region].is-selected, [aria-pressed='true']").count() == 0
    assert "region=" not in tablet.url


def test_a_wrong_muscle_is_drawn_beside_the_right_one(tablet: Page, app_url: str, dataset: Dataset) -> None:
    seed = next(s for s in range(200) if quiz_order(dataset, s)[0].kind == "muscle_for_zone")
    question = quiz_order(dataset, seed)[0]
    wrong = next(option for option in question.options if option.id not in question.answer)
    open_app(tablet, f"{app_url}/?mode=quiz&audience=educator&seed={seed}")
    tablet.get_by_text(wrong.text, exact=True).tap()
    wait_for_app(tablet)
    tablet.get_by_role("button", name="Check the answer").tap()
    expect(tablet.get_by_text("Not quite.", exact=True)).to_be_visible(timeout=10_000)
    expect(tablet.locator(".bodymap-compare-legend")).to_have_text(dataset.muscles[wrong.id].name)
    essential = {r.zone_id for r in dataset.referrals if r.muscle_id == wrong.id and r.kind == "essential"}
    outlined = tablet.locator("[data-zone].is-compare-1").evaluate_all("(zones) => zones.map((z) => z.dataset.zone)")
    assert set(outlined) == essential
    assert tablet.locator("[data-zone].is-essential").count() > 0  # the right answer's pattern, solid
