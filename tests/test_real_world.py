"""Real office suite and real browser: LibreOffice opens every form; Chromium runs the portal."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import CHROMIUM_ARGS, chromium, serve

pytestmark = pytest.mark.slow


def libreoffice() -> str:
    for name in ("libreoffice", "soffice"):
        if found := shutil.which(name):
            return found
    pytest.fail("LibreOffice is not installed (.ci/setup installs libreoffice-writer-nogui)")


def test_every_form_converts_with_chinese_rendered(built_project: Path, tmp_path: Path) -> None:
    forms = sorted((built_project / "output" / "forms").rglob("*.docx"))
    assert len(forms) >= 28
    staging = tmp_path / "in"
    staging.mkdir()
    for form in forms:  # one folder, unique names: one LibreOffice run converts them all
        shutil.copy(form, staging / f"{form.parent.name}__{form.name}")
    out = tmp_path / "pdf"
    subprocess.run(
        [
            libreoffice(),
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, sorted(staging.iterdir())),
        ],
        check=True,
        capture_output=True,
        timeout=900,
    )
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == len(forms)
    for pdf in pdfs:
        fonts = subprocess.run(
            ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        # The Noto CJK collection names every face by its shared CFF table; the Simplified
        # Chinese face is selected through w:eastAsia and w:lang (checked in the tests of
        # test_outputs and by rendering); what must never appear is a non-CJK fallback.
        assert re.search(r"Noto(Serif|Sans)CJK", fonts), (pdf.name, fonts)
        assert "Droid" not in fonts and "WenQuanYi" not in fonts
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "申请单位基本情况" in text and "信用承诺" in text, pdf.name
        assert "Applicant" in text


@pytest.fixture(scope="module")
def portal_server(built_project: Path) -> Iterator[str]:
    with serve(built_project / "output") as base:
        yield f"{base}index.html"


def test_portal_in_a_real_browser(portal_server: str) -> None:
    """Offline and clean: no console errors, no request leaves the site, every link opens.
    What the portal does for people is tested in test_portal_browser.py."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(portal_server)
        assert page.locator("html").get_attribute("lang") == "zh-Hans"
        page.click("#lang-en")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("#lang-en").get_attribute("aria-pressed") == "true"
        hrefs = page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
        assert len(hrefs) > 40
        for href in sorted(set(hrefs)):
            response = page.request.get(href.split("#")[0])
            assert response.status == 200, href
        browser.close()
    assert errors == []
    assert all(url.startswith(portal_server.rsplit("/", 1)[0]) for url in requests), requests


PAGE_IMAGE_FORMS = ("ic-measures/1", "biomed-plan/box4.2", "ai-measures/7")
"""Two tier lists, per-unit amounts, four options: the forms whose layout is most at risk."""
SECTION_HEADINGS = (
    "申报措施",
    "一、申请单位基本情况",
    "二、申请事项",
    "三、附件清单",
    "四、信用承诺",
    "五、审核意见",
)


def test_forms_on_paper(built_project: Path, tmp_path: Path) -> None:
    """LibreOffice's PDF of three forms: no heading left at a page foot, nothing of a
    drop-down on paper, Yes and No boxes; page images kept in output/screenshots."""
    staging = tmp_path / "in"
    staging.mkdir()
    for form in PAGE_IMAGE_FORMS:
        policy, clause = form.split("/")
        shutil.copy(
            built_project / "output" / "forms" / policy / f"{clause}.docx",
            staging / f"{policy}__{clause}.docx",
        )
    out = tmp_path / "pdf"
    subprocess.run(
        [
            libreoffice(),
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, sorted(staging.iterdir())),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    screenshots = Path(__file__).parent.parent / "output" / "screenshots"
    screenshots.mkdir(parents=True, exist_ok=True)
    for pdf in sorted(out.glob("*.pdf")):
        pages = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split("\f")
        text = "\n".join(pages)
        assert "请选择" not in text and "Please choose" not in text, pdf.name
        assert "是 Yes" in text and "否 No" in text, pdf.name
        for number, page in enumerate(pages, start=1):
            lines = [
                line.strip()
                for line in page.splitlines()
                if line.strip() and "表单编号" not in line and "Form PD-" not in line
            ]
            for heading in SECTION_HEADINGS:
                assert not any(line.startswith(heading) for line in lines[-3:]), (
                    f"{pdf.name} page {number}: {heading} stands at the foot of the page"
                )
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", str(pdf), str(screenshots / pdf.stem)], check=True
        )
