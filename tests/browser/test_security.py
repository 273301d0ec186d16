"""Nothing shown that should not be: dataset and URL text is shown as text, nothing executes, nothing leaves localhost.

A clinic may run bodymap on its own copy of the dataset (``BODYMAP_DATA_DIR``), and a link may come from anywhere, so
both are untrusted. A copy of the dataset is seeded with HTML, script, link, image and LaTeX payloads in the text cells
each view shows; the app runs on it and every view is checked in the browser: no dialog, no console error, no
element or attribute that the payload could have created, no request to another host, and the payload as literal text.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import pandas as pd
import pytest
from playwright.sync_api import Browser, ConsoleMessage, Dialog, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from bodymap.data import PACKAGED_DATA_DIR, load_dataset
from bodymap.links import _normalise
from tests.browser.harness import (
    ROOT,
    TABLET_LANDSCAPE,
    open_app,
    open_chair_step,
    running_app,
    tap_zone,
    touch_page,
    wait_for_app,
)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = "[open me](javascript:alert(1))"
JS_URL = "javascript:alert(1)"
MD_IMAGE = "![x](http://example.invalid/x.png)"
LATEX = "$\\alert$"
PAYLOADS = (SCRIPT, IMG, JS_LINK, JS_URL, MD_IMAGE, LATEX)


@dataclass(frozen=True)
class Seed:
    """One text cell of the dataset copy replaced by a payload-carrying value."""

    file: str
    row_id: str
    column: str
    value: str
    id_column: str = "id"


_SHIPPED = load_dataset(PACKAGED_DATA_DIR)
NECK_SOURCE = _SHIPPED.regions["neck"].source_ids[0]  # cited first on the neck page, so listed first in its sources
SUPINATOR_POINT = next(point.id for point in _SHIPPED.trigger_points if point.muscle_id == "supinator")
SEEDS = (
    Seed("regions.csv", "neck", "name", f"Neck {SCRIPT}"),
    Seed("regions.csv", "neck", "plain_summary", f"Plain neck summary {MD_IMAGE}"),
    Seed("regions.csv", "neck", "clinical_summary", f"Clinical neck summary {IMG}"),
    Seed("regions.csv", "low_back", "name", f"Low back {MD_IMAGE}"),
    Seed("muscles.csv", "upper_trapezius", "name", f"Upper trapezius {IMG}"),
    Seed("muscles.csv", "upper_trapezius", "plain_name", f"Top of the shoulder {MD_IMAGE}"),
    Seed("muscles.csv", "upper_trapezius", "plain_description", f"Trapezius plain {JS_LINK}"),
    Seed("muscles.csv", "supinator", "name", f"Supinator {MD_IMAGE}"),
    Seed("muscles.csv", "supinator", "plain_name", f"Forearm turner {LATEX}"),
    Seed("muscles.csv", "supinator", "plain_description", f"Supinator plain {SCRIPT}"),
    Seed("trigger_points.csv", SUPINATOR_POINT, "label", f"Supinator point {IMG}"),
    Seed("conditions.csv", "nonspecific_neck_pain", "plain_name", f"Neck pain {LATEX}"),
    Seed("conditions.csv", "nonspecific_neck_pain", "name", f"Mechanical neck pain {SCRIPT}"),
    Seed("conditions.csv", "nonspecific_neck_pain", "plain_summary", f"Condition plain {JS_LINK}"),
    Seed("conditions.csv", "nonspecific_neck_pain", "evidence_plain", f"Evidence plain {IMG}"),
    Seed("conditions.csv", "nonspecific_neck_pain", "clinical_summary", f"Condition clinical {MD_IMAGE}"),
    Seed("red_flags.csv", "rf_general_serious_pathology", "name", f"Serious disease {IMG}"),
    Seed("red_flags.csv", "rf_general_serious_pathology", "plain_name", f"Fever and weight loss {JS_LINK}"),
    Seed("claims.csv", "claim_neck_pain", "claim", f"Needling fixes necks {SCRIPT}"),
    Seed("claims.csv", "claim_neck_pain", "plain_text", f"Claim verdict {IMG} {MD_IMAGE}"),
    Seed("red_flags.csv", "rf_general_serious_pathology", "plain_text", f"Flag plain {SCRIPT}"),
    Seed("red_flags.csv", "rf_general_serious_pathology", "clinical_text", f"Flag clinical {MD_IMAGE}"),
    Seed("hazards.csv", "hz_neck_pneumothorax", "name", f"Lung hazard {LATEX}"),
    Seed("talking_points.csv", "tp_neck_1", "text", f"Talking point {IMG} {JS_LINK}"),
    Seed("sources.csv", NECK_SOURCE, "citation", f"Cited work {SCRIPT} {MD_IMAGE}"),
    Seed("sources.csv", NECK_SOURCE, "doi_or_url", JS_URL),
    Seed("zones.csv", "lateral_epicondyle", "name", f"Outer elbow {IMG}"),
    Seed("notices.csv", "disclaimer", "title", f"Guide only {IMG}"),
    Seed("notices.csv", "disclaimer", "plain_text", f"Disclaimer {SCRIPT} {MD_IMAGE}"),
    Seed("notices.csv", "emergency", "title", f"Get help {IMG}"),
    Seed("notices.csv", "where_it_hurts", "plain_text", f"Where notice {LATEX} {JS_LINK}"),
    Seed("red_flags.csv", "rf_neck_arterial", "chair_question", f"Chair question {MD_IMAGE}?"),
    Seed("before_needling.csv", "bn_pregnancy", "question", f"Pregnant {IMG}?"),
    Seed("chair_lines.csv", "cl_feels_prick", "text", f"Feels like {JS_LINK}"),
    Seed("contraindications.csv", "ci_pregnancy", "plain_name", f"Pregnancy plain {SCRIPT}"),
)


def seeded(file: str, row_id: str, column: str) -> str:
    return next(s.value for s in SEEDS if (s.file, s.row_id, s.column) == (file, row_id, column))


@dataclass(frozen=True)
class View:
    """A page to open on the seeded dataset, and the seeded texts it must show literally."""

    name: str
    query: str
    shows: tuple[str, ...]
    then: Callable[[Page], None] | None = None


def _open_emergency(page: Page) -> None:
    page.get_by_role("button", name=seeded("notices.csv", "emergency", "title")).click()
    expect(page.get_by_text("Call emergency services now").first).to_be_visible()


def _open_sources(page: Page) -> None:
    page.get_by_text(re.compile(r"^Sources \(\d+\)$")).click()
    expect(page.get_by_text(seeded("sources.csv", NECK_SOURCE, "citation"), exact=False)).to_be_visible()


def _open_folds(*labels: str) -> Callable[[Page], None]:
    """Open the details panel's folded sections with these titles (drawn in the browser: no run on the server)."""

    def open_them(page: Page) -> None:
        for label in labels:
            fold = page.locator("details.fold", has=page.locator("summary", has_text=label)).first
            fold.locator("summary").first.tap()
            expect(fold).to_have_attribute("open", "")

    return open_them


def _chair_step(step: str) -> Callable[[Page], None]:
    """Open one step of the therapist's chair script (the steps are drawn one at a time)."""

    def open_it(page: Page) -> None:
        open_chair_step(page, step)

    return open_it


def _in_turn(*steps: Callable[[Page], None]) -> Callable[[Page], None]:
    def run(page: Page) -> None:
        for step in steps:
            step(page)

    return run


def _open_about_and_sources(page: Page) -> None:
    """The bar shows the disclaimer's title; its full text is in the "About" popover, left open for the check."""
    _open_sources(page)
    page.get_by_role("button", name="About", exact=True).click()
    expect(page.get_by_text(seeded("notices.csv", "disclaimer", "plain_text"), exact=False)).to_be_visible()


VIEWS = (
    View(
        "patient",
        "?region=neck&audience=patient",
        (
            seeded("regions.csv", "neck", "name"),
            seeded("regions.csv", "neck", "plain_summary"),
            seeded("regions.csv", "low_back", "name"),
            seeded("conditions.csv", "nonspecific_neck_pain", "plain_name"),
            seeded("conditions.csv", "nonspecific_neck_pain", "plain_summary"),
            seeded("conditions.csv", "nonspecific_neck_pain", "evidence_plain"),
            seeded("red_flags.csv", "rf_general_serious_pathology", "plain_name"),
            seeded("red_flags.csv", "rf_general_serious_pathology", "plain_text"),
            seeded("claims.csv", "claim_neck_pain", "claim"),
            seeded("claims.csv", "claim_neck_pain", "plain_text"),
            seeded("muscles.csv", "upper_trapezius", "name"),
            seeded("muscles.csv", "upper_trapezius", "plain_name"),
            seeded("muscles.csv", "upper_trapezius", "plain_description"),
            seeded("notices.csv", "disclaimer", "title"),
            seeded("notices.csv", "disclaimer", "plain_text"),
            seeded("notices.csv", "emergency", "title"),
            seeded("sources.csv", NECK_SOURCE, "citation"),
            seeded("contraindications.csv", "ci_pregnancy", "plain_name"),
            JS_URL,
        ),
        _in_turn(
            _open_folds("What the studies found", "Muscles that may send pain here", "Needling may not suit you"),
            _open_folds("Read each sign in full", "What you may have read"),
            _open_about_and_sources,
        ),
    ),
    View(
        "therapist",
        "?region=neck&audience=therapist",
        (
            seeded("regions.csv", "neck", "name"),
            seeded("talking_points.csv", "tp_neck_1", "text"),
            seeded("hazards.csv", "hz_neck_pneumothorax", "name"),
            seeded("muscles.csv", "upper_trapezius", "name"),
            seeded("conditions.csv", "nonspecific_neck_pain", "name"),
            seeded("chair_lines.csv", "cl_feels_prick", "text"),
        ),
        _in_turn(
            _open_folds("Conditions and the evidence", "Muscles that may refer here", "Hazards in this region"),
            _open_emergency,
        ),
    ),
    View(
        "therapist-ask-first",
        "?region=neck&audience=therapist",
        (seeded("before_needling.csv", "bn_pregnancy", "question"),),
        _chair_step("Ask first"),
    ),
    View(
        "therapist-red-flags",
        "?region=neck&audience=therapist",
        (seeded("red_flags.csv", "rf_neck_arterial", "chair_question"),),
        _chair_step("Red flags"),
    ),
    View(
        "educator",
        "?region=neck&audience=educator",
        (
            seeded("regions.csv", "neck", "name"),
            seeded("regions.csv", "neck", "clinical_summary"),
            seeded("conditions.csv", "nonspecific_neck_pain", "clinical_summary"),
            seeded("red_flags.csv", "rf_general_serious_pathology", "name"),
            seeded("red_flags.csv", "rf_general_serious_pathology", "clinical_text"),
            seeded("sources.csv", NECK_SOURCE, "citation"),
            JS_URL,
        ),
    ),
    View(
        "elbow-educator",
        "?region=elbow&audience=educator",
        (seeded("muscles.csv", "supinator", "name"), seeded("regions.csv", "low_back", "name")),
    ),
    View(
        "pattern",
        "?muscle=supinator",
        (
            seeded("muscles.csv", "supinator", "name"),
            seeded("muscles.csv", "supinator", "plain_name"),
            seeded("muscles.csv", "supinator", "plain_description"),
            seeded("trigger_points.csv", SUPINATOR_POINT, "label"),
        ),
    ),
    View(
        "where",
        "?mode=where&zones=lateral_epicondyle",
        (
            seeded("zones.csv", "lateral_epicondyle", "name"),
            seeded("notices.csv", "where_it_hurts", "plain_text"),
            seeded("red_flags.csv", "rf_general_serious_pathology", "plain_name"),
        ),
    ),
    View(
        "claims",
        "?mode=claims",
        (seeded("claims.csv", "claim_neck_pain", "claim"), seeded("claims.csv", "claim_neck_pain", "plain_text")),
    ),
    View(
        "matrix",
        "?mode=matrix&region=neck&audience=educator",
        (seeded("regions.csv", "neck", "name"), seeded("muscles.csv", "upper_trapezius", "name")),
    ),
)

# Every text node in the page, shadow roots included, joined in document order; scripts and styles left out. A payload
# that became markup would lose its tags here, so finding it whole proves it was shown as text.
PAGE_TEXT = """() => {
  const parts = [];
  const visit = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let node = walker.currentNode; node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement ? node.parentElement.tagName.toLowerCase() : "";
        if (parent !== "script" && parent !== "style") parts.push(node.data);
      } else if (node.shadowRoot) {
        visit(node.shadowRoot);
      }
    }
  };
  visit(document.body);
  return parts.join("").replace(/\\s+/g, " ");
}"""

# What a payload could have created, searching shadow roots too. "runs": inline event handlers, javascript: URLs and
# scripts calling alert. "loads": elements that fetch by themselves (img, iframe, ...) pointing at a payload's address.
# A link is followed only when clicked, so a web address in a link is allowed (markdown turns a bare address into one).
INJECTED = """() => {
  const found = { runs: [], loads: [] };
  const urlAttributes = ["src", "href", "xlink:href", "srcset", "action", "formaction", "data", "poster"];
  const visit = (root) => {
    for (const el of root.querySelectorAll("*")) {
      const tag = el.tagName.toLowerCase();
      for (const name of el.getAttributeNames()) {
        const value = el.getAttribute(name) || "";
        const shown = `<${tag} ${name}="${value}">`;
        if (name.toLowerCase().startsWith("on")) found.runs.push(shown);
        if (!urlAttributes.includes(name.toLowerCase())) continue;
        if (/^\\s*javascript:/i.test(value)) found.runs.push(shown);
        const loads = tag !== "a" && tag !== "area";
        if (loads && (value.includes("example.invalid") || value.trim() === "x")) found.loads.push(shown);
      }
      if (tag === "script" && el.textContent.includes("alert(")) found.runs.push(`<script>${el.textContent}</script>`);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  return found;
}"""


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname == "127.0.0.1"


@dataclass
class Watch:
    """What a page did that it should not: dialogs, console errors, uncaught errors, requests to other hosts."""

    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("dialog", self._dialog)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("request", lambda request: self.requests.append(request.url))

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _console(self, message: ConsoleMessage) -> None:
        # A resource that failed to load from another host is reported by assert_nothing_loaded, with its address.
        if message.type == "error" and _is_local(message.location.get("url", "") or "http://127.0.0.1"):
            self.console_errors.append(message.text)

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if not _is_local(url)]

    def assert_nothing_ran(self) -> None:
        assert self.dialogs == [], f"a dialog opened: {self.dialogs}"
        assert self.page_errors == [], f"uncaught errors: {self.page_errors}"
        assert self.console_errors == [], f"console errors: {self.console_errors}"

    def assert_nothing_loaded(self) -> None:
        assert self.foreign_requests() == [], f"requests left 127.0.0.1: {self.foreign_requests()}"


@dataclass(frozen=True)
class Visit:
    """What one view of the seeded app showed and did."""

    shown: str
    runs: list[str]
    loads: list[str]
    watch: Watch

    def missing(self, texts: tuple[str, ...]) -> list[str]:
        return [text for text in texts if text not in self.shown]


def _wait_for_texts(page: Page, texts: tuple[str, ...]) -> None:
    """Wait (up to 10 s) until the page shows every seeded text, before it is read.

    The app marks its run over before the browser has drawn the last elements the run sent (the chair step's tick
    rows come after its heading): three times in ten browser runs the page was read in between. A text that never
    shows is still reported by the test that reads the visit.
    """
    shows_all = f"(texts) => {{ const shown = ({PAGE_TEXT})(); return texts.every((text) => shown.includes(text)); }}"
    with suppress(PlaywrightTimeoutError):
        page.wait_for_function(shows_all, arg=list(texts), timeout=10_000)


def visit(page: Page, watch: Watch) -> Visit:
    found = page.evaluate(INJECTED)
    return Visit(page.evaluate(PAGE_TEXT), found["runs"], found["loads"], watch)


def watched_page(browser: Browser) -> tuple[Page, Watch]:
    page = touch_page(browser, TABLET_LANDSCAPE)
    watch = Watch()
    watch.attach(page)
    return page, watch


@pytest.fixture(scope="module")
def seeded_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app running on a copy of the dataset whose text cells carry payloads."""
    folder = tmp_path_factory.mktemp("seeded") / "data"
    shutil.copytree(PACKAGED_DATA_DIR, folder)
    for file in {seed.file for seed in SEEDS}:
        frame = pd.read_csv(folder / file, dtype=str, keep_default_na=False)
        for seed in (s for s in SEEDS if s.file == file):
            rows = frame[seed.id_column] == seed.row_id
            assert rows.sum() == 1, f"{file}: no single row {seed.row_id}"
            frame.loc[rows, seed.column] = seed.value
        frame.to_csv(folder / file, index=False)
    load_dataset(folder)  # the seeded copy must still be a valid dataset, or the app would only show its error
    with running_app(env={"BODYMAP_DATA_DIR": str(folder)}) as url:
        yield url


@pytest.fixture(scope="module")
def seeded_visits(browser: Browser, seeded_app: str) -> dict[str, Visit]:
    """Every view of the seeded app, opened once: two tests read each visit."""
    visits = {}
    for view in VIEWS:
        page, watch = watched_page(browser)
        open_app(page, f"{seeded_app}/{view.query}")
        if view.then:
            view.then(page)
            wait_for_app(page)
        _wait_for_texts(page, view.shows)
        visits[view.name] = visit(page, watch)
        page.context.close()
    return visits


@pytest.mark.parametrize("view", VIEWS, ids=[view.name for view in VIEWS])
def test_dataset_text_never_runs(seeded_visits: dict[str, Visit], view: View) -> None:
    shown = seeded_visits[view.name]
    assert shown.runs == [], shown.runs
    shown.watch.assert_nothing_ran()


@pytest.mark.parametrize("view", VIEWS, ids=[view.name for view in VIEWS])
def test_dataset_text_shows_literally_and_loads_nothing(seeded_visits: dict[str, Visit], view: View) -> None:
    shown = seeded_visits[view.name]
    assert shown.missing(view.shows) == [], "not shown as literal text"
    assert shown.loads == [], shown.loads
    shown.watch.assert_nothing_loaded()


def test_tapping_a_seeded_region_and_zone_stays_inert(browser: Browser, seeded_app: str) -> None:
    """The map writes dataset names into the SVG (name tag, aria-labels) on every tap: only ever as text."""
    page, watch = watched_page(browser)
    neck, elbow_zone = seeded("regions.csv", "neck", "name"), seeded("zones.csv", "lateral_epicondyle", "name")
    open_app(page, seeded_app)
    page.locator("[data-region='neck'] .zone").first.tap()
    expect(page.get_by_role("heading", level=2, name=neck)).to_be_visible()
    expect(page.locator(".selection-label text").first).to_have_text(neck)
    expect(page.locator("[data-region='neck']").first).to_have_attribute("aria-label", neck)
    open_app(page, f"{seeded_app}/?mode=where")
    elbow = tap_zone(page, "lateral_epicondyle")  # waits for the server's answer: pressed alone shows at once
    expect(elbow).to_have_attribute("aria-pressed", "true")
    side = elbow.get_attribute("data-side")  # a zone is named with its side: "Outer elbow, your left"
    expect(elbow).to_have_attribute("aria-label", f"{elbow_zone}, your {side}")
    wait_for_app(page)
    shown = visit(page, watch)
    assert shown.missing((elbow_zone,)) == []
    assert shown.runs == [], shown.runs
    watch.assert_nothing_ran()
    page.context.close()


URL_PARAMETERS = ("region", "audience", "mode", "muscle", "zones")


@pytest.mark.parametrize("payload", PAYLOADS, ids=["script", "img", "js-link", "js-url", "md-image", "latex"])
def test_payloads_in_every_query_parameter_are_quoted_as_text(browser: Browser, app_url: str, payload: str) -> None:
    page, watch = watched_page(browser)
    query = "&".join(f"{name}={quote(payload, safe='')}" for name in URL_PARAMETERS)
    open_app(page, f"{app_url}/?{query}")
    expect(page.get_by_role("heading", name="Start here")).to_be_visible()
    shown = visit(page, watch)
    # Each notice quotes the value as given; the zones notice quotes the ids as normalised (spaces become "_").
    assert shown.missing((f"“{payload}”", _normalise(payload))) == []
    assert shown.runs == [] and shown.loads == [], (shown.runs, shown.loads)
    watch.assert_nothing_ran()
    watch.assert_nothing_loaded()
    page.context.close()


def test_the_shipped_app_talks_only_to_its_own_server(browser: Browser, app_url: str) -> None:
    """On load and through a few taps (a region, an audience, a pattern, the lookup) nothing goes to another host."""
    page, watch = watched_page(browser)
    open_app(page, app_url)
    page.locator("[data-region='neck'] .zone").first.tap()
    expect(page.get_by_role("heading", level=2, name="Neck", exact=True)).to_be_visible()
    page.get_by_text("Educator", exact=True).first.tap()
    expect(page.get_by_role("heading", name="Caveats for teaching")).to_be_visible(timeout=10_000)
    page.locator("button.action", has_text="Show on the map").first.tap()
    expect(page.get_by_role("button", name="Close the pattern")).to_be_visible(timeout=10_000)
    open_app(page, f"{app_url}/?mode=where")
    page.locator("[data-zone='lateral_epicondyle']").first.tap()
    expect(page.locator("[class*='st-key-match_']").first).to_be_visible(timeout=10_000)
    assert any(_is_local(url) for url in watch.requests)
    watch.assert_nothing_ran()
    watch.assert_nothing_loaded()
    page.context.close()


def test_the_page_stores_nothing_about_its_user(browser: Browser, app_url: str) -> None:
    """No cookie but Streamlit's XSRF token, and nothing in browser storage that names what the person looked at."""
    page, _ = watched_page(browser)
    open_app(page, f"{app_url}/?region=elbow&audience=therapist&mode=where&zones=lateral_epicondyle")
    page.locator("[data-zone='back_of_hand_lower_thumb_side']").first.tap()
    wait_for_app(page)
    # Streamlit's XSRF token is a random value that protects its uploads, about no one.
    assert [cookie["name"] for cookie in page.context.cookies()] in ([], ["_streamlit_xsrf"])
    stored = page.evaluate("() => JSON.stringify({...localStorage}) + JSON.stringify({...sessionStorage})")
    for looked_at in ("elbow", "lateral_epicondyle", "back_of_hand_lower_thumb_side", "therapist"):
        assert looked_at not in stored
    page.context.close()


def test_usage_statistics_are_off() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False


STATIC_DIR = ROOT / "bodymap" / "ui" / "static"
HTML_SINKS = re.compile(r"\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write|srcdoc)\b|\beval\s*\(|new Function")


@pytest.mark.parametrize("script", sorted(STATIC_DIR.glob("*.js")), ids=lambda path: Path(path).name)
def test_the_map_writes_data_only_as_text(script: Path) -> None:
    """The component may set textContent and attributes, never parse a string as HTML or code."""
    code = re.sub(r"//[^\n]*", "", script.read_text(encoding="utf-8"))  # the comments may name what is avoided
    assert HTML_SINKS.findall(code) == []
