"""Shared fixtures: the shipped dataset, and corruptible copies of it."""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import ParamSpec, TypeVar

import pandas as pd
import pytest

from bodymap.clinic import EMERGENCY_NUMBER_ENV
from bodymap.data import DATA_DIR_ENV, PACKAGED_DATA_DIR, Dataset, load_dataset

EditCsv = Callable[[str, int, str, str], None]
# The five regions the product promised first; every complete region is held to the same bar.
REQUIRED_REGIONS = ("neck", "shoulder", "low_back", "elbow", "foot")
COMPLETE_REGIONS = tuple(region.id for region in load_dataset(PACKAGED_DATA_DIR).regions.values() if region.is_complete)

# Test folders and modules that need a test-only package (requirements-dev.txt) throughout: with only the app's
# requirements and pytest installed, the fast suite still runs and these are left out of collection.
NEEDS_PACKAGE = {"browser": "playwright", "test_links_properties.py": "hypothesis"}
collect_ignore = [path for path, package in NEEDS_PACKAGE.items() if importlib.util.find_spec(package) is None]

P = ParamSpec("P")
T = TypeVar("T")


def built_once(build: Callable[P, T]) -> Callable[P, T]:
    """`build`, cached for the whole test run, except under mutation testing, where every call builds afresh.

    mutmut links a test to the code that ran while that test ran; a result built once, inside whichever test came
    first, would leave the code behind it linked to that one test and its mutants checked by no other
    (docs/mutation.md, "a trap found on the way"). mutmut names its mutant in MUTANT_UNDER_TEST.
    """
    cached = functools.cache(build)

    @functools.wraps(build)
    def shared(*args: P.args, **kwargs: P.kwargs) -> T:
        return build(*args, **kwargs) if os.environ.get("MUTANT_UNDER_TEST") else cached(*args, **kwargs)

    return shared


def dev_package(name: str) -> ModuleType:
    """Import a package only the tests use (requirements-dev.txt), or skip the test that needs it, saying how to get it.

    The fast suite must run with the app's requirements plus pytest; the tests that read a PDF, draw a QR code or
    score readability then skip instead of failing at collection.
    """
    return pytest.importorskip(name, reason=f"{name} is a test-only package: run scripts/install dev")


@pytest.fixture(autouse=True)
def _shipped_dataset_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clinic's BODYMAP_DATA_DIR or emergency number in the developer's shell must not change what the tests see."""
    monkeypatch.delenv(DATA_DIR_ENV, raising=False)
    monkeypatch.delenv(EMERGENCY_NUMBER_ENV, raising=False)


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load_dataset(PACKAGED_DATA_DIR)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped dataset, to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(PACKAGED_DATA_DIR, target)
    return target


def read_table(folder: Path, file: str) -> pd.DataFrame:
    return pd.read_csv(folder / file, dtype=str, keep_default_na=False)


def write_table(folder: Path, file: str, frame: pd.DataFrame) -> None:
    frame.to_csv(folder / file, index=False)


@pytest.fixture
def edit_cell(data_copy: Path) -> EditCsv:
    """Set one cell of the copy: ``edit_cell("zones.csv", spreadsheet_row, column, value)``."""

    def edit(file: str, row: int, column: str, value: str) -> None:
        frame = read_table(data_copy, file)
        frame.loc[row - 2, column] = value  # spreadsheet row 2 is the first data row
        write_table(data_copy, file, frame)

    return edit
