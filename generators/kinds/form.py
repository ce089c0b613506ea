"""Fillable bilingual application form (DOCX), one per money-bearing measure."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from generators.deps import Deps
from generators.kinds.contract import OutputFiles, OutputKind, Planned
from generators.model import Corpus
from generators.project import LANGS
from generators.views import FormView, form_view


class Form(OutputKind[FormView]):
    name = "form"
    templates = ("shared/money.j2", "summaries/parts.j2")
    """Incentives and where to apply worded as every output words them; the rest of the
    form's wording is declared in generators/forms/ with N_() and found through the
    renderer's imports."""
    weight = 2.0

    def plan(self, corpus: Corpus, outputs: OutputFiles) -> Iterator[Planned[FormView]]:
        for policy in corpus.policies:
            for clause in policy.clauses:
                if clause.money_bearing:
                    deps = Deps()
                    view = form_view(corpus, policy, clause, deps)
                    yield Planned(view.path, view, deps, LANGS)

    def render(self, view: FormView, root: Path) -> bytes:
        from generators.render.form import render  # python-docx: in render processes only

        return render(view, root)


KIND = Form()
