"""What staff and CI run: nox -s build | tests | lint | i18n | bench | pdf_range."""

from __future__ import annotations

import nox

nox.options.sessions = ["lint", "tests"]
nox.options.reuse_existing_virtualenvs = True
PYTHON = "3.11"


@nox.session(python=PYTHON)
def build(session: nox.Session) -> None:
    """Regenerate every outdated output into output/ and print why."""
    session.install("-e", ".")
    session.run("policydocs", "check")
    session.run("policydocs", "build", *session.posargs)


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """The whole test suite, slow real-world checks (LibreOffice, Chromium) included."""
    session.install("-e", ".[test]")
    session.run("pytest", "-n", "2", *session.posargs, env={"PYTHONHASHSEED": "0"})


@nox.session(python=PYTHON)
@nox.parametrize("weasyprint", ["63.0", "70.0"])
def pdf_range(session: nox.Session, weasyprint: str) -> None:
    """Briefs, with a template's own image and font, under the oldest and newest WeasyPrint
    pyproject allows (its URL fetcher interface changed in 70)."""
    session.install("-e", ".[test]", f"weasyprint=={weasyprint}")
    session.run("pytest", "-q", "tests/test_hostile.py", "-k", "local_image or pdf_shows_injected")


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    session.install("-e", ".[lint,test]")
    session.run("ruff", "check", "generators", "tests", "noxfile.py")
    session.run("mypy")


@nox.session(python=PYTHON)
def i18n(session: nox.Session) -> None:
    """Extract template wording, update the catalogs, compile them."""
    session.install("-e", ".")
    session.run("python", "-m", "generators.templating.catalogs")


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Build timings on the seed corpus and a synthetic 309-policy corpus, and the portal's
    finder in headless Chromium (Playwright comes with the test extras)."""
    session.install("-e", ".[test]")
    session.run("python", "-m", "generators.bench", *session.posargs)
