"""Session-wide fixtures shared by test_site.py and test_harness_selftest.py:
one headless Chromium and the axe-core source."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import axe_source  # noqa: E402
import sitekit  # noqa: E402


@pytest.fixture(scope="session")
def axe_js() -> str:
    return axe_source.axe_source()


@pytest.fixture(scope="session")
def browser():
    """The one headless Chromium for the whole run (360x640, mobile)."""
    driver = sitekit.make_driver(sitekit.MOBILE_WIDTH, sitekit.MOBILE_HEIGHT)
    try:
        yield driver
    finally:
        driver.quit()


def pytest_terminal_summary(terminalreporter):
    """Prints the figures the suite measured (First Contentful Paint)."""
    import resident  # noqa: PLC0415

    for line in resident.REPORTS:
        terminalreporter.write_line(line)
