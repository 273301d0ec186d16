"""Browser fixtures: one app server and one Chromium for the whole browser test session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.harness import TABLET_LANDSCAPE, launch_chromium, running_app, touch_page


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    with running_app() as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def tablet(browser: Browser) -> Iterator[Page]:
    """A fresh 1024x768 touch tablet page."""
    page = touch_page(browser, TABLET_LANDSCAPE)
    yield page
    page.context.close()
