"""The portal's finder timed in a real browser: the built index.html opened from file://
in headless Chromium, the queries people type run through the search box, and the time
each search takes as the page itself measures it (window.portalFinderMs)."""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path

QUERIES = (
    "AI",
    "半导体",
    "第6条",
    "Clause 6",
    "500万",
    "5 million",
    "流片",
    "talent introduction",
    "人工智能补助",
    "",
)
ROUNDS = 3


def measure_portal(output: Path, name: str) -> list[list[str]]:
    """Benchmark rows for the portal of a built output/ folder."""
    page_size = (output / "index.html").stat().st_size
    browser_path = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        browser_path = None
    if browser_path is None:
        return [[name, "portal finder", "", "not measured: Chromium or Playwright missing", ""]]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=browser_path, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")
        started = time.perf_counter()
        page.goto((output / "index.html").resolve().as_uri())
        page.wait_for_function("document.body.classList.contains('ready')")
        ready = time.perf_counter() - started
        measures = page.locator("#results li.measure").count()
        timings: list[float] = []
        for _ in range(ROUNDS):
            for query in QUERIES:
                page.fill("#q", query)
                page.keyboard.press("Enter")
                timings.append(float(page.evaluate("window.portalFinderMs")))
        browser.close()
    return [
        [
            name,
            "portal: open index.html (phone viewport)",
            f"{ready:.2f}",
            f"{measures} measures, {page_size / 1e6:.2f} MB page",
            "file://, headless Chromium, until the finder is ready",
        ],
        [
            name,
            "portal: one search",
            f"{statistics.median(timings) / 1000:.3f}",
            f"max {max(timings):.0f} ms",
            f"median of {len(timings)} searches ({len(QUERIES)} queries x {ROUNDS})",
        ],
    ]
